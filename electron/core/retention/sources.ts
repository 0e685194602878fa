/**
 * What a purge deletes, feature by feature. A feature that keeps something about a pupil adds a `PurgeSource` to
 * `PURGE_SOURCES` (the way work goes into `WORK_SOURCES` and council items into `AGENDA_SOURCES`), naming the tables
 * it clears: `tests/integration/retention/purge.test.ts` fails when a table with a `pupil_id` column is not named by
 * any source, so a new feature cannot forget the children it stores.
 *
 * A purge runs every source's `collect` first (reading what the pupil's records point at — documents, the cases
 * that are the pupil's alone — while every row is still there), then every `purge` in the order of the list (rows
 * that others reference go before what they reference; the pupil row goes last).
 */
import type { PurgeCountKey } from '../../../shared/retention';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { BULLYING_PURGE } from '../bullying/purge';
import { CASES_PURGE } from '../cases/purge';
import { COUNCIL_PURGE } from '../council/purge';
import { DOCUMENTS_PURGE } from '../documents/purge';
import { PUPIL_PURGE } from '../pupils/purge';
import { REFERRALS_PURGE } from '../referrals/purge';
import { REGISTER_PURGE } from '../register/purge';
import { SCREENING_PURGE } from '../screening/purge';

export interface PurgeContext {
  db: Db;
  /** the session's keys: a purge opens sealed links (concerns, bullying steps, council lines) with `protection` */
  keys: KeySource;
  pupilId: string;
  /** the cases whose only pupil is this one: they go whole, with everything in them */
  soleCases: Set<string>;
  /** the cases the pupil shares with other pupils: they stay, without this pupil */
  sharedCases: Set<string>;
  /** register documents that name the pupil (their bytes and title go; the register row stays as a tombstone) */
  documents: Set<string>;
  /** true for a preview: count, delete nothing */
  dryRun: boolean;
  counts: Record<PurgeCountKey, number>;
  now: Date;
}

export interface PurgeSource {
  /** the feature, for messages and the test */
  name: string;
  /** the tables this source clears of the pupil (directly or through ON DELETE CASCADE of a row it deletes) */
  tables: readonly string[];
  /** reads what must be known before anything is deleted (adds to `ctx.documents`, …) */
  collect?(ctx: PurgeContext): Promise<void>;
  /** deletes (unless `ctx.dryRun`) and counts */
  purge(ctx: PurgeContext): Promise<void>;
}

export const PURGE_SOURCES: readonly PurgeSource[] = [
  SCREENING_PURGE,
  REFERRALS_PURGE,
  COUNCIL_PURGE,
  BULLYING_PURGE,
  REGISTER_PURGE,
  CASES_PURGE,
  // after every source that points at documents (it collects from their links), before the pupil's chronology goes
  DOCUMENTS_PURGE,
  PUPIL_PURGE,
];
