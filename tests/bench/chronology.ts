/**
 * The pupil card and the work lists at the scale of a 10-year school (issue 9, "Speed and scale"): 3 000 pupils,
 * 200 000 chronology entries with their summaries sealed in the protection compartment as shipped (what
 * `recordChronology` writes), and 20 000 case tasks (2 000 open) behind a work-list source like the cases feature's.
 *
 * - the card: pupils.get + chronology.list (first page, 25 entries), for random pupils — through the query code, and
 *   through the registry (access check, class scope, guard and the audit entry of each sensitive read);
 * - the chronology page alone: the same SQL on the sealed table (with decryption) and on a plain copy (plaintext
 *   summaries), for the ratio;
 * - the work lists: the counts and a page of "overdue", sealed titles vs plain ones.
 * Medians and p95 over many random pupils; targets: card ≤ 5 ms, work lists ≤ 10 ms.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { CHRONOLOGY_KINDS } from '../../shared/chronology';
import { isoDate } from '../../shared/calendar';
import type { WorkItem } from '../../shared/worklists';
import { chronologyProtected } from '../../electron/core/chronology/record';
import { listChronology } from '../../electron/core/chronology/queries';
import { protectedFields } from '../../electron/core/compartments/fields';
import { checkpoint } from '../../electron/core/db/open';
import { getPupil } from '../../electron/core/pupils/queries';
import { addDays, workCounts, workList } from '../../electron/core/worklists/lists';
import type { WorkSource } from '../../electron/core/worklists/sources';
import { createTestCore } from '../harness/core';
import type { BenchRow } from './types';

const PUPILS = 3_000;
const ENTRIES = 200_000;
const TASKS = 20_000;
const OPEN_TASKS = 2_000;
const OWNERS = 4;
const SAMPLES = 400;

/** median and p95 (ms) of `fn` over `n` runs, each with its own argument */
async function spread<T>(args: T[], fn: (a: T) => unknown | Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (const a of args.slice(0, 20)) await fn(a);
  const times: number[] = [];
  for (const a of args) {
    const t = performance.now();
    await fn(a);
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor(times.length / 2)] ?? 0, p95: times[Math.floor(times.length * 0.95)] ?? 0 };
}

const fmt = (v: number) => v.toFixed(2);

export async function benchChronology(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const t = await createTestCore(); // the director: holds the protection key
  try {
    const core = t.state;
    const sqlite = core.sqlite;
    const director = core.session!.accountId;
    const now = new Date();
    const nowIso = now.toISOString();
    const pupilIds: string[] = [];
    const insPupil = sqlite.prepare(
      `INSERT INTO pupils (id, iin, last_name, first_name, middle_name, birth_date, sex, grade, class_letter, instruction_language,
         family_status, on_register, archived, created_at, updated_at)
       VALUES (?, NULL, ?, ?, '', NULL, 'f', ?, 'А', 'kk', '[]', 0, 0, ?, ?)`,
    );
    sqlite.exec(`CREATE TABLE chronology_plain (id TEXT PRIMARY KEY, pupil_id TEXT NOT NULL, kind TEXT NOT NULL, source_table TEXT, source_id TEXT,
      occurred_at TEXT NOT NULL, written_at TEXT NOT NULL, written_by TEXT, summary TEXT, confidential TEXT) STRICT`);
    sqlite.exec('CREATE INDEX chronology_plain_pupil ON chronology_plain (pupil_id, occurred_at DESC, written_at DESC)');
    const insEntry = sqlite.prepare(
      `INSERT INTO chronology (id, pupil_id, kind, source_table, source_id, occurred_at, written_at, written_by, summary_enc, confidential_enc)
       VALUES (?, ?, ?, 'cases', ?, ?, ?, ?, ?, NULL)`,
    );
    const insPlain = sqlite.prepare(
      `INSERT INTO chronology_plain (id, pupil_id, kind, source_table, source_id, occurred_at, written_at, written_by, summary, confidential)
       VALUES (?, ?, ?, 'cases', ?, ?, ?, ?, ?, NULL)`,
    );
    const tenYears = 10 * 365 * 86_400_000;
    const loadStart = performance.now();
    sqlite.transaction(() => {
      for (let i = 0; i < PUPILS; i++) {
        const id = crypto.randomUUID();
        pupilIds.push(id);
        insPupil.run(id, `Фамилия${i}`, `Есім${i}`, 1 + (i % 11), nowIso, nowIso);
      }
      for (let i = 0; i < ENTRIES; i++) {
        const id = crypto.randomUUID();
        const pupil = pupilIds[i % PUPILS]!;
        const kind = CHRONOLOGY_KINDS[i % CHRONOLOGY_KINDS.length]!;
        const occurred = new Date(now.getTime() - Math.floor(Math.random() * tenYears)).toISOString();
        const summary = `Жазба ${i}: сыныптағы жағдай бойынша әңгіме өтті, ата-анасына хабарланды, келесі кездесу белгіленді`;
        const sealed = chronologyProtected.write(core, id, { summary_enc: summary });
        const source = crypto.randomUUID();
        insEntry.run(id, pupil, kind, source, occurred, occurred, director, sealed.summary_enc);
        insPlain.run(id, pupil, kind, source, occurred, occurred, director, summary);
      }
    })();
    sqlite.exec('ANALYZE');
    checkpoint(sqlite);
    const loadMs = performance.now() - loadStart;
    rows.push({ name: `load: ${PUPILS} pupils, ${ENTRIES} chronology entries sealed (+ the plain copy)`, medianMs: loadMs, runs: 1, note: `${((loadMs * 1000) / ENTRIES).toFixed(1)} µs per entry` });

    const sample = Array.from({ length: SAMPLES }, () => pupilIds[Math.floor(Math.random() * PUPILS)]!);
    const page = { page: 0, pageSize: 25, classScoped: false };
    const card = await spread(sample, async (id) => {
      await getPupil(core.db, id, core);
      await listChronology(core.db, core, { pupilId: id, ...page, language: 'kk' });
    });
    rows.push({ name: `pupil card: pupils.get + chronology page (25 of ~${Math.round(ENTRIES / PUPILS)}), query code`, medianMs: card.median, runs: SAMPLES, note: `p95 ${fmt(card.p95)} ms; target ≤ 5 ms` });
    const viaRegistry = await spread(sample, async (id) => {
      const a = await t.invoke('pupils.get', { id });
      const b = await t.invoke('chronology.list', { pupilId: id });
      if (!a.ok || !b.ok) throw new Error('card call failed');
    });
    rows.push({ name: 'pupil card through the registry (access, guard, 2 audited sensitive reads)', medianMs: viaRegistry.median, runs: SAMPLES, note: `p95 ${fmt(viaRegistry.p95)} ms` });
    const oneAudited = await spread(sample, async (id) => {
      if (!(await t.invoke('pupils.get', { id })).ok) throw new Error('pupils.get failed');
    });
    rows.push({ name: 'of which: one audited sensitive read alone (pupils.get through the registry)', medianMs: oneAudited.median, runs: SAMPLES, note: `p95 ${fmt(oneAudited.p95)} ms; the audit entry (HMAC chain, its own commit) dominates` });
    const filtered = await spread(sample, (id) => listChronology(core.db, core, { pupilId: id, kinds: ['concern', 'case_opened', 'case_note'], ...page, language: 'kk' }));
    rows.push({ name: 'chronology page filtered by 3 kinds', medianMs: filtered.median, runs: SAMPLES, note: `p95 ${fmt(filtered.p95)} ms` });

    // the page alone, same SQL: sealed (decrypt 25 summaries) vs plain
    const sealedStmt = sqlite.prepare(
      'SELECT id, summary_enc FROM chronology WHERE pupil_id = ? ORDER BY occurred_at DESC, written_at DESC LIMIT 25',
    );
    const plainStmt = sqlite.prepare('SELECT id, summary FROM chronology_plain WHERE pupil_id = ? ORDER BY occurred_at DESC, written_at DESC LIMIT 25');
    const sealedPage = await spread(sample, (id) => {
      const r = sealedStmt.all(id) as { id: string; summary_enc: Uint8Array }[];
      return r.map((x) => chronologyProtected.read(core, x.id, { summary_enc: x.summary_enc, confidential_enc: null }).summary_enc);
    });
    const plainPage = await spread(sample, (id) => (plainStmt.all(id) as { summary: string }[]).map((x) => x.summary));
    rows.push({ name: 'chronology page, same SQL: sealed summaries decrypted', medianMs: sealedPage.median, runs: SAMPLES, note: `p95 ${fmt(sealedPage.p95)} ms` });
    rows.push({ name: 'chronology page, same SQL: plain summaries', medianMs: plainPage.median, runs: SAMPLES, note: `p95 ${fmt(plainPage.p95)} ms; sealed/plain ${(sealedPage.median / plainPage.median).toFixed(1)}×` });

    // work lists: a source as the cases feature writes one (open tasks of an owner due by a date, titles sealed)
    sqlite.exec(`CREATE TABLE bench_tasks (id TEXT PRIMARY KEY, pupil_id TEXT NOT NULL, owner_id TEXT NOT NULL, due_on TEXT,
      done INTEGER NOT NULL, title_enc BLOB, title TEXT) STRICT`);
    sqlite.exec('CREATE INDEX bench_tasks_open ON bench_tasks (owner_id, due_on) WHERE done = 0');
    const taskFields = protectedFields('bench_tasks', 'id', { title_enc: { compartment: 'protection', schema: z.string() } });
    const owners = [director, ...Array.from({ length: OWNERS - 1 }, () => crypto.randomUUID())];
    const today = isoDate(now);
    const insTask = sqlite.prepare('INSERT INTO bench_tasks VALUES (?, ?, ?, ?, ?, ?, ?)');
    sqlite.transaction(() => {
      for (let i = 0; i < TASKS; i++) {
        const id = crypto.randomUUID();
        const title = `Тапсырма ${i}: ата-анасымен кездесу, сынып жетекшісімен әңгіме`;
        const due = addDays(today, (i % 90) - 45);
        insTask.run(id, pupilIds[i % PUPILS]!, owners[i % OWNERS]!, due, i < OPEN_TASKS ? 0 : 1, taskFields.write(core, id, { title_enc: title }).title_enc, title);
      }
    })();
    sqlite.exec('ANALYZE');
    const titleStmt = sqlite.prepare('SELECT id, title_enc FROM bench_tasks WHERE id = ?');
    const source = (sealed: boolean, lazy = false): WorkSource => ({
      kind: 'case_task',
      ...(lazy
        ? {
            titles: async (_db, keys, ids) =>
              new Map(
                ids.map((id) => {
                  const r = titleStmt.get(id) as { id: string; title_enc: Uint8Array | null };
                  return [id, taskFields.read(keys, r.id, { title_enc: r.title_enc }).title_enc];
                }),
              ),
          }
        : {}),
      async open(db, q) {
        let s = db
          .selectFrom(sql<{ id: string; pupil_id: string; owner_id: string; due_on: string | null; title_enc: Uint8Array | null; title: string | null; done: number }>`bench_tasks`.as('t'))
          .select(['t.id', 't.pupil_id', 't.owner_id', 't.due_on', 't.title_enc', 't.title'])
          .where('t.done', '=', 0);
        if (q.ownerId) s = s.where('t.owner_id', '=', q.ownerId);
        if (q.dueBy) s = s.where('t.due_on', '<=', q.dueBy);
        return (await s.execute()).map(
          (r): WorkItem => ({
            id: r.id,
            kind: 'case_task',
            title: q.withTitles === false ? null : sealed ? taskFields.read(q.keys, r.id, { title_enc: r.title_enc }).title_enc : r.title,
            pupilId: r.pupil_id,
            caseId: null,
            dueOn: r.due_on,
            ownerId: r.owner_id,
            link: `/cases?task=${r.id}`,
          }),
        );
      },
    });
    const q = { ownerId: director, now, keys: core };
    const runs = Array.from({ length: 100 }, (_, i) => i);
    for (const [sealed, lazy] of [
      [true, false],
      [true, true],
      [false, false],
    ] as const) {
      const src = [source(sealed, lazy)];
      const label = sealed ? (lazy ? 'sealed titles, decrypted for the page only (WorkSource.titles)' : 'sealed titles, decrypted in open()') : 'plain titles';
      const counts = await spread(runs, () => workCounts(core.db, q, src));
      const overdue = await spread(runs, () => workList(core.db, { ...q, list: 'overdue', page: 0, pageSize: 50 }, src));
      const c = await workCounts(core.db, q, src);
      rows.push({ name: `work-list counts (${OPEN_TASKS / OWNERS} open tasks of the caller, ${TASKS} in all), ${label}`, medianMs: counts.median, runs: runs.length, note: `p95 ${fmt(counts.p95)} ms; ${c.overdue} overdue, ${c.due_soon} due in 7 days; target ≤ 10 ms` });
      rows.push({ name: `work list "overdue", first page of 50 with pupils named, ${label}`, medianMs: overdue.median, runs: runs.length, note: `p95 ${fmt(overdue.p95)} ms; target ≤ 10 ms` });
    }
  } finally {
    await t.cleanup();
  }
  return rows;
}
