import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../../migrations/index';
import { kyselyFor, openSqlite } from '../../../electron/core/db/open';
import { readSettings } from '../../../electron/core/backup/queries';
import { tempDir } from '../../harness/core';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('migration 0004_backup', () => {
  it('creates the settings row with the defaults (keep 5, remind after 7 days, no recipients) and guards the values', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sqlite = openSqlite(path.join(dir, 'qorgan.db'), crypto.randomBytes(32));
    const db = kyselyFor(sqlite);
    const r = await new Migrator({ db, provider: migrationProvider }).migrateTo('0004_backup');
    expect(r.error).toBeUndefined();
    expect(await readSettings(db)).toEqual({ enabled: false, recoveryRecipient: null, districtRecipient: null, keepLast: 5, reminderDays: 7 });
    expect(() => sqlite.prepare('UPDATE backup_settings SET keep_last = 0').run()).toThrow(/CHECK/);
    expect(() => sqlite.prepare('UPDATE backup_settings SET reminder_days = 365').run()).toThrow(/CHECK/);
    expect(() => sqlite.prepare(`INSERT INTO backup_settings (id, updated_at) VALUES (2, '')`).run()).toThrow(/CHECK/);
    expect(() =>
      sqlite.prepare(`INSERT INTO backups (id, started_at, target_dir, status) VALUES ('x', '2026-01-01', '/media/x', 'maybe')`).run(),
    ).toThrow(/CHECK/);
    const down = await new Migrator({ db, provider: migrationProvider }).migrateDown();
    expect(down.error).toBeUndefined();
    expect(sqlite.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name IN ('backups', 'backup_settings')`).get()).toEqual({ n: 0 });
    await db.destroy();
  });
});
