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

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, { message: 'invalid date' });
export const sexSchema = z.enum(['m', 'f']);

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
    /** for a pupil without an IIN (a valid IIN gives both; a contradiction is refused) */
    birthDate: isoDateSchema.nullable().default(null),
    sex: sexSchema.nullable().default(null),
  })
  .strict();

/** Why a pupil left the school (the archive keeps the record, read-only). */
export const ARCHIVE_REASONS = ['transferred', 'graduated', 'other'] as const;
export const archiveReasonSchema = z.enum(ARCHIVE_REASONS);
export type ArchiveReason = z.infer<typeof archiveReasonSchema>;

/** The top grade of the school: pupils of this grade graduate at the yearly move up (11, or 12 where it exists). */
export const TOP_GRADES = [11, 12] as const;
export const topGradeSchema = z.union([z.literal(11), z.literal(12)]).default(11);

/** What the yearly move up a grade would do (`pupils.promotePreview`) or did (`pupils.promote`). */
export interface PromotionSummary {
  /** active pupils moved up one grade, per grade they were in */
  byGrade: { grade: number; pupils: number }[];
  /** active pupils of the top grade: archived as graduated */
  graduating: number;
  /** all the pupils the step touches (moved up + graduating) */
  moved: number;
  /** the date of the last move up (YYYY-MM-DD), null if never: a second one within 300 days is refused */
  lastPromotion: string | null;
}

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
  /** protection compartment: null when the session does not hold it (hidden, never guessed) */
  familyStatus: z.infer<typeof familyStatusSchema>[] | null;
  /** protection compartment: null when hidden */
  onRegister: boolean | null;
  archived: boolean;
  /** why and when the pupil left (null while active) */
  archiveReason: ArchiveReason | null;
  archivedOn: string | null;
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
  /** refused with `pupils.archived` for an archived pupil (read-only) */
  'pupils.update': method<Pupil>()(z.object({ id: z.string().uuid(), pupil: pupilInputSchema }).strict()),
  /** the pupil leaves: kept, read-only, with the reason and the date */
  'pupils.archive': method<Pupil>()(z.object({ id: z.string().uuid(), reason: archiveReasonSchema, date: isoDateSchema }).strict()),
  /** an archive made in error is undone */
  'pupils.restore': method<Pupil>()(z.object({ id: z.string().uuid() }).strict()),
  /** what the yearly move up a grade would do, without doing it */
  'pupils.promotePreview': method<PromotionSummary>()(z.object({ topGrade: topGradeSchema }).strict()),
  /**
   * The yearly move up a grade: every active pupil one grade up, the top grade archived as graduated, in one write.
   * `expected` is the number of pupils the preview showed; a school that changed since is refused (`conflict`).
   */
  'pupils.promote': method<PromotionSummary>()(
    z.object({ topGrade: topGradeSchema, expected: z.number().int().min(0), date: isoDateSchema }).strict(),
  ),
} as const;
