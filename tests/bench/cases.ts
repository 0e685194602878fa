/**
 * Cases at the scale of a ten-year school (issue 9, "Speed and scale"): 3 000 pupils, 20 000 cases (1–3 pupils and
 * 1–2 tasks each), the protected fields sealed as shipped (AES-256-GCM per field, inside the SQLCipher DB).
 *
 * - The case list (filter by stage / risk / lead worker, one page of 50, ordered by risk): the filters and the order
 *   are plain indexed columns, so SQL does the work; only the page's 50 titles are decrypted.
 * - The search over case text: the title and summary are protected, so no index (FTS or other) may hold them in the
 *   clear; the text is kept folded in sealed chunks of 256 cases (electron/core/cases/search.ts): a search decrypts
 *   ~80 blobs and scans them, then the plain filters and the order apply in SQL. Measured over every case, and over
 *   the open ones (what the list shows by default).
 * - Case tasks due within 7 days (the work-list source).
 *
 * Each figure is a median and a p95, and the same query on plain SQLite with plain fields (no SQLCipher, no field
 * encryption: a plain `case_text` table and LIKE for the search) gives the ratio.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Migrator } from 'kysely/migration';
import { sql, type Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { migrationProvider } from '../../migrations/index';
import { CASE_STAGES, FORMS_OF_HARM, RISK_LEVELS, riskRank } from '../../shared/cases';
import { caseTaskSource } from '../../electron/core/cases/work';
import { caseProtected, casePupilProtected } from '../../electron/core/cases/protected';
import { listCases } from '../../electron/core/cases/queries';
import { taskTitleProtected } from '../../electron/core/cases/task-titles';
import { rebuildSearchIndex } from '../../electron/core/cases/search';
import type { CompartmentKey, KeySource } from '../../electron/core/core';
import { kyselyFor, openSqlite, type SqliteHandle } from '../../electron/core/db/open';
import type { Database } from '../../electron/core/db/schema';
import { fakePupils, seededRandom } from '../../electron/core/demo/school';
import type { BenchRow } from './types';

const require = createRequire(import.meta.url);
const Sqlite = require('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;

const PUPILS = 3000;
const CASES = 20_000;
const WORKERS = 6;
const WORDS = ['буллинг', 'үзіліс', 'дәліз', 'чат', 'ата-ана', 'сабақ', 'асхана', 'спорт', 'жағдай', 'әңгіме', 'қорқыту', 'мазақ'];

async function timed(fn: () => unknown, runs: number, warmup = 2): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)] ?? 0, p95: t[Math.min(t.length - 1, Math.ceil(t.length * 0.95) - 1)] ?? 0 };
}

function keySource(key: CompartmentKey | null): KeySource {
  return { compartmentKey: () => key };
}

/** The same school in both DBs; `keys` null = plain fields (no field encryption, a plain `case_text` table instead). */
async function generate(sqlite: SqliteHandle, keys: KeySource | null): Promise<{ db: Kysely<Database>; workers: string[] }> {
  const db = kyselyFor(sqlite);
  const r = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (r.error) throw r.error;
  if (!keys) sqlite.exec('CREATE TABLE case_text (case_id TEXT PRIMARY KEY, title TEXT NOT NULL, summary TEXT NOT NULL) STRICT');
  const rand = seededRandom(20_000);
  const at = '2025-09-01T08:00:00.000Z';
  const workers = Array.from({ length: WORKERS }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
  const insAccount = sqlite.prepare(
    `INSERT INTO accounts (id, login, display_name, roles, language, disabled, created_at, password_changed_at) VALUES (?, ?, ?, '["psychologist"]', 'kk', 0, ?, ?)`,
  );
  const insPupil = sqlite.prepare(
    `INSERT INTO pupils (id, iin, last_name, first_name, middle_name, birth_date, sex, grade, class_letter, instruction_language,
       family_status, on_register, archived, created_at, updated_at) VALUES (?, NULL, ?, ?, '', NULL, ?, ?, ?, ?, '[]', 0, 0, ?, ?)`,
  );
  const insCase = sqlite.prepare(
    `INSERT INTO cases (id, number, stage, risk, risk_rank, lead_id, opened_at, opened_by, updated_at, version, details_enc)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, 1, ?)`,
  );
  const insText = keys ? null : sqlite.prepare('INSERT INTO case_text (case_id, title, summary) VALUES (?, ?, ?)');
  const insCasePupil = sqlite.prepare('INSERT INTO case_pupils (id, case_id, pupil_id, role_enc) VALUES (?, ?, ?, ?)');
  const insTask = sqlite.prepare(
    `INSERT INTO case_tasks (id, case_id, title, title_enc, due_on, owner_id, created_at, created_by, done_at, done_by, version) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, 1)`,
  );
  // task titles as shipped (0018): a protection field and an empty plain column; the plain DB keeps them plain
  const task = (caseId: string, title: string, due: string, owner: string, opened: string, done: string | null) => {
    const id = crypto.randomUUID();
    const sealed = keys ? taskTitleProtected.write(keys, id, { title_enc: title }).title_enc : null;
    insTask.run(id, caseId, keys ? '' : title, sealed, due, owner, opened, done);
  };
  const pupilIds: string[] = [];
  sqlite.transaction(() => {
    workers.forEach((id, i) => insAccount.run(id, `worker${i}`, `Маман ${i}`, at, at));
    for (const p of fakePupils(PUPILS, 11)) {
      const id = crypto.randomUUID();
      pupilIds.push(id);
      insPupil.run(id, p.lastName, p.firstName, p.sex, p.grade, p.classLetter, p.instructionLanguage, at, at);
    }
    const start = Date.UTC(2016, 8, 1);
    const today = Date.now();
    for (let n = 1; n <= CASES; n++) {
      const id = crypto.randomUUID();
      // ten years: most cases closed, the last ~1 500 open in every stage
      const open = n > CASES - 1500;
      const stage = open ? CASE_STAGES[n % 5]! : 'closed';
      const risk = RISK_LEVELS[Math.floor(rand() * RISK_LEVELS.length)]!;
      const harm = FORMS_OF_HARM[n % FORMS_OF_HARM.length]!;
      const title = `${WORDS[n % 6]} ${WORDS[(n * 7) % 6]} №${n}`;
      const summary = `${Array.from({ length: 30 }, (_, i) => WORDS[(n + i) % 6]).join(' ')} ${n % 40 === 0 ? 'мазақ' : ''}`;
      const opened = new Date(start + (n / CASES) * (today - start)).toISOString();
      const details = keys ? caseProtected.write(keys, id, { details_enc: { title, summary, formOfHarm: harm } }).details_enc : null;
      insCase.run(id, n, stage, risk, riskRank(risk), workers[n % WORKERS], opened, opened, details);
      insText?.run(id, title, summary);
      const k = 1 + (n % 3);
      for (let j = 0; j < k; j++) {
        const cpId = crypto.randomUUID();
        const role = keys ? casePupilProtected.write(keys, cpId, { role_enc: j === 0 ? 'targeted' : 'initiator' }).role_enc : null;
        insCasePupil.run(cpId, id, pupilIds[(n * 13 + j * 101) % PUPILS], role);
      }
      const due = new Date(today + ((n % 60) - 20) * 86_400_000).toISOString().slice(0, 10);
      task(id, 'Әңгіме өткізу', due, workers[(n + 1) % WORKERS]!, opened, open ? null : opened);
      if (n % 2 === 0) task(id, 'Ата-анамен кездесу', due, workers[(n + 2) % WORKERS]!, opened, open ? null : opened);
    }
  })();
  return { db, workers };
}

export async function benchCases(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-bench-cases-'));
  const protection: CompartmentKey = { epoch: 0, key: crypto.randomBytes(32) };
  const keys = keySource(protection);
  const none = keySource(null);
  try {
    const enc = openSqlite(path.join(work, 'cases.db'), crypto.randomBytes(32));
    const encSchool = await generate(enc, keys);
    const plain = new Sqlite(path.join(work, 'cases-plain.db'));
    plain.pragma('journal_mode = WAL');
    plain.pragma('cache_size = -262144');
    const plainSchool = await generate(plain, null);
    const e = encSchool.db;
    const p = plainSchool.db;
    const t0 = performance.now();
    await e.transaction().execute((trx) => rebuildSearchIndex(trx, keys));
    rows.push({ name: `build the sealed search chunks from ${CASES} cases (once; then one chunk per change)`, medianMs: performance.now() - t0, runs: 1 });
    const lead = encSchool.workers[2]!;

    const lists: [string, Parameters<typeof listCases>[2]][] = [
      ['case list: all open stages, page 1 of 50, ordered by risk', { stages: ['identified', 'assessment', 'plan', 'intervention', 'monitoring'], page: 0, pageSize: 50 }],
      ['case list: one stage (intervention)', { stages: ['intervention'], page: 0, pageSize: 50 }],
      ['case list: risk high + acute, all stages', { risks: ['high', 'acute'], page: 0, pageSize: 50 }],
      ['case list: one lead worker, open stages', { leadId: lead, stages: ['identified', 'assessment', 'plan', 'intervention', 'monitoring'], page: 0, pageSize: 50 }],
      ['case list: everything (20 000), page 10', { page: 9, pageSize: 50 }],
    ];
    for (const [name, filter] of lists) {
      const a = await timed(() => listCases(e, keys, filter), 31);
      const b = await timed(() => listCases(p, none, filter), 31);
      rows.push({ name: `${name}, ${CASES} cases`, medianMs: a.median, runs: 31, note: `p95 ${a.p95.toFixed(2)} ms; plain ${b.median.toFixed(2)} ms, ratio ${(a.median / b.median).toFixed(2)}; target ≤ 5 ms` });
    }

    // search over the protected text: every candidate decrypted in memory
    const plainSearch = (stages: readonly string[] | null, word: string) => {
      let q = p
        .selectFrom('cases')
        .innerJoin(sql<{ case_id: string; title: string; summary: string }>`case_text`.as('t'), 't.case_id', 'cases.id')
        .select('cases.id')
        .where(sql<boolean>`(t.title LIKE ${`%${word}%`} OR t.summary LIKE ${`%${word}%`})`);
      if (stages) q = q.where('cases.stage', 'in', stages as ('identified' | 'assessment')[]);
      return q.orderBy('cases.risk_rank', 'desc').orderBy('cases.opened_at', 'desc').limit(50).execute();
    };
    const open = ['identified', 'assessment', 'plan', 'intervention', 'monitoring'] as const;
    const s1 = await timed(() => listCases(e, keys, { stages: [...open], search: 'мазақ', page: 0, pageSize: 50 }), 21);
    const s1p = await timed(() => plainSearch(open, 'мазақ'), 21);
    const hits = (await listCases(e, keys, { stages: [...open], search: 'мазақ', page: 0, pageSize: 50 })).total;
    rows.push({ name: 'search over case text (protected), open cases (1 500)', medianMs: s1.median, runs: 21, note: `p95 ${s1.p95.toFixed(2)} ms; ${hits} found; plain LIKE ${s1p.median.toFixed(2)} ms, ratio ${(s1.median / s1p.median).toFixed(1)}; target ≤ 30 ms` });
    const s2 = await timed(() => listCases(e, keys, { search: 'мазақ', page: 0, pageSize: 50 }), 9);
    const s2p = await timed(() => plainSearch(null, 'мазақ'), 9);
    rows.push({
      name: `search over case text (protected), every case (${CASES})`,
      medianMs: s2.median,
      runs: 9,
      note: `p95 ${s2.p95.toFixed(2)} ms; ${((s2.median * 1000) / CASES).toFixed(1)} µs per case decrypted; plain LIKE ${s2p.median.toFixed(2)} ms, ratio ${(s2.median / s2p.median).toFixed(1)}; target ≤ 30 ms`,
    });

    // the work-list source: case tasks due within 7 days, one owner and everyone's
    const dueBy = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const w = await timed(() => caseTaskSource.open(e, { ownerId: lead, dueBy, keys, now: new Date() }), 31);
    const wp = await timed(() => caseTaskSource.open(p, { ownerId: lead, dueBy, keys: none, now: new Date() }), 31);
    rows.push({ name: `case tasks due in 7 days (work-list source), one owner, ${CASES} cases`, medianMs: w.median, runs: 31, note: `p95 ${w.p95.toFixed(2)} ms; plain ${wp.median.toFixed(2)} ms, ratio ${(w.median / wp.median).toFixed(2)}; target ≤ 10 ms` });
    await e.destroy();
    await p.destroy();
  } finally {
    protection.key.fill(0);
    fs.rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
