/**
 * The intra-school register (мектепішілік есеп / внутришкольный учёт) and the individual prevention plan of a
 * registered pupil. A pupil is put on and taken off by a decision (number, date, body: the prevention council or the
 * director) on grounds from the school's own list; the entry is reviewed periodically (by default each quarter);
 * registers held elsewhere (juvenile police, КДН / КТІЖК) are recorded as facts with dates. Grounds, notes, review
 * outcomes, the plan's measures and the bodies of outside registers are welfare data: the `protection` compartment.
 */
import { z } from 'zod';
import { method } from './contract';
import { signerInputSchema } from './documents';
import { languageSchema } from './roles';
import type { SchoolCalendar } from './plans';

/** Who decided: the school's prevention council or the director (by order). */
export const REGISTER_BODIES = ['council', 'director'] as const;
export const registerBodySchema = z.enum(REGISTER_BODIES);
export type RegisterBody = z.infer<typeof registerBodySchema>;

/** Registers held outside the school: juvenile police (ПДН / ЮП) and the commission on minors' affairs (КДН / КТІЖК). */
export const EXTERNAL_REGISTERS = ['juvenile_police', 'kdn'] as const;
export const externalRegisterSchema = z.enum(EXTERNAL_REGISTERS);
export type ExternalRegisterBody = z.infer<typeof externalRegisterSchema>;

/** What a review found. */
export const REVIEW_OUTCOMES = ['improved', 'no_change', 'worse', 'ready_to_take_off'] as const;
export const reviewOutcomeSchema = z.enum(REVIEW_OUTCOMES);
export type ReviewOutcome = z.infer<typeof reviewOutcomeSchema>;

/** Months between reviews unless the school decides otherwise (DOMAIN: "interval to confirm; default quarterly"). */
export const DEFAULT_REVIEW_MONTHS = 3;

const uuid = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.date();

export const decisionSchema = z
  .object({
    number: text(40).min(1),
    date: isoDate,
    body: registerBodySchema,
  })
  .strict();
export type Decision = z.infer<typeof decisionSchema>;

/**
 * The register's date rules, written once for the core (which refuses a break with `register.bad_dates` naming the
 * field) and the forms (which show the same rule on that field before anything is sent). Dates are YYYY-MM-DD.
 */
export const registerDateRules = {
  /** taken off, reviewed, a measure done: not before the decision that put the pupil on */
  notBeforeOn: (onDate: string, date: string | null): boolean => date === null || date >= onDate,
  /** the next review, when one is planned, comes after the review that plans it */
  nextAfterReview: (reviewedOn: string, next: string | null): boolean => next === null || next > reviewedOn,
  /** a period (an outside registration; an entry from its decision to its planned review or its end) does not end before it starts */
  inOrder: (start: string | null, end: string | null): boolean => start === null || end === null || end >= start,
} as const;

/** A ground of registration as the school keeps it (a settings-like list; retired grounds stay for old entries). */
export interface RegisterGround {
  id: string;
  /** the built-in default it started from (null: added by the school) */
  code: string | null;
  labelKk: string;
  labelRu: string;
  retired: boolean;
}

export interface RegisterReview {
  id: string;
  reviewedOn: string;
  /** protection: null when hidden */
  outcome: ReviewOutcome | null;
  note: string | null;
  nextReviewOn: string | null;
  writtenBy: string | null;
  writtenAt: string;
}

export interface PreventionMeasure {
  id: string;
  entryId: string;
  position: number;
  /** protection: what is done (null when hidden) */
  what: string | null;
  /** an account responsible for it (its work list shows the measure) … */
  responsibleId: string | null;
  responsibleName: string | null;
  /** … or someone outside the accounts, as free text (protection) */
  responsibleText: string | null;
  dueOn: string | null;
  doneOn: string | null;
  /** not done and its due date has passed (by the core's clock) */
  overdue: boolean;
  /** protection: the result once done */
  result: string | null;
  version: number;
}

export interface RegisterEntry {
  id: string;
  pupilId: string;
  on: Decision;
  off: Decision | null;
  /** protection: the ground ids (null when hidden) */
  groundIds: string[] | null;
  /** protection */
  notes: string | null;
  /** protection: why taken off */
  offReason: string | null;
  /** the worker who follows the pupil (their work list shows the reviews due) */
  curatorId: string | null;
  curatorName: string | null;
  reviewMonths: number;
  nextReviewOn: string | null;
  /** open and the next review is on or before today (by the core's clock) */
  reviewDue: boolean;
  reviews: RegisterReview[];
  measures: PreventionMeasure[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ExternalRegistration {
  id: string;
  pupilId: string;
  /** protection: which register (null when hidden) */
  body: ExternalRegisterBody | null;
  fromDate: string;
  toDate: string | null;
  /** protection */
  note: string | null;
  version: number;
}

/** One pupil's register record for the pupil card: every entry (the open one first), outside registers. */
export interface PupilRegister {
  pupilId: string;
  entries: RegisterEntry[];
  external: ExternalRegistration[];
}

/** A row of the register list. */
export interface RegisterListItem {
  entryId: string;
  pupilId: string;
  lastName: string;
  firstName: string;
  grade: number;
  classLetter: string;
  on: Decision;
  offDate: string | null;
  groundIds: string[] | null;
  curatorId: string | null;
  curatorName: string | null;
  nextReviewOn: string | null;
  /** the next review is on or before today */
  reviewDue: boolean;
  openMeasures: number;
  overdueMeasures: number;
}

export interface RegisterList {
  items: RegisterListItem[];
  /** open entries whose review is due (whatever the filter) */
  dueCount: number;
}

export interface PreventionPlanDocument {
  documentId: string;
  registerNumber: string;
  language: 'kk' | 'ru';
  sha256: string;
  pdfBase64: string;
}

const groundIdsSchema = z.array(uuid).min(1).max(20);
const notesSchema = text(4000).default('');

/** `months` calendar months after an ISO date; the 31st of a shorter month becomes its last day. */
export function addMonthsIso(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${ty}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The next review by default: `months` after the date; a date that falls in the holidays (outside every quarter of
 * the school calendar) moves to the first day of the next quarter, for nobody reviews a pupil in July.
 */
export function defaultNextReview(from: string, calendars: readonly SchoolCalendar[], months = DEFAULT_REVIEW_MONTHS): string {
  const candidate = addMonthsIso(from, months);
  const quarters = calendars.flatMap((c) => c.quarters).sort((a, b) => a.start.localeCompare(b.start));
  if (quarters.length === 0 || quarters.some((q) => q.start <= candidate && candidate <= q.end)) return candidate;
  const next = quarters.find((q) => q.start > candidate);
  return next ? next.start : candidate;
}

/** A staff account that can follow a pupil or carry out a measure. */
export interface StaffMember {
  id: string;
  displayName: string;
}

export const registerMethods = {
  /** active staff accounts (not the IT administrator alone) to choose a curator or a measure's responsible from */
  'register.staff': method<StaffMember[]>()(z.object({}).strict()),
  /** the register: open entries (or also closed ones), each with its next review and open measures */
  'register.list': method<RegisterList>()(
    z
      .object({
        includeClosed: z.boolean().default(false),
        dueOnly: z.boolean().default(false),
        /** the day "due" is counted against (defaults to the core's clock) */
        today: isoDate.optional(),
      })
      .strict(),
  ),
  /** sensitive read: one pupil's register entries, reviews, plan, outside registers */
  'register.forPupil': method<PupilRegister>()(z.object({ pupilId: uuid }).strict()),
  'register.grounds': method<RegisterGround[]>()(z.object({}).strict()),
  /** replaces the list: rows with an id are edited, without one added; a ground in use can only be retired */
  'register.saveGrounds': method<RegisterGround[]>()(
    z
      .object({
        grounds: z
          .array(
            z
              .object({
                id: uuid.optional(),
                labelKk: text(300).min(1),
                labelRu: text(300).min(1),
                retired: z.boolean().default(false),
              })
              .strict(),
          )
          .min(1)
          .max(60),
      })
      .strict(),
  ),
  'register.putOn': method<RegisterEntry>()(
    z
      .object({
        pupilId: uuid,
        decision: decisionSchema,
        groundIds: groundIdsSchema,
        notes: notesSchema,
        curatorId: uuid.nullable().default(null),
        reviewMonths: z.number().int().min(1).max(12).default(DEFAULT_REVIEW_MONTHS),
        /** the first review; defaults to `reviewMonths` after the decision (moved out of the holidays) */
        firstReviewOn: isoDate.optional(),
      })
      .strict(),
  ),
  'register.update': method<RegisterEntry>()(
    z
      .object({
        entryId: uuid,
        version: z.number().int().min(1),
        decision: decisionSchema,
        groundIds: groundIdsSchema,
        notes: notesSchema,
        curatorId: uuid.nullable(),
        reviewMonths: z.number().int().min(1).max(12),
        nextReviewOn: isoDate.nullable(),
      })
      .strict(),
  ),
  'register.takeOff': method<RegisterEntry>()(
    z.object({ entryId: uuid, version: z.number().int().min(1), decision: decisionSchema, reason: text(4000).default('') }).strict(),
  ),
  'register.review': method<RegisterEntry>()(
    z
      .object({
        entryId: uuid,
        version: z.number().int().min(1),
        reviewedOn: isoDate,
        outcome: reviewOutcomeSchema,
        note: text(4000).default(''),
        /** the next review; undefined = `reviewMonths` after this one; null = none planned */
        nextReviewOn: isoDate.nullable().optional(),
      })
      .strict(),
  ),
  'register.saveExternal': method<ExternalRegistration>()(
    z
      .object({
        id: uuid.optional(),
        version: z.number().int().min(1).optional(),
        pupilId: uuid,
        body: externalRegisterSchema,
        fromDate: isoDate,
        toDate: isoDate.nullable().default(null),
        note: text(2000).default(''),
      })
      .strict(),
  ),
  'register.removeExternal': method<null>()(z.object({ id: uuid, version: z.number().int().min(1) }).strict()),
  'register.saveMeasure': method<RegisterEntry>()(
    z
      .object({
        entryId: uuid,
        id: uuid.optional(),
        version: z.number().int().min(1).optional(),
        what: text(2000).min(1),
        responsibleId: uuid.nullable().default(null),
        responsibleText: text(300).default(''),
        dueOn: isoDate.nullable().default(null),
        doneOn: isoDate.nullable().default(null),
        result: text(2000).default(''),
      })
      .strict(),
  ),
  'register.removeMeasure': method<RegisterEntry>()(z.object({ id: uuid, version: z.number().int().min(1) }).strict()),
  /** the individual prevention plan as a PDF signed with the caller's own certificate, in the documents register */
  'register.signPlan': method<PreventionPlanDocument>()(z.object({ entryId: uuid, language: languageSchema, signer: signerInputSchema }).strict()),
} as const;
