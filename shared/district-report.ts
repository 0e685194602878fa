/**
 * The anonymised report a school sends to the district education department (Decree 748 §2: quarterly, by the
 * 10th of the month after the quarter; and for the academic year). A FIXED, VERSIONED schema: the district's copy
 * of Qorgan merges files of many schools and refuses a version it does not know.
 *
 * What the file may hold is decided here, by construction: every object is strict, every key is a fixed enum, every
 * value a count (or a suppression mark). There is no field for a name, an IIN, a birth date, a class letter or any
 * free text; the only strings are the school's own name and code, the period's dates and the generation time.
 *
 * Cells of 1 or 2 are published as "<3"; further cells are hidden as "x" (secondary suppression) so that no "<3"
 * can be worked out from the totals (electron/core/district/suppress.ts).
 */
import { z } from 'zod';
import { CASE_STAGES, CLOSURE_REASONS, CONCERN_STATUSES, FORMS_OF_HARM } from './cases';
import { DECISION_TYPES } from './council';

export const DISTRICT_REPORT_SCHEMA_VERSION = 1;
export const DISTRICT_REPORT_FORMAT = 'qorgan.district-report';

/** A published cell: an exact count, "<3" (1 or 2), or "x" (hidden so that a "<3" cannot be recovered). */
export const cellSchema = z.union([z.number().int().min(0).max(10_000_000), z.literal('<3'), z.literal('x')]);
export type Cell = z.infer<typeof cellSchema>;

export const GRADE_BANDS = ['g0_4', 'g5_9', 'g10_12'] as const;
export type GradeBand = (typeof GRADE_BANDS)[number];
export function gradeBand(grade: number): GradeBand {
  if (grade <= 4) return 'g0_4';
  if (grade <= 9) return 'g5_9';
  return 'g10_12';
}

export const SEXES = ['m', 'f', 'unknown'] as const;
export const REGISTER_MOVES = ['put_on', 'taken_off'] as const;
/** Agencies a referral goes to; the referrals feature maps its own agencies onto these (see district/counts.ts). */
export const REFERRAL_AGENCIES = ['police', 'health', 'social_protection', 'commission_minors', 'psychological_centre', 'ngo', 'other'] as const;
export const REFERRAL_STATES = ['sent', 'answered', 'closed'] as const;
export const PLAN_MARKS = ['due', 'done', 'partly', 'not_done'] as const;

type Keys = readonly [string, ...string[]];

/** A row: one cell per column and the row's total. */
function rowSchema<C extends Keys>(cols: C) {
  return z.object({ cells: z.record(z.enum(cols), cellSchema), total: cellSchema }).strict();
}

/** A cross-table: fixed rows × fixed columns, each row with its total, and the column totals with the grand total. */
export function crossTabSchema<R extends Keys, C extends Keys>(rows: R, cols: C) {
  return z.object({ rows: z.record(z.enum(rows), rowSchema(cols)), total: rowSchema(cols) }).strict();
}

export const TABLE_SHAPES = {
  /** concerns logged in the period, by what came of them */
  concerns: { rows: CONCERN_STATUSES, cols: ['count'] },
  /** cases opened in the period, by form of harm and their stage when the report was made */
  casesByStage: { rows: FORMS_OF_HARM, cols: CASE_STAGES },
  /** cases closed in the period, by form of harm and outcome */
  casesByOutcome: { rows: FORMS_OF_HARM, cols: CLOSURE_REASONS },
  /** children harmed (the targeted pupils of the cases opened in the period), by form of harm and sex */
  childrenBySex: { rows: FORMS_OF_HARM, cols: SEXES },
  /** the same children by grade band (never the class letter) */
  childrenByGrade: { rows: FORMS_OF_HARM, cols: GRADE_BANDS },
  /** intra-school register: put on and taken off in the period, by grade band */
  register: { rows: REGISTER_MOVES, cols: GRADE_BANDS },
  /** the prevention council's decisions in the period, by type */
  councilDecisions: { rows: DECISION_TYPES, cols: ['count'] },
  /** referrals made in the period, by agency and state */
  referrals: { rows: REFERRAL_AGENCIES, cols: REFERRAL_STATES },
} as const satisfies Record<string, { rows: Keys; cols: Keys }>;
export type TableId = keyof typeof TABLE_SHAPES;
export const TABLE_IDS = Object.keys(TABLE_SHAPES) as TableId[];

const tab = <T extends TableId>(id: T) => crossTabSchema(TABLE_SHAPES[id].rows, TABLE_SHAPES[id].cols);

const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const reportPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quarter'), academicYear: z.number().int().min(2000).max(2100), quarter: z.number().int().min(1).max(4), from: isoDateSchema, to: isoDateSchema }).strict(),
  z.object({ kind: z.literal('year'), academicYear: z.number().int().min(2000).max(2100), from: isoDateSchema, to: isoDateSchema }).strict(),
]);
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

/** The school's code in the district: its BIN (12 digits) or the department's code for it. */
export const schoolCodeSchema = z.string().regex(/^[0-9]{4,12}$/);

export const planSectionRowSchema = z
  .object({
    /** the section's number in the plan ("2", "2.1") or the framework's code: never its title */
    section: z.string().regex(/^[0-9]{1,3}(\.[0-9]{1,3}){0,3}$/),
    due: z.number().int().min(0),
    done: z.number().int().min(0),
    partly: z.number().int().min(0),
    notDone: z.number().int().min(0),
  })
  .strict();

export const districtReportSchema = z
  .object({
    schemaVersion: z.literal(DISTRICT_REPORT_SCHEMA_VERSION),
    school: z.object({ code: schoolCodeSchema, nameKk: z.string().min(1).max(400), nameRu: z.string().min(1).max(400) }).strict(),
    period: reportPeriodSchema,
    generatedAt: z.string().datetime(),
    tables: z
      .object({
        concerns: tab('concerns'),
        casesByStage: tab('casesByStage'),
        casesByOutcome: tab('casesByOutcome'),
        childrenBySex: tab('childrenBySex'),
        childrenByGrade: tab('childrenByGrade'),
        register: tab('register'),
        councilDecisions: tab('councilDecisions'),
        /** the referrals sent in the period (null only in reports of a build that did not count them) */
        referrals: tab('referrals').nullable(),
      })
      .strict(),
    /** pupils on the register at the end of the period, by grade band */
    registerAtEnd: z.object({ cells: z.record(z.enum(GRADE_BANDS), cellSchema), total: cellSchema }).strict(),
    /** meetings of the council held (minutes signed) in the period: not about a child, never suppressed */
    councilMeetings: z.number().int().min(0),
    /** the approved plan's items due in the period and how they went, by section: not about a child */
    plan: z.array(planSectionRowSchema).max(200),
    /** how many cells were hidden, for the reader */
    suppressed: z.object({ primary: z.number().int().min(0), secondary: z.number().int().min(0) }).strict(),
  })
  .strict();
export type DistrictReport = z.infer<typeof districtReportSchema>;
export type CrossTab = DistrictReport['tables']['concerns'] | DistrictReport['tables']['casesByStage'];

/**
 * The file the district receives: the report and a detached CAdES signature (CMS, SHA-256) over the report's
 * canonical JSON bytes (`canonicalJson`), made with the school's signing certificate.
 */
export const districtEnvelopeSchema = z
  .object({
    format: z.literal(DISTRICT_REPORT_FORMAT),
    /** read before the report, so a newer version is refused with its own message */
    schemaVersion: z.number().int().min(1),
    report: z.unknown(),
    signature: z.object({ type: z.literal('cades-detached-sha256'), cms: z.string().regex(/^[A-Za-z0-9+/]+=*$/).max(200_000) }).strict(),
  })
  .strict();
export type DistrictEnvelope = z.infer<typeof districtEnvelopeSchema>;

/** JSON with object keys sorted, no spaces: the bytes the signature covers (the same on both sides). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** The register kind's due window: from the 1st to the 10th of the month after the quarter ends. */
export function districtReportWindow(quarterEnd: string): { from: string; due: string } {
  const [y, m] = quarterEnd.split('-').map(Number) as [number, number];
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const mm = String(nm).padStart(2, '0');
  return { from: `${ny}-${mm}-01`, due: `${ny}-${mm}-10` };
}
