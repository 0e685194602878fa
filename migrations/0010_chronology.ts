import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * The pupil's chronology: one row per thing that happened about a child (a concern logged, a case opened or moved,
 * a note, a contact with parents, put on or taken off the register, a hearing, a document, an archive), written by
 * the feature that records it (electron/core/chronology/record.ts). `occurred_at` is when it happened (may be
 * backdated), `written_at` / `written_by` when and by whom it was written. The summary is a protected field: in the
 * `protection` compartment, or the `confidential` one for confidential notes; `source_table` / `source_id` point to
 * the record it summarises. Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE chronology (
       id TEXT PRIMARY KEY,
       pupil_id TEXT NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
       kind TEXT NOT NULL,
       source_table TEXT,
       source_id TEXT,
       occurred_at TEXT NOT NULL,
       written_at TEXT NOT NULL,
       written_by TEXT REFERENCES accounts (id),
       summary_enc BLOB,
       confidential_enc BLOB
     ) STRICT`,
    `CREATE INDEX chronology_pupil ON chronology (pupil_id, occurred_at DESC, written_at DESC)`,
    `CREATE INDEX chronology_source ON chronology (source_table, source_id)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, ['DROP TABLE chronology']);
}
