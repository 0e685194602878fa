/**
 * Records retention (README "Records retention"): the director purges an archived pupil past the later of the 21st
 * birthday and 3 years after leaving — the pupil and everything linked, in one audited transaction — and nothing of
 * the child is left: no row holds the pupil's id or IIN, no decrypted page of the file or its WAL holds the name.
 * Every table with a `pupil_id` column must be named by a purge source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../../shared/iin';
import type { PurgeCounts, PurgePreview } from '../../../shared/retention';
import { purgeDueOn } from '../../../shared/retention';
import { createDemoSchool, DEMO_PASSWORD } from '../../../electron/core/demo/school';
import { listDocuments } from '../../../electron/core/documents/register';
import { openSealedPdf } from '../../../electron/core/documents/sealed';
import { PURGE_SOURCES } from '../../../electron/core/retention/sources';
import { demoCasesSeeder } from '../../../electron/core/cases/demo';
import { seedDemoCouncil } from '../../../electron/core/council/demo';
import { demoGuardiansSeeder } from '../../../electron/core/guardians/demo';
import { demoRegisterSeeder } from '../../../electron/core/register/demo';
import { demoScreeningSeeder } from '../../../electron/core/screening/demo';
import { ensureDemoDirectorSigner } from '../../../scripts/samples/documents';
import { createBareCore, tempDir, type TestCore } from '../../harness/core';
import { testPlatform } from '../../harness/platform';
import { cellsContaining, decryptedPages, dumpAll, steal, type RawKeyring } from '../compartments/attacker';

const dir = tempDir();
let c: TestCore;
const NAME = 'Жойылатынбаева';
let victim = '';
let iin = '';
let sharedCase: string | null = null;
let documents: string[] = [];
let preview: PurgePreview;

const sqlite = () => c.state.sqlite;
const keyringOf = () => JSON.parse(fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8')) as RawKeyring;
async function as(login: string): Promise<void> {
  if (c.state.session) await c.call('auth.lock', {});
  await c.call('auth.login', { login, password: DEMO_PASSWORD });
}
function isoYearsAgo(years: number, days = 0): string {
  const d = c.platform.now();
  return new Date(Date.UTC(d.getUTCFullYear() - years, d.getUTCMonth(), d.getUTCDate() - days)).toISOString().slice(0, 10);
}
const count = (q: string, ...args: unknown[]) => Number((sqlite().prepare(q).get(...args) as { n: number }).n);

beforeAll(async () => {
  // the demo's records about children (not its plans and statistics)
  await createDemoSchool(testPlatform(dir), {
    reset: true,
    pupils: 120,
    seeders: [
      demoGuardiansSeeder,
      demoRegisterSeeder,
      demoCasesSeeder,
      demoScreeningSeeder,
      async (core, now) => {
        await seedDemoCouncil(core, now, { director: await ensureDemoDirectorSigner(core) });
      },
    ],
  });
  c = createBareCore(dir);
  await as('director');
  // the demo pupil with a safety plan (an acute screening), topped up below with a record of every other kind
  victim = (sqlite().prepare(`SELECT pupil_id AS id FROM chronology WHERE source_table = 'safety_plans' LIMIT 1`).get() as { id: string }).id;
  const acuteCase = (sqlite().prepare('SELECT case_id AS id FROM case_pupils WHERE pupil_id = ? LIMIT 1').get(victim) as { id: string }).id;
  const others = (sqlite().prepare('SELECT id FROM pupils WHERE archived = 0 AND id <> ? LIMIT 2').all(victim) as { id: string }[]).map((r) => r.id);
  const today = isoYearsAgo(0);
  // the director: on the register, heard at the planned council meeting
  if (count('SELECT count(*) AS n FROM register_entries WHERE pupil_id = ? AND off_date IS NULL', victim) === 0) {
    const ground = (await c.call('register.grounds', {}))[0]!.id;
    await c.call('register.putOn', { pupilId: victim, decision: { number: 'Д-7', date: today, body: 'director' }, groundIds: [ground], notes: 'Тест: есепке қою' });
  }
  const planned = (sqlite().prepare(`SELECT id FROM council_meetings WHERE status = 'planned' LIMIT 1`).get() as { id: string }).id;
  await c.call('council.agenda.add', { meetingId: planned, source: null, title: 'Тест: оқушыны тыңдау', pupilId: victim });
  // the psychologist: the printed safety-plan sheet, a referral, a case shared with another pupil, an open concern
  await as('psychologist');
  await c.call('safetyPlan.print', { caseId: acuteCase, pupilId: victim, lang: 'kk' });
  await c.call('referrals.create', { caseId: acuteCase, pupilId: victim, agencyType: 'psych_support', agency: { name: 'Тест орталығы' }, reason: 'Тест: жолдама' });
  const both = [
    { pupilId: victim, role: 'targeted' as const },
    { pupilId: others[0]!, role: 'initiator' as const },
  ];
  const logged = await c.call('concerns.log', { what: 'Тест: дәлізде итерді', occurredAt: today, formOfHarm: 'bullying', pupils: both });
  const triaged = await c.call('concerns.triage', { action: 'new_case', id: logged.id, answer: 'Қаралды', risk: 'low', title: 'Тест: ортақ іс' });
  sharedCase = triaged.caseId;
  await c.call('concerns.log', { what: 'Тест: тағы бір жағдай', occurredAt: today, formOfHarm: 'bullying', pupils: [{ pupilId: victim, role: 'witness' }, { pupilId: others[1]!, role: 'targeted' }] });
  // a grown-up former pupil: 25 years old, left 4 years ago, a unique name and a valid IIN for the scans
  const p = await c.call('pupils.get', { id: victim });
  const birthDate = isoYearsAgo(25);
  iin = makeIin(birthDate, 'f', 4321)!;
  await c.call('pupils.update', {
    id: victim,
    pupil: { iin, lastName: NAME, firstName: p.firstName, middleName: p.middleName, grade: p.grade, classLetter: p.classLetter, instructionLanguage: p.instructionLanguage, familyStatus: p.familyStatus ?? [], birthDate, sex: 'f' },
  });
  await c.call('pupils.archive', { id: victim, reason: 'graduated', date: isoYearsAgo(4) });
  await as('director');
}, 600_000);

afterAll(async () => {
  await c?.cleanup();
});

describe('retention rule', () => {
  it('is the later of the 21st birthday and 3 years after leaving; unknown without both dates', () => {
    expect(purgeDueOn('2005-03-10', '2022-05-31')).toBe('2026-03-10');
    expect(purgeDueOn('2010-03-10', '2025-05-31')).toBe('2031-03-10');
    expect(purgeDueOn('2004-01-01', '2024-05-31')).toBe('2027-05-31');
    expect(purgeDueOn('2008-02-29', '2020-01-01')).toBe('2029-03-01');
    expect(purgeDueOn(null, '2020-01-01')).toBeNull();
  });
});

describe('every table that keeps a pupil has a purge source', () => {
  it('reads the schema from sqlite_master: each table with a pupil_id column is named by a source', () => {
    const tables = (sqlite().prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    const withPupil = tables.filter((t) => (sqlite().prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]).some((col) => col.name === 'pupil_id'));
    expect(withPupil.length).toBeGreaterThanOrEqual(9);
    const named = new Set(PURGE_SOURCES.flatMap((s) => s.tables));
    expect(withPupil.filter((t) => !named.has(t))).toEqual([]);
    // and every source names real tables
    expect([...named].filter((t) => !tables.includes(t))).toEqual([]);
  });
});

describe('the purge', () => {
  it('is the director’s alone', async () => {
    for (const login of ['deputy', 'psychologist', 'admin']) {
      await as(login);
      for (const r of [await c.try('retention.due', {}), await c.try('retention.preview', { pupilId: victim })]) {
        expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
      }
    }
    await as('director');
  });

  it('lists the pupils due (count and names) and refuses those not due or not archived', async () => {
    const due = await c.call('retention.due', {});
    expect(due.pupils.map((p) => p.id)).toContain(victim);
    expect(due.pupils.find((p) => p.id === victim)).toMatchObject({ lastName: NAME, dueOn: purgeDueOn(isoYearsAgo(25), isoYearsAgo(4)) });
    expect(due.count).toBe(due.pupils.length);
    // an active pupil; a pupil archived yesterday (kept 3 years from now)
    const active = (sqlite().prepare('SELECT id FROM pupils WHERE archived = 0 AND id <> ? LIMIT 1').get(victim) as { id: string }).id;
    const notActive = await c.try('retention.preview', { pupilId: active });
    expect(notActive.ok ? null : notActive.error.code).toBe('retention.not_archived');
    await as('psychologist');
    await c.call('pupils.archive', { id: active, reason: 'transferred', date: isoYearsAgo(0, 1) });
    await as('director');
    const notDue = await c.try('retention.preview', { pupilId: active });
    expect(notDue.ok ? null : notDue.error.code).toBe('retention.not_due');
    expect((await c.call('retention.due', {})).pupils.map((p) => p.id)).not.toContain(active);
  });

  it('previews what it will delete, as counts', async () => {
    preview = await c.call('retention.preview', { pupilId: victim });
    const k = preview.counts;
    expect(k.pupil).toBe(1);
    expect(k.chronology).toBeGreaterThan(3);
    expect(k).toMatchObject({ casesLeft: 1, safetyPlans: 2, documents: 1 });
    expect(k.casesDeleted).toBeGreaterThanOrEqual(1);
    // the two logged above, sealed again without the pupil (the demo's concerns of the pupil's own cases go)
    expect(k.concerns).toBeGreaterThanOrEqual(2);
    expect(k.registerEntries).toBeGreaterThanOrEqual(1);
    expect(k.councilLines).toBeGreaterThanOrEqual(1);
    expect(k.referrals).toBeGreaterThanOrEqual(1);
    expect(k.screenings).toBeGreaterThanOrEqual(1);
    documents = (sqlite().prepare(`SELECT source_id AS id FROM chronology WHERE pupil_id = ? AND source_table = 'documents'`).all(victim) as { id: string }[]).map((r) => r.id);
    // a preview deletes nothing
    expect(count('SELECT count(*) AS n FROM pupils WHERE id = ?', victim)).toBe(1);
  });

  it('refuses a purge whose counts are not what the confirmation showed', async () => {
    const wrong: PurgeCounts = { ...preview.counts, chronology: preview.counts.chronology + 1 };
    const r = await c.try('retention.purge', { pupilId: victim, expected: wrong });
    expect(r.ok ? null : r.error.code).toBe('conflict');
    expect(count('SELECT count(*) AS n FROM pupils WHERE id = ?', victim)).toBe(1);
  });

  it('deletes the pupil and everything linked, audited with counts and no child', async () => {
    const before = count('SELECT max(id) AS n FROM audit_log');
    const done = await c.call('retention.purge', { pupilId: victim, expected: preview.counts });
    expect(done.counts).toEqual(preview.counts);
    const entry = sqlite().prepare('SELECT action, entity_type, entity_id, outcome, details FROM audit_log WHERE id > ? AND action = ?').get(before, 'retention.purge') as {
      entity_id: string | null;
      outcome: string;
      details: string;
    };
    expect(entry).toMatchObject({ entity_id: null, outcome: 'ok' });
    expect(JSON.parse(entry.details)).toEqual(preview.counts);
    expect(entry.details).not.toContain(NAME);
    // a shared case stays, without the pupil
    if (sharedCase) {
      expect(count('SELECT count(*) AS n FROM cases WHERE id = ?', sharedCase)).toBe(1);
      expect(count('SELECT count(*) AS n FROM case_pupils WHERE case_id = ?', sharedCase)).toBeGreaterThan(0);
      expect((await c.call('cases.get', { id: sharedCase })).pupils.map((p) => p.pupilId)).not.toContain(victim);
    }
    // documents stay as tombstones: register row, no bytes or title
    for (const id of documents) {
      expect(count('SELECT count(*) AS n FROM documents WHERE id = ?', id)).toBe(1);
      expect(count('SELECT count(*) AS n FROM document_sealed WHERE document_id = ?', id)).toBe(0);
      expect(count('SELECT count(*) AS n FROM document_purges WHERE document_id = ?', id)).toBe(1);
    }
    // opening one says why it is empty (the sheet is the psychologist's kind: the director's registry call is refused
    // by the guard first, so the core is asked directly)
    for (const id of documents) await expect(openSealedPdf(c.state.db, c.state, id)).rejects.toMatchObject({ code: 'retention.purged' });
    // the register lists each tombstone as purged, with the purge's date; the others are not (the register's own
    // query, so the psychologist's sheet — a kind the director's list leaves out — is counted too)
    const register = await listDocuments(c.state.db, { page: 0, pageSize: 200 });
    const listed = register.items.filter((d) => documents.includes(d.id));
    expect(listed.length).toBeGreaterThan(0);
    for (const d of listed) {
      const row = sqlite().prepare('SELECT purged_at FROM document_purges WHERE document_id = ?').get(d.id) as { purged_at: string };
      expect(d.purgedAt, d.registerNumber).toBe(row.purged_at);
    }
    expect(register.items.filter((d) => !documents.includes(d.id)).every((d) => d.purgedAt === null)).toBe(true);
    expect((await c.call('retention.due', {})).pupils.map((p) => p.id)).not.toContain(victim);
    // the app still works on what is left
    await c.call('cases.list', { pageSize: 50 });
    await c.call('pupils.list', { page: 1 });
  });

  it('offline: no row holds the pupil’s id or IIN, no page of the file or its WAL holds the name or IIN', async () => {
    await c.call('auth.lock', {});
    const loot = steal(keyringOf(), 'director', DEMO_PASSWORD);
    const key = loot.base[0]!;
    const dump = dumpAll(path.join(dir, 'qorgan.db'), key)!;
    expect(Object.keys(dump).length).toBeGreaterThan(40);
    // the audit log is append-only and hash-chained: its entries of views of the pupil keep a random id that now
    // points at nothing; they hold no name and no IIN
    const { audit_log: audit, ...rest } = dump;
    expect(cellsContaining(rest, [victim, iin, NAME])).toEqual([]);
    expect(cellsContaining({ audit_log: audit! }, [iin, NAME])).toEqual([]);
    const pages = decryptedPages(path.join(dir, 'qorgan.db'), key);
    expect(pages.length).toBeGreaterThan(20);
    // the decryption is right: other pupils' names are there in the clear
    const other = dump.pupils![0] as { last_name: string };
    expect(pages.some((p) => p.includes(Buffer.from(other.last_name)))).toBe(true);
    expect(pages.filter((p) => p.includes(Buffer.from(NAME)) || p.includes(Buffer.from(iin))).length).toBe(0);
    await as('director');
  });
});
