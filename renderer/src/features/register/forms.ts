/**
 * The register's forms on the contract's schemas (shared/register.ts): each form's values are what its inputs hold
 * (a date not yet picked is null, a review's "next review as usual" a checkbox) and its schema turns them into the
 * method's input; the date rules are the core's own (`registerDateRules`), shown on their field before sending.
 */
import type { FormErrors } from '@mantine/form';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import {
  registerDateRules,
  registerMethods,
  type ExternalRegisterBody,
  type RegisterBody,
  type RegisterEntry,
  type ReviewOutcome,
} from '../../../../shared/register';
import { zodFormResolver, type FieldMessages, type ServerFieldMap } from '../../app/forms';
import { maxLengthOf } from '../../app/forms';

const putOnInput = registerMethods['register.putOn'].input;
const updateInput = registerMethods['register.update'].input;
const takeOffInput = registerMethods['register.takeOff'].input;
const reviewInput = registerMethods['register.review'].input;
const externalInput = registerMethods['register.saveExternal'].input;
const measureInput = registerMethods['register.saveMeasure'].input;
const groundsInput = registerMethods['register.saveGrounds'].input;

export const REGISTER_LIMITS = {
  decisionNumber: maxLengthOf(putOnInput.shape.decision.shape.number),
  notes: maxLengthOf(putOnInput.shape.notes),
  offReason: maxLengthOf(takeOffInput.shape.reason),
  reviewNote: maxLengthOf(reviewInput.shape.note),
  externalNote: maxLengthOf(externalInput.shape.note),
  what: maxLengthOf(measureInput.shape.what),
  responsibleText: maxLengthOf(measureInput.shape.responsibleText),
  result: maxLengthOf(measureInput.shape.result),
  ground: maxLengthOf(groundsInput.shape.grounds.element.shape.labelKk),
} as const;

export interface DecisionDraft {
  number: string;
  /** YYYY-MM-DD, null while none is picked */
  date: string | null;
  body: RegisterBody;
}

/** A new decision (put on, take off): today, by the council. */
export const newDecision = (today: string): DecisionDraft => ({ number: '', date: today, body: 'council' });

const MESSAGES: FieldMessages = { 'groundIds:too_small': 'validation.required' };

/** The core's refusals that are about one field of these forms (the rest show above the buttons). */
export const REGISTER_SERVER_FIELDS: ServerFieldMap = {
  // a `validation` refusal names the last part of its path
  fields: { number: 'decision.number', date: 'decision.date', body: 'decision.body' },
  codes: { 'register.already_on': 'pupilId', 'register.bad_ground': 'groundIds', 'register.ground_in_use': 'grounds' },
};
/** The same, where the pupil is given (no pupil field: "already on" shows above the buttons). */
export const REGISTER_SERVER_FIELDS_GIVEN_PUPIL: ServerFieldMap = {
  fields: REGISTER_SERVER_FIELDS.fields ?? {},
  codes: { 'register.bad_ground': 'groundIds', 'register.ground_in_use': 'grounds' },
};

const dotted = (iso: string) => dayjs(iso).format('DD.MM.YYYY');

/** The schema's errors, then the date rules' (a field keeps its first error). */
function withRules<V>(t: TFunction, schema: z.ZodType, rules: (values: V) => Record<string, string | false>) {
  const bySchema = zodFormResolver<V>(schema, t, MESSAGES);
  return (values: V): FormErrors => {
    const errors = bySchema(values);
    for (const [path, message] of Object.entries(rules(values))) if (message && errors[path] === undefined) errors[path] = message;
    return errors;
  };
}

// --- put on -----------------------------------------------------------------------------------------------------

export interface PutOnFormValues {
  pupilId: string | null;
  decision: DecisionDraft;
  groundIds: string[];
  notes: string;
  curatorId: string | null;
  reviewMonths: number | string;
}

/** `register.putOn` as the form fills it (the first review is the core's default). */
export const putOnFormSchema = putOnInput.omit({ firstReviewOn: true }).required();
export const validatePutOn = (t: TFunction) => withRules<PutOnFormValues>(t, putOnFormSchema, () => ({}));

// --- edit -------------------------------------------------------------------------------------------------------

export interface EditEntryFormValues {
  decision: DecisionDraft;
  groundIds: string[];
  notes: string;
  curatorId: string | null;
  reviewMonths: number | string;
  nextReviewOn: string | null;
}

export const editEntryFormSchema = updateInput.omit({ entryId: true, version: true });
export const editEntryValues = (entry: RegisterEntry): EditEntryFormValues => ({
  decision: entry.on,
  groundIds: entry.groundIds ?? [],
  notes: entry.notes ?? '',
  curatorId: entry.curatorId,
  reviewMonths: entry.reviewMonths,
  nextReviewOn: entry.nextReviewOn,
});
export const validateEditEntry = (t: TFunction, entry: RegisterEntry) =>
  withRules<EditEntryFormValues>(t, editEntryFormSchema, (v) => ({
    'decision.date': entry.off !== null && !registerDateRules.inOrder(v.decision.date, entry.off.date) && t('register.dateRule.afterOff', { date: dotted(entry.off.date) }),
    nextReviewOn: !registerDateRules.inOrder(v.decision.date, v.nextReviewOn) && t('register.dateRule.beforeDecision'),
  }));

// --- take off ---------------------------------------------------------------------------------------------------

export interface TakeOffFormValues {
  decision: DecisionDraft;
  reason: string;
}

export const takeOffFormSchema = takeOffInput.omit({ entryId: true, version: true }).required();
export const validateTakeOff = (t: TFunction, entry: RegisterEntry) =>
  withRules<TakeOffFormValues>(t, takeOffFormSchema, (v) => ({
    'decision.date': !registerDateRules.notBeforeOn(entry.on.date, v.decision.date) && t('register.dateRule.notBeforeOn', { date: dotted(entry.on.date) }),
  }));

// --- review -----------------------------------------------------------------------------------------------------

export interface ReviewFormValues {
  reviewedOn: string | null;
  outcome: ReviewOutcome;
  note: string;
  /** the next review `reviewMonths` after this one (the core's default) */
  auto: boolean;
  nextReviewOn: string | null;
}

/** The review form → `register.review` without the entry: "as usual" sends no next review (the core plans it). */
export const reviewFormSchema = z
  .object({
    reviewedOn: reviewInput.shape.reviewedOn,
    outcome: reviewInput.shape.outcome,
    note: reviewInput.shape.note,
    auto: z.boolean(),
    nextReviewOn: reviewInput.shape.nextReviewOn.unwrap(),
  })
  .transform(({ auto, nextReviewOn, ...rest }) => (auto ? rest : { ...rest, nextReviewOn }));
export const validateReview = (t: TFunction, entry: RegisterEntry) =>
  withRules<ReviewFormValues>(t, reviewFormSchema, (v) => ({
    reviewedOn: !registerDateRules.notBeforeOn(entry.on.date, v.reviewedOn) && t('register.dateRule.notBeforeOn', { date: dotted(entry.on.date) }),
    nextReviewOn: !v.auto && v.reviewedOn !== null && !registerDateRules.nextAfterReview(v.reviewedOn, v.nextReviewOn) && t('register.dateRule.nextAfterReview'),
  }));

// --- a measure of the prevention plan ---------------------------------------------------------------------------

export interface MeasureFormValues {
  what: string;
  /** an account is responsible, or someone named in text */
  who: 'account' | 'text';
  responsibleId: string | null;
  responsibleText: string;
  dueOn: string | null;
  doneOn: string | null;
  result: string;
}

/** The measure form → `register.saveMeasure` without the entry and the measure's id: only the chosen "who" is kept. */
export const measureFormSchema = z
  .object({
    what: measureInput.shape.what,
    who: z.enum(['account', 'text']),
    responsibleId: measureInput.shape.responsibleId.unwrap(),
    responsibleText: measureInput.shape.responsibleText.unwrap(),
    dueOn: measureInput.shape.dueOn.unwrap(),
    doneOn: measureInput.shape.doneOn.unwrap(),
    result: measureInput.shape.result.unwrap(),
  })
  .transform(({ who, responsibleId, responsibleText, doneOn, result, ...rest }) => ({
    ...rest,
    responsibleId: who === 'account' ? responsibleId : null,
    responsibleText: who === 'text' ? responsibleText : '',
    doneOn,
    result: doneOn !== null ? result : '',
  }));
export const validateMeasure = (t: TFunction, onDate: string) =>
  withRules<MeasureFormValues>(t, measureFormSchema, (v) => ({
    doneOn: !registerDateRules.notBeforeOn(onDate, v.doneOn) && t('register.dateRule.notBeforeOn', { date: dotted(onDate) }),
  }));

// --- an outside registration ------------------------------------------------------------------------------------

export interface ExternalFormValues {
  body: ExternalRegisterBody;
  fromDate: string | null;
  toDate: string | null;
  note: string;
}

export const externalFormSchema = externalInput.pick({ body: true, fromDate: true, toDate: true, note: true }).required();
export const validateExternal = (t: TFunction) =>
  withRules<ExternalFormValues>(t, externalFormSchema, (v) => ({
    toDate: !registerDateRules.inOrder(v.fromDate, v.toDate) && t('register.dateRule.endBeforeStart'),
  }));

// --- the school's grounds ---------------------------------------------------------------------------------------

export interface GroundsFormValues {
  grounds: { id?: string; labelKk: string; labelRu: string; retired: boolean }[];
}

export const groundsFormSchema = groundsInput;
export const validateGrounds = (t: TFunction) => zodFormResolver<GroundsFormValues>(groundsFormSchema, t, MESSAGES);
