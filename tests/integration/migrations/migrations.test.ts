import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrationProvider } from '../../../migrations/index';
import { integrityCheck, kyselyFor, openDatabase, openSqlite } from '../../../electron/core/db/open';
import { AppError } from '../../../electron/core/errors';
import { tempDir } from '../../harness/core';

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

function tablesOf(sqlite: ReturnType<typeof openSqlite>): { name: string; strict: number }[] {
  return sqlite.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'`).all() as {
    name: string;
    strict: number;
  }[];
}

describe('migrations', () => {
  it('are listed in order with NNNN_snake_name names', () => {
    expect(names.length).toBeGreaterThan(0);
    names.forEach((n, i) => expect(n).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}_[a-z0-9_]+$`)));
  });

  for (const [i, name] of names.entries()) {
    it(`${name} applies on top of ${names[i - 1] ?? 'an empty DB'}: integrity ok, its tables STRICT`, async () => {
      const { file, key } = fresh();
      const sqlite = openSqlite(file, key);
      const db = kyselyFor(sqlite);
      const migrator = new Migrator({ db, provider: migrationProvider });
      if (i > 0) expect((await migrator.migrateTo(names[i - 1]!)).error).toBeUndefined();
      const before = new Set(tablesOf(sqlite).map((t) => t.name));
      const r = await migrator.migrateTo(name);
      expect(r.error).toBeUndefined();
      expect(r.results?.map((x) => x.migrationName)).toEqual([name]);
      const added = tablesOf(sqlite).filter((t) => !before.has(t.name) && !t.name.startsWith('kysely_') && !/_fts(_|$)/.test(t.name));
      for (const t of added) expect(t.strict, `${t.name} is STRICT`).toBe(1);
      expect(await integrityCheck(db)).toBe('ok');
      await db.destroy();
    });
  }

  it('refuses a DB written by a newer Qorgan, and leaves it untouched', async () => {
    const { file, key } = fresh();
    await (await openDatabase(file, key, new Date())).close();
    const s = openSqlite(file, key);
    s.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`).run();
    s.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const bytes = fs.readFileSync(file);
    const err = await openDatabase(file, key, new Date()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('db.newer_version');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('copies the encrypted DB aside before migrating an existing schema', async () => {
    const { file, key } = fresh();
    const sqlite = openSqlite(file, key);
    const db = kyselyFor(sqlite);
    await new Migrator({ db, provider: migrationProvider }).migrateTo(names[0]!);
    await db.destroy();
    const opened = await openDatabase(file, key, new Date('2026-11-26T10:00:00Z'));
    await opened.close();
    expect(names.length).toBeGreaterThan(1);
    expect(opened.migration.applied).toEqual(names.slice(1));
    const copy = opened.migration.copiedAsideTo!;
    expect(path.dirname(copy)).toBe(path.join(path.dirname(file), 'pre-migration'));
    expect(fs.readFileSync(copy).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const old = openSqlite(copy, key, { readonly: true });
    expect((old.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((r) => r.name)).toEqual([names[0]]);
    old.close();
  });
});
