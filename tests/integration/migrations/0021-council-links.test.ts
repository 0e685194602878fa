/** Migration 0021 (the council, finished): a decision's register grounds, plan items linked to meetings, rollback. */
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

describe('migration 0021_council_links', () => {
  it('adds the grounds and first review to decisions, links plan items to meetings once, rolls back', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sqlite = openSqlite(path.join(dir, 'q.db'), crypto.randomBytes(32));
    const db = kyselyFor(sqlite);
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0021_council_links')).error).toBeUndefined();
    const cols = (sqlite.prepare('PRAGMA table_info(council_decisions)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['grounds_enc', 'first_review_on']));
    const now = '2026-11-30T09:00:00Z';
    sqlite.prepare("INSERT INTO plans (id, academic_year, title_kk, title_ru, status, revision, created_at, updated_at) VALUES ('p1', 2026, 'Ж', 'П', 'approved', 1, ?, ?)").run(now, now);
    sqlite.prepare("INSERT INTO plan_sections (id, plan_id, position, title_kk, title_ru) VALUES ('s1', 'p1', 1, 'Б', 'Р')").run();
    sqlite.prepare("INSERT INTO plan_items (id, plan_id, section_id, position, measure_kk, measure_ru, created_at, updated_at) VALUES ('i1', 'p1', 's1', 1, 'Ш', 'М', ?, ?)").run(now, now);
    sqlite.prepare("INSERT INTO council_meetings (id, academic_year, number, date, time, place, status, created_at, updated_at) VALUES ('m1', 2026, 1, '2026-12-10', '15:00', 'Зал', 'planned', ?, ?)").run(now, now);
    const link = sqlite.prepare('INSERT INTO council_plan_links (plan_item_id, meeting_id, created_at, evidence_quarter) VALUES (?, ?, ?, ?)');
    link.run('i1', 'm1', now, null);
    expect(() => link.run('i1', 'm1', now, null)).toThrow(/UNIQUE|PRIMARY/);
    sqlite.prepare("DELETE FROM council_plan_links").run();
    expect(() => link.run('i1', 'm1', now, 5)).toThrow(/CHECK/);
    const names = Object.keys(MIGRATIONS).sort();
    expect((await migrator.migrateTo(names[names.indexOf('0021_council_links') - 1]!)).error).toBeUndefined();
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'council_plan_links'").get()).toEqual({ n: 0 });
    const after = (sqlite.prepare('PRAGMA table_info(council_decisions)').all() as { name: string }[]).map((c) => c.name);
    expect(after).not.toContain('grounds_enc');
    await db.destroy();
  });
});
