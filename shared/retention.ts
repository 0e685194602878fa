/**
 * Records retention (README "Records retention"): an archived pupil's record is kept until the later of the pupil's
 * 21st birthday and 3 years after leaving; after that the director may purge it — the pupil and everything linked
 * to the pupil, in one audited transaction.
 */
import { z } from 'zod';
import { method } from './contract';

/** Years after the birth date, and after the date the pupil left, that an archived record is kept. */
export const RETENTION_AGE_YEARS = 21;
export const RETENTION_AFTER_LEAVING_YEARS = 3;

/** The date (YYYY-MM-DD) from which an archived record may be purged: the later of the two; null if unknown. */
export function purgeDueOn(birthDate: string | null, archivedOn: string | null): string | null {
  if (!birthDate || !archivedOn) return null;
  const plus = (iso: string, years: number): string => {
    const y = Number(iso.slice(0, 4)) + years;
    const md = iso.slice(5, 10);
    // 29 February: the record is kept to 1 March in a year that has no 29th
    if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return `${y}-03-01`;
    return `${String(y).padStart(4, '0')}-${md}`;
  };
  const a = plus(birthDate, RETENTION_AGE_YEARS);
  const b = plus(archivedOn, RETENTION_AFTER_LEAVING_YEARS);
  return a > b ? a : b;
}

/** One archived pupil past the retention date (names only in the director's list). */
export interface PurgeDuePupil {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  archivedOn: string;
  dueOn: string;
}

export interface PurgeDueList {
  /** archived pupils whose retention date has passed */
  count: number;
  pupils: PurgeDuePupil[];
  /** archived pupils without a birth date or a leaving date: kept, the date cannot be worked out */
  undated: number;
}

/**
 * What a purge of one pupil deletes, by what it is (the confirm step shows it; the purge is refused when the
 * counts changed since): rows per kind, never a name.
 */
export const PURGE_COUNT_KEYS = [
  'pupil',
  'guardians',
  'chronology',
  'registerEntries',
  'externalRegisters',
  'casesDeleted',
  'casesLeft',
  'concerns',
  'referrals',
  'screenings',
  'safetyPlans',
  'councilLines',
  'documents',
] as const;
export type PurgeCountKey = (typeof PURGE_COUNT_KEYS)[number];
export type PurgeCounts = Record<PurgeCountKey, number>;
export const purgeCountsSchema = z.object(Object.fromEntries(PURGE_COUNT_KEYS.map((k) => [k, z.number().int().min(0)])) as Record<PurgeCountKey, z.ZodNumber>).strict();

export interface PurgePreview {
  pupilId: string;
  dueOn: string;
  counts: PurgeCounts;
}

export interface PurgeResult {
  counts: PurgeCounts;
}

const idInput = z.object({ pupilId: z.string().uuid() }).strict();

export const retentionMethods = {
  /** archived pupils past their retention date (the director) */
  'retention.due': method<PurgeDueList>()(z.object({}).strict()),
  /** what purging one pupil would delete */
  'retention.preview': method<PurgePreview>()(idInput),
  /** purge: the counts shown in the preview must still hold (`conflict` otherwise) */
  'retention.purge': method<PurgeResult>()(z.object({ pupilId: z.string().uuid(), expected: purgeCountsSchema }).strict()),
};
