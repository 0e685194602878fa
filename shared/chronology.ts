import { z } from 'zod';
import { method } from './contract';

/**
 * What a pupil's chronology holds: one entry per thing that happened about the child, written by the feature that
 * records it. A feature adding a kind adds it here (and `chronology.kinds.<kind>` in both i18n files).
 */
export const CHRONOLOGY_KINDS = [
  'pupil_added',
  'pupil_imported',
  'pupil_archived',
  'guardian',
  'concern',
  'case_opened',
  'case_stage',
  'case_closed',
  'case_note',
  'task',
  'contact',
  'register_on',
  'register_off',
  'register_review',
  'register_external',
  'prevention_plan',
  'hearing',
  'document',
  'bullying_step',
  'bullying_escalated',
  'bullying_evidence',
  // ASQ screening and safety plan: their summaries are always sealed in `confidential`
  'screening',
  'safety_plan',
  'referral',
  // a case's risk level changed (the case summary prints the history)
  'case_risk',
] as const;
export const chronologyKindSchema = z.enum(CHRONOLOGY_KINDS);
export type ChronologyKind = z.infer<typeof chronologyKindSchema>;

/** A chronology entry as the pupil card shows it. */
export interface ChronologyEntry {
  id: string;
  pupilId: string;
  kind: ChronologyKind;
  /** the record it summarises (e.g. 'cases' + id), for a link */
  sourceTable: string | null;
  sourceId: string | null;
  /** when it happened (ISO date-time; may be backdated) */
  occurredAt: string;
  /** when it was written, and by whom (display name; null for the system) */
  writtenAt: string;
  writtenBy: string | null;
  /** protection compartment: null when the session does not hold it */
  summary: string | null;
  /** true for a confidential entry (its text needs the confidential compartment) */
  confidential: boolean;
}

/**
 * What a class teacher (a class-scoped reader) sees of the chronology of a pupil of their own classes: only that the
 * pupil came into the school's records or left them. Every other kind is about the child's welfare — even its
 * name and date ("a concern", "put on the register") tell something — so they are not listed to a class teacher
 * at all, and their summaries are sealed under a key a class teacher's password does not open anyway.
 */
export const CHRONOLOGY_CLASS_KINDS = ['pupil_added', 'pupil_imported', 'pupil_archived'] as const satisfies readonly ChronologyKind[];

export const CHRONOLOGY_PAGE_SIZE = 25;

/** One page of a pupil's chronology, newest first, and how many entries of each kind there are (for the filter). */
export interface ChronologyPage {
  items: ChronologyEntry[];
  /** entries matching the filter */
  total: number;
  /** every kind present for this pupil (what the reader may see), with its count — regardless of the filter */
  kinds: { kind: ChronologyKind; count: number }[];
}

export const chronologyMethods = {
  /** sensitive read: audited (the pupil's id, never the text) */
  'chronology.list': method<ChronologyPage>()(
    z
      .object({
        pupilId: z.string().uuid(),
        /** only these kinds (none or empty: all) */
        kinds: z.array(chronologyKindSchema).max(CHRONOLOGY_KINDS.length).optional(),
        page: z.number().int().min(0).max(100_000).default(0),
        pageSize: z.number().int().min(1).max(100).default(CHRONOLOGY_PAGE_SIZE),
      })
      .strict(),
  ),
} as const;
