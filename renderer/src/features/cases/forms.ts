/**
 * The case screens' forms on the contract's schemas (shared/cases.ts): the form holds what its inputs hold (a date
 * and a time apart, picked pupils with their labels) and the form schema turns that into the method's input, then
 * checks it with the core's own schema, so a rule is written once.
 */
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { casesMethods, concernContentSchema, dateOnlySchema, type FormOfHarm, type Risk } from '../../../../shared/cases';
import { maxLengthOf, zodFormResolver, type FieldMessages, type ServerFieldMap } from '../../app/forms';
import type { Picked } from './parts';

/** A concern's account of what happened keeps at most this many characters; where, this many. */
export const CONCERN_WHAT_MAX = 4000;
export const CONCERN_WHERE_MAX = 200;

export interface ConcernFormValues {
  what: string;
  where: string;
  /** YYYY-MM-DD, null while the typed date is empty or not a date */
  date: string | null;
  /** HH:MM or empty */
  time: string;
  formOfHarm: FormOfHarm | null;
  pupils: Picked[];
}

const content = concernContentSchema.shape;
/** A time of day as people type it (the form's own field: the core takes it joined to the date). */
const timeOfDay = z.string().trim().regex(/^(([01]\d|2[0-3]):[0-5]\d)?$/u);

/** The concern form's values → `concerns.log`'s input (`concernContentSchema`). */
export const concernFormSchema = z
  .object({
    what: content.what,
    where: content.where,
    date: dateOnlySchema,
    time: timeOfDay,
    formOfHarm: content.formOfHarm,
    pupils: z.array(z.object({ pupilId: z.string(), role: z.string(), label: z.string() })).min(1),
  })
  .transform(({ date, time, pupils, ...rest }) => ({
    ...rest,
    occurredAt: time ? `${date}T${time}` : date,
    pupils: pupils.map(({ pupilId, role }) => ({ pupilId, role })),
  }))
  // every field is given here (`where` too), so the core's schema is checked with none left to its defaults
  .pipe(concernContentSchema.required());

// a form of harm fails only when none is chosen
const CONCERN_MESSAGES: FieldMessages = { time: 'cases.timeInvalid', formOfHarm: 'validation.required' };

export const validateConcern = (t: TFunction) => zodFormResolver<ConcernFormValues>(concernFormSchema, t, CONCERN_MESSAGES);

/** The core's `occurredAt` is the form's date (the time rides with it). */
export const CONCERN_SERVER_FIELDS: ServerFieldMap = { fields: { occurredAt: 'date' } };

/** A concern's answer to its author keeps at most this many characters; a new case's title, this many. */
export const TRIAGE_ANSWER_MAX = 1000;
export const CASE_TITLE_MAX = 200;

export interface TriageFormValues {
  action: 'new_case' | 'existing_case' | 'no_action';
  answer: string;
  title: string;
  risk: Risk;
  /** the open case chosen for `existing_case` */
  caseId: string | null;
}

const [triageNew, triageExisting, triageNone] = casesMethods['concerns.triage'].input.options;

/**
 * The triage form's values → one of `concerns.triage`'s variants, without what the screen adds at submit (the
 * concern's id, the chosen case's version, no lead): the fields of the other actions are dropped.
 */
export const triageFormSchema = z.discriminatedUnion('action', [
  z.object({ action: triageNew.shape.action, answer: triageNew.shape.answer, title: triageNew.shape.title, risk: triageNew.shape.risk }),
  z.object({ action: triageExisting.shape.action, answer: triageExisting.shape.answer, caseId: triageExisting.shape.caseId }),
  z.object({ action: triageNone.shape.action, answer: triageNone.shape.answer }),
]);

export const validateTriage = (t: TFunction) => zodFormResolver<TriageFormValues>(triageFormSchema, t, { caseId: 'validation.required' });

const createInput = casesMethods['cases.create'].input;
const updateInput = casesMethods['cases.update'].input;
const taskInput = casesMethods['cases.addTask'].input;
const noteInput = casesMethods['cases.addNote'].input;
const contactInput = casesMethods['cases.addContact'].input;
const closeInput = casesMethods['cases.close'].input;

export const CASE_LIMITS = {
  title: maxLengthOf(createInput.shape.title),
  summary: maxLengthOf(createInput.shape.summary),
  task: maxLengthOf(taskInput.shape.title),
  note: maxLengthOf(noteInput.shape.text),
  who: maxLengthOf(contactInput.shape.who),
  contactOutcome: maxLengthOf(contactInput.shape.outcome),
  closureOutcome: maxLengthOf(closeInput.shape.outcome),
} as const;

/** A new case: what the form holds (picked pupils with their labels, no form of harm until one is chosen). */
export interface NewCaseFormValues {
  title: string;
  summary: string;
  formOfHarm: FormOfHarm | null;
  risk: Risk;
  pupils: Picked[];
}

/** The new case form's values → `cases.create`'s input (no lead: the case screen sets one). */
export const newCaseFormSchema = z
  .object({
    title: createInput.shape.title,
    summary: createInput.shape.summary,
    formOfHarm: createInput.shape.formOfHarm,
    risk: createInput.shape.risk,
    pupils: z.array(z.object({ pupilId: z.string(), role: z.string(), label: z.string() })).min(1),
  })
  .transform(({ pupils, ...rest }) => ({ ...rest, leadId: null as string | null, pupils: pupils.map(({ pupilId, role }) => ({ pupilId, role })) }))
  .pipe(createInput.required());

export const validateNewCase = (t: TFunction) => zodFormResolver<NewCaseFormValues>(newCaseFormSchema, t, { formOfHarm: 'validation.required' });

/** A case's course: its stage, risk and lead (the screen sends only what changed, with the case's id and version). */
export const courseFormSchema = z.object({
  stage: updateInput.shape.stage.unwrap(),
  risk: updateInput.shape.risk.unwrap(),
  leadId: updateInput.shape.leadId.unwrap(),
});
export type CourseFormValues = z.input<typeof courseFormSchema>;

/** A task of a case: `cases.addTask` without the case's id and version. */
export const taskFormSchema = taskInput.pick({ title: true, dueOn: true, ownerId: true });
export type TaskFormValues = z.input<typeof taskFormSchema>;

/** A note: `cases.addNote` without the case's id and version. */
export const noteFormSchema = noteInput.pick({ text: true, confidential: true }).required();
export type NoteFormValues = z.input<typeof noteFormSchema>;

/** A contact with a parent or an agency: `cases.addContact` without the case's id and version; the date is typed. */
export const contactFormSchema = contactInput.pick({ who: true, method: true, at: true, pupilId: true, outcome: true }).required();
export interface ContactFormValues {
  who: string;
  method: z.infer<typeof contactInput.shape.method>;
  /** YYYY-MM-DD, null while the typed date is empty or not a date */
  at: string | null;
  pupilId: string | null;
  outcome: string;
}

/** Closing a case: `cases.close` without the case's id and version. */
export const closeFormSchema = closeInput.pick({ reason: true, outcome: true });
export type CloseFormValues = z.input<typeof closeFormSchema>;

export const validateTask = (t: TFunction) => zodFormResolver<TaskFormValues>(taskFormSchema, t);
export const validateNote = (t: TFunction) => zodFormResolver<NoteFormValues>(noteFormSchema, t);
export const validateContact = (t: TFunction) => zodFormResolver<ContactFormValues>(contactFormSchema, t);
export const validateClose = (t: TFunction) => zodFormResolver<CloseFormValues>(closeFormSchema, t);
