import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * 1. The safety-plan sheet in `confidential` (documents/sealed.ts): a document of a kind in
 *    `CONFIDENTIAL_DOCUMENT_KINDS` keeps its bytes and title in `document_confidential`, sealed with the
 *    `confidential` key (only the psychologist's password opens them offline), not in `document_sealed`
 *    (`protection`). Rows sealed before are moved at the next unlock of a holder of `confidential`.
 * 2. Records retention (electron/core/retention): a purged pupil's register documents stay in the register as
 * tombstones — the `documents` row (kind, number, date, SHA-256, length, signers: its triggers keep it unchanged)
 * with its sealed bytes and title deleted — and `document_purges` says which and when, so the register and
 * `documents.verify` answer "purged under the retention rule" rather than "unknown". A tombstone is final.
 * Frozen once landed: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE document_confidential (
       document_id TEXT PRIMARY KEY REFERENCES documents (id),
       pdf_enc BLOB,
       title_enc BLOB,
       sealed_at TEXT NOT NULL
     ) STRICT`,
    `CREATE TRIGGER document_confidential_fixed BEFORE UPDATE ON document_confidential
       WHEN NEW.document_id IS NOT OLD.document_id
       BEGIN SELECT RAISE(ABORT, 'a sealed document stays with its register entry'); END`,
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
  await execAll(db, ['DROP TABLE document_purges', 'DROP TABLE document_confidential']);
}
