/**
 * Suicide-risk screening (ASQ) and the safety plan on a case (issue 10, items 2 and 3).
 *
 * Everything of a screening — which case and pupil it is about, the answers, the notes, the result, the acute
 * checklist — and every version of a safety plan is sealed in the `confidential` compartment (the psychologist's):
 * the plain columns of their tables are an id and a time. What leaves the compartment, by design:
 * - a positive non-acute screen adds a case task with a neutral title ("full psychological assessment", due within
 *   24 hours) so that it reaches the work lists; the link task → screening is kept sealed;
 * - an acute screen raises the case's risk to `acute` (a plain column of the case that orders the lists);
 * - the pupil's chronology gets a `screening` / `safety_plan` entry whose summary is sealed in `confidential`.
 * No list title, log line, audit detail, notification or window title carries anything of the answers or the result.
 *
 * The questions and their source: shared/asq.ts.
 */
import { z } from 'zod';
import { ASQ_SCREEN_QUESTIONS, type AsqQuestion } from './asq';
import { method } from './contract';

const id = z.string().uuid();
const version = z.number().int().min(1);
const text = (max: number) => z.string().trim().min(1).max(max);
/** a local wall-clock time as typed: YYYY-MM-DDTHH:MM */
export const localDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/u, 'YYYY-MM-DDTHH:MM');

export const ASQ_ANSWERS = ['yes', 'no', 'declined'] as const;
export const asqAnswerSchema = z.enum(ASQ_ANSWERS);
export type AsqAnswer = z.infer<typeof asqAnswerSchema>;

export const asqAnswersSchema = z
  .object({
    q1: asqAnswerSchema.nullable(),
    q2: asqAnswerSchema.nullable(),
    q3: asqAnswerSchema.nullable(),
    q4: asqAnswerSchema.nullable(),
    q5: asqAnswerSchema.nullable(),
  })
  .strict();
export type AsqAnswers = z.infer<typeof asqAnswersSchema>;

export const SCREENING_RESULTS = ['negative', 'positive', 'acute'] as const;
export type ScreeningResult = (typeof SCREENING_RESULTS)[number];

/**
 * The lines of the acute checklist, in order. Each must be answered — done (with the time) or not done (with the
 * reason) — before the checklist can be closed.
 */
export const ACUTE_LINES = ['not_alone', 'director', 'parents', 'referral', 'emergency'] as const;
export const acuteLineSchema = z.enum(ACUTE_LINES);
export type AcuteLine = z.infer<typeof acuteLineSchema>;

export interface ChecklistItem {
  line: AcuteLine;
  state: 'done' | 'not_done' | null;
  /** done: when (local YYYY-MM-DDTHH:MM) */
  at: string | null;
  /** not done: why; done: an optional note (e.g. to whom the referral went) */
  note: string | null;
  answeredBy: string | null;
}

/**
 * What the answers mean, by the NIMH rules (shared/asq.ts): `null` while the answers do not decide it yet.
 * - "yes" to question 5 → acute (whatever else is missing);
 * - "yes" or "declined" to any of 1–4 → positive (acute only by question 5);
 * - "no" to all of 1–4 → negative (question 5 is not asked).
 */
export function asqResult(a: AsqAnswers): ScreeningResult | null {
  if (a.q5 === 'yes') return 'acute';
  const first = ASQ_SCREEN_QUESTIONS.map((q) => a[q]);
  if (first.some((x) => x === 'yes' || x === 'declined')) return 'positive';
  if (first.every((x) => x === 'no')) return 'negative';
  return null;
}

/** Whether the acuity question (5) is to be asked: after a "yes" or a refusal to any of 1–4. */
export function asqAsksQ5(a: AsqAnswers): boolean {
  return ASQ_SCREEN_QUESTIONS.some((q) => a[q] === 'yes' || a[q] === 'declined');
}

/** The questions that still need an answer for a complete screen (question 5 only after a non-"no" to 1–4). */
export function asqMissing(a: AsqAnswers): AsqQuestion[] {
  const missing: AsqQuestion[] = ASQ_SCREEN_QUESTIONS.filter((q) => a[q] === null);
  if (asqAsksQ5(a) && a.q5 === null) missing.push('q5');
  return missing;
}

/**
 * Whether a screen needs the reason why it is incomplete: some question is unanswered, or the answers given do not
 * decide the result. The core refuses such a screen without a reason (`screening.incomplete`); the form asks for it.
 */
export function asqNeedsReason(a: AsqAnswers): boolean {
  return asqMissing(a).length > 0 || asqResult(a) === null;
}

/** A typed local time may run ahead of UTC by at most the largest zone offset (UTC+14). */
const MAX_ZONE_AHEAD_MS = 14 * 3600_000;

/**
 * Whether a local wall-clock time (YYYY-MM-DDTHH:MM) is surely in the future of `now`, whatever the zone: the rule
 * of the core (`screening.in_future`) and of the forms for when questions were asked and checklist lines done.
 */
export function isLocalTimeInFuture(local: string, now: Date): boolean {
  return `${local}:00Z` > new Date(now.getTime() + MAX_ZONE_AHEAD_MS).toISOString();
}

/** Whether a checklist line would be done before the screening itself (`screening.before_screen`). */
export function isBeforeScreening(at: string, askedAt: string): boolean {
  return at < askedAt;
}

export interface Screening {
  id: string;
  caseId: string;
  pupilId: string;
  /** when the questions were asked (local YYYY-MM-DDTHH:MM) */
  askedAt: string;
  askedBy: string | null;
  answers: AsqAnswers;
  notes: string | null;
  /** why some questions have no answer (required when any is missing) */
  incompleteReason: string | null;
  result: ScreeningResult;
  /** positive non-acute: the full-assessment case task */
  assessmentTaskId: string | null;
  /** acute only */
  checklist: ChecklistItem[] | null;
  checklistClosedAt: string | null;
  version: number;
}

export const SAFETY_PLAN_STEPS = ['warningSigns', 'coping', 'distractions', 'helpers', 'professionals', 'environment'] as const;
export type SafetyPlanStep = (typeof SAFETY_PLAN_STEPS)[number];
/** Limits that keep the printed sheet to one page in large type. */
export const SAFETY_PLAN_MAX_LINES = 5;
export const SAFETY_PLAN_MAX_LINE = 120;

export const safetyPlanLinesSchema = z.array(text(SAFETY_PLAN_MAX_LINE)).max(SAFETY_PLAN_MAX_LINES);
const stepLines = safetyPlanLinesSchema;
export const safetyPlanStepsSchema = z
  .object({
    warningSigns: stepLines,
    coping: stepLines,
    distractions: stepLines,
    helpers: stepLines,
    professionals: stepLines,
    environment: stepLines,
  })
  .strict();
export type SafetyPlanSteps = z.infer<typeof safetyPlanStepsSchema>;

/** A plan with no line in any step is not saved (the core refuses it on `steps`). */
export function safetyPlanIsEmpty(steps: SafetyPlanSteps): boolean {
  return SAFETY_PLAN_STEPS.every((k) => steps[k].length === 0);
}

export interface SafetyPlanVersionInfo {
  version: number;
  savedAt: string;
  savedBy: string | null;
}

export interface SafetyPlan {
  caseId: string;
  pupilId: string;
  version: number;
  savedAt: string;
  savedBy: string | null;
  /** written together with the pupil (the plan is the pupil's own words) */
  withPupil: boolean;
  steps: SafetyPlanSteps;
  /** every version, newest first */
  history: SafetyPlanVersionInfo[];
}

export interface ScreeningOverview {
  screenings: Screening[];
  /** the newest version of each pupil's plan on this case */
  plans: SafetyPlan[];
}

export interface SafetyPlanSheet {
  documentId: string;
  registerNumber: string;
  pdfBase64: string;
}

export const screeningMethods = {
  /** sensitive read: the case's screenings and safety plans (confidential compartment) */
  'screening.forCase': method<ScreeningOverview>()(z.object({ caseId: id }).strict()),
  /**
   * Records a screening of one pupil of the case (`caseVersion`: the case as the screen read it). A screen with any
   * answer missing needs `incompleteReason`. Positive → a full-assessment task due within 24 h; acute → the
   * case's risk becomes acute and the checklist opens.
   */
  'screening.record': method<Screening>()(
    z
      .object({
        caseId: id,
        caseVersion: version,
        pupilId: id,
        askedAt: localDateTimeSchema,
        answers: asqAnswersSchema,
        notes: z.string().trim().max(4000).default(''),
        incompleteReason: z.string().trim().max(1000).default(''),
      })
      .strict(),
  ),
  /** answers one line of an acute checklist: done at a time, or not done with a reason */
  'screening.answerLine': method<Screening>()(
    z.discriminatedUnion('state', [
      z.object({ id, version, line: acuteLineSchema, state: z.literal('done'), at: localDateTimeSchema, note: z.string().trim().max(1000).default('') }).strict(),
      z.object({ id, version, line: acuteLineSchema, state: z.literal('not_done'), reason: text(1000) }).strict(),
    ]),
  ),
  /** closes an acute checklist: refused while any line is unanswered */
  'screening.closeChecklist': method<Screening>()(z.object({ id, version }).strict()),
  /** saves a new version of a pupil's safety plan on the case (`baseVersion`: the version the editor read, 0 for none) */
  'safetyPlan.save': method<SafetyPlan>()(
    z
      .object({
        caseId: id,
        pupilId: id,
        baseVersion: z.number().int().min(0),
        withPupil: z.boolean(),
        steps: safetyPlanStepsSchema,
      })
      .strict(),
  ),
  /** the one-page sheet for the pupil (kk / ru), registered as a protected document */
  'safetyPlan.print': method<SafetyPlanSheet>()(z.object({ caseId: id, pupilId: id, lang: z.enum(['kk', 'ru']) }).strict()),
} as const;
