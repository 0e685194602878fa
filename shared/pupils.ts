import { z } from 'zod';
import { method } from './contract';
import { parseIin } from './iin';
import { languageSchema } from './roles';

export const FAMILY_STATUSES = ['large', 'single_parent', 'low_income', 'dysfunctional', 'guardianship'] as const;
export const familyStatusSchema = z.enum(FAMILY_STATUSES);

export const iinSchema = z
  .string()
  .trim()
  .refine((v) => parseIin(v).ok, { message: 'invalid IIN' });

const name = z.string().trim().min(1).max(100);

export const pupilInputSchema = z
  .object({
    iin: iinSchema.nullable().default(null),
    lastName: name,
    firstName: name,
    middleName: z.string().trim().max(100).default(''),
    grade: z.number().int().min(0).max(12),
    classLetter: z.string().trim().max(4).default(''),
    instructionLanguage: languageSchema,
    familyStatus: z.array(familyStatusSchema).max(5).default([]),
  })
  .strict();

export interface Pupil {
  id: string;
  iin: string | null;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string | null;
  sex: 'm' | 'f' | null;
  grade: number;
  classLetter: string;
  instructionLanguage: 'kk' | 'ru';
  /** protection fields: null when the caller's role may not see them (a class teacher) */
  familyStatus: z.infer<typeof familyStatusSchema>[] | null;
  onRegister: boolean | null;
  archived: boolean;
}

export interface PupilPage {
  items: Pupil[];
  total: number;
}

export const pupilsMethods = {
  'pupils.list': method<PupilPage>()(
    z
      .object({
        page: z.number().int().min(0).max(100_000).default(0),
        pageSize: z.number().int().min(1).max(200).default(50),
        /** name search (full-text, prefix) */
        search: z.string().trim().max(100).optional(),
        grade: z.number().int().min(0).max(12).optional(),
        classLetter: z.string().trim().max(4).optional(),
        onRegister: z.boolean().optional(),
        includeArchived: z.boolean().default(false),
      })
      .strict(),
  ),
  /** sensitive read: audited */
  'pupils.get': method<Pupil>()(z.object({ id: z.string().uuid() }).strict()),
  'pupils.create': method<Pupil>()(pupilInputSchema),
  'pupils.update': method<Pupil>()(
    z.object({ id: z.string().uuid(), pupil: pupilInputSchema, archived: z.boolean().optional() }).strict(),
  ),
} as const;
