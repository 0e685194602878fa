import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Records retention (electron/core/retention): a purged pupil's register documents stay in the register as
 * tombstones — the `documents` row (kind, number, date, SHA-256, length, signers: its triggers keep it unchanged)
 * with its sealed bytes and title deleted — and `document_purges` says which and when, so the register and
 * `documents.verify` answer "purged under the retention rule" rather than "unknown". A tombstone is final.
 * Frozen once landed: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE document_purges (
       document_id TEXT PRIMARY KEY REFERENCES documents (id),
       purged_at TEXT NOT NULL
     ) STRICT`,
    `CREATE TRIGGER document_purges_final_u BEFORE UPDATE ON document_purges
       BEGIN SELECT RAISE(ABORT, 'a purge is final'); END`,
    `CREATE TRIGGER document_purges_final_d BEFORE DELETE ON document_purges
       BEGIN SELECT RAISE(ABORT, 'a purge is final'); END`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, ['DROP TABLE document_purges']);
}
