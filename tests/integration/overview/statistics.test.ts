/**
 * The school's statistics (issue 14, item 2) on the demo school (cases, concerns, register, council, plans seeded
 * through the registry): every count checked against SQL on the plain columns, and the protected ones (forms of
 * harm, closure reasons) against what the case screens show the same director; counts only leave the core (no id,
 * no name); a session without the protection key is refused, a class teacher is not let in; the XLSX holds the
 * same numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYearOf, isoDate } from '../../../shared/calendar';
import type { CaseDetail, CasePage } from '../../../shared/cases';
import type { SectionProgress } from '../../../shared/plans';
import type { Count, Statistics } from '../../../shared/statistics';
import { createCore, type Core } from '../../../electron/core/api';
import { demoCasesSeeder } from '../../../electron/core/cases/demo';
import { seedDemoCouncil } from '../../../electron/core/council/demo';
import { createDemoSchool, DEMO_PASSWORD } from '../../../electron/core/demo/school';
import { seedDemoPlans } from '../../../electron/core/plans/demo';
import { demoRegisterSeeder } from '../../../electron/core/register/demo';
import { statistics } from '../../../electron/core/statistics/service';
import { demoStatisticsSeeder } from '../../../electron/core/statistics/demo';
import { tempDir } from '../../harness/core';
import { testPlatform, type TestPlatform } from '../../harness/platform';

let dataDir: string;
let platform: TestPlatform;
let core: Core;
let planId = '';
const now = new Date();
const year = academicYearOf(isoDate(now));

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
  return r.value as T;
}
async function login(login: string): Promise<void> {
  await core.invoke('auth.lock', {});
  await call('auth.login', { login, password: DEMO_PASSWORD });
}
function rows<T>(q: string, ...args: unknown[]): T[] {
  return core.state.sqlite.prepare(q).all(...args) as T[];
}
const local = (ts: string) => (ts.length <= 10 ? ts : isoDate(new Date(ts)));
const within = (d: string, r: { from: string; to: string }) => d >= r.from && d <= r.to;
function tally(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
function asMap(c: Count[]): Map<string, number> {
  return new Map(c.filter((x) => x.count > 0).map((x) => [x.key, x.count]));
}

beforeAll(async () => {
  dataDir = tempDir();
  platform = testPlatform(dataDir);
  await createDemoSchool(platform, {
    reset: true,
    pupils: 150,
    seeders: [
      async (c, n) => {
        planId = await seedDemoPlans(c, n);
      },
      demoRegisterSeeder,
      demoCasesSeeder,
      async (c, n) => {
        await seedDemoCouncil(c, n);
      },
      demoStatisticsSeeder,
    ],
  });
  core = createCore(platform);
  await call('auth.login', { login: 'director', password: DEMO_PASSWORD });
}, 300_000);
afterAll(async () => {
  await core.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('statistics of the academic year', () => {
  let s: Statistics;
  beforeAll(async () => {
    s = await call<Statistics>('statistics.get', { period: { kind: 'year', academicYear: year } });
  });

  it('covers 1 August to 31 July, month by month', () => {
    expect(s.period).toEqual({ from: `${year}-08-01`, to: `${year + 1}-07-31`, academicYear: year });
    expect(s.cases.monthly.map((m) => m.month)).toHaveLength(12);
    expect(s.cases.monthly[0]!.month).toBe(`${year}-08`);
  });

  it('counts concerns as SQL does, and by form of harm as the inbox shows them', async () => {
    const concerns = rows<{ id: string; logged_at: string; status: string }>('SELECT id, logged_at, status FROM concerns').filter((c) => within(local(c.logged_at), s.period));
    expect(s.concerns.logged).toBe(concerns.length);
    expect(s.concerns.logged).toBeGreaterThan(0);
    expect(asMap(s.concerns.byStatus)).toEqual(tally(concerns.map((c) => c.status)));
    const harms: string[] = [];
    for (const c of concerns) {
      if (c.status === 'awaiting') harms.push('awaiting');
      else harms.push((await call<{ content: { formOfHarm: string } }>('concerns.get', { id: c.id })).content.formOfHarm);
    }
    expect(asMap(s.concerns.byHarm)).toEqual(tally(harms));
    expect(s.concerns.monthly.reduce((a, m) => a + m.values.logged, 0)).toBe(concerns.length);
  });

  it('counts cases as SQL does, and forms of harm and closure reasons as the case screens show them', async () => {
    const cases = rows<{ id: string; opened_at: string; closed_at: string | null; stage: string; risk: string }>('SELECT id, opened_at, closed_at, stage, risk FROM cases');
    const opened = cases.filter((c) => within(local(c.opened_at), s.period));
    const closed = cases.filter((c) => c.stage === 'closed' && c.closed_at !== null && within(local(c.closed_at), s.period));
    expect(s.cases.opened).toBe(opened.length);
    expect(s.cases.opened).toBeGreaterThan(40);
    expect(s.cases.closed).toBe(closed.length);
    expect(s.cases.closed).toBeGreaterThan(0);
    expect(asMap(s.cases.byRisk)).toEqual(tally(opened.map((c) => c.risk)));
    expect(asMap(s.cases.byStage)).toEqual(tally(opened.map((c) => c.stage)));
    expect(s.cases.openAtEnd).toBe(cases.filter((c) => !(c.stage === 'closed' && c.closed_at !== null && local(c.closed_at) <= s.period.to)).length);

    const page = await call<CasePage>('cases.list', { pageSize: 200 });
    const harmOf = new Map(page.items.map((i) => [i.id, i.formOfHarm]));
    expect(asMap(s.cases.byHarm)).toEqual(tally(opened.map((c) => harmOf.get(c.id) ?? 'missing')));
    const reasons: string[] = [];
    for (const c of closed) reasons.push((await call<CaseDetail>('cases.get', { id: c.id })).closure?.reason ?? 'missing');
    expect(asMap(s.cases.byClosure)).toEqual(tally(reasons));

    const children = rows<{ case_id: string; pupil_id: string; grade: number; sex: string | null }>(
      'SELECT cp.case_id, p.id AS pupil_id, p.grade, p.sex FROM case_pupils cp JOIN pupils p ON p.id = cp.pupil_id',
    );
    const openedIds = new Set(opened.map((c) => c.id));
    const distinct = new Map<string, { grade: number; sex: string | null }>();
    for (const ch of children) if (openedIds.has(ch.case_id)) distinct.set(ch.pupil_id, ch);
    expect(asMap(s.cases.byGrade)).toEqual(tally([...distinct.values()].map((c) => String(c.grade))));
    expect(asMap(s.cases.bySex)).toEqual(tally([...distinct.values()].map((c) => c.sex ?? 'unknown')));

    const months = s.cases.monthly;
    expect(months.reduce((a, m) => a + m.values.opened, 0)).toBe(opened.length);
    expect(months.reduce((a, m) => a + m.values.closed, 0)).toBe(closed.length);
    // the demo spreads the year's cases over its months (the charts need a trend)
    expect(months.filter((m) => m.values.opened > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('counts the register and the council as SQL does', () => {
    const entries = rows<{ on_date: string; off_date: string | null; on_body: string }>('SELECT on_date, off_date, on_body FROM register_entries');
    const on = entries.filter((e) => within(e.on_date, s.period));
    expect(s.register.on).toBe(on.length);
    expect(s.register.on).toBeGreaterThan(0);
    expect(s.register.off).toBe(entries.filter((e) => e.off_date !== null && within(e.off_date, s.period)).length);
    expect(s.register.onAtEnd).toBe(entries.filter((e) => e.on_date <= s.period.to && (e.off_date === null || e.off_date > s.period.to)).length);
    expect(asMap(s.register.byBody)).toEqual(tally(on.map((e) => e.on_body)));

    const meetings = rows<{ status: string; date: string }>('SELECT status, date FROM council_meetings').filter((m) => within(m.date, s.period));
    expect(s.council.meetings).toBe(meetings.length);
    expect(s.council.meetings).toBeGreaterThan(0);
    expect(asMap(s.council.byStatus)).toEqual(tally(meetings.map((m) => m.status)));
    const decisions = rows<{ type: string; date: string }>(
      'SELECT d.type, m.date FROM council_decisions d JOIN council_agenda_items a ON a.id = d.item_id JOIN council_meetings m ON m.id = a.meeting_id',
    ).filter((d) => within(d.date, s.period));
    expect(s.council.decisions).toBe(decisions.length);
    expect(asMap(s.council.byDecision)).toEqual(tally(decisions.map((d) => d.type)));
  });

  it("counts the plan's execution as the execution screen does", async () => {
    expect(s.plan.hasPlan).toBe(true);
    const progress = await call<SectionProgress[]>('plans.progress', { planId });
    const top = progress.filter((p) => !p.number.includes('.'));
    expect(s.plan.sections.map((x) => x.number)).toEqual(top.map((p) => p.number));
    for (const sec of s.plan.sections) {
      const p = top.find((t) => t.number === sec.number)!;
      expect([sec.total.due, sec.total.done, sec.total.partly, sec.total.notDone], sec.number).toEqual([p.due, p.done, p.partly, p.notDone]);
    }
    expect(s.plan.total.reduce((a, q) => a + q.due, 0)).toBe(top.reduce((a, p) => a + p.due, 0));
  });

  it('lets no id, name or text out: only counts', () => {
    const json = JSON.stringify(s);
    expect(json).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/u);
    const names = rows<{ last_name: string; first_name: string }>('SELECT last_name, first_name FROM pupils');
    for (const n of names) {
      expect(json).not.toContain(n.last_name);
      expect(json).not.toContain(n.first_name);
    }
    expect(json).not.toContain('демо');
  });

  it('counts the referrals sent in the period, by kind of service and by status, as SQL does', () => {
    const sent = rows<{ agency_type: string | null; status: string }>(
      'SELECT agency_type, status FROM referrals WHERE sent_on IS NOT NULL AND sent_on BETWEEN ? AND ?',
      s.period.from,
      s.period.to,
    );
    expect(s.referrals).not.toBeNull();
    expect(s.referrals?.total).toBe(sent.length);
    for (const a of s.referrals?.byAgency ?? []) expect(a.count, a.key).toBe(sent.filter((r) => r.agency_type === a.key).length);
    for (const st of s.referrals?.byStatus ?? []) expect(st.count, st.key).toBe(sent.filter((r) => r.status === st.key).length);
    expect((s.referrals?.monthly ?? []).reduce((a, m) => a + m.values.sent, 0)).toBe(sent.length);
  });
});

describe('periods', () => {
  it('a quarter counts only its own dates, and the quarters of the year add up to the year inside them', async () => {
    const yearly = await call<Statistics>('statistics.get', { period: { kind: 'year', academicYear: year } });
    let opened = 0;
    for (const quarter of [1, 2, 3, 4]) {
      const q = await call<Statistics>('statistics.get', { period: { kind: 'quarter', academicYear: year, quarter } });
      const cases = rows<{ opened_at: string }>('SELECT opened_at FROM cases').filter((c) => within(local(c.opened_at), q.period));
      expect(q.cases.opened).toBe(cases.length);
      opened += q.cases.opened;
    }
    // the quarters leave the summer holidays out
    expect(opened).toBeLessThanOrEqual(yearly.cases.opened);
  });

  it('a custom range of one day', async () => {
    const today = isoDate(now);
    const s = await call<Statistics>('statistics.get', { period: { kind: 'custom', from: today, to: today } });
    expect(s.cases.monthly).toHaveLength(1);
    expect(s.cases.opened).toBe(rows<{ opened_at: string }>('SELECT opened_at FROM cases').filter((c) => local(c.opened_at) === today).length);
  });

  it('refuses a range backwards', async () => {
    const r = await core.invoke('statistics.get', { period: { kind: 'custom', from: '2026-12-01', to: '2026-11-01' } });
    expect(r.ok ? null : r.error.code).toBe('validation');
  });
});

describe('who may count', () => {
  it('a class teacher is not let in; the administrator neither', async () => {
    for (const who of ['teacher', 'admin']) {
      await login(who);
      const r = await core.invoke('statistics.get', { period: { kind: 'year', academicYear: year } });
      expect(r.ok ? null : r.error.code, who).toBe('auth.forbidden');
    }
    await login('director');
  });

  it('a session without the protection key is refused, not given numbers that leave out what it cannot read', async () => {
    const noKey = { compartmentKey: () => null };
    await expect(statistics(core.state.db, noKey, { kind: 'year', academicYear: year }, now)).rejects.toMatchObject({ code: 'keys.not_holder' });
  });

  it('the psychologist and the social pedagogue count the same numbers as the director', async () => {
    const d = await call<Statistics>('statistics.get', { period: { kind: 'year', academicYear: year } });
    for (const who of ['psychologist', 'socped', 'deputy']) {
      await login(who);
      expect(await call<Statistics>('statistics.get', { period: { kind: 'year', academicYear: year } }), who).toEqual(d);
    }
    await login('director');
  });

  it('every call is a sensitive read in the audit log (the period, no record)', () => {
    const a = rows<{ action: string; entity_type: string; entity_id: string }>("SELECT action, entity_type, entity_id FROM audit_log WHERE action = 'statistics.get' AND outcome = 'ok'");
    expect(a.length).toBeGreaterThan(0);
    expect(a[0]).toMatchObject({ entity_type: 'statistics', entity_id: `year:${year}` });
  });
});

describe('the workbook', () => {
  it('holds the same numbers, in the chosen language, where the user chose', async () => {
    const s = await call<Statistics>('statistics.get', { period: { kind: 'year', academicYear: year } });
    const target = path.join(dataDir, 'out', 'stat.xlsx');
    platform.dialogAnswers.push(target);
    const r = await call<{ path: string | null }>('statistics.saveXlsx', { period: { kind: 'year', academicYear: year }, language: 'ru' });
    expect(r.path).toBe(target);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Сигналы', 'Случаи', 'Внутришкольный учёт', 'Совет профилактики', 'Исполнение плана', 'Направления']);
    const cases = wb.getWorksheet('Случаи')!;
    const find = (label: string) => {
      let v: unknown = null;
      cases.eachRow((row) => {
        if (row.getCell(1).value === label) v = row.getCell(2).value;
      });
      return v;
    };
    expect(find('Открыто случаев')).toBe(s.cases.opened);
    expect(find('Закрыто случаев')).toBe(s.cases.closed);
    expect(find('Буллинг')).toBe(s.cases.byHarm.find((c) => c.key === 'bullying')!.count);
    // numbers and labels only
    const names = rows<{ last_name: string }>('SELECT last_name FROM pupils');
    const bytes = fs.readFileSync(target);
    const text: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => text.push(String(c.value)))));
    for (const n of names) expect(text.join('\n')).not.toContain(n.last_name);
    expect(bytes.length).toBeGreaterThan(1000);
    platform.dialogAnswers.push(null);
    expect((await call<{ path: string | null }>('statistics.saveXlsx', { period: { kind: 'year', academicYear: year }, language: 'kk' })).path).toBeNull();
  });
});

describe('the home per role (overview.home)', () => {
  type Home = import('../../../shared/overview').HomeOverview;
  const blocks = (h: Home) => Object.entries(h).filter(([k, v]) => k !== 'today' && v !== null).map(([k]) => k).sort();

  it("the director: plan progress, open cases by risk, the school's overdue work, the council — counted as SQL does", async () => {
    await login('director');
    const h = await call<Home>('overview.home', {});
    // the demo director is also the administrator: accounts and the audit check too
    expect(blocks(h)).toEqual(['accounts', 'audit', 'casesByRisk', 'council', 'districtReport', 'myWork', 'plan', 'schoolWork']);
    const open = tally(rows<{ risk: string }>("SELECT risk FROM cases WHERE stage != 'closed'").map((r) => r.risk));
    expect(asMap(h.casesByRisk!)).toEqual(open);
    expect(h.casesByRisk!.map((r) => r.key)).toEqual(['acute', 'high', 'medium', 'low', 'none']);
    const counts = await call<{ overdue: number; due_soon: number; open: number; reviews: number }>('worklists.counts', { scope: 'school' });
    expect(h.schoolWork).toEqual({ open: counts.open, overdue: counts.overdue, due_soon: counts.due_soon, reviews: counts.reviews });
    expect(h.schoolWork!.overdue).toBeGreaterThan(0);
    const progress = await call<SectionProgress[]>('plans.progress', { planId });
    expect(h.plan!.planId).toBe(planId);
    expect(h.plan!.sections.map((s) => [s.number, s.percent, s.due])).toEqual(progress.filter((p) => !p.number.includes('.')).map((p) => [p.number, p.percent, p.due]));
    const next = rows<{ id: string }>("SELECT id FROM council_meetings WHERE status = 'planned' AND date >= ? ORDER BY date, time LIMIT 1", isoDate(now));
    expect(h.council!.next?.id ?? null).toBe(next[0]?.id ?? null);
    expect(h.council!.awaitingChair).toBe(rows("SELECT id FROM council_meetings WHERE status = 'awaiting_chair'").length);
    expect(h.accounts!.active).toBe(rows('SELECT id FROM accounts WHERE disabled = 0').length);
    expect(h.audit!.ok).toBe(true);
    expect(JSON.stringify(h)).not.toMatch(/Мысал|Сынақ|демо/u);
  });

  it('the psychologist: the inbox, open cases by risk, their own work', async () => {
    await login('psychologist');
    const h = await call<Home>('overview.home', {});
    expect(blocks(h)).toEqual(['casesByRisk', 'inbox', 'myWork']);
    expect(h.inbox!.awaiting).toBe(rows("SELECT id FROM concerns WHERE status = 'awaiting'").length);
    const mine = await call<{ overdue: number; due_soon: number; open: number; reviews: number }>('worklists.counts', { scope: 'mine' });
    expect(h.myWork).toEqual({ open: mine.open, overdue: mine.overdue, due_soon: mine.due_soon, reviews: mine.reviews });
  });

  it('the class teacher: their tasks and their concerns, nothing of the cases', async () => {
    await login('teacher');
    const h = await call<Home>('overview.home', {});
    expect(blocks(h)).toEqual(['myConcerns', 'myWork']);
    const me = rows<{ id: string }>("SELECT id FROM accounts WHERE login = 'teacher'")[0]!.id;
    const mine = rows<{ status: string }>('SELECT status FROM concerns WHERE author_id = ?', me);
    expect(h.myConcerns).toEqual({ awaiting: mine.filter((c) => c.status === 'awaiting').length, answered: mine.filter((c) => c.status !== 'awaiting').length });
    // their case tasks and the prevention measures they are responsible for: what their work screen counts
    const work = await call<{ open: number }>('worklists.counts', { scope: 'mine' });
    expect(h.myWork!.open).toBe(work.open);
    expect(h.myWork!.open).toBeGreaterThanOrEqual(rows('SELECT id FROM case_tasks WHERE owner_id = ? AND done_at IS NULL', me).length);
  });

  it('the secretary: the next meeting and the proposals for its agenda; the administrator: accounts and the audit log', async () => {
    await login('secretary');
    const h = await call<Home>('overview.home', {});
    expect(blocks(h)).toEqual(['council', 'councilSecretary', 'myWork']);
    if (h.council!.next) {
      const proposals = await call<unknown[]>('council.agenda.proposals', { meetingId: h.council!.next.id });
      expect(h.councilSecretary!.proposals).toBe(proposals.length);
    } else expect(h.councilSecretary!.proposals).toBeNull();
    await login('admin');
    const a = await call<Home>('overview.home', {});
    expect(blocks(a)).toEqual(['accounts', 'audit']);
    await login('director');
  });
});
