/**
 * The sealed monthly tally of the statistics (migration 0023, electron/core/statistics/tally.ts): after random
 * sequences of writes — cases opened, their form of harm / risk / stage changed, closed, reopened; concerns logged
 * and triaged; pupils purged by retention; records back-dated behind the writers' back as the demo does — the
 * statistics read from the tally equal those counted by decrypting every record (the computation before the tally,
 * kept below as the reference), for whole years, partial custom periods and months; the writers keep every month
 * current themselves (no month stale after a write); the tally is sealed (no count in the clear), built at the first
 * unlock of a protection holder, and repaired when a month's row is missing, of an old version or tampered with.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STAGES, CLOSURE_REASONS, FORMS_OF_HARM, RISK_LEVELS } from '../../../shared/cases';
import { PURGE_COUNT_KEYS, type PurgeCounts } from '../../../shared/retention';
import type { CoreState } from '../../../electron/core/core';
import { CASES_PURGE } from '../../../electron/core/cases/purge';
import { closeCase, createCase, logConcern, reopenCase, triageConcern, updateCase } from '../../../electron/core/cases/queries';
import type { Actor } from '../../../electron/core/db/types';
import { seededRandom } from '../../../electron/core/demo/school';
import { localDay, monthsOf, type Range } from '../../../electron/core/statistics/period';
import { caseStatistics, concernStatistics } from '../../../electron/core/statistics/queries';
import { refreshTallies, staleMonths, TALLY_VERSION, tallyNeedsBuild } from '../../../electron/core/statistics/tally';
import { buildStatisticsTally } from '../../../electron/core/compartments/sweep';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { referenceCases, referenceConcerns } from '../../harness/statistics-reference';

// ------------------------------------------------------------------ the school and the random writes

const DAY = 86_400_000;
let t: TestCore;
let core: CoreState;
const pupils: string[] = [];
let start: Date;
let end: Date;

beforeAll(async () => {
  t = await createTestCore(); // the director (and administrator): holds the protection key
  core = t.state;
  const now = core.platform.now().toISOString();
  const ins = core.sqlite.prepare(
    `INSERT INTO pupils (id, iin, last_name, first_name, middle_name, birth_date, sex, grade, class_letter, instruction_language,
       family_status, on_register, archived, created_at, updated_at) VALUES (?, NULL, ?, ?, '', NULL, ?, ?, 'А', 'kk', '[]', 0, 0, ?, ?)`,
  );
  for (let i = 0; i < 14; i++) {
    const id = crypto.randomUUID();
    pupils.push(id);
    ins.run(id, `Тестов${i}`, `Оқушы${i}`, i % 3 === 0 ? 'm' : 'f', 1 + (i % 11), now, now);
  }
}, 60_000);
afterAll(async () => {
  await t.cleanup();
});

const emptyCounts = (): PurgeCounts => Object.fromEntries(PURGE_COUNT_KEYS.map((k) => [k, 0])) as PurgeCounts;

/** A random sequence of writes, each in its own transaction as the registry runs them, the clock moving forward. */
async function randomWrites(seed: number, steps: number, from: Date, opts: { purge: boolean; backdate: boolean }): Promise<{ ops: Record<string, number>; at: Date }> {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const ops: Record<string, number> = {};
  let at = from;
  const accountId = core.session!.accountId;
  for (let i = 0; i < steps; i++) {
    at = new Date(at.getTime() + Math.floor(rand() * 9 * DAY) + Math.floor(rand() * DAY));
    const a: Actor = { accountId, now: at, keys: core };
    const open = core.sqlite.prepare(`SELECT id, version FROM cases WHERE stage != 'closed'`).all() as { id: string; version: number }[];
    const closed = core.sqlite.prepare(`SELECT id, version FROM cases WHERE stage = 'closed'`).all() as { id: string; version: number }[];
    const r = rand();
    let op: string;
    if (r < 0.22 || open.length === 0) {
      op = 'open';
      await core.db.transaction().execute((db) =>
        createCase(db, a, { title: 'Тест', summary: 'Тест', formOfHarm: pick(FORMS_OF_HARM), risk: pick(RISK_LEVELS), leadId: accountId, pupils: [{ pupilId: pick(pupils), role: 'targeted' }] }),
      );
    } else if (r < 0.34) {
      op = 'concern';
      await core.db.transaction().execute(async (db) => {
        const c = await logConcern(db, a, { what: 'Тест', where: 'Дәліз', occurredAt: localDay(at.toISOString()), formOfHarm: pick(FORMS_OF_HARM), pupils: [{ pupilId: pick(pupils), role: 'targeted' }] });
        const action = rand();
        if (action < 0.4) await triageConcern(db, a, { action: 'no_action', id: c.id, answer: 'Қаралды' });
        else if (action < 0.75) await triageConcern(db, a, { action: 'new_case', id: c.id, answer: 'Қаралды', risk: pick(RISK_LEVELS), leadId: accountId, title: 'Тест' });
        // else: left awaiting triage (sealed to the intake key: not in the tally)
      });
    } else if (r < 0.5) {
      op = 'update';
      const c = pick(open);
      const what = rand();
      await core.db.transaction().execute((db) =>
        updateCase(db, a, { id: c.id, version: c.version, ...(what < 0.5 ? { formOfHarm: pick(FORMS_OF_HARM) } : what < 0.75 ? { risk: pick(RISK_LEVELS) } : { stage: pick(CASE_STAGES.filter((s) => s !== 'closed')) }) }),
      );
    } else if (r < 0.72) {
      op = 'close';
      const c = pick(open);
      await core.db.transaction().execute((db) => closeCase(db, a, { id: c.id, version: c.version, reason: pick(CLOSURE_REASONS), outcome: 'Тест' }));
    } else if (r < 0.84 && closed.length > 0) {
      op = 'reopen';
      const c = pick(closed);
      await core.db.transaction().execute((db) => reopenCase(db, a, { id: c.id, version: c.version, stage: 'monitoring' }));
    } else if (opts.purge && r < 0.9) {
      op = 'purge';
      const pupilId = pick(pupils);
      await core.db.transaction().execute(async (db) => {
        const ctx = { db, keys: core, pupilId, soleCases: new Set<string>(), sharedCases: new Set<string>(), documents: new Set<string>(), dryRun: false, counts: emptyCounts(), now: at };
        await CASES_PURGE.collect?.(ctx);
        await CASES_PURGE.purge(ctx);
      });
    } else if (opts.backdate && r < 0.95) {
      // as the demo seeders do: an opening moved earlier behind the writers' back (the read or the next refresh
      // repairs the months it left and joined)
      op = 'backdate';
      const c = pick([...open, ...closed]);
      const was = (core.sqlite.prepare('SELECT opened_at FROM cases WHERE id = ?').get(c.id) as { opened_at: string }).opened_at;
      core.sqlite.prepare('UPDATE cases SET opened_at = ? WHERE id = ?').run(new Date(new Date(was).getTime() - Math.floor(rand() * 120) * DAY).toISOString(), c.id);
    } else {
      op = 'no-op';
    }
    ops[op] = (ops[op] ?? 0) + 1;
  }
  return { ops, at };
}

function ranges(from: Date, to: Date): Range[] {
  const f = localDay(from.toISOString());
  const l = localDay(to.toISOString());
  const months = monthsOf({ from: f, to: l });
  const last = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const out: Range[] = [
    { from: f, to: l, academicYear: 2000 }, // partial months at both edges
    { from: `${months[0]}-01`, to: last(months.at(-1)!), academicYear: 2000 }, // whole months only
  ];
  for (let i = 0; i + 2 < months.length; i += 3) {
    out.push({ from: `${months[i]}-01`, to: last(months[i + 2]!), academicYear: 2000 }); // three whole months
    out.push({ from: `${months[i]}-11`, to: `${months[i + 2]}-19`, academicYear: 2000 }); // a quarter-like span: two partial edges
  }
  return out;
}

async function expectSameAsRecords(from: Date, to: Date): Promise<void> {
  for (const range of ranges(from, to)) {
    const cases = await caseStatistics(core.db, core, range, to);
    expect(cases, `cases ${range.from}…${range.to}`).toEqual(await referenceCases(core.db, core, range));
    const concerns = await concernStatistics(core.db, core, range, to);
    expect(concerns, `concerns ${range.from}…${range.to}`).toEqual(await referenceConcerns(core.db, core, range));
  }
}

const staleCount = async () => {
  const s = await staleMonths(core.db);
  return s.cases.size + s.concerns.size;
};

describe('the sealed monthly tally', () => {
  it('is kept current by the writers: no month stale after random opens, updates, closes, reopens, triages and purges', async () => {
    start = new Date(core.platform.now().getTime() - 430 * DAY);
    const { ops, at } = await randomWrites(2314, 140, start, { purge: true, backdate: false });
    end = at;
    // the sequence did what it says
    for (const op of ['open', 'concern', 'update', 'close', 'reopen', 'purge']) expect(ops[op] ?? 0, op).toBeGreaterThan(0);
    expect((core.sqlite.prepare('SELECT count(*) AS n FROM statistics_tally').get() as { n: number }).n).toBeGreaterThan(8);
    expect(await staleCount()).toBe(0);
    await expectSameAsRecords(start, end);
  }, 120_000);

  it('equals the statistics counted from the records after other random sequences, with records back-dated behind the writers', async () => {
    for (const seed of (process.env.TALLY_SEEDS ?? '7,99,4096').split(',').map(Number)) {
      const { at } = await randomWrites(seed, 60, end, { purge: true, backdate: true });
      end = at;
      // a back-dated opening may now be earlier than the first write
      const first = (core.sqlite.prepare('SELECT min(opened_at) AS t FROM cases').get() as { t: string | null }).t;
      if (first && first < start.toISOString()) start = new Date(first);
      await expectSameAsRecords(start, end);
      // the reads repaired what the back-dating left stale (the months of the ranges read: all of them here)
      const st = await staleMonths(core.db);
      expect({ cases: [...st.cases.keys()], concerns: [...st.concerns.keys()] }, `stale after seed ${seed}, ${start.toISOString()}…${end.toISOString()}`).toEqual({ cases: [], concerns: [] });
    }
  }, 180_000);

  it('keeps its counts sealed: a protection field, no count or form of harm in the clear', async () => {
    const rows = core.sqlite.prepare('SELECT id, subject, month, version, digest, counts_enc FROM statistics_tally').all() as {
      id: string;
      subject: string;
      month: string;
      version: number;
      digest: string;
      counts_enc: Buffer;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.version).toBe(TALLY_VERSION);
      expect(r.counts_enc[0]).toBe(0x51); // the field blob's magic
      const text = r.counts_enc.toString('latin1');
      for (const word of [...FORMS_OF_HARM, ...CLOSURE_REASONS, 'caseHarm']) expect(text.includes(word), word).toBe(false);
    }
  });

  it('is repaired when a month is missing, of an older version or tampered with, and refused to a session without the key', async () => {
    const year: Range = { from: localDay(start.toISOString()), to: localDay(end.toISOString()), academicYear: 2000 };
    const want = await referenceCases(core.db, core, year);
    const ids = (core.sqlite.prepare(`SELECT id FROM statistics_tally WHERE subject = 'cases' ORDER BY month`).all() as { id: string }[]).map((r) => r.id);
    core.sqlite.prepare('DELETE FROM statistics_tally WHERE id = ?').run(ids[1]);
    core.sqlite.prepare('UPDATE statistics_tally SET version = 0 WHERE id = ?').run(ids[2]);
    // another month's sealed counts moved onto this one: the AAD binds the row id, so it does not open; its digest is
    // kept, so only the failed decryption shows it
    const other = core.sqlite.prepare('SELECT counts_enc FROM statistics_tally WHERE id = ?').get(ids[4]) as { counts_enc: Buffer };
    core.sqlite.prepare('UPDATE statistics_tally SET counts_enc = ? WHERE id = ?').run(other.counts_enc, ids[3]);
    expect(await staleCount()).toBe(2);
    expect(await caseStatistics(core.db, core, year, end)).toEqual(want);
    expect(await staleCount()).toBe(0);
    expect(await tallyNeedsBuild(core.db)).toBe(false);
    // without the protection key: no numbers that silently leave out what it cannot read, and nothing written
    const keyless = { compartmentKey: () => null };
    await expect(caseStatistics(core.db, keyless, year, end)).rejects.toMatchObject({ code: 'keys.not_holder' });
    await expect(concernStatistics(core.db, keyless, year, end)).rejects.toMatchObject({ code: 'keys.not_holder' });
    expect(await refreshTallies(core.db, keyless, end)).toBe(0);
  });

  it('is built from the records at the first unlock of a protection holder after the migration', async () => {
    core.sqlite.exec('DELETE FROM statistics_tally');
    expect(await tallyNeedsBuild(core.db)).toBe(true);
    await t.call('auth.lock', {});
    await t.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(await tallyNeedsBuild(core.db)).toBe(false);
    expect(await staleCount()).toBe(0);
    expect(await buildStatisticsTally(core)).toBe(0);
    expect(await refreshTallies(core.db, core, end)).toBe(0);
    await expectSameAsRecords(start, end);
  }, 60_000);
});
