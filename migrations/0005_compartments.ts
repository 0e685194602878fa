import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Compartments: the pupils' welfare fields get encrypted columns (AES-256-GCM blobs under the `protection` key,
 * see electron/core/compartments/fields.ts); the index that held the register flag in plaintext goes. The
 * plaintext columns `family_status` and `on_register` stay (SQLite keeps their CHECK constraints) but are emptied
 * at the first unlock after the upgrade, when the compartment keys exist (compartments/upgrade.ts).
 * `key_notices`: grants of protection roles and password resets of protection-role accounts, shown to the
 * director until acknowledged. Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `ALTER TABLE pupils ADD COLUMN family_status_enc BLOB`,
    `ALTER TABLE pupils ADD COLUMN on_register_enc BLOB`,
    `DROP INDEX IF EXISTS pupils_register`,
    `CREATE TABLE key_notices (
       id TEXT PRIMARY KEY,
       kind TEXT NOT NULL CHECK (kind IN ('role_granted', 'password_reset')),
       account_id TEXT NOT NULL,
       by_account_id TEXT,
       roles TEXT NOT NULL DEFAULT '[]',
       at TEXT NOT NULL,
       acknowledged_at TEXT,
       acknowledged_by TEXT
     ) STRICT`,
    `CREATE INDEX key_notices_open ON key_notices (acknowledged_at, at)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    'DROP TABLE key_notices',
    `CREATE INDEX pupils_register ON pupils (on_register, last_name)`,
    'ALTER TABLE pupils DROP COLUMN on_register_enc',
    'ALTER TABLE pupils DROP COLUMN family_status_enc',
  ]);
}
