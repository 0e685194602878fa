import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * The sealed monthly tally of the statistics (electron/core/statistics/tally.ts): per calendar month (the school's
 * local month) and subject (`cases`, `concerns`), the counts of the values that are sealed in the records — the
 * form of harm of the cases opened and the concerns logged that month, the closure reason of the cases closed that
 * month — as ONE `protection` field (`counts_enc`, AES-256-GCM, AAD = table / row id / field / epoch), since the
 * counts are welfare facts themselves. The plain columns say only which month and subject a row is for, its format
 * version, and `digest`: the SHA-256 over the sealed inputs it was counted from (record id and ciphertext of each
 * counted field), so that a tally that no longer matches its records (a writer that did not hold the key, a restore,
 * a rotation, a back-dated demo record) is seen and counted again from the records.
 *
 * Indexes for the statistics' period queries (no full scan of the sealed rows to find a period's cases): cases by
 * opening and by closing moment (with the closing moment, to count the cases open across a period from the index
 * alone), concerns by logging moment.
 *
 * A migration holds no key: the tally is built at the next unlock of a holder of `protection`, and kept by the
 * writers (cases, concerns, retention purge) in the same transaction afterwards.
 * Frozen once landed: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE statistics_tally (
       id TEXT PRIMARY KEY,
       subject TEXT NOT NULL CHECK (subject IN ('cases', 'concerns')),
       month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
       version INTEGER NOT NULL,
       digest TEXT NOT NULL,
       counts_enc BLOB NOT NULL,
       updated_at TEXT NOT NULL,
       CHECK (id = subject || ':' || month)
     ) STRICT`,
    `CREATE INDEX cases_opened_at ON cases (opened_at, closed_at)`,
    `CREATE INDEX cases_closed_at ON cases (closed_at) WHERE closed_at IS NOT NULL`,
    `CREATE INDEX concerns_logged_at ON concerns (logged_at)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [`DROP INDEX concerns_logged_at`, `DROP INDEX cases_closed_at`, `DROP INDEX cases_opened_at`, `DROP TABLE statistics_tally`]);
}
