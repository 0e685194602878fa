/**
 * Migration 0017 (referrals): the status and the agency type are checked, a sent referral has its date sent, the
 * answer is never due before the date sent, one council decision makes at most one referral, and it rolls back.
 */
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

describe('migration 0017_referrals', () => {
  it('checks statuses, agencies and dates; one referral per council decision; rolls back', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const sqlite = openSqlite(path.join(dir, 'q.db'), crypto.randomBytes(32));
    const db = kyselyFor(sqlite);
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0017_referrals')).error).toBeUndefined();
    const now = '2026-11-30T09:00:00Z';
    sqlite.prepare(`INSERT INTO pupils (id, last_name, first_name, middle_name, grade, class_letter, instruction_language, family_status, on_register, archived, created_at, updated_at)
                    VALUES ('p1', 'Тест', 'Бала', '', 7, 'А', 'kk', '[]', 0, 0, ?, ?)`).run(now, now);
    sqlite.prepare(`INSERT INTO cases (id, number, stage, risk, risk_rank, opened_at, updated_at) VALUES ('c1', 1, 'assessment', 'low', 1, ?, ?)`).run(now, now);
    const ins = sqlite.prepare(`INSERT INTO referrals (id, case_id, pupil_id, agency_type, status, sent_on, answer_due_on, council_decision_id, created_at, updated_at)
                                VALUES (?, 'c1', 'p1', ?, ?, ?, ?, ?, ?, ?)`);
    ins.run('r1', 'juvenile_police', 'sent', '2026-11-20', '2026-11-30', null, now, now);
    ins.run('r2', null, 'draft', null, null, null, now, now);
    expect(() => ins.run('r3', 'court', 'draft', null, null, null, now, now)).toThrow(/CHECK/);
    expect(() => ins.run('r4', 'narcologist', 'lost', null, null, null, now, now)).toThrow(/CHECK/);
    // sent without the date sent; the answer due before the date sent
    expect(() => ins.run('r5', 'narcologist', 'sent', null, null, null, now, now)).toThrow(/CHECK/);
    expect(() => ins.run('r6', 'narcologist', 'sent', '2026-11-20', '2026-11-19', null, now, now)).toThrow(/CHECK/);
    sqlite.pragma('foreign_keys = OFF');
    ins.run('r7', null, 'draft', null, null, 'd1', now, now);
    expect(() => ins.run('r8', null, 'draft', null, null, 'd1', now, now)).toThrow(/UNIQUE/);
    sqlite.prepare("DELETE FROM referrals WHERE id = 'r7'").run();
    sqlite.pragma('foreign_keys = ON');

    const names = Object.keys(MIGRATIONS).sort();
    expect((await migrator.migrateTo(names[names.indexOf('0017_referrals') - 1]!)).error).toBeUndefined();
    expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'referrals%'").get()).toEqual({ n: 0 });
    await db.destroy();
  });
});
