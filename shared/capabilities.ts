/**
 * What the session may do, answered by the core (issue 15 item 7, issue 13 item 3). Each named action is backed by
 * one method of the contract; the core answers "may this session call that method?" from the method's own
 * registration in the registry (the same gate every call passes), so the screens' hints and buttons can never drift
 * from what the core allows. The role lists themselves stay in shared/permissions.ts, which the registry uses.
 *
 * A capability is the role check only: a record check declared as a `guard` (e.g. "only the year's chair or
 * secretary", "only the uploader") still applies to the call itself, and a screen that knows the record may hide an
 * action further.
 */
import { z } from 'zod';
import { method } from './contract';

/**
 * named action → the method behind it (the one whose access decides it). Checked against the contract where the core
 * reads it (electron/core/capabilities/handlers.ts): not here, where importing the contract's types would be a cycle.
 */
export const CAPABILITY_METHODS = {
  /** create a plan, edit a draft plan's sections and items */
  planEdit: 'plans.updateItem',
  /** set a plan's calendar (quarters, due dates) */
  planCalendar: 'plans.setCalendar',
  /** import and export plan files (DOCX/XLSX) */
  planImport: 'plansIo.importCommit',
  /** approve a plan */
  planApprove: 'plans.approve',
  /** sign an approved plan's PDF */
  planSign: 'plans.signPdf',
  /** open revision N+1 of an approved plan */
  planRevise: 'plans.startRevision',
  /** mark execution of plan items, add evidence */
  planExecute: 'plans.setExecution',
  /** issue the signed quarterly report */
  planReport: 'plans.quarterlyReport',
  /** import a framework file */
  frameworkImport: 'frameworks.import',
  /** read pupils */
  pupilsRead: 'pupils.list',
  /** add and change pupils */
  pupilsEdit: 'pupils.create',
  /** import class lists */
  pupilsImport: 'pupilsImport.commit',
  /** the yearly move up a grade */
  pupilsPromote: 'pupils.promote',
  /** log a concern about a child */
  concernLog: 'concerns.log',
  /** triage concerns in the inbox */
  concernTriage: 'concerns.triage',
  /** work cases: tasks, notes, contacts, closure */
  caseWork: 'cases.addTask',
  /** approve a case's closure */
  caseApproveClosure: 'cases.decideClosure',
  /** put on and take off the register, reviews, prevention plan */
  registerEdit: 'register.putOn',
  /** sign the individual prevention plan */
  registerSign: 'register.signPlan',
  /** draft and send referrals */
  referralWork: 'referrals.create',
  /** sign a referral letter */
  referralSign: 'referrals.letter',
  /** ASQ screening, the acute checklist, the safety plan */
  screen: 'screening.record',
  /** appoint the council: members, chair, secretary */
  councilAppoint: 'council.members.save',
  /** prepare meetings, record decisions, issue minutes (as the year's chair or secretary) */
  councilWrite: 'council.meetings.create',
  /** create, change and disable accounts */
  accountsManage: 'accounts.create',
  /** read the audit log */
  auditRead: 'audit.list',
  /** change the settings */
  settingsEdit: 'settings.update',
  /** change the school profile */
  schoolEdit: 'school.update',
  /** make a new recovery key */
  recoveryKeyMake: 'auth.newRecoveryKey',
  /** back up and restore */
  backupRun: 'backup.start',
  /** read the school's statistics */
  statisticsRead: 'statistics.get',
  /** add and change a pupil's guardians */
  guardiansEdit: 'guardians.create',
  /** change the school's list of grounds for the register */
  registerGrounds: 'register.saveGrounds',
  /** the school's bullying settings */
  bullyingSettings: 'bullying.setSettings',
  /** the school's choice whether closing a case needs approval */
  caseSettings: 'cases.setSettings',
  /**
   * hold the protection key: read a child's welfare data (family status, register flags) and see the key notices.
   * `keys.notices` is declared for exactly the compartments' holders (shared/compartments.ts); a unit test checks
   * this capability equals COMPARTMENT_ROLES.protection for every role.
   */
  protectionRead: 'keys.notices',
  /**
   * hold the confidential key: confidential case notes, screening answers. `screening.forCase` is declared for the
   * confidential compartment's holders; a unit test checks this capability equals COMPARTMENT_ROLES.confidential.
   */
  confidentialRead: 'screening.forCase',
  /** purge records past their retention */
  recordsPurge: 'retention.purge',
  /** hold a signing key: add and import certificates, co-sign documents */
  documentSign: 'documents.certificates.create',
  /** issue the school's report to the district */
  districtReport: 'districtReport.save',
  /** carry the district report to the stick */
  districtReportCarry: 'districtReport.toStick',
  /** read the accounts (names in the audit, the account list) */
  accountsRead: 'accounts.list',
  /** read the work lists (the work screen) */
  workRead: 'worklists.list',
  /** read the register of children on preventive record */
  registerRead: 'register.list',
  /** read the cases and the concerns' inbox */
  casesRead: 'cases.list',
  /** read the referrals */
  referralsRead: 'referrals.list',
  /** read the council's meetings and minutes */
  councilRead: 'council.meetings.list',
  /** a district office's view: its schools, their imported reports, the summary */
  districtRead: 'district.schools',
  /** read a case's bullying steps (the case screen's bullying section) */
  bullyingRead: 'bullying.get',
  /** read a case's ASQ screenings and safety plan (the case screen's screening section) */
  screeningRead: 'screening.forCase',
  /** read a case's referrals (the case screen's referrals section) */
  caseReferralsRead: 'referrals.forCase',
  /** read a case's documents: the case summary, the letter to parents (the case screen's documents section) */
  caseDocumentsRead: 'caseDocs.list',
  /** read a pupil's guardians (the pupil card) */
  guardiansRead: 'guardians.list',
  /** read a pupil's register entries and prevention plan (the pupil card) */
  pupilRegisterRead: 'register.forPupil',
  /** read the cases a pupil is part of (the pupil card) */
  pupilCasesRead: 'cases.forPupil',
  /** read the council's hearings of a pupil and its decisions about them (the pupil card) */
  councilPupilRead: 'council.pupilHearings',
  /** read a pupil's chronology (the pupil card) */
  chronologyRead: 'chronology.list',
} as const;

/**
 * named action → the method whose record guard it passes: true when the session may call the method at all AND holds
 * a role in that guard's `bypass` list (e.g. the overseers see everyone's work, the administrator retires anyone's
 * certificate). Read from the same registration as the call.
 */
export const CAPABILITY_GUARD_BYPASSES = {
  /** the whole school's work lists, not only one's own */
  workSchool: 'worklists.list',
  /** retire anyone's signing certificate, not only one's own */
  certificatesRetireAny: 'documents.certificates.retire',
} as const;

export type CapabilityName = keyof typeof CAPABILITY_METHODS | keyof typeof CAPABILITY_GUARD_BYPASSES;
export const CAPABILITY_METHOD_NAMES = Object.keys(CAPABILITY_METHODS) as (keyof typeof CAPABILITY_METHODS)[];
export const CAPABILITY_BYPASS_NAMES = Object.keys(CAPABILITY_GUARD_BYPASSES) as (keyof typeof CAPABILITY_GUARD_BYPASSES)[];
export const CAPABILITY_NAMES: CapabilityName[] = [...CAPABILITY_METHOD_NAMES, ...CAPABILITY_BYPASS_NAMES];

export type Capabilities = Record<CapabilityName, boolean>;

export const capabilitiesMethods = {
  /** what the logged-in session may do, one boolean per named action */
  'capabilities.mine': method<Capabilities>()(z.object({}).strict()),
};
