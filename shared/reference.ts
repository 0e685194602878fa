/**
 * The reference texts (issue 10, item 5): danger-sign checklists (suicide risk, self-harm, abuse and neglect,
 * bullying and cyberbullying), what a class teacher does on seeing them, and the helplines — in Kazakh and Russian,
 * each naming its sources. They are data in the repository (electron/core/reference/data/*.json, see the README
 * there), validated with these schemas when the core loads them, so a school can correct or extend them without
 * touching code. None of it is about a pupil: any staff account reads and prints it.
 */
import { z } from 'zod';
import { method } from './contract';
import { languageSchema } from './roles';

const line = (max: number) => z.string().trim().min(1).max(max);
/** one text in both languages */
export const bilingualSchema = z.object({ kk: line(600), ru: line(600) }).strict();
export type Bilingual = z.infer<typeof bilingualSchema>;

const refId = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,40}$/u, 'lower-case id');

/**
 * Where a text comes from: the organisation and the document as published; the year and address only when they
 * were confirmed (never guessed: leave them null).
 */
export const referenceSourceSchema = z
  .object({
    id: refId,
    organisation: line(300),
    document: line(400),
    year: z.number().int().min(1950).max(2100).nullable(),
    url: z.string().url().max(400).nullable(),
    /** what the text takes from it, for whoever updates the texts */
    note: z.string().trim().max(600).default(''),
  })
  .strict();
export type ReferenceSource = z.output<typeof referenceSourceSchema>;

export const dangerChecklistSchema = z
  .object({
    id: refId,
    title: bilingualSchema,
    /** one or two sentences before the list (what the signs mean, when to act) */
    lead: bilingualSchema,
    signs: z.array(bilingualSchema).min(3).max(20),
    sources: z.array(refId).min(1).max(8),
  })
  .strict();
export type DangerChecklist = z.output<typeof dangerChecklistSchema>;

export const teacherStepsSchema = z
  .object({
    title: bilingualSchema,
    lead: bilingualSchema,
    /** what to do, in order */
    steps: z.array(bilingualSchema).min(3).max(12),
    /** what never to do */
    never: z.array(bilingualSchema).min(3).max(12),
    sources: z.array(refId).min(1).max(8),
  })
  .strict();
export type TeacherSteps = z.output<typeof teacherStepsSchema>;

export const helplineSchema = z
  .object({
    /** the number to dial */
    number: z.string().regex(/^\d{3,11}$/u, 'digits only'),
    name: bilingualSchema,
    /** what it is for */
    what: bilingualSchema,
    /** when and how (hours, free, anonymous, chat) */
    how: bilingualSchema,
    /** emergency numbers come first on screen and on the sheet */
    emergency: z.boolean(),
    sources: z.array(refId).min(1).max(8),
  })
  .strict();
export type Helpline = z.output<typeof helplineSchema>;

export interface ReferenceTexts {
  /** the date the texts were last reviewed (YYYY-MM-DD) */
  reviewedOn: string;
  checklists: DangerChecklist[];
  teacherSteps: TeacherSteps;
  helplines: Helpline[];
  sources: ReferenceSource[];
}

const lang = z.object({ language: languageSchema }).strict();

export const referenceMethods = {
  /** the texts, both languages (any signed-in account) */
  'reference.texts': method<ReferenceTexts>()(z.object({}).strict()),
  /** the one/two-page sheet for class teachers (no pupil data; not a registered document) */
  'reference.pdf': method<{ pdfBase64: string; fileName: string }>()(lang),
  /** print the sheet through the shell's printing */
  'reference.print': method<null>()(lang),
  /** save the sheet where the user chooses; false when cancelled */
  'reference.save': method<{ saved: boolean }>()(lang),
} as const;
