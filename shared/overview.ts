/**
 * The home screen per role (issue 14, item 1): one core call, `overview.home`, answers with the blocks the caller's
 * roles may see. Beside them the home keeps the features' own alerts that list and act on records — documents
 * awaiting my signature (with their titles), quarterly reports due (each a link), the backup reminder and the key
 * notices (role changes, password resets: with their buttons) — each its own small call, measured together with
 * this one as "the director's home" (tests/bench/overview.ts).
 *
 * HOME_BLOCKS (below) says which role sees which block; a block the caller may not see is null. Numbers and dates
 * only — each block links to the list where the records are.
 *
 * - director: plan progress by section, open cases by risk, overdue work across the school, the council's next
 *   meeting and minutes awaiting the chair (beside them: awaiting my signature, reports due, the last backup, the
 *   role and password-reset notices);
 * - psychologist / social pedagogue: the concerns inbox, open cases by risk (and their work lists in full below);
 * - class teacher: their work (tasks) and their concerns (waiting, answered);
 * - council secretary: the next meeting, agenda proposals for it, minutes awaiting signatures;
 * - administrator: accounts, the audit log's verification (backups: the backup reminder);
 * - director and deputy: the district report due from the 1st to the 10th of the month after a quarter, overdue after.
 */
import { z } from 'zod';
import { method } from './contract';
import type { DistrictReportDue } from './district-school';
import { ACCOUNT_ADMINS, CASE_READERS, CASE_WORKERS, DISTRICT_REPORTERS, WORK_LIST_READERS, WORK_OVERSEERS } from './permissions';
import type { Role } from './roles';
import type { WorkCounts } from './worklists';

export const HOME_BLOCK_NAMES = [
  'plan',
  'casesByRisk',
  'schoolWork',
  'myWork',
  'inbox',
  'myConcerns',
  'council',
  'councilSecretary',
  'accounts',
  'audit',
  'districtReport',
] as const;
export type HomeBlockName = (typeof HOME_BLOCK_NAMES)[number];

/**
 * Which role sees which block: the lists of the screens each block links to (shared/permissions.ts), so a block never
 * counts what its reader could not open. The core computes only these blocks (electron/core/overview/home.ts).
 */
export const HOME_BLOCKS: Record<HomeBlockName, readonly Role[]> = {
  plan: ['director', 'deputy_director'],
  casesByRisk: CASE_READERS,
  // "overdue across the school": the school's leads (the case workers see the school's lists on the work screen)
  schoolWork: WORK_OVERSEERS.filter((r) => r === 'director' || r === 'deputy_director'),
  myWork: WORK_LIST_READERS,
  inbox: CASE_WORKERS,
  myConcerns: ['class_teacher'],
  council: ['director', 'deputy_director', 'council_secretary'],
  councilSecretary: ['council_secretary'],
  accounts: ACCOUNT_ADMINS,
  audit: ['administrator'],
  // Decree 748 §2: the quarterly report to the district, by the 10th of the month after the quarter
  districtReport: DISTRICT_REPORTERS,
};

export interface HomePlanSection {
  number: string;
  titleKk: string;
  titleRu: string;
  due: number;
  overdue: number;
  percent: number;
}

export interface HomeOverview {
  today: string;
  /** the current academic year's plan (approved, else the newest draft), top-level sections */
  plan: { planId: string; academicYear: number; approved: boolean; sections: HomePlanSection[]; overdue: number } | null;
  /** open cases by risk, highest first */
  casesByRisk: { key: string; count: number }[] | null;
  /** everyone's work (the overdue count is the director's "overdue across the school") */
  schoolWork: WorkCounts | null;
  /** the caller's own work */
  myWork: WorkCounts | null;
  /** concerns waiting for triage */
  inbox: { awaiting: number } | null;
  /** the caller's own concerns: waiting for the office, answered */
  myConcerns: { awaiting: number; answered: number } | null;
  /** the council's next meeting and the minutes waiting for the chair */
  council: { next: { id: string; number: number; date: string; time: string } | null; awaitingChair: number } | null;
  /** the secretary's preparation: proposals for the next meeting's agenda (null when there is no planned meeting) */
  councilSecretary: { proposals: number | null } | null;
  accounts: { active: number; disabled: number } | null;
  /** the audit log's hash chain checked now */
  audit: { ok: boolean; checked: number } | null;
  /** the district report's reminder: quarters due (1st–10th of the month after) or overdue and not issued, oldest first */
  districtReport: { due: DistrictReportDue[] } | null;
}

export const overviewMethods = {
  'overview.home': method<HomeOverview>()(z.object({}).strict()),
} as const;
