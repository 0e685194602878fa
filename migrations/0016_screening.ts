import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Suicide-risk screening (ASQ) and safety plans (electron/core/screening, shared/screening.ts).
 *
 * Everything is sealed in the `confidential` compartment; a plain column never says which case or pupil a row is
 * about, nor anything of the answers or the result (a base-key holder — any account — sees that rows exist and
 * when they were written, nothing else):
 * - `screenings`: `record_enc` (case, pupil, when asked, by whom, the five answers, notes, the reason for missing
 *   answers, the result, the link to the full-assessment task), `checklist_enc` (the acute checklist's lines and
 *   when it was closed), `version` (the optimistic lock of the checklist).
 * - `safety_plans`: one row per saved version of a pupil's plan; `record_enc` holds the case, the pupil, the version
 *   number, who saved it and the six steps.
 * A case's screenings are found by opening its rows in memory (a school has a few dozen a year). The sealed columns
 * are nullable like every protected field: a compartment rotation drops (sets NULL) a value that does not open.
 * Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE screenings (
       id TEXT PRIMARY KEY,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       version INTEGER NOT NULL DEFAULT 1,
       record_enc BLOB,
       checklist_enc BLOB
     ) STRICT`,
    `CREATE TABLE safety_plans (
       id TEXT PRIMARY KEY,
       saved_at TEXT NOT NULL,
       record_enc BLOB
     ) STRICT`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, ['DROP TABLE safety_plans', 'DROP TABLE screenings']);
}
