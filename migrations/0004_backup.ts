import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Backup: its settings (the public age recipients it encrypts to, how many backups to keep on a drive, the
 * reminder) and the history of backups made from this PC. Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE backup_settings (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       recovery_recipient TEXT,
       district_recipient TEXT,
       keep_last INTEGER NOT NULL DEFAULT 5 CHECK (keep_last BETWEEN 1 AND 100),
       reminder_days INTEGER NOT NULL DEFAULT 7 CHECK (reminder_days BETWEEN 1 AND 90),
       updated_at TEXT NOT NULL
     ) STRICT`,
    `INSERT INTO backup_settings (id, keep_last, reminder_days, updated_at) VALUES (1, 5, 7, '')`,
    `CREATE TABLE backups (
       id TEXT PRIMARY KEY,
       started_at TEXT NOT NULL,
       finished_at TEXT,
       account_id TEXT,
       target_dir TEXT NOT NULL,
       file_name TEXT,
       size_bytes INTEGER,
       sha256 TEXT,
       to_district INTEGER NOT NULL DEFAULT 0 CHECK (to_district IN (0, 1)),
       status TEXT NOT NULL CHECK (status IN ('running', 'verified', 'failed')),
       error_code TEXT,
       duration_ms INTEGER
     ) STRICT`,
    `CREATE INDEX backups_started ON backups (started_at)`,
    `CREATE INDEX backups_verified ON backups (status, finished_at)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, ['DROP TABLE backups', 'DROP TABLE backup_settings']);
}
