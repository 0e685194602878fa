import { z } from 'zod';

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
