/** Migration 0019 (the district): one report per school and period in the district's imports, and a clean rollback. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { kyselyFor, openSqlite } from '../../../electron/core/db/open';
import { MIGRATIONS, migrationProvider } from '../../../migrations/index';
import { tempDir } from '../../harness/core';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('migration 0019_district', () => {
  it('refuses a second import of a school and period, checks the code and quarter, rolls back', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sqlite = openSqlite(path.join(dir, 'q.db'), crypto.randomBytes(32));
    const db = kyselyFor(sqlite);
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0019_district')).error).toBeUndefined();
    const now = '2026-11-30T09:00:00Z';
    sqlite.prepare("INSERT INTO district_schools VALUES ('960000000096', '№96', '№96', x'00', 'ab', ?)").run(now);
    const imp = sqlite.prepare("INSERT INTO district_imports VALUES (?, '960000000096', 2026, ?, '{}', 'ab', ?, NULL)");
    imp.run('i1', 1, now);
    imp.run('i2', 0, now);
    expect(() => imp.run('i3', 1, now)).toThrow(/UNIQUE/);
    expect(() => imp.run('i4', 5, now)).toThrow(/CHECK/);
    expect(() => sqlite.prepare("INSERT INTO district_settings VALUES (1, '12', ?)").run(now)).toThrow(/CHECK/);
    const names = Object.keys(MIGRATIONS).sort();
    expect((await migrator.migrateTo(names[names.indexOf('0019_district') - 1]!)).error).toBeUndefined();
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'district_%'").get()).toEqual({ n: 0 });
    await db.destroy();
  });
});
