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
    // some tables have no rowid (WITHOUT ROWID, FTS shadow tables): sort the rows' serialisations instead
    const all = sqlite
      .prepare(`SELECT * FROM "${t}"`)
      .raw()
      .all()
      .map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? v.toString() : v)))
      .sort();
    rows[t] = all.length;
    h.update(t).update(all.join('\n'));
  }
  return { hash: h.digest('hex'), rows };
}
