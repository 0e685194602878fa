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
/**
 * Log a concern about a child (every staff account who works with pupils: whoever sees or hears something). The
 * administrator, who by design reads no child's record and so cannot name the pupils, reports in person.
 */
export const CONCERN_AUTHORS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue', 'council_secretary', 'class_teacher'] as const satisfies readonly Role[];
/** Triage concerns and work cases: open, move, add tasks, notes, contacts, close, reopen. */
export const CASE_WORKERS = ['psychologist', 'social_pedagogue'] as const satisfies readonly Role[];
/** Read cases and the concerns inbox (the case workers and the school's leadership). */
export const CASE_READERS = ['director', 'deputy_director', 'psychologist', 'social_pedagogue'] as const satisfies readonly Role[];
/** Approve (or send back) a case's closure, where the school turned approval on; set that option. */
export const CASE_CLOSURE_APPROVERS = ['director'] as const satisfies readonly Role[];
