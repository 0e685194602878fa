/**
 * Migration 0015 (the bullying flow): seeds the school's timing with DOMAIN.md's defaults, keeps a step's status and
 * its closing date together, refuses unknown step kinds, and rolls back cleanly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_BULLYING_SETTINGS, bullyingSettingsSchema } from '../../../shared/bullying';
import { kyselyFor, openSqlite } from '../../../electron/core/db/open';
import { MIGRATIONS, migrationProvider } from '../../../migrations/index';
import { tempDir } from '../../harness/core';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('migration 0015_bullying', () => {
  it('seeds the default timing, checks kinds and status, rolls back', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sqlite = openSqlite(path.join(dir, 'q.db'), crypto.randomBytes(32));
    const db = kyselyFor(sqlite);
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0015_bullying')).error).toBeUndefined();
    const row = sqlite.prepare('SELECT steps FROM bullying_settings WHERE id = 1').get() as { steps: string };
    expect(bullyingSettingsSchema.parse(JSON.parse(row.steps))).toEqual(DEFAULT_BULLYING_SETTINGS);
    expect(() => sqlite.prepare('INSERT INTO bullying_settings (id, steps) VALUES (2, ?)').run('{}')).toThrow(/CHECK/);

    const now = '2026-11-30T09:00:00Z';
    sqlite.prepare(`INSERT INTO cases (id, number, stage, risk, risk_rank, opened_at, updated_at) VALUES ('c1', 1, 'identified', 'low', 1, ?, ?)`).run(now, now);
    sqlite.prepare(`INSERT INTO bullying_flows (case_id, started_at, cyber, settings) VALUES ('c1', ?, 0, '{}')`).run(now);
    const step = sqlite.prepare(`INSERT INTO bullying_steps (id, case_id, kind, position, status, created_at, closed_at) VALUES (?, 'c1', ?, 1, ?, ?, ?)`);
    step.run('s1', 'target_talk', 'open', now, null);
    step.run('s2', 'follow_up', 'done', now, now);
    expect(() => step.run('s3', 'party', 'open', now, null)).toThrow(/CHECK/);
    // a closed step has its closing date, an open one none
    expect(() => step.run('s4', 'monitoring', 'skipped', now, null)).toThrow(/CHECK/);
    expect(() => step.run('s5', 'monitoring', 'open', now, now)).toThrow(/CHECK/);
    expect(() => sqlite.prepare(`INSERT INTO bullying_escalations (id, case_id, escalated_at, cause) VALUES ('e1', 'c1', ?, 'whim')`).run(now)).toThrow(/CHECK/);

    const names = Object.keys(MIGRATIONS).sort();
    expect((await migrator.migrateTo(names[names.indexOf('0015_bullying') - 1]!)).error).toBeUndefined();
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'bullying_%'").get()).toEqual({ n: 0 });
    await db.destroy();
  });
});
