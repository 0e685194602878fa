/**
 * ASQ screening and the safety plan (issue 10, items 2–3): the NIMH result rules, the full-assessment task of a
 * positive screen, the acute checklist that cannot be closed until each line is answered, refusals (half-answered
 * without a reason, times in the future, stale writes, roles), the safety plan's versions and its one-page sheet
 * (pdftotext, qpdf, page count, PNG), and that nothing of a screening shows in plain: DB columns, audit, log files,
 * the documents register of those without the confidential compartment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AsqAnswers, Screening } from '../../../shared/screening';
import { ASSESSMENT_TASK_TITLE } from '../../../electron/core/screening/queries';
import { WORK_SOURCES } from '../../../electron/core/worklists/sources';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { flat, pageCount, pdfText, qpdfCheck, renderPng, savePdfArtifact } from '../documents/helpers';

let c: TestCore;
const ids: Record<string, string> = {};
const PW = { psy: 'psy password 1', soc: 'soc password 1', cls: 'cls password 1' };
// 2026-11-30 11:00 in Almaty (UTC+5)
const NOW = new Date('2026-11-30T06:00:00Z');
const NOTE = 'ZEBRA-NOTE-7 оқушы жылады';
const PLAN_LINE = 'PARK-KOGERSHIN саябағы';

async function loginAs(login: string, password: string): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login, password });
}
const asPsy = () => loginAs('psy', PW.psy);
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? null : (r.error?.code ?? null));
const answers = (a: Partial<AsqAnswers>): AsqAnswers => ({ q1: null, q2: null, q3: null, q4: null, q5: null, ...a });
const allNo = answers({ q1: 'no', q2: 'no', q3: 'no', q4: 'no' });

async function caseVersion(id: string): Promise<number> {
  return (await c.call('cases.get', { id })).version;
}

async function newCase(pupils: string[]): Promise<string> {
  const k = await c.call('cases.create', {
    title: 'Кейс',
    formOfHarm: 'psychological',
    risk: 'medium',
    pupils: pupils.map((pupilId) => ({ pupilId, role: 'targeted' as const })),
  });
  return k.id;
}

beforeAll(async () => {
  c = await createTestCore({ now: NOW });
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог Тестова', roles: ['psychologist'], password: PW.psy });
  await c.call('accounts.create', { login: 'soc', displayName: 'Әлеуметтік педагог', roles: ['social_pedagogue'], password: PW.soc });
  await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: PW.cls });
  for (const a of await c.call('accounts.list', {})) ids[a.login] = a.id;
  await asPsy();
  for (const [key, last] of [
    ['p', 'Ержанова'],
    ['o', 'Басқаұлы'],
  ] as const) {
    ids[key] = (await c.call('pupils.create', { lastName: last, firstName: key === 'p' ? 'Айгерім' : 'Нұрлан', grade: 8, classLetter: 'Б', instructionLanguage: 'kk' })).id;
  }
  // one case with both pupils: the sheet of one must never carry the other
  ids.case = await newCase([ids.p!, ids.o!]);
}, 60_000);
afterAll(async () => c?.cleanup());

describe('the result rules (NIMH)', () => {
  it('"no" to questions 1–4: negative; no task, the risk stays', async () => {
    await asPsy();
    const before = await c.call('cases.get', { id: ids.case! });
    const s = await c.call('screening.record', { caseId: ids.case!, caseVersion: before.version, pupilId: ids.p!, askedAt: '2026-11-30T10:00', answers: allNo });
    expect(s).toMatchObject({ result: 'negative', assessmentTaskId: null, checklist: null, askedBy: 'Психолог Тестова' });
    const after = await c.call('cases.get', { id: ids.case! });
    expect(after.risk).toBe('medium');
    expect(after.tasks).toHaveLength(0);
  });

  it('a "yes" to any of 1–4: positive, with a full-assessment task due the next day, owned by the screener', async () => {
    await asPsy();
    const s = await c.call('screening.record', {
      caseId: ids.case!,
      caseVersion: await caseVersion(ids.case!),
      pupilId: ids.p!,
      askedAt: '2026-11-30T10:20',
      answers: answers({ q1: 'yes', q2: 'no', q3: 'no', q4: 'no', q5: 'no' }),
      notes: NOTE,
    });
    expect(s.result).toBe('positive');
    expect(s.checklist).toBeNull();
    const k = await c.call('cases.get', { id: ids.case! });
    const task = k.tasks.find((t) => t.id === s.assessmentTaskId);
    expect(task).toMatchObject({ title: ASSESSMENT_TASK_TITLE, dueOn: '2026-12-01', ownerId: ids.psy });
    expect(k.risk).toBe('medium');
    // the title says nothing of a screening or its result
    expect(ASSESSMENT_TASK_TITLE).not.toMatch(/ASQ|скрининг|суицид|өз-өзіне|оң|положит/iu);
    // it reaches the psychologist's work list, due tomorrow, under that neutral title only
    const src = WORK_SOURCES.find((x) => x.kind === 'case_task')!;
    const due = await src.open(c.state.db, { ownerId: ids.psy!, dueBy: '2026-12-01', keys: c.state, now: NOW });
    expect(due).toEqual([expect.objectContaining({ id: s.assessmentTaskId, title: expect.stringContaining(ASSESSMENT_TASK_TITLE) as string })]);
  });

  it('declining a question of 1–4, or declining question 5 after a "yes", is positive (not acute)', async () => {
    await asPsy();
    const declined = await c.call('screening.record', {
      caseId: ids.case!,
      caseVersion: await caseVersion(ids.case!),
      pupilId: ids.p!,
      askedAt: '2026-11-30T10:25',
      answers: answers({ q1: 'no', q2: 'declined', q3: 'no', q4: 'no', q5: 'no' }),
    });
    expect(declined.result).toBe('positive');
    const q5declined = await c.call('screening.record', {
      caseId: ids.case!,
      caseVersion: await caseVersion(ids.case!),
      pupilId: ids.p!,
      askedAt: '2026-11-30T10:26',
      answers: answers({ q1: 'yes', q2: 'yes', q3: 'no', q4: 'no', q5: 'declined' }),
    });
    expect(q5declined.result).toBe('positive');
    expect(q5declined.checklist).toBeNull();
  });
});

describe('refusals', () => {
  it('unanswered questions without a reason are refused and nothing is saved; the acute screen too', async () => {
    await asPsy();
    const count = () => (c.state.sqlite.prepare('SELECT count(*) AS n FROM screenings').get() as { n: number }).n;
    const n = count();
    const version = await caseVersion(ids.case!);
    const base = { caseId: ids.case!, caseVersion: version, pupilId: ids.p!, askedAt: '2026-11-30T10:30' };
    // positive but question 5 not asked
    expect(code(await c.try('screening.record', { ...base, answers: answers({ q1: 'yes', q2: 'no', q3: 'no', q4: 'no' }) }))).toBe('screening.incomplete');
    // acute, half answered, no reason
    expect(code(await c.try('screening.record', { ...base, answers: answers({ q1: 'yes', q5: 'yes' }) }))).toBe('screening.incomplete');
    // a reason does not make an undecidable screen (no "yes", some unanswered) a result
    expect(code(await c.try('screening.record', { ...base, answers: answers({ q1: 'no', q2: 'no' }), incompleteReason: 'Оқушы кетіп қалды' }))).toBe('screening.incomplete');
    // a screen in the future
    expect(code(await c.try('screening.record', { ...base, askedAt: '2026-12-02T10:00', answers: allNo }))).toBe('screening.in_future');
    // a pupil not in the case
    const stranger = (await c.call('pupils.create', { lastName: 'Бөтен', firstName: 'Бала', grade: 3, classLetter: 'А', instructionLanguage: 'kk' })).id;
    expect(code(await c.try('screening.record', { ...base, pupilId: stranger, answers: allNo }))).toBe('screening.not_in_case');
    // a stale case version
    expect(code(await c.try('screening.record', { ...base, caseVersion: version - 1, answers: allNo }))).toBe('cases.stale');
    expect(count()).toBe(n);
    expect(await caseVersion(ids.case!)).toBe(version);
  });

  it('a closed case takes no screening and no plan', async () => {
    await asPsy();
    const closed = await newCase([ids.o!]);
    const k = await c.call('cases.close', { id: closed, version: await caseVersion(closed), reason: 'resolved', outcome: 'Шешілді' });
    expect(k.stage).toBe('closed');
    expect(code(await c.try('screening.record', { caseId: closed, caseVersion: k.version, pupilId: ids.o!, askedAt: '2026-11-30T10:00', answers: allNo }))).toBe('cases.closed');
    const steps = { warningSigns: ['x'], coping: [], distractions: [], helpers: [], professionals: [], environment: [] };
    expect(code(await c.try('safetyPlan.save', { caseId: closed, pupilId: ids.o!, baseVersion: 0, withPupil: true, steps }))).toBe('cases.closed');
  });

  it('only the psychologist screens and reads; the social pedagogue, the director and a class teacher are refused', async () => {
    for (const [login, pw] of [
      ['soc', PW.soc],
      ['cls', PW.cls],
      [ADMIN.login, ADMIN.password],
    ] as const) {
      await loginAs(login, pw);
      expect(code(await c.try('screening.forCase', { caseId: ids.case! }))).toBe('auth.forbidden');
      expect(code(await c.try('screening.record', { caseId: ids.case!, caseVersion: 1, pupilId: ids.p!, askedAt: '2026-11-30T10:00', answers: allNo }))).toBe('auth.forbidden');
      expect(code(await c.try('safetyPlan.print', { caseId: ids.case!, pupilId: ids.p!, lang: 'kk' }))).toBe('auth.forbidden');
    }
  });
});

describe('acute', () => {
  let acute: Screening;

  it('"yes" to question 5, half answered with a reason: acute, the case risk becomes acute, the checklist opens', async () => {
    await asPsy();
    acute = await c.call('screening.record', {
      caseId: ids.case!,
      caseVersion: await caseVersion(ids.case!),
      pupilId: ids.p!,
      askedAt: '2026-11-30T10:40',
      answers: answers({ q1: 'yes', q3: 'yes', q5: 'yes' }),
      incompleteReason: 'Оқушы 2 және 4-сұраққа жауап беруге дайын емес еді',
    });
    expect(acute.result).toBe('acute');
    expect(acute.assessmentTaskId).toBeNull();
    expect(acute.checklist?.map((l) => [l.line, l.state])).toEqual([
      ['not_alone', null],
      ['director', null],
      ['parents', null],
      ['referral', null],
      ['emergency', null],
    ]);
    expect((await c.call('cases.get', { id: ids.case! })).risk).toBe('acute');
  });

  it('cannot be closed until every line is answered: done with a time, or not done with a reason', async () => {
    await asPsy();
    const r = await c.try('screening.closeChecklist', { id: acute.id, version: acute.version });
    expect(code(r)).toBe('screening.checklist_open');
    // a time in the future, or before the screen, is refused; "not done" needs a reason
    expect(code(await c.try('screening.answerLine', { id: acute.id, version: acute.version, line: 'not_alone', state: 'done', at: '2026-12-01T12:00' }))).toBe('screening.in_future');
    expect(code(await c.try('screening.answerLine', { id: acute.id, version: acute.version, line: 'not_alone', state: 'done', at: '2026-11-30T09:00' }))).toBe('screening.before_screen');
    expect(code(await c.try('screening.answerLine', { id: acute.id, version: acute.version, line: 'emergency', state: 'not_done', reason: '  ' }))).toBe('validation');
    let s = acute;
    s = await c.call('screening.answerLine', { id: s.id, version: s.version, line: 'not_alone', state: 'done', at: '2026-11-30T10:41' });
    // a write against the version read before is stale
    expect(code(await c.try('screening.answerLine', { id: s.id, version: acute.version, line: 'director', state: 'done', at: '2026-11-30T10:45' }))).toBe('screening.stale');
    s = await c.call('screening.answerLine', { id: s.id, version: s.version, line: 'director', state: 'done', at: '2026-11-30T10:45' });
    s = await c.call('screening.answerLine', { id: s.id, version: s.version, line: 'parents', state: 'done', at: '2026-11-30T10:50', note: 'Анасына телефон арқылы' });
    s = await c.call('screening.answerLine', { id: s.id, version: s.version, line: 'referral', state: 'done', at: '2026-11-30T10:55' });
    expect(code(await c.try('screening.closeChecklist', { id: s.id, version: s.version }))).toBe('screening.checklist_open');
    s = await c.call('screening.answerLine', { id: s.id, version: s.version, line: 'emergency', state: 'not_done', reason: 'Жедел жәрдем қажет болмады: ата-анасы келді' });
    s = await c.call('screening.closeChecklist', { id: s.id, version: s.version });
    expect(s.checklistClosedAt).toBe(NOW.toISOString());
    expect(s.checklist?.every((l) => l.state !== null && l.answeredBy === 'Психолог Тестова')).toBe(true);
    expect(s.checklist?.find((l) => l.line === 'emergency')).toMatchObject({ state: 'not_done', at: null, note: expect.stringContaining('қажет болмады') });
    expect(code(await c.try('screening.answerLine', { id: s.id, version: s.version, line: 'emergency', state: 'done', at: '2026-11-30T10:58' }))).toBe('screening.checklist_closed');
    expect(code(await c.try('screening.closeChecklist', { id: s.id, version: s.version }))).toBe('screening.checklist_closed');
  });

  it('a non-acute screening has no checklist to answer', async () => {
    await asPsy();
    const list = await c.call('screening.forCase', { caseId: ids.case! });
    const positive = list.screenings.find((x) => x.result === 'positive')!;
    expect(code(await c.try('screening.answerLine', { id: positive.id, version: positive.version, line: 'director', state: 'done', at: '2026-11-30T10:45' }))).toBe('screening.no_checklist');
  });

  it('the case lists its screenings newest first; the chronology entries are sealed in confidential', async () => {
    await asPsy();
    const list = await c.call('screening.forCase', { caseId: ids.case! });
    expect(list.screenings.map((x) => x.result)).toEqual(['acute', 'positive', 'positive', 'positive', 'negative']);
    expect(list.screenings.find((x) => x.notes === NOTE)).toBeDefined();
    const rows = c.state.sqlite.prepare("SELECT kind, summary_enc, confidential_enc FROM chronology WHERE pupil_id = ? AND kind = 'screening'").all(ids.p!) as {
      summary_enc: Buffer | null;
      confidential_enc: Buffer | null;
    }[];
    expect(rows).toHaveLength(6); // five screens and the closed checklist
    expect(rows.every((r) => r.summary_enc === null && r.confidential_enc !== null)).toBe(true);
    // the psychologist reads them in her own language: stored as messages, not as the writer's words
    const lines = async () => (await c.call('chronology.list', { pupilId: ids.p!, kinds: ['screening'] })).items.map((i) => i.summary ?? '');
    const kk = await lines();
    expect(kk.filter((l) => /^№\d+: ASQ — оң, жедел қауіп$/u.test(l))).toHaveLength(1);
    expect(kk.filter((l) => /^№\d+: ASQ — теріс$/u.test(l))).toHaveLength(1);
    expect(kk.filter((l) => l.endsWith('ASQ — шұғыл әрекеттер тізімі аяқталды'))).toHaveLength(1);
    await c.call('auth.setLanguage', { language: 'ru' });
    const ru = await lines();
    expect(ru.filter((l) => /^№\d+: ASQ — положительный$/u.test(l))).toHaveLength(3);
    expect(ru.filter((l) => /^№\d+: ASQ — отрицательный$/u.test(l))).toHaveLength(1);
    expect(ru.filter((l) => l.endsWith('ASQ — перечень срочных действий завершён'))).toHaveLength(1);
    await c.call('auth.setLanguage', { language: 'kk' });
    // the other pupil of the case got nothing
    expect(c.state.sqlite.prepare("SELECT count(*) AS n FROM chronology WHERE pupil_id = ? AND kind IN ('screening', 'safety_plan')").get(ids.o!)).toEqual({ n: 0 });
  });
});

describe('the safety plan', () => {
  const steps = {
    warningSigns: ['Ешкіммен сөйлескім келмейді', 'Түнде ұйықтай алмаймын'],
    coping: ['Музыка тыңдаймын', 'Суретін саламын'],
    distractions: [PLAN_LINE, 'Әпкеммен серуендеу'],
    helpers: ['Әпкем Мәдина', 'Сынып жетекшісі'],
    professionals: ['Мектеп психологы, 204-кабинет'],
    environment: ['Дәрілерді анам сақтайды'],
  };

  it('is saved in versions; a save against an older version is stale; an empty plan is refused', async () => {
    await asPsy();
    const empty = { warningSigns: [], coping: [], distractions: [], helpers: [], professionals: [], environment: [] };
    expect(code(await c.try('safetyPlan.save', { caseId: ids.case!, pupilId: ids.p!, baseVersion: 0, withPupil: true, steps: empty }))).toBe('validation');
    const v1 = await c.call('safetyPlan.save', { caseId: ids.case!, pupilId: ids.p!, baseVersion: 0, withPupil: true, steps: { ...steps, environment: [] } });
    expect(v1).toMatchObject({ version: 1, withPupil: true, savedBy: 'Психолог Тестова' });
    expect(code(await c.try('safetyPlan.save', { caseId: ids.case!, pupilId: ids.p!, baseVersion: 0, withPupil: true, steps }))).toBe('safety_plan.stale');
    const v2 = await c.call('safetyPlan.save', { caseId: ids.case!, pupilId: ids.p!, baseVersion: 1, withPupil: true, steps });
    expect(v2.version).toBe(2);
    expect(v2.history.map((h) => h.version)).toEqual([2, 1]);
    expect(v2.steps.environment).toEqual(['Дәрілерді анам сақтайды']);
    expect(code(await c.try('safetyPlan.print', { caseId: ids.case!, pupilId: ids.o!, lang: 'kk' }))).toBe('safety_plan.missing');
    // six lines in a step are refused by the contract (the sheet stays one page)
    const long = { ...steps, coping: Array.from({ length: 6 }, (_, i) => `Жол ${i}`) };
    expect(code(await c.try('safetyPlan.save', { caseId: ids.case!, pupilId: ids.p!, baseVersion: 2, withPupil: true, steps: long }))).toBe('validation');
  });

  it('prints one page for the pupil in kk and ru: 111 and 150, the pupil, no other child; qpdf clean; a PNG to look at', async () => {
    await asPsy();
    for (const lang of ['kk', 'ru'] as const) {
      const sheet = await c.call('safetyPlan.print', { caseId: ids.case!, pupilId: ids.p!, lang });
      expect(sheet.registerNumber).toMatch(/^PS-\d+\/2026$/u);
      const pdf = Buffer.from(sheet.pdfBase64, 'base64');
      expect(pageCount(pdf)).toBe(1);
      expect(qpdfCheck(pdf).ok).toBe(true);
      const text = flat(pdfText(pdf));
      expect(text).toContain('111');
      expect(text).toContain('150');
      expect(text).toContain('Айгерім Ержанова');
      expect(text).toContain('PARK-KOGERSHIN');
      expect(text).toContain(lang === 'kk' ? 'Менің қауіпсіздік жоспарым' : 'Мой план безопасности');
      // the other pupil of the same case: not a letter of them
      expect(text).not.toContain('Басқаұлы');
      expect(text).not.toContain('Нұрлан');
      savePdfArtifact(pdf, `safety-plan-${lang}.pdf`);
      renderPng(pdf, `safety-plan-${lang}`, [1], 80);
    }
  });

  it('a plain plan prints in large type; one too long for a page is refused, never printed on two', async () => {
    await asPsy();
    const other = await newCase([ids.o!]);
    const three = (w: string) => [`${w} бір`, `${w} екі — біраз ұзынырақ жол, бірақ әдеттегідей`, `${w} үш`];
    const plain = { warningSigns: three('Белгі'), coping: three('Өзім'), distractions: three('Орын'), helpers: three('Адам'), professionals: three('Маман'), environment: three('Үйде') };
    await c.call('safetyPlan.save', { caseId: other, pupilId: ids.o!, baseVersion: 0, withPupil: true, steps: plain });
    const ok = await c.call('safetyPlan.print', { caseId: other, pupilId: ids.o!, lang: 'ru' });
    expect(pageCount(Buffer.from(ok.pdfBase64, 'base64'))).toBe(1);
    const line = 'Ұзын жол '.repeat(15).trim().slice(0, 120);
    const five = Array<string>(5).fill(line);
    const full = { warningSigns: five, coping: five, distractions: five, helpers: five, professionals: five, environment: five };
    await c.call('safetyPlan.save', { caseId: other, pupilId: ids.o!, baseVersion: 1, withPupil: false, steps: full });
    const before = (c.state.sqlite.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    expect(code(await c.try('safetyPlan.print', { caseId: other, pupilId: ids.o!, lang: 'kk' }))).toBe('safety_plan.too_long');
    expect(c.state.sqlite.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: before });
  });

  it('the sheet is in the register for the psychologist only: the director (protection, no confidential) neither lists nor opens it', async () => {
    await asPsy();
    const mine = await c.call('documents.list', { kind: 'safety_plan' });
    expect(mine.items.length).toBeGreaterThanOrEqual(2);
    const docId = mine.items[0]!.id;
    // the register's title says nothing of what the sheet is about
    expect(mine.items.every((d) => d.title === 'Оқушыға арналған жадынама' || d.title === 'Памятка для учащегося')).toBe(true);
    await loginAs(ADMIN.login, ADMIN.password);
    expect((await c.call('documents.list', { kind: 'safety_plan' })).items).toEqual([]);
    expect(code(await c.try('documents.get', { id: docId }))).toBe('auth.forbidden');
    expect(code(await c.try('documents.pdf', { id: docId }))).toBe('auth.forbidden');
  });
});

describe('nothing in plain', () => {
  it('no plain column of screenings or plans names the case, the pupil, an answer or the result', () => {
    const rows = [
      ...(c.state.sqlite.prepare('SELECT id, created_at, updated_at, version FROM screenings').all() as Record<string, unknown>[]),
      ...(c.state.sqlite.prepare('SELECT id, saved_at FROM safety_plans').all() as Record<string, unknown>[]),
    ];
    const plain = JSON.stringify(rows);
    for (const needle of [ids.case!, ids.p!, 'acute', 'positive', 'yes', 'declined', 'ZEBRA', 'PARK']) expect(plain).not.toContain(needle);
    const blobs = c.state.sqlite.prepare('SELECT record_enc, checklist_enc FROM screenings').all() as { record_enc: Buffer; checklist_enc: Buffer | null }[];
    for (const b of blobs) for (const v of [b.record_enc, b.checklist_enc]) if (v) for (const n of ['acute', 'ZEBRA', ids.p!]) expect(v.toString('latin1')).not.toContain(n);
  });

  it('the audit names the method and the case or screening id only; the log files carry nothing of a screening', () => {
    const audit = c.state.sqlite.prepare("SELECT action, entity_type, entity_id FROM audit_log WHERE action LIKE 'screening.%' OR action LIKE 'safetyPlan.%'").all() as {
      action: string;
      entity_type: string | null;
      entity_id: string | null;
    }[];
    expect(audit.length).toBeGreaterThan(10);
    for (const a of audit) expect(['case', 'screening']).toContain(a.entity_type);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (!/\.db(-wal|-shm)?$/u.test(e.name)) files.push(p);
      }
    };
    walk(c.dataDir);
    expect(files.some((f) => /log/u.test(f))).toBe(true);
    for (const f of files) {
      const text = fs.readFileSync(f).toString('utf8');
      for (const needle of ['ZEBRA', 'PARK', 'Ержанова', 'acute', 'Әпкем']) expect(text, f).not.toContain(needle);
    }
  });
});
