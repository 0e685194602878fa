/**
 * Guardians of a pupil: parents and the other adults responsible for a child.
 *
 * Who reads what (the same rule as pupils: class-scoped, welfare facts in the `protection` compartment):
 * - plain, for every pupil reader including the class teacher of the pupil's class: the name, the relation, the
 *   phones and whether the guardian is the legal representative — a class teacher calls parents and must know whom
 *   to address letters and consents to;
 * - `protection` compartment: the guardian's IIN and whether the guardian lives with the pupil (where and with whom
 *   a child lives is a welfare fact). A session without the compartment reads `null` for both.
 *
 * Writes carry the `version` the screen was opened with; a row that moved on since is refused with
 * `guardians.stale` ("changed since you opened it"), never overwritten silently.
 */
import { z } from 'zod';
import { method } from './contract';
import { iinSchema } from './pupils';

export const GUARDIAN_RELATIONS = ['mother', 'father', 'grandparent', 'guardian', 'trustee', 'other'] as const;
export const guardianRelationSchema = z.enum(GUARDIAN_RELATIONS);
export type GuardianRelation = z.infer<typeof guardianRelationSchema>;

/** A phone as people write it: digits with an optional leading +, spaces, dashes, brackets; 5–15 digits. */
export const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .refine((v) => /^\+?[\d\s\-()]+$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 5 && (v.match(/\d/g)?.length ?? 0) <= 15, {
    message: 'invalid phone number',
  });

/** A guardian keeps at most this many phones. */
export const MAX_GUARDIAN_PHONES = 4;

export const guardianInputSchema = z
  .object({
    fullName: z.string().trim().min(1).max(200),
    relation: guardianRelationSchema,
    phones: z.array(phoneSchema).max(MAX_GUARDIAN_PHONES).default([]),
    legalRepresentative: z.boolean().default(false),
    /** protection compartment */
    iin: iinSchema.nullable().default(null),
    /** protection compartment */
    livesWithPupil: z.boolean().default(false),
  })
  .strict();
export type GuardianInput = z.input<typeof guardianInputSchema>;

export interface Guardian {
  id: string;
  pupilId: string;
  fullName: string;
  relation: GuardianRelation;
  phones: string[];
  legalRepresentative: boolean;
  /** protection compartment: null when hidden (or never given) */
  iin: string | null;
  /** protection compartment: null when the session does not hold it */
  livesWithPupil: boolean | null;
  /** the write counter a later update or removal must name */
  version: number;
  updatedAt: string;
}

const id = z.string().uuid();
const version = z.number().int().min(1);

export const guardiansMethods = {
  /** the guardians of one pupil (a list read of persons' data: audited) */
  'guardians.list': method<Guardian[]>()(z.object({ pupilId: id }).strict()),
  'guardians.create': method<Guardian>()(z.object({ pupilId: id, guardian: guardianInputSchema }).strict()),
  'guardians.update': method<Guardian>()(z.object({ id, version, guardian: guardianInputSchema }).strict()),
  'guardians.remove': method<{ id: string }>()(z.object({ id, version }).strict()),
} as const;
