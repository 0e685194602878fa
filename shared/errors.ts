/**
 * Error codes that cross the IPC boundary. Every code has a translation under `errors.<code>` in
 * renderer/src/i18n/kk.json and ru.json (a unit test checks this). Add a feature's codes here, in its block.
 */
export const ERROR_CODES = [
  // general
  'validation',
  'internal',
  'not_found',
  'conflict',
  'unknown_method',
  // the core's own process (electron/core/host): it stopped or is restarting; the call did not run or its answer is lost
  'core.unavailable',
  // outside files (every parser runs in a worker with a time limit and a memory ceiling)
  'file.too_complex',
  'file.timeout',
  'file.cancelled',
  // setup / database
  'setup.already_done',
  'setup.not_done',
  'db.newer_version',
  'db.corrupt',
  'db.migration_failed',
  'db.locked',
  // auth
  'auth.wrong_password',
  'auth.throttled',
  'auth.not_logged_in',
  'auth.forbidden',
  'auth.account_disabled',
  'auth.wrong_recovery_key',
  'auth.weak_password',
  'auth.login_taken',
  'auth.last_admin',
  'auth.own_roles',
  'auth.must_change_password',
  'keys.not_holder',
  // documents
  'documents.wrong_p12_password',
  'documents.certificate_expired',
  'documents.unsupported_key_type',
  'documents.bad_p12',
  'documents.no_certificate',
  'documents.certificate_name_mismatch',
  'documents.not_pdf',
  'documents.write_failed',
  'documents.cancelled',
  'documents.render_failed',
  'documents.not_awaiting_signature',
  'documents.not_your_signature',
  // plans
  'plans.locked',
  'plans.import_failed',
  'plans.file_too_large',
  'plans.import_wrong_type',
  'plans.import_old_format',
  'plans.import_no_table',
  'plans.import_no_items',
  'plans.import_has_problems',
  'plans.import_too_large',
  'plans.not_approved',
  'plans.date_outside_quarter',
  'frameworks.import_failed',
  // backup
  'backup.wrong_key',
  'backup.corrupt',
  'backup.truncated',
  'backup.not_a_backup',
  'backup.newer_version',
  'backup.write_failed',
  'backup.disk_full',
  'backup.drive_removed',
  'backup.recovery_key_needed',
  'backup.busy',
  // audit
  'audit.broken',
  // pupils and guardians
  'pupils.archived',
  'pupils.promoted_recently',
  // records retention: purge of an archived pupil
  'retention.not_archived',
  'retention.not_due',
  'retention.purged',
  'guardians.stale',
  // class-list import
  'import.too_many_rows',
  'import.too_large',
  'import.wrong_type',
  'import.old_format',
  'import.broken_file',
  'import.encoding',
  'import.no_header',
  'import.empty',
  'import.changed',
  // prevention council
  'council.number_taken',
  'council.chair_not_member',
  'council.officer_not_eligible',
  'council.no_officers',
  'council.member_is_officer',
  'council.locked',
  'council.no_agenda',
  'council.not_secretary',
  'council.pupil_required',
  'council.not_on_register',
  'council.already_on_register',
  'council.grounds_required',
  'council.plan_item_not_council',
  'council.minutes_not_signed',
  // intra-school register
  'register.already_on',
  'register.not_on',
  'register.changed',
  'register.pupil_archived',
  'register.bad_ground',
  'register.ground_in_use',
  'register.bad_dates',
  // concerns and cases
  'concerns.intake_not_ready',
  'concerns.already_triaged',
  'cases.stale',
  'cases.closed',
  'cases.closure_pending',
  // the bullying flow
  'bullying.not_bullying',
  'bullying.already_started',
  'bullying.no_targeted',
  'bullying.not_started',
  'bullying.step_closed',
  'bullying.date_in_past',
  'bullying.date_in_future',
  'bullying.before_first_talk',
  'bullying.not_cyber',
  'bullying.not_an_image',
  'bullying.file_too_large',
  // screening (ASQ) and safety plans
  'screening.incomplete',
  'screening.in_future',
  'screening.before_screen',
  'screening.not_in_case',
  'screening.no_checklist',
  'screening.checklist_open',
  'screening.checklist_closed',
  'screening.stale',
  'safety_plan.stale',
  'safety_plan.missing',
  'safety_plan.too_long',
  // referrals
  'referrals.changed',
  'referrals.bad_transition',
  'referrals.bad_dates',
  'referrals.not_draft',
  'referrals.no_agency',
  'referrals.not_in_case',
  // case documents
  'caseDocs.pupil_not_in_case',
  'caseDocs.meeting_in_past',
  // pupils
  'pupils.duplicate_iin',
  // the district report and the district view
  'district.no_school_code',
  'district.not_a_report',
  'district.future_version',
  'district.unknown_school',
  'district.bad_signature',
  'district.key_changed',
  'district.duplicate',
  'district.school_only',
  'district.import_too_large',
  // the district report carried to the backup stick
  'district.stick_full',
  'district.stick_failed',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  /** An English developer message; never contains personal data. The UI shows the translation of `code`. */
  message: string;
  details?: Record<string, string | number | boolean | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
