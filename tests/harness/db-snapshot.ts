import crypto from 'node:crypto';
import type { SqliteHandle } from '../../electron/core/db/open';

/** A hash of every row of every table: equal before and after means nothing changed. */
export function dbFingerprint(sqlite: SqliteHandle): { hash: string; rows: Record<string, number> } {
  const tables = (
    sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const h = crypto.createHash('sha256');
  const rows: Record<string, number> = {};
  for (const t of tables) {
    const all = sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all();
    rows[t] = all.length;
    h.update(t).update(JSON.stringify(all, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? v.toString() : v)));
  }
  return { hash: h.digest('hex'), rows };
}
