import type { Kysely } from 'kysely';
import { execAll } from './util';

/**
 * Class scope and list audit: the classes an account is tied to (a class teacher lists and opens only the pupils of
 * their classes), and a `details` column on the audit log for the neutral facts of a list read (the filter's shape
 * and the count — never a search text or a name). Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execAll(db, [
    `CREATE TABLE account_classes (
       account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
       grade INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 12),
       class_letter TEXT NOT NULL DEFAULT '',
       PRIMARY KEY (account_id, grade, class_letter)
     ) STRICT, WITHOUT ROWID`,
    `ALTER TABLE audit_log ADD COLUMN details TEXT`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, ['ALTER TABLE audit_log DROP COLUMN details', 'DROP TABLE account_classes']);
}
