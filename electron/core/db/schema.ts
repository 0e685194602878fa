/**
 * The typed view of the DB for Kysely. One interface per table; a feature adds its tables here (and creates them
 * in a new migration under migrations/).
 */
import type { Generated } from 'kysely';
import type {
  PreventionMeasuresTable,
  RegisterEntriesTable,
  RegisterExternalTable,
  RegisterGroundsTable,
  RegisterReviewsTable,
} from '../register/tables';
import type { ReferralsTable } from '../referrals/tables';

export interface MetaTable {
  key: string;
  value: string;
}

export interface SchoolTable {
  id: number;
  name_kk: string;
  name_ru: string;
  number: string;
  named_after_kk: string;
  named_after_ru: string;
  address_kk: string;
  address_ru: string;
  district_department_kk: string;
  district_department_ru: string;
  director_name: string;
  director_position_kk: string;
  director_position_ru: string;
  updated_at: string;
}

export interface AccountsTable {
  id: string;
  login: string;
  display_name: string;
  /** JSON array of Role */
  roles: string;
  language: 'kk' | 'ru';
  disabled: number;
  created_at: string;
  password_changed_at: string;
  last_login_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  account_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  prev_hash: string;
  hash: string;
  /** JSON of neutral facts (a list read's filter shape and count); never personal data. Null for most entries. */
  details: string | null;
}

export interface AccountClassesTable {
  account_id: string;
  grade: number;
  class_letter: string;
}

// --- compartments (migrations/0005_compartments.ts) ---
export interface KeyNoticesTable {
  id: string;
  kind: 'role_granted' | 'password_reset';
  account_id: string;
  by_account_id: string | null;
  /** JSON array of Role (the protection roles granted) */
  roles: string;
  at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** Heads of the audit log written outside it (backup manifests, register entries): migration 0009_audit_mac. */
export interface AuditExternalHeadsTable {
  id: Generated<number>;
  kind: 'backup' | 'document';
  /** backup id or register number */
  ref: string;
  at: string;
  seq: number;
  mac: string;
}

export interface PupilsTable {
  id: string;
  iin: string | null;
  last_name: string;
  first_name: string;
  middle_name: string;
  birth_date: string | null;
  sex: 'm' | 'f' | null;
  grade: number;
  class_letter: string;
  instruction_language: 'kk' | 'ru';
  /** legacy plaintext, emptied since 0005 ('[]'): the value lives in family_status_enc */
  family_status: string;
  /** legacy plaintext, emptied since 0005: the value lives in on_register_enc (protection compartment) */
  on_register: number;
  /** protection compartment (compartments/fields.ts): JSON array of FamilyStatus */
  family_status_enc: Uint8Array | null;
  /** protection compartment: JSON boolean */
  on_register_enc: Uint8Array | null;
  archived: number;
  /** 0011: why the pupil left (null while active) */
  archive_reason: 'transferred' | 'graduated' | 'other' | null;
  /** 0011: the date the pupil left (YYYY-MM-DD) */
  archived_on: string | null;
  created_at: string;
  updated_at: string;
}

// --- guardians (migrations/0011_guardians.ts) ---
export interface GuardiansTable {
  id: string;
  pupil_id: string;
  full_name: string;
  relation: 'mother' | 'father' | 'grandparent' | 'guardian' | 'trustee' | 'other';
  /** JSON array of phone numbers */
  phones: string;
  legal_representative: number;
  /** protection compartment: the guardian's IIN */
  iin_enc: Uint8Array | null;
  /** protection compartment: JSON boolean */
  lives_with_enc: Uint8Array | null;
  version: number;
  created_at: string;
  updated_at: string;
}

// --- frameworks and plans (migrations/0003_plans.ts) ---
export interface FrameworksTable {
  id: string;
  code: string;
  revision: number;
  kind: string;
  title_kk: string | null;
  title_ru: string | null;
  short_title_kk: string | null;
  short_title_ru: string | null;
  issued_on: string | null;
  issued_number: string | null;
  year_from: number;
  year_to: number;
  notes: string | null;
  /** JSON or null */
  reporting: string | null;
  /** JSON array of columns */
  columns: string;
  /** JSON array of fragments */
  fragments: string;
  builtin: number;
  imported_at: string;
}

export interface FrameworkSectionsTable {
  framework_id: string;
  code: string;
  parent_code: string | null;
  position: number;
  title_kk: string | null;
  title_ru: string | null;
  notes: string | null;
}

export interface FrameworkItemsTable {
  id: string;
  framework_id: string;
  number: string;
  section_code: string;
  position: number;
  measure_kk: string | null;
  measure_ru: string | null;
  completion_form_kk: string | null;
  completion_form_ru: string | null;
  deadline_kk: string | null;
  deadline_ru: string | null;
  responsible_kk: string | null;
  cost_kk: string | null;
  funding_kk: string | null;
  notes: string | null;
  /** JSON array of strings */
  repaired: string;
  source: string | null;
  /** 0009: Russian cells and where the Russian texts come from ('official' | 'translation') */
  responsible_ru?: string | null;
  cost_ru?: string | null;
  funding_ru?: string | null;
  ru_source?: 'official' | 'translation' | null;
}

export interface FrameworkAbbreviationsTable {
  framework_id: string;
  abbr: string;
  full_kk: string | null;
  full_ru: string | null;
  source: 'seed' | 'table' | 'import';
}

export interface PlansTable {
  id: string;
  academic_year: number;
  title_kk: string;
  title_ru: string;
  status: 'draft' | 'approved';
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface PlanSectionsTable {
  id: string;
  plan_id: string;
  parent_id: string | null;
  position: number;
  title_kk: string;
  title_ru: string;
  /** 0009: the framework section this section is (printed with the framework's code), or null (the school's own) */
  framework_id?: string | null;
  framework_section?: string | null;
}

export interface PlanItemsTable {
  id: string;
  plan_id: string;
  section_id: string;
  position: number;
  measure_kk: string;
  measure_ru: string;
  completion_form_kk: string;
  completion_form_ru: string;
  deadline_kk: string;
  deadline_ru: string;
  /** bit (month - 1) for each month the school named; 0 = none named */
  due_month_mask: number;
  /** due_month_mask plus the months of due_dates; 0 = throughout the year (due every quarter) */
  due_any_mask: number;
  /** JSON array of ISO dates */
  due_dates: string;
  /** JSON array of StaffRole */
  responsible_roles: string;
  /** JSON array of strings */
  responsible_bodies: string;
  /** JSON TargetGroup */
  target_group: string;
  cost_kk: string;
  cost_ru: string;
  funding_kk: string;
  funding_ru: string;
  created_at: string;
  updated_at: string;
  /** 0009: the framework item this item copies verbatim (printed with the framework's number), or null */
  framework_item_id?: string | null;
}

export interface PlanItemLinksTable {
  item_id: string;
  framework_item_id: string;
}

export interface PlanRevisionsTable {
  plan_id: string;
  revision: number;
  approved_at: string;
  approved_on: string;
  approved_by: string | null;
  approver_name: string;
  approver_position_kk: string;
  approver_position_ru: string;
  /** JSON snapshot of the approved plan */
  snapshot: string;
  /** JSON array of PlanChange */
  changes: string;
}

export interface PlanDocumentsTable {
  id: Generated<number>;
  plan_id: string;
  revision: number;
  kind: 'plan' | 'quarterly_report';
  quarter: number | null;
  language: 'kk' | 'ru';
  document_id: string;
  register_number: string | null;
  created_at: string;
}

export interface SchoolCalendarTable {
  academic_year: number;
  /** JSON array of four { start, end } */
  quarters: string;
  updated_at: string;
}

export interface PlanExecutionsTable {
  item_id: string;
  quarter: number;
  status: 'done' | 'partly' | 'not_done' | 'not_due';
  done_text: string;
  done_on: string | null;
  reach_pupils: number;
  reach_parents: number;
  reach_teachers: number;
  updated_at: string;
  updated_by: string | null;
}

export interface PlanEvidenceTable {
  id: string;
  item_id: string;
  quarter: number;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  data: Buffer;
  added_at: string;
  added_by: string | null;
}

// --- documents (migrations/0002_documents.ts) ---
export interface DocumentCountersTable {
  kind: string;
  year: number;
  last_number: number;
}

export interface DocumentsTable {
  id: string;
  kind: string;
  year: number;
  number: number;
  register_number: string;
  title: string;
  /** title and register number in lower case, for search */
  title_search: string;
  language: 'kk' | 'ru';
  sha256: string;
  size_bytes: number;
  pdf: Uint8Array;
  /** JSON array of DocumentSigner */
  signers: string;
  source_type: string | null;
  source_id: string | null;
  created_by: string | null;
  created_at: string;
  /** JSON { seq, mac }: the audit log's head when the document was issued (0009_audit_mac) */
  audit_head: Generated<string | null>;
}

// --- sealed welfare documents (migrations/0018_sealed_documents.ts) ---
export interface DocumentSealedTable {
  document_id: string;
  /** the whole signed PDF (every revision), a `protection` field sealed as raw bytes (documents/sealed.ts) */
  pdf_enc: Uint8Array | null;
  /** the register title, a `protection` field (JSON string) */
  title_enc: Uint8Array | null;
  sealed_at: string;
}

// --- the safety-plan sheet in `confidential`, records retention (migrations/0022_retention.ts) ---
/** a `CONFIDENTIAL_DOCUMENT_KINDS` document's file and title, sealed with the `confidential` key (documents/sealed.ts) */
export interface DocumentConfidentialTable {
  document_id: string;
  pdf_enc: Uint8Array | null;
  title_enc: Uint8Array | null;
  sealed_at: string;
}
/** a purged pupil's register document: the row stays as a tombstone, its sealed bytes and title are gone */
export interface DocumentPurgesTable {
  document_id: string;
  purged_at: string;
}

// --- co-signing (migrations/0008_cosign.ts) ---
export interface DocumentSignatureSlotsTable {
  document_id: string;
  slot: number;
  role: string;
  role_label: string;
  account_id: string | null;
  required_role: string | null;
  position: string | null;
  page: number;
  /** JSON [x1, y1, x2, y2] in PDF user space */
  rect: string;
  signed_at: string | null;
  signed_by: string | null;
  /** JSON DocumentSigner once signed */
  signer: string | null;
  sha256_after: string | null;
  size_after: number | null;
}

export interface SigningCertificatesTable {
  id: string;
  origin: 'created' | 'imported';
  subject_name: string;
  position: string;
  organization: string;
  issuer_name: string;
  serial_hex: string;
  fingerprint_sha256: string;
  not_before: string;
  not_after: string;
  key_bits: number;
  /** PKCS#12; its private key is encrypted with the holder's signing password */
  p12: Uint8Array;
  owner_account_id: string | null;
  created_at: string;
  retired_at: string | null;
}

export interface BackupSettingsTable {
  id: number;
  /** age1… derived from the recovery key (public) */
  recovery_recipient: string | null;
  /** the district's age1… public key, when it gave one */
  district_recipient: string | null;
  keep_last: number;
  reminder_days: number;
  updated_at: string;
}

export interface BackupsTable {
  id: string;
  started_at: string;
  finished_at: string | null;
  account_id: string | null;
  target_dir: string;
  file_name: string | null;
  size_bytes: number | null;
  sha256: string | null;
  to_district: number;
  status: 'running' | 'verified' | 'failed';
  error_code: string | null;
  duration_ms: number | null;
}

/** 0010: one row per thing that happened about a pupil (electron/core/chronology) */
export interface ChronologyTable {
  id: string;
  pupil_id: string;
  /** a ChronologyKind (shared/chronology.ts) */
  kind: string;
  source_table: string | null;
  source_id: string | null;
  /** ISO date-time it happened (may be backdated) */
  occurred_at: string;
  written_at: string;
  written_by: string | null;
  /** protection compartment: JSON string */
  summary_enc: Uint8Array | null;
  /** confidential compartment: JSON string (confidential notes) */
  confidential_enc: Uint8Array | null;
}

// --- the prevention council (migrations/0014_council.ts, electron/core/council) ---
export interface CouncilMembersTable {
  id: string;
  academic_year: number;
  /** a staff member's account; null for an outside member (inspector, parent committee …) */
  account_id: string | null;
  /** the name as printed ("М.Қаншев") */
  name: string;
  position_kk: string;
  position_ru: string;
  position: number;
  created_at: string;
}

export interface CouncilOfficersTable {
  academic_year: number;
  chair_member_id: string;
  secretary_member_id: string;
  updated_at: string;
}

export interface CouncilMeetingsTable {
  id: string;
  academic_year: number;
  number: number;
  /** ISO date */
  date: string;
  /** 'HH:MM' */
  time: string;
  place: string;
  status: 'planned' | 'awaiting_chair' | 'signed';
  document_id: string | null;
  signed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CouncilAttendanceTable {
  id: string;
  meeting_id: string;
  position: number;
  kind: 'member' | 'parent' | 'pupil' | 'guest';
  member_id: string | null;
  present: number;
  /** protection compartment: a guest's name (JSON string) */
  name_enc: Uint8Array | null;
  /** the role as printed ("ата-ана", "8 А сынып оқушысы", "ПДН инспекторы") */
  role_text: string;
  /** protection compartment: the reason of an absence (JSON string) */
  reason_enc: Uint8Array | null;
}

export interface CouncilAgendaItemsTable {
  id: string;
  meeting_id: string;
  position: number;
  /** 'free' or the agenda source it was proposed by (electron/core/council/agenda.ts) */
  source_type: string;
  source_id: string | null;
  pupil_id: string | null;
  /** protection compartment: JSON string */
  title_enc: Uint8Array | null;
  heard_enc: Uint8Array | null;
  spoke_enc: Uint8Array | null;
  created_at: string;
  updated_at: string;
}

export interface CouncilDecisionsTable {
  id: string;
  item_id: string;
  position: number;
  /** a DecisionType (shared/council.ts) */
  type: string;
  pupil_id: string | null;
  /** protection compartment: JSON string */
  text_enc: Uint8Array | null;
  responsible: string;
  deadline: string | null;
  effect_status: Generated<'pending' | 'applied' | 'none' | 'not_wired'>;
  effect_at: string | null;
  /** 0021, protection compartment: the register grounds of a `register_on` decision (JSON array of ids) */
  grounds_enc: Generated<Uint8Array | null>;
  /** 0021: the first review of a `register_on` decision (null: the register's default) */
  first_review_on: Generated<string | null>;
}

/** 0021: a joint-plan item the council carries out, linked to its planned meetings (electron/core/council/plan-links.ts) */
export interface CouncilPlanLinksTable {
  plan_item_id: string;
  meeting_id: string;
  created_at: string;
  created_by: string | null;
  /** the signed minutes taken as the item's execution evidence, and for which quarter */
  evidence_document_id: string | null;
  evidence_quarter: number | null;
  evidence_at: string | null;
}

/** 0012: concerns and cases (electron/core/cases; what is protected: migrations/0012_cases.ts) */
export interface ConcernIntakeKeysTable {
  id: string;
  protection_epoch: number;
  public_key: Uint8Array;
  /** protection compartment: the X25519 private key */
  private_enc: Uint8Array | null;
  created_at: string;
}

export interface CasesTable {
  id: string;
  number: number;
  stage: 'identified' | 'assessment' | 'plan' | 'intervention' | 'monitoring' | 'closed';
  risk: 'none' | 'low' | 'medium' | 'high' | 'acute';
  risk_rank: number;
  lead_id: string | null;
  opened_at: string;
  opened_by: string | null;
  updated_at: string;
  closed_at: string | null;
  closure_state: 'pending' | 'closed' | null;
  closure_requested_at: string | null;
  closure_requested_by: string | null;
  closure_approved_by: string | null;
  version: number;
  /** protection: { title, summary, formOfHarm } */
  details_enc: Uint8Array | null;
  /** protection: { reason, outcome } */
  closure_enc: Uint8Array | null;
}

export interface ConcernsTable {
  id: string;
  number: number;
  author_id: string | null;
  logged_at: string;
  intake_key_id: string | null;
  /** JSON of the sealed content (to the intake key) until triage */
  intake_sealed: string | null;
  /** protection: the content, after triage */
  content_enc: Uint8Array | null;
  status: 'awaiting' | 'case' | 'no_action';
  case_id: string | null;
  /** written for the author: plain */
  answer: string | null;
  answered_at: string | null;
  answered_by: string | null;
}

export interface CasePupilsTable {
  id: string;
  case_id: string;
  pupil_id: string;
  /** protection: targeted / initiator / witness */
  role_enc: Uint8Array | null;
}

export interface CaseTasksTable {
  id: string;
  case_id: string;
  /** empty since 0018: the title is `title_enc` / `title_own` (cases/task-titles.ts) */
  title: string;
  /** the title, a `protection` field (0018) */
  title_enc: Generated<Uint8Array | null>;
  /** JSON: the title sealed to the owner's X25519 public key (0018) */
  title_own: Generated<string | null>;
  due_on: string | null;
  owner_id: string | null;
  created_at: string;
  created_by: string | null;
  done_at: string | null;
  done_by: string | null;
  version: number;
}

export interface CaseNotesTable {
  id: string;
  case_id: string;
  written_at: string;
  written_by: string | null;
  confidential: number;
  text_enc: Uint8Array | null;
  confidential_enc: Uint8Array | null;
}

export interface CaseContactsTable {
  id: string;
  case_id: string;
  at: string;
  method: string;
  pupil_id: string | null;
  written_at: string;
  written_by: string | null;
  /** protection: { who, outcome } */
  details_enc: Uint8Array | null;
}

export interface CaseSearchChunksTable {
  id: string;
  /** protection: lines "<case id>\t<folded title and summary>" */
  text_enc: Uint8Array | null;
}

export interface CaseSettingsTable {
  id: number;
  closure_approval: number;
}

/** migrations/0016_screening.ts: everything sealed in `confidential` */
export interface ScreeningsTable {
  id: string;
  created_at: string;
  updated_at: string;
  version: number;
  record_enc: Uint8Array | null;
  checklist_enc: Uint8Array | null;
}

export interface SafetyPlansTable {
  id: string;
  saved_at: string;
  record_enc: Uint8Array | null;
}

/** 0019: the district report and the district view (electron/core/district) */
export interface DistrictSettingsTable {
  id: number;
  school_code: string;
  updated_at: string;
}

export interface DistrictReportsTable {
  id: string;
  academic_year: number;
  /** 0 = the academic year */
  quarter: number;
  language: 'kk' | 'ru';
  document_id: string;
  envelope: Buffer;
  xlsx: Buffer;
  created_at: string;
  created_by: string | null;
}

export interface DistrictSchoolsTable {
  code: string;
  name_kk: string;
  name_ru: string;
  certificate: Buffer;
  fingerprint_sha256: string;
  registered_at: string;
}

export interface DistrictImportsTable {
  id: string;
  school_code: string;
  academic_year: number;
  quarter: number;
  report: string;
  sha256: string;
  imported_at: string;
  imported_by: string | null;
}

/** 0020: a report signed with another certificate than the school's registered one */
export interface DistrictKeyAlertsTable {
  school_code: string;
  fingerprint_sha256: string;
  first_seen_at: string;
  last_seen_at: string;
}

/** 0023: the sealed monthly tally of the statistics (electron/core/statistics/tally.ts) */
export interface StatisticsTallyTable {
  /** `<subject>:<YYYY-MM>` */
  id: string;
  subject: 'cases' | 'concerns';
  month: string;
  version: number;
  /** SHA-256 (hex) over the sealed inputs the counts were made from */
  digest: string;
  /** protection field: the counts (JSON) */
  counts_enc: Uint8Array;
  updated_at: string;
}

export interface Database {
  meta: MetaTable;
  school: SchoolTable;
  accounts: AccountsTable;
  audit_log: AuditLogTable;
  account_classes: AccountClassesTable;
  audit_external_heads: AuditExternalHeadsTable;
  pupils: PupilsTable;
  guardians: GuardiansTable;
  chronology: ChronologyTable;
  council_members: CouncilMembersTable;
  council_officers: CouncilOfficersTable;
  council_meetings: CouncilMeetingsTable;
  council_attendance: CouncilAttendanceTable;
  council_agenda_items: CouncilAgendaItemsTable;
  council_decisions: CouncilDecisionsTable;
  council_plan_links: CouncilPlanLinksTable;
  concern_intake_keys: ConcernIntakeKeysTable;
  concerns: ConcernsTable;
  cases: CasesTable;
  case_pupils: CasePupilsTable;
  case_tasks: CaseTasksTable;
  case_notes: CaseNotesTable;
  case_contacts: CaseContactsTable;
  case_settings: CaseSettingsTable;
  case_search_chunks: CaseSearchChunksTable;
  key_notices: KeyNoticesTable;
  document_counters: DocumentCountersTable;
  documents: DocumentsTable;
  document_signature_slots: DocumentSignatureSlotsTable;
  document_sealed: DocumentSealedTable;
  document_purges: DocumentPurgesTable;
  document_confidential: DocumentConfidentialTable;
  signing_certificates: SigningCertificatesTable;
  frameworks: FrameworksTable;
  framework_sections: FrameworkSectionsTable;
  framework_items: FrameworkItemsTable;
  framework_abbreviations: FrameworkAbbreviationsTable;
  plans: PlansTable;
  plan_sections: PlanSectionsTable;
  plan_items: PlanItemsTable;
  plan_item_links: PlanItemLinksTable;
  plan_revisions: PlanRevisionsTable;
  plan_documents: PlanDocumentsTable;
  school_calendar: SchoolCalendarTable;
  plan_executions: PlanExecutionsTable;
  plan_evidence: PlanEvidenceTable;
  backup_settings: BackupSettingsTable;
  backups: BackupsTable;
  register_grounds: RegisterGroundsTable;
  register_entries: RegisterEntriesTable;
  register_reviews: RegisterReviewsTable;
  register_external: RegisterExternalTable;
  prevention_measures: PreventionMeasuresTable;
  bullying_settings: BullyingSettingsTable;
  bullying_flows: BullyingFlowsTable;
  bullying_steps: BullyingStepsTable;
  bullying_escalations: BullyingEscalationsTable;
  bullying_evidence: BullyingEvidenceTable;
  bullying_evidence_files: BullyingEvidenceFilesTable;
  screenings: ScreeningsTable;
  safety_plans: SafetyPlansTable;
  referrals: ReferralsTable;
  district_settings: DistrictSettingsTable;
  district_reports: DistrictReportsTable;
  district_schools: DistrictSchoolsTable;
  district_imports: DistrictImportsTable;
  district_key_alerts: DistrictKeyAlertsTable;
  statistics_tally: StatisticsTallyTable;
}

// ---------------------------------------------------------------------------------------------------- bullying (0015)

export interface BullyingSettingsTable {
  id: number;
  /** JSON: shared/bullying.ts BullyingSettings */
  steps: string;
}

export interface BullyingFlowsTable {
  case_id: string;
  started_at: string;
  started_by: string | null;
  cyber: number;
  first_talk_on: string | null;
  /** JSON: the timing the flow was laid out with */
  settings: string;
}

export interface BullyingStepsTable {
  id: string;
  case_id: string;
  kind: 'target_talk' | 'initiator_talk' | 'parents' | 'platform_report' | 'follow_up' | 'monitoring';
  position: number;
  task_id: string | null;
  due_on: string | null;
  status: 'open' | 'done' | 'skipped';
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
  /** protection: { pupilId, side } */
  pupil_enc: Uint8Array | null;
  /** protection: the step's record */
  record_enc: Uint8Array | null;
  /** protection: why it was skipped */
  skip_enc: Uint8Array | null;
}

export interface BullyingEscalationsTable {
  id: string;
  case_id: string;
  escalated_at: string;
  escalated_by: string | null;
  cause: 'outcome' | 'worker';
  step_id: string | null;
  /** protection: { reason, pupilIds } */
  details_enc: Uint8Array | null;
}

export interface BullyingEvidenceTable {
  id: string;
  case_id: string;
  added_at: string;
  added_by: string | null;
  /** protection: { platform, accounts, links, description, observedOn } */
  details_enc: Uint8Array | null;
}

export interface BullyingEvidenceFilesTable {
  id: string;
  evidence_id: string;
  added_at: string;
  added_by: string | null;
  size_bytes: number;
  /** protection: { fileName, mime, sha256 } */
  meta_enc: Uint8Array | null;
  /** protection: the image, base64 */
  data_enc: Uint8Array | null;
}
