import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Guardians of a pupil, and how a pupil leaves the school.
 *
 * `guardians`: one row per parent or other adult responsible for a pupil. The name, relation, phones and the
 * legal-representative flag are plain (a class teacher calls parents and must know whom to address); the guardian's
 * IIN and whether the guardian lives with the pupil are welfare facts, sealed in the `protection` compartment
 * (`iin_enc`, `lives_with_enc`; electron/core/guardians/protected.ts). `version` counts the writes: an update names
 * the version it was made from and is refused when the row moved on (a stale screen never overwrites silently).
 *
 * `pupils` gains the archive facts: why (left for another school, graduated, other) and on what date; `archived`
 * (0001) stays the flag the lists filter on. Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE guardians (
       id TEXT PRIMARY KEY,
       pupil_id TEXT NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
       full_name TEXT NOT NULL,
       relation TEXT NOT NULL CHECK (relation IN ('mother', 'father', 'grandparent', 'guardian', 'trustee', 'other')),
       phones TEXT NOT NULL DEFAULT '[]',
       legal_representative INTEGER NOT NULL DEFAULT 0 CHECK (legal_representative IN (0, 1)),
       iin_enc BLOB,
       lives_with_enc BLOB,
       version INTEGER NOT NULL DEFAULT 1,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX guardians_pupil ON guardians (pupil_id, created_at)`,
    `ALTER TABLE pupils ADD COLUMN archive_reason TEXT CHECK (archive_reason IN ('transferred', 'graduated', 'other'))`,
    `ALTER TABLE pupils ADD COLUMN archived_on TEXT`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, ['DROP TABLE guardians', 'ALTER TABLE pupils DROP COLUMN archived_on', 'ALTER TABLE pupils DROP COLUMN archive_reason']);
}
