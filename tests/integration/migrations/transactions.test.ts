import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index';
import { appliedMigrations, kyselyFor, migrate, openSqlite, type SqliteHandle } from '../../../electron/core/db/open';
import { AppError } from '../../../electron/core/errors';
import { tempDir } from '../../harness/core';

/**
 * Migrations run in one transaction: a migration that fails midway leaves nothing of the run behind, and the
 * error names it. The failing migrations are injected through migrate()'s test seam; the real ones run around them.
 */

const names = Object.keys(MIGRATIONS).sort();
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function fresh(): { file: string; key: Buffer } {
  const dir = tempDir();
  dirs.push(dir);
  return { file: path.join(dir, 'qorgan.db'), key: crypto.randomBytes(32) };
}

/** Everything a reader can see of the DB: the schema objects and every row of every ordinary table. */
function snapshot(sqlite: SqliteHandle): string {
  const objects = sqlite
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as { type: string; name: string; sql: string | null }[];
  const rows = objects
    .filter((o) => o.type === 'table' && !/_fts(_|$)/.test(o.name))
    .map((o) => `${o.name}: ${JSON.stringify(sqlite.prepare(`SELECT * FROM "${o.name}" ORDER BY rowid`).all())}`);
  return JSON.stringify(objects) + '\n' + rows.join('\n');
}

/** Creates a table, writes into a table that existed before, changes another, then fails. */
const breaksMidway: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE half_done (id TEXT PRIMARY KEY) STRICT`.execute(db);
    await sql`INSERT INTO half_done (id) VALUES ('x')`.execute(db);
    await sql`INSERT INTO meta (key, value) VALUES ('half_done', 'yes')`.execute(db);
    await sql`ALTER TABLE accounts ADD COLUMN half_done TEXT`.execute(db);
    throw new Error('boom, halfway through');
  },
};

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

async function migratedTo(file: string, key: Buffer, last: string): Promise<void> {
  const sqlite = openSqlite(file, key);
  const db = kyselyFor(sqlite);
  const upTo = Object.fromEntries(Object.entries(MIGRATIONS).filter(([n]) => n <= last));
  await migrate(sqlite, db, file, new Date(), { migrations: upTo });
  await db.destroy();
}

describe('migrations run in a transaction', () => {
  it('a migration that throws midway: db.migration_failed with its name, the run rolled back, the file untouched', async () => {
    const { file, key } = fresh();
    // An existing DB at the first migration: the rest of the real ones and the broken one are pending.
    await migratedTo(file, key, names[0]!);
    const bytes = fs.readFileSync(file);
    const sqlite = openSqlite(file, key);
    const before = snapshot(sqlite);
    const db = kyselyFor(sqlite);
    const err = await failure(
      migrate(sqlite, db, file, new Date('2026-11-29T10:00:00Z'), { migrations: { ...MIGRATIONS, '9999_breaks_midway': breaksMidway } }),
    );
    expect(err.code).toBe('db.migration_failed');
    expect(err.details).toEqual({ migration: '9999_breaks_midway' });
    // Nothing of the run: not the real migrations before the broken one, not the half of the broken one.
    expect(appliedMigrations(sqlite)).toEqual([names[0]]);
    expect(snapshot(sqlite)).toBe(before);
    // The connection is usable and foreign keys are enforced again.
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.inTransaction).toBe(false);
    await db.destroy();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    // The copy made before migrating is still there; the next start with good migrations brings the DB up to date.
    expect(fs.readdirSync(path.join(path.dirname(file), 'pre-migration'))).toHaveLength(1);
    const again = openSqlite(file, key);
    const db2 = kyselyFor(again);
    const report = await migrate(again, db2, file, new Date('2026-11-29T10:00:01Z'));
    expect(report.applied).toEqual(names.slice(1));
    await db2.destroy();
  });

  it('on a new DB, a failing second migration leaves none of the first', async () => {
    const { file, key } = fresh();
    const sqlite = openSqlite(file, key);
    const db = kyselyFor(sqlite);
    const err = await failure(
      migrate(sqlite, db, file, new Date(), { migrations: { [names[0]!]: MIGRATIONS[names[0]!]!, '0002_breaks_midway': breaksMidway } }),
    );
    expect(err.code).toBe('db.migration_failed');
    expect(err.details).toEqual({ migration: '0002_breaks_midway' });
    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as {
      name: string;
    }[];
    // Only Kysely's own bookkeeping tables (created before the transaction, empty) remain.
    expect(tables.map((t) => t.name).sort()).toEqual(['kysely_migration', 'kysely_migration_lock']);
    expect(appliedMigrations(sqlite)).toEqual([]);
    await db.destroy();
  });

  it('a migration that leaves a broken foreign key is refused even though it runs with foreign_keys off', async () => {
    const { file, key } = fresh();
    const sqlite = openSqlite(file, key);
    const db = kyselyFor(sqlite);
    const dangling: Migration = {
      async up(d: Kysely<unknown>) {
        await sql`CREATE TABLE parent (id TEXT PRIMARY KEY) STRICT`.execute(d);
        await sql`CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES parent (id)) STRICT`.execute(d);
        await sql`INSERT INTO child (id, parent_id) VALUES ('c', 'nobody')`.execute(d);
      },
    };
    const err = await failure(migrate(sqlite, db, file, new Date(), { migrations: { '0001_dangling': dangling } }));
    expect(err.code).toBe('db.migration_failed');
    expect(err.details).toEqual({ migration: '0001_dangling' });
    expect(sqlite.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name IN ('parent', 'child')`).get()).toEqual({ n: 0 });
    await db.destroy();
  });

  it('a table rebuild (the SQLite procedure: new table, copy, drop, rename) works inside the transaction', async () => {
    const { file, key } = fresh();
    await migratedTo(file, key, names.at(-1)!);
    const sqlite = openSqlite(file, key);
    sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('kept', 'across the rebuild')`).run();
    const db = kyselyFor(sqlite);
    const rebuild: Migration = {
      async up(d: Kysely<unknown>) {
        await sql`CREATE TABLE meta_new (key TEXT PRIMARY KEY, value TEXT NOT NULL, note TEXT) STRICT`.execute(d);
        await sql`INSERT INTO meta_new (key, value) SELECT key, value FROM meta`.execute(d);
        await sql`DROP TABLE meta`.execute(d);
        await sql`ALTER TABLE meta_new RENAME TO meta`.execute(d);
      },
    };
    const report = await migrate(sqlite, db, file, new Date(), { migrations: { ...MIGRATIONS, '9999_rebuild_meta': rebuild } });
    expect(report.applied).toEqual(['9999_rebuild_meta']);
    expect(sqlite.prepare(`SELECT value FROM meta WHERE key = 'kept'`).get()).toEqual({ value: 'across the rebuild' });
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await db.destroy();
  });
});
