import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { execAll } from './util';

/**
 * The audit log becomes an HMAC-SHA256 chain. A random 256-bit audit MAC key is stored in `meta` (inside the
 * encrypted DB: a rotation of the data key keeps old entries verifiable), together with the id where the MAC
 * chain starts; the entries before it keep their SHA-256 links, and the first MAC entry links to the last SHA-256
 * hash, so the old chain is sealed by the new one. Heads of the log written outside it (backup manifests, document
 * register entries) are recorded in `audit_external_heads` and on each register entry. Frozen: fix forward.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const last = await sql<{ id: number | null }>`SELECT max(id) AS id FROM audit_log`.execute(db);
  const head = await sql<{ value: string }>`SELECT value FROM meta WHERE key = 'audit_head'`.execute(db);
  let headId = 0;
  try {
    const parsed = head.rows[0] ? (JSON.parse(head.rows[0].value) as { id?: unknown }) : null;
    headId = typeof parsed?.id === 'number' ? parsed.id : 0;
  } catch {
    headId = 0;
  }
  // the MAC chain starts after the newest entry the old release wrote (row or head, whichever is further)
  const from = Math.max(last.rows[0]?.id ?? 0, headId) + 1;
  const state = JSON.stringify({ version: 1, key: crypto.randomBytes(32).toString('hex'), from });
  await sql`INSERT INTO meta (key, value) VALUES ('audit_mac', ${state})`.execute(db);
  await execAll(db, [
    `CREATE TABLE audit_external_heads (
       id INTEGER PRIMARY KEY,
       kind TEXT NOT NULL CHECK (kind IN ('backup', 'document')),
       ref TEXT NOT NULL,
       at TEXT NOT NULL,
       seq INTEGER NOT NULL CHECK (seq >= 0),
       mac TEXT NOT NULL
     ) STRICT`,
    `CREATE INDEX audit_external_heads_seq ON audit_external_heads (seq)`,
    `ALTER TABLE documents ADD COLUMN audit_head TEXT`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execAll(db, ['ALTER TABLE documents DROP COLUMN audit_head', 'DROP TABLE audit_external_heads', `DELETE FROM meta WHERE key = 'audit_mac'`]);
}
