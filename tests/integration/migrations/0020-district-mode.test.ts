/** Migration 0020 (district mode): a changed key's alert per school and fingerprint, gone with its school; a clean rollback. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { kyselyFor, openSqlite } from '../../../electron/core/db/open';
import { migrationProvider } from '../../../migrations/index';
import { tempDir } from '../../harness/core';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('migration 0020_district_mode', () => {
  it('keeps one alert per school and fingerprint, checks the fingerprint, rolls back to 0019', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sqlite = openSqlite(path.join(dir, 'q.db'), crypto.randomBytes(32));
    const db = kyselyFor(sqlite);
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0020_district_mode')).error).toBeUndefined();
    const now = '2026-11-30T09:00:00Z';
    sqlite.prepare("INSERT INTO district_schools VALUES ('960000000096', '№96', '№96', x'00', ?, ?)").run('a'.repeat(64), now);
    const alert = sqlite.prepare("INSERT INTO district_key_alerts VALUES ('960000000096', ?, ?, ?)");
    alert.run('b'.repeat(64), now, now);
    expect(() => alert.run('b'.repeat(64), now, now)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => alert.run('short', now, now)).toThrow(/CHECK/);
    expect(() => sqlite.prepare("INSERT INTO district_key_alerts VALUES ('123456789012', ?, ?, ?)").run('c'.repeat(64), now, now)).toThrow(/FOREIGN KEY/);
    expect((await migrator.migrateTo('0019_district')).error).toBeUndefined();
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'district_key_alerts'").get()).toEqual({ n: 0 });
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'district_schools'").get()).toEqual({ n: 1 });
    await db.destroy();
  });
});
