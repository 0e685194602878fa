/**
 * The school's own statistics (issue 14, item 2): counts and trends for a period — a quarter of the school
 * calendar, an academic year, or a custom range — of concerns, cases, the intra-school register, the prevention
 * council and the plan's execution. Only numbers leave the core: no name, no id, no text.
 *
 * These are the school's full counts for the staff who may see them (STATISTICS_READERS in shared/permissions.ts);
 * the district report (electron/core/district/) is a different, suppressed and versioned set of numbers.
 *
 * What is counted, exactly (the screen says the same under each chart):
 * - concerns: logged in the period (by the logging date); by status now; by form of harm for the triaged ones
 *   (a concern still waiting for triage is sealed to the intake key and counts as `awaiting`);
 * - cases: opened in the period, by form of harm, risk and stage now; closed in the period by closure reason; the
 *   children in the cases opened in the period by their grade and sex (each child once, today's grade);
 * - register: entries put on and taken off in the period, on the register at the period's end, by grade and sex;
 * - council: meetings dated in the period by status, decisions of those meetings by type;
 * - plan: the academic year's plan, per top-level section and quarter, the (item, quarter) pairs due and how they
 *   were marked;
 * - referrals: by agency and status, once the referrals feature provides its counter (null until then).
 * Monthly trends are by the school's local calendar month.
 */
import { z } from 'zod';
import { method } from './contract';
import { dateOnlySchema } from './cases';

export const statisticsPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quarter'), academicYear: z.number().int().min(2000).max(2100), quarter: z.number().int().min(1).max(4) }).strict(),
  z.object({ kind: z.literal('year'), academicYear: z.number().int().min(2000).max(2100) }).strict(),
  z
    .object({ kind: z.literal('custom'), from: dateOnlySchema, to: dateOnlySchema })
    .strict()
    .refine((p) => p.from <= p.to, 'from after to')
    // ten years at most: a trend by month over longer is no longer a chart
    .refine((p) => Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4)) <= 10, 'at most ten years'),
]);
export type StatisticsPeriod = z.infer<typeof statisticsPeriodSchema>;

/** A count per key of a closed list (every key present, zeros included, in the list's order). */
export interface Count<K extends string = string> {
  key: K;
  count: number;
}

/** A calendar month 'YYYY-MM' and its counts, one per series. */
export interface MonthRow<S extends string> {
  month: string;
  values: Record<S, number>;
}

export interface ConcernStatistics {
  logged: number;
  byStatus: Count[];
  /** the triaged concerns by form of harm; `awaiting` = not triaged yet (content sealed to the intake key) */
  byHarm: Count[];
  monthly: MonthRow<'logged'>[];
}

export interface CaseStatistics {
  opened: number;
  closed: number;
  /** cases open on the period's last day */
  openAtEnd: number;
  byHarm: Count[];
  byRisk: Count[];
  /** the stage now of the cases opened in the period */
  byStage: Count[];
  /** the cases closed in the period, by closure reason */
  byClosure: Count[];
  /** the children in the cases opened in the period, each once, by today's grade (0–12) */
  byGrade: Count[];
  /** the same children by sex: 'f', 'm', 'unknown' */
  bySex: Count[];
  monthly: MonthRow<'opened' | 'closed'>[];
}

export interface RegisterStatistics {
  on: number;
  off: number;
  /** on the register on the period's last day */
  onAtEnd: number;
  /** entries put on in the period, by the body that decided */
  byBody: Count[];
  /** the pupils put on in the period, each once, by today's grade and by sex */
  byGrade: Count[];
  bySex: Count[];
  monthly: MonthRow<'on' | 'off'>[];
}

export interface CouncilStatistics {
  meetings: number;
  byStatus: Count[];
  decisions: number;
  byDecision: Count[];
  monthly: MonthRow<'meetings' | 'decisions'>[];
}

export interface PlanQuarterCounts {
  quarter: number;
  due: number;
  done: number;
  partly: number;
  notDone: number;
  /** due, quarter over, not marked done/partly/not due */
  unmarked: number;
  /** (done + partly / 2) / due, rounded; 0 when nothing is due */
  percent: number;
}

export interface PlanSectionStatistics {
  number: string;
  titleKk: string;
  titleRu: string;
  quarters: PlanQuarterCounts[];
  total: PlanQuarterCounts;
}

export interface PlanStatistics {
  academicYear: number;
  /** false: the year has no plan */
  hasPlan: boolean;
  approved: boolean;
  sections: PlanSectionStatistics[];
  total: PlanQuarterCounts[];
}

export interface ReferralStatistics {
  total: number;
  byAgency: Count[];
  byStatus: Count[];
  monthly: MonthRow<'sent'>[];
}

export interface Statistics {
  period: { from: string; to: string; academicYear: number };
  concerns: ConcernStatistics;
  cases: CaseStatistics;
  register: RegisterStatistics;
  council: CouncilStatistics;
  plan: PlanStatistics;
  /** null: the referrals counter is not wired in this build */
  referrals: ReferralStatistics | null;
}

export const statisticsMethods = {
  /** Every statistic of a period: counts only. Needs the protection key (forms of harm, closure reasons). */
  'statistics.get': method<Statistics>()(z.object({ period: statisticsPeriodSchema }).strict()),
  /** The same numbers as an Excel workbook (one sheet per topic), saved where the user chooses. */
  'statistics.saveXlsx': method<{ path: string | null }>()(
    z.object({ period: statisticsPeriodSchema, language: z.enum(['kk', 'ru']) }).strict(),
  ),
} as const;

/** The dimensions a count is broken down by; each key's label is `statisticsLabelKey(dimension, key)` in i18n. */
export type StatisticsDimension = 'harm' | 'concernStatus' | 'risk' | 'stage' | 'closure' | 'grade' | 'sex' | 'body' | 'meetingStatus' | 'decision' | 'agency' | 'referralStatus';

/** The i18n key of a breakdown's key (shared by the screen and the workbook, so both say the same). */
export function statisticsLabelKey(dimension: StatisticsDimension, key: string): string {
  switch (dimension) {
    case 'harm':
      return key === 'awaiting' ? 'statistics.awaitingTriage' : `cases.harm.${key}`;
    case 'concernStatus':
      return `cases.concernStatus.${key}`;
    case 'risk':
      return `cases.risk.${key}`;
    case 'stage':
      return `cases.stage.${key}`;
    case 'closure':
      return `cases.reason.${key}`;
    case 'grade':
      return key === '0' ? 'statistics.grade0' : 'statistics.grade';
    case 'sex':
      return key === 'unknown' ? 'statistics.sexUnknown' : `pupils.sex.${key}`;
    case 'body':
      return `register.bodies.${key}`;
    case 'meetingStatus':
      return `council.status.${key}`;
    case 'decision':
      return `council.decisionType.${key}`;
    case 'agency':
      return `referrals.agency.${key}`;
    case 'referralStatus':
      return `referrals.status.${key}`;
  }
}

/** Month names are `plans.months.m<1–12>`; a month row's label is "<month> <year>". */
export function monthLabelKey(month: string): string {
  return `plans.months.m${Number(month.slice(5, 7))}`;
}
