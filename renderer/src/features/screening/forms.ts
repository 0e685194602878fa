/**
 * The screening section's forms on the contract's schemas (shared/screening.ts): each form schema is the core's
 * method input without what the screen supplies itself (case, versions, line), plus the rules both sides keep in
 * shared/screening.ts (a reason for an incomplete screen, no time in the future, nothing done before the
 * screening, a plan with at least one line). The ASQ result is never computed here: the form shows `asqResult`,
 * the function the core records.
 */
import type { TFunction } from 'i18next';
import { z } from 'zod';
import {
  SAFETY_PLAN_MAX_LINE,
  SAFETY_PLAN_STEPS,
  asqNeedsReason,
  asqResult,
  isBeforeScreening,
  isLocalTimeInFuture,
  safetyPlanIsEmpty,
  safetyPlanLinesSchema,
  screeningMethods,
  type AsqAnswers,
  type SafetyPlanStep,
  type SafetyPlanSteps,
} from '../../../../shared/screening';
import { zodFormResolver, type FieldMessages } from '../../app/forms';

const custom = (i18n: string) => ({ code: 'custom' as const, params: { i18n } });

// ---------------------------------------------------------------------------------------------------- the ASQ

export const SCREENING_NOTES_MAX = 4000;
export const SCREENING_REASON_MAX = 1000;

export interface ScreeningFormValues {
  pupilId: string | null;
  askedAt: string;
  answers: AsqAnswers;
  notes: string;
  incompleteReason: string;
}

const record = screeningMethods['screening.record'].input;

/**
 * The form's values → `screening.record`'s input without the case: the reason is asked (and sent) only when the
 * answers leave the screen incomplete, as the core requires it.
 */
export const screeningFormSchema = (now: Date) =>
  record
    .omit({ caseId: true, caseVersion: true })
    .required()
    .superRefine((v, ctx) => {
      if (isLocalTimeInFuture(v.askedAt, now)) ctx.addIssue({ ...custom('errors.screening.in_future'), path: ['askedAt'] });
      if (asqResult(v.answers) === null) ctx.addIssue({ ...custom('errors.screening.incomplete'), path: ['answers'] });
      if (asqNeedsReason(v.answers) && v.incompleteReason === '') ctx.addIssue({ ...custom('screening.incompleteHint'), path: ['incompleteReason'] });
    })
    .transform((v) => ({ ...v, incompleteReason: asqNeedsReason(v.answers) ? v.incompleteReason : '' }));

export const validateScreening = (t: TFunction) => (values: ScreeningFormValues) =>
  zodFormResolver<ScreeningFormValues>(screeningFormSchema(new Date()), t)(values);

// ---------------------------------------------------------------------------------------------------- a checklist line

export const ACUTE_TEXT_MAX = 1000;

export interface AcuteLineFormValues {
  state: 'done' | 'not_done';
  /** done: when (YYYY-MM-DDTHH:MM) */
  at: string;
  /** done: an optional note; not done: the reason (required) */
  text: string;
}

const [doneLine, notDoneLine] = screeningMethods['screening.answerLine'].input.options;

/** The form's values → `screening.answerLine`'s input without the screening and the line. */
export const acuteLineFormSchema = (askedAt: string, now: Date) =>
  z
    .discriminatedUnion('state', [
      z.object({ state: z.literal('done'), at: doneLine.shape.at, text: doneLine.shape.note }),
      z.object({ state: z.literal('not_done'), at: z.string(), text: notDoneLine.shape.reason }),
    ])
    .superRefine((v, ctx) => {
      if (v.state !== 'done') return;
      if (isLocalTimeInFuture(v.at, now)) ctx.addIssue({ ...custom('errors.screening.in_future'), path: ['at'] });
      else if (isBeforeScreening(v.at, askedAt)) ctx.addIssue({ ...custom('errors.screening.before_screen'), path: ['at'] });
    })
    .transform((v) => (v.state === 'done' ? { state: v.state, at: v.at, note: v.text } : { state: v.state, reason: v.text }));

export const validateAcuteLine = (t: TFunction, askedAt: string) => (values: AcuteLineFormValues) =>
  zodFormResolver<AcuteLineFormValues>(acuteLineFormSchema(askedAt, new Date()), t)(values);

// ---------------------------------------------------------------------------------------------------- the safety plan

/** A step as typed: one line a point (blank lines are dropped). */
export type SafetyPlanTexts = Record<SafetyPlanStep, string>;

export interface SafetyPlanFormValues {
  withPupil: boolean;
  steps: SafetyPlanTexts;
}

export const toLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

export const toTexts = (steps: SafetyPlanSteps): SafetyPlanTexts => ({
  warningSigns: steps.warningSigns.join('\n'),
  coping: steps.coping.join('\n'),
  distractions: steps.distractions.join('\n'),
  helpers: steps.helpers.join('\n'),
  professionals: steps.professionals.join('\n'),
  environment: steps.environment.join('\n'),
});

const stepText = z.string().transform(toLines).pipe(safetyPlanLinesSchema);

/** The form's values → `safetyPlan.save`'s input without the case, the pupil and the version. */
export const safetyPlanFormSchema = z
  .object({
    withPupil: z.boolean(),
    steps: z.object({
      warningSigns: stepText,
      coping: stepText,
      distractions: stepText,
      helpers: stepText,
      professionals: stepText,
      environment: stepText,
    }),
  })
  .superRefine((v, ctx) => {
    if (safetyPlanIsEmpty(v.steps)) ctx.addIssue({ ...custom('screening.plan.empty'), path: ['steps'] });
  });

/**
 * Errors of a step's lines (`steps.coping` too many, `steps.coping.2` too long) are shown on the step's field:
 * the first one of each step.
 */
export const validateSafetyPlan = (t: TFunction) => (values: SafetyPlanFormValues) => {
  const messages: FieldMessages = Object.fromEntries(
    SAFETY_PLAN_STEPS.map((k) => [`steps.${k}:too_big`, 'screening.plan.linesHint'] as const),
  );
  const errors = zodFormResolver<SafetyPlanFormValues>(safetyPlanFormSchema, t, messages)(values);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const step = SAFETY_PLAN_STEPS.find((k) => path.startsWith(`steps.${k}.`));
    const key = step ? `steps.${step}` : path;
    if (out[key] === undefined) out[key] = step ? t('screening.plan.lineTooLong', { max: SAFETY_PLAN_MAX_LINE }) : String(message);
  }
  return out;
};
