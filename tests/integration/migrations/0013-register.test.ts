/**
 * Migration 0013 (the register): seeds the default grounds in kk and ru, keeps one open entry per pupil at the
 * database level (a partial unique index), closed entries any number, decision bodies and dates checked, and
 * rolls back cleanly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { kyselyFor, openSqlite } from '../../../electron/core/db/open';
import { DEFAULT_GROUNDS } from '../../../migrations/0013_register';
import { MIGRATIONS, migrationProvider } from '../../../migrations/index';
import { tempDir } from '../../harness/core';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('migration 0013_register', () => {
  it('seeds the grounds, allows one open entry per pupil, checks bodies and decision pairs, rolls back', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sqlite = openSqlite(path.join(dir, 'q.db'), crypto.randomBytes(32));
    const db = kyselyFor(sqlite);
    const migrator = new Migrator({ db, provider: migrationProvider });
    const up = await migrator.migrateTo('0013_register');
    expect(up.error).toBeUndefined();
    const grounds = sqlite.prepare('SELECT code, label_kk, label_ru, retired FROM register_grounds ORDER BY position').all() as { code: string; label_kk: string; label_ru: string; retired: number }[];
    expect(grounds.map((g) => g.code)).toEqual(DEFAULT_GROUNDS.map((g) => g.code));
    expect(grounds.every((g) => g.label_kk.length > 0 && g.label_ru.length > 0 && g.retired === 0)).toBe(true);

    const now = '2026-11-30T09:00:00Z';
    sqlite.prepare(`INSERT INTO pupils (id, last_name, first_name, middle_name, grade, class_letter, instruction_language, family_status, on_register, archived, created_at, updated_at)
                    VALUES ('p1', 'Тест', 'Бала', '', 7, 'А', 'kk', '[]', 0, 0, ?, ?)`).run(now, now);
    const entry = sqlite.prepare(`INSERT INTO register_entries (id, pupil_id, on_number, on_date, on_body, off_number, off_date, off_body, review_months, next_review_on, version, created_at, updated_at)
                                  VALUES (?, 'p1', '1', '2026-09-01', ?, ?, ?, ?, 3, NULL, 1, ?, ?)`);
    entry.run('e1', 'council', '2', '2026-10-01', 'director', now, now);
    entry.run('e2', 'council', null, null, null, now, now);
    expect(() => entry.run('e3', 'director', null, null, null, now, now)).toThrow(/UNIQUE/);
    expect(() => entry.run('e4', 'court', '5', '2026-10-01', 'council', now, now)).toThrow(/CHECK/);
    // a decision half written (a date without its number) is refused
    expect(() => entry.run('e5', 'council', null, '2026-10-01', 'council', now, now)).toThrow(/CHECK/);

    const names = Object.keys(MIGRATIONS).sort();
    const down = await migrator.migrateTo(names[names.indexOf('0013_register') - 1]!);
    expect(down.error).toBeUndefined();
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'register_%' OR name LIKE 'prevention_%'").get()).toEqual({ n: 0 });
    await db.destroy();
  });
});
