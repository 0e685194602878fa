import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * The district view, second step (electron/core/district).
 * - `district_key_alerts`: a report came signed with another certificate than the one registered for its school
 *   (the school changed its key, or someone else signed). Nothing of that report is merged; the school is flagged
 *   in the list until the district registers the new certificate (after checking it with the school). One row per
 *   school and unknown certificate: the first and the last time it was seen.
 * The install mode (school or district office) is a `meta` row ('install_mode'), written at set-up: no table.
 * Frozen once landed: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE district_key_alerts (
       school_code TEXT NOT NULL REFERENCES district_schools(code) ON DELETE CASCADE,
       fingerprint_sha256 TEXT NOT NULL CHECK (length(fingerprint_sha256) = 64),
       first_seen_at TEXT NOT NULL,
       last_seen_at TEXT NOT NULL,
       PRIMARY KEY (school_code, fingerprint_sha256)
     ) STRICT`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, ['DROP TABLE district_key_alerts']);
}
