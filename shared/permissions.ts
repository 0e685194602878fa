/**
 * Who may do what: the role lists the core's registry checks (electron/core/<feature>/handlers.ts) and the renderer
 * uses to decide what to show (`useHasRole(...PLAN_EDITORS)`). One list per capability, here only, so the screens
 * cannot drift from the core. The core checks again on every call: what a screen shows is convenience, not security.
 */
import type { Role } from './roles';

/** Edit a draft plan's content, its calendar, import and export plan files. */
export const PLAN_EDITORS = ['director', 'deputy_director', 'administrator'] as const satisfies readonly Role[];
/** Record execution: marks per item and quarter, evidence. */
export const PLAN_EXECUTORS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue', 'class_teacher'] as const satisfies readonly Role[];
/** Approve the plan and sign its PDF (with their own certificate). */
export const PLAN_APPROVERS = ['director'] as const satisfies readonly Role[];
/** Open revision N+1 of an approved plan. */
export const PLAN_REVISERS = ['director', 'deputy_director'] as const satisfies readonly Role[];
/** Issue the signed quarterly report. */
export const REPORT_ISSUERS = ['director', 'deputy_director'] as const satisfies readonly Role[];
/** Import a framework file. */
export const FRAMEWORK_IMPORTERS = ['administrator', 'director', 'deputy_director'] as const satisfies readonly Role[];
/** Read pupils' records (the administrator manages accounts, not children). */
export const PUPIL_READERS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue', 'council_secretary', 'class_teacher'] as const satisfies readonly Role[];
/** Add and change pupils' records. */
export const PUPIL_EDITORS = ['deputy_director', 'psychologist', 'social_pedagogue'] as const satisfies readonly Role[];
/** Add, change and remove a pupil's guardians (they hold the protection compartment the guardians' IIN needs). */
export const GUARDIAN_EDITORS = PUPIL_EDITORS;
/** The yearly move up a grade (every active pupil one grade up, the top grade graduates). */
export const PUPIL_PROMOTERS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue'] as const satisfies readonly Role[];
/** Import class lists (CSV/XLSX from the e-journal). */
export const PUPIL_IMPORTERS = PUPIL_EDITORS;
/** See the list of accounts (names in the audit log, the accounts screen). */
export const ACCOUNT_READERS = ['administrator', 'director'] as const satisfies readonly Role[];
/** Create, change and disable accounts. */
export const ACCOUNT_ADMINS = ['administrator'] as const satisfies readonly Role[];
/** Read and verify the audit log. */
export const AUDIT_READERS = ['director', 'administrator'] as const satisfies readonly Role[];
/** Change the settings (the idle lock). */
export const SETTINGS_EDITORS = ['administrator', 'director'] as const satisfies readonly Role[];
/** Change the school profile (name, number, director …). */
export const SCHOOL_EDITORS = ['administrator', 'director'] as const satisfies readonly Role[];
/** Make a new recovery key. */
export const RECOVERY_KEY_MAKERS = ['director', 'administrator'] as const satisfies readonly Role[];
/** Retire any signing certificate (its holder may always retire their own). */
export const CERTIFICATE_RETIRERS = ['administrator'] as const satisfies readonly Role[];
/** Read a pupil's chronology (class teachers: only the non-welfare kinds of their own classes' pupils). */
export const CHRONOLOGY_READERS = PUPIL_READERS;
/** Work lists: everyone who works with pupils sees the work assigned to them. */
export const WORK_LIST_READERS = PUPIL_READERS;
/** See everyone's work (the school's lists), not only their own: the case workers and the school's leads. */
export const WORK_OVERSEERS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue'] as const satisfies readonly Role[];
/** Whose home screen opens with the work lists. */
export const WORK_HOME_ROLES = ['psychologist', 'social_pedagogue'] as const satisfies readonly Role[];
/** Read the prevention council's roster, meetings and minutes (welfare text needs the protection compartment). */
export const COUNCIL_READERS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue', 'council_secretary', 'class_teacher'] as const satisfies readonly Role[];
/** Appoint the council of a year: members, chair and secretary. */
export const COUNCIL_APPOINTERS = ['director', 'deputy_director'] as const satisfies readonly Role[];
/** Prepare meetings, record the hearing and decisions, issue the minutes — and only as the year's chair or secretary. */
export const COUNCIL_WRITERS = ['director', 'deputy_director', 'council_secretary'] as const satisfies readonly Role[];
/** See a pupil's council hearings on the pupil card (the fact of a hearing is welfare data: protection holders only). */
export const COUNCIL_PUPIL_READERS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue', 'council_secretary'] as const satisfies readonly Role[];
/**
 * Read the intra-school register and prevention plans: the holders of the protection compartment (the data is sealed
 * in it). A class teacher gets nothing of the register.
 */
export const REGISTER_READERS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue', 'council_secretary'] as const satisfies readonly Role[];
/** Put on and take off the register, record reviews, outside registers and the prevention plan. */
export const REGISTER_EDITORS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue'] as const satisfies readonly Role[];
/** Edit the school's list of grounds of registration. */
export const REGISTER_GROUND_EDITORS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue'] as const satisfies readonly Role[];
/** Sign the individual prevention plan's PDF (a register editor who signs school documents). */
export const REGISTER_PLAN_SIGNERS = ['director', 'deputy_director'] as const satisfies readonly Role[];
/**
 * Log a concern about a child (every staff account who works with pupils: whoever sees or hears something). The
 * administrator, who by design reads no child's record and so cannot name the pupils, reports in person.
 */
export const CONCERN_AUTHORS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue', 'council_secretary', 'class_teacher'] as const satisfies readonly Role[];
/** Triage concerns and work cases: open, move, add tasks, notes, contacts, close, reopen. */
export const CASE_WORKERS = ['psychologist', 'social_pedagogue'] as const satisfies readonly Role[];
/** Read cases and the concerns inbox (the case workers and the school's leadership). */
export const CASE_READERS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue'] as const satisfies readonly Role[];
/** Set the school's timing of the bullying flow's steps (offsets in days, steps turned off). */
export const BULLYING_SETTINGS_EDITORS = ['director', 'deputy_director'] as const satisfies readonly Role[];
/** Approve (or send back) a case's closure, where the school turned approval on; set that option. */
/**
 * Ask the ASQ suicide-risk screening questions, answer the acute checklist, write and print the safety plan: the
 * psychologist (it is all sealed in the `confidential` compartment, which only the psychologist holds).
 */
export const SCREENERS = ['psychologist'] as const satisfies readonly Role[];
/** Read a case's screenings and safety plans (the confidential compartment's holders). */
export const SCREENING_READERS = ['psychologist'] as const satisfies readonly Role[];
export const CASE_CLOSURE_APPROVERS = ['director'] as const satisfies readonly Role[];
/** Read the referrals of cases (the case readers). */
export const REFERRAL_READERS = CASE_READERS;
/** Draft, send and follow referrals (the case workers). */
export const REFERRAL_WORKERS = CASE_WORKERS;
/** Sign a referral letter (the director signs letters to outside agencies). */
export const REFERRAL_SIGNERS = ['director'] as const satisfies readonly Role[];
/**
 * The school's statistics (counts and trends of concerns, cases, register, council, plan): the school's leads and the
 * case workers — all protection holders, since forms of harm and closure reasons are counted from sealed fields.
 */
export const STATISTICS_READERS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue'] as const satisfies readonly Role[];

/** Issue the district report (counts the forms of harm, sealed in the protection compartment) and read its files. */
export const DISTRICT_REPORTERS = ['director', 'deputy_director'] as const satisfies readonly Role[];
/** The district view: register schools' certificates, merge their reports, read the consolidated table. */
export const DISTRICT_MERGERS = ['director', 'administrator'] as const satisfies readonly Role[];
/** Purge an archived pupil's records past the retention date (README "Records retention"): the director alone. */
export const RECORD_PURGERS = ['director'] as const satisfies readonly Role[];
