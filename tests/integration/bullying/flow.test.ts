/**
 * The bullying flow (issue 10, item 1) through the registry on a real encrypted DB: steps laid out as case tasks,
 * records and skip reasons (a skip needs one), the dates refused (in the future, a follow-up in the past or before
 * the first talk), escalation on "continued" and the council's agenda proposing it, the cyberbullying evidence and
 * screenshots (type by magic bytes, 10 MB), the school's timing, and — offline, with a stock SQLCipher 4 — nothing of
 * it readable with a class teacher's password.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BullyingFlow, BullyingStep } from '../../../shared/bullying';
import type { Result } from '../../../shared/errors';
import { escalatedCases } from '../../../electron/core/bullying/agenda';
import { AGENDA_SOURCES } from '../../../electron/core/council/agenda';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { cellsContaining, dumpAll, openFieldBlob, steal, type RawKeyring } from '../compartments/attacker';

let c: TestCore;
const ids: Record<string, string> = {};
const PW = { psy: 'psy password 1', cls: 'cls password 1', sec: 'sec password 1' };
const YEAR = 2026;

const COMMITMENT_1 = 'Мен енді Мысаловты мазақтамаймын, сөмкесін алмаймын (міндеттеме-бір)';
const COMMITMENT_2 = 'Чатта ешкімді қорламаймын (міндеттеме-екі)';
const SKIP_REASON = 'Ата-анасы шетелде, байланыс жоқ (өткізу-себебі)';
const CONTINUED = 'Үзілісте қайтадан итерген (жалғасу-белгісі)';
const ACCOUNT = '@kiber_masqara_demo';
const LINK = 'https://example.invalid/chat/123-dalel';
const SHOT_MARKER = 'SCREENSHOT-MARKER-7f3a';

async function loginAs(login: string, password: string): Promise<void> {
  // after the clock jumps the session has idle-locked already
  await c.try('auth.lock', {});
  await c.call('auth.login', { login, password });
}
const asPsy = () => loginAs('psy', PW.psy);
const asDirector = () => loginAs(ADMIN.login, ADMIN.password);
function code<T>(r: Result<T>): string | null {
  return r.ok ? null : r.error.code;
}
function field<T>(r: Result<T>): unknown {
  return r.ok ? null : r.error.details?.field;
}
async function version(caseId: string): Promise<number> {
  return (await c.call('cases.get', { id: caseId })).version;
}
async function flow(caseId: string): Promise<BullyingFlow> {
  const f = await c.call('bullying.get', { caseId });
  if (!f) throw new Error('no flow');
  return f;
}
function only(f: BullyingFlow, kind: BullyingStep['kind'], pupilId?: string): BullyingStep[] {
  return f.steps.filter((s) => s.kind === kind && (pupilId === undefined || s.pupilId === pupilId));
}
function chronologyKinds(pupilId: string): string[] {
  return (c.state.sqlite.prepare('SELECT kind FROM chronology WHERE pupil_id = ? ORDER BY written_at, rowid').all(pupilId) as { kind: string }[]).map((r) => r.kind);
}
function png(extra = 64): string {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(SHOT_MARKER), Buffer.alloc(extra, 7)]).toString('base64');
}

beforeAll(async () => {
  c = await createTestCore({ now: new Date('2026-11-30T09:00:00Z') });
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог Тестова', roles: ['psychologist'], password: PW.psy });
  await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: PW.cls });
  await c.call('accounts.create', { login: 'sec', displayName: 'Кеңес хатшысы', roles: ['council_secretary'], password: PW.sec });
  for (const a of await c.call('accounts.list', {})) ids[a.login] = a.id;
  await asPsy();
  for (const [key, last] of [
    ['t', 'Мысалов'],
    ['i1', 'Сынақова'],
    ['i2', 'Үлгіев'],
    ['w', 'Басқаев'],
    ['t2', 'Демонов'],
    ['i3', 'Тестқызы'],
  ] as const) {
    ids[key] = (await c.call('pupils.create', { lastName: last, firstName: 'Оқушы', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  }
  const kase = await c.call('cases.create', {
    title: 'Үзілістегі буллинг',
    formOfHarm: 'bullying',
    risk: 'medium',
    pupils: [
      { pupilId: ids.t!, role: 'targeted' },
      { pupilId: ids.i1!, role: 'initiator' },
      { pupilId: ids.i2!, role: 'initiator' },
      { pupilId: ids.w!, role: 'witness' },
    ],
  });
  ids.case = kase.id;
  ids.cyber = (await c.call('cases.create', { title: 'Сынып чаты', formOfHarm: 'cyberbullying', risk: 'low', pupils: [{ pupilId: ids.t2!, role: 'targeted' }, { pupilId: ids.i3!, role: 'initiator' }] })).id;
  ids.other = (await c.call('cases.create', { title: 'Қиын жағдай', formOfHarm: 'difficult_life', risk: 'low', pupils: [{ pupilId: ids.w!, role: 'targeted' }] })).id;
  // the council of the year: the director chairs, the secretary keeps the minutes
  await asDirector();
  const m = async (accountId: string, name: string) => (await c.call('council.members.save', { academicYear: YEAR, accountId, name, positionKk: 'мүше', positionRu: 'член' })).id;
  const chair = await m(c.state.session!.accountId, 'М.Қаншев');
  const sec = await m(ids.sec!, 'Хатшы');
  await c.call('council.officers.set', { academicYear: YEAR, chairMemberId: chair, secretaryMemberId: sec });
  await loginAs('sec', PW.sec);
  ids.meeting = (await c.call('council.meetings.create', { academicYear: YEAR, date: '2026-12-25', time: '15:00', place: 'Мәжіліс залы' })).id;
}, 120_000);
afterAll(async () => {
  await c.cleanup();
});

describe('the flow laid out', () => {
  it('only case workers start it, only on a bullying or cyberbullying case, at the version read', async () => {
    await loginAs('cls', PW.cls);
    expect(code(await c.try('bullying.start', { caseId: ids.case!, version: 1 }))).toBe('auth.forbidden');
    await asPsy();
    expect(code(await c.try('bullying.start', { caseId: ids.other!, version: await version(ids.other!) }))).toBe('bullying.not_bullying');
    expect(code(await c.try('bullying.start', { caseId: ids.case!, version: (await version(ids.case!)) + 5 }))).toBe('cases.stale');
    expect(await c.call('bullying.get', { caseId: ids.case! })).toBeNull();
  });

  it('steps become case tasks with due dates: the talk the same day, each initiator, each pupil’s parents, the follow-up', async () => {
    await asPsy();
    const f = await c.call('bullying.start', { caseId: ids.case!, version: await version(ids.case!) });
    expect(f.cyber).toBe(false);
    expect(f.today).toBe('2026-11-30');
    expect(f.steps.map((s) => [s.kind, s.dueOn, s.status])).toEqual([
      ['target_talk', '2026-11-30', 'open'],
      ['initiator_talk', '2026-12-01', 'open'],
      ['initiator_talk', '2026-12-01', 'open'],
      ['parents', '2026-12-02', 'open'],
      ['parents', '2026-12-02', 'open'],
      ['parents', '2026-12-02', 'open'],
      ['follow_up', '2026-12-10', 'open'],
    ]);
    expect(only(f, 'target_talk')[0]!.pupilId).toBe(ids.t);
    expect(new Set(only(f, 'initiator_talk').map((s) => s.pupilId))).toEqual(new Set([ids.i1, ids.i2]));
    expect(only(f, 'parents').map((s) => s.side)).toEqual(['targeted', 'initiator', 'initiator']);
    // no step for the witness, no platform step on a bullying (not cyber) case
    expect(f.steps.some((s) => s.pupilId === ids.w)).toBe(false);
    const kase = await c.call('cases.get', { id: ids.case! });
    expect(kase.tasks).toHaveLength(7);
    for (const t of kase.tasks) {
      expect(t.ownerId).toBe(ids.psy);
      // the title is plain (an instruction to its owner): it names no pupil
      for (const name of ['Мысалов', 'Сынақова', 'Үлгіев']) expect(t.title).not.toContain(name);
    }
    expect(f.steps.every((s) => kase.tasks.some((t) => t.id === s.taskId && t.dueOn === s.dueOn))).toBe(true);
    // the pupil of a step is sealed: no plain column names it
    const row = c.state.sqlite.prepare('SELECT * FROM bullying_steps WHERE id = ?').get(only(f, 'initiator_talk')[0]!.id) as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(ids.i1!);
    expect(JSON.stringify(row)).not.toContain(ids.i2!);
    expect(code(await c.try('bullying.start', { caseId: ids.case!, version: await version(ids.case!) }))).toBe('bullying.already_started');
    expect(chronologyKinds(ids.i1!)).toContain('bullying_step');
    expect(chronologyKinds(ids.w!)).not.toContain('bullying_step');
  });
});

describe('steps done with their record, or skipped with a reason', () => {
  it('a skip needs a reason; with one the step and its task close, the reason sealed', async () => {
    await asPsy();
    const step = only(await flow(ids.case!), 'parents')[2]!;
    const v = await version(ids.case!);
    expect(code(await c.try('bullying.skip', { stepId: step.id, version: v, reason: '   ' }))).toBe('validation');
    const f = await c.call('bullying.skip', { stepId: step.id, version: v, reason: SKIP_REASON });
    const s = f.steps.find((x) => x.id === step.id)!;
    expect(s).toMatchObject({ status: 'skipped', skipReason: SKIP_REASON, record: null, overdue: false });
    expect((await c.call('cases.get', { id: ids.case! })).tasks.find((t) => t.id === s.taskId)?.doneAt).not.toBeNull();
    expect(code(await c.try('bullying.complete', { stepId: step.id, version: await version(ids.case!), record: { kind: 'parents', at: '2026-11-30', who: 'x', method: 'phone', told: 'y' } }))).toBe(
      'bullying.step_closed',
    );
    const raw = c.state.sqlite.prepare('SELECT skip_enc FROM bullying_steps WHERE id = ?').get(step.id) as { skip_enc: Buffer };
    expect(Buffer.from(raw.skip_enc).toString('latin1')).not.toContain('шетелде');
  });

  it('the talk cannot be dated in the future; the record must be of the step’s kind; the first talk dates the follow-up', async () => {
    await asPsy();
    const talk = only(await flow(ids.case!), 'target_talk')[0]!;
    const future = await c.try('bullying.complete', { stepId: talk.id, version: await version(ids.case!), record: { kind: 'target_talk', at: '2026-12-01T10:00', summary: 'x' } });
    expect([code(future), field(future)]).toEqual(['bullying.date_in_future', 'at']);
    const wrong = await c.try('bullying.complete', { stepId: talk.id, version: await version(ids.case!), record: { kind: 'monitoring', at: '2026-11-30', notes: 'x' } });
    expect(code(wrong)).toBe('validation');
    const f = await c.call('bullying.complete', {
      stepId: talk.id,
      version: await version(ids.case!),
      record: { kind: 'target_talk', at: '2026-11-30T10:15', summary: 'Оқушы үш рет итерілгенін айтты; сынып жетекшісі үзілісте қарайды.' },
    });
    expect(f.firstTalkOn).toBe('2026-11-30');
    expect(f.steps.find((s) => s.id === talk.id)).toMatchObject({ status: 'done', record: { kind: 'target_talk', at: '2026-11-30T10:15' } });
    expect(only(f, 'follow_up')[0]!.dueOn).toBe('2026-12-10');
  });

  it('each initiator’s talk keeps the written commitment; the chronology entry is the initiator’s own', async () => {
    await asPsy();
    const before = { t: chronologyKinds(ids.t!).length, i1: chronologyKinds(ids.i1!).length, i2: chronologyKinds(ids.i2!).length };
    const steps = only(await flow(ids.case!), 'initiator_talk');
    const byPupil = new Map(steps.map((s) => [s.pupilId, s]));
    const noCommitment = await c.try('bullying.complete', {
      stepId: byPupil.get(ids.i1!)!.id,
      version: await version(ids.case!),
      record: { kind: 'initiator_talk', at: '2026-11-30', summary: 'x', commitment: '' },
    });
    expect(code(noCommitment)).toBe('validation');
    await c.call('bullying.complete', { stepId: byPupil.get(ids.i1!)!.id, version: await version(ids.case!), record: { kind: 'initiator_talk', at: '2026-11-30T11:00', commitment: COMMITMENT_1 } });
    const f = await c.call('bullying.complete', {
      stepId: byPupil.get(ids.i2!)!.id,
      version: await version(ids.case!),
      record: { kind: 'initiator_talk', at: '2026-11-30T11:30', summary: 'Кінәсін мойындады', commitment: COMMITMENT_2 },
    });
    const rec = only(f, 'initiator_talk', ids.i1)[0]!.record;
    expect(rec).toMatchObject({ kind: 'initiator_talk', commitment: COMMITMENT_1, summary: '' });
    expect(chronologyKinds(ids.i1!).length).toBe(before.i1 + 1);
    expect(chronologyKinds(ids.i2!).length).toBe(before.i2 + 1);
    expect(chronologyKinds(ids.t!).length).toBe(before.t);
    // the flow's lines are stored as messages: the psychologist reads them in her language, the commitment as written
    const lines = async () => (await c.call('chronology.list', { pupilId: ids.i1!, kinds: ['bullying_step'] })).items.map((i) => i.summary ?? '');
    expect((await lines()).some((l) => l.endsWith(`: бастамашымен жеке әңгіме; жазбаша міндеттеме: ${COMMITMENT_1}`))).toBe(true);
    expect((await lines()).some((l) => /^№\d+: буллинг бойынша іс-шаралар басталды \(\d+ қадам\)$/u.test(l))).toBe(true);
    await c.call('auth.setLanguage', { language: 'ru' });
    expect((await lines()).some((l) => l.endsWith(`: индивидуальная беседа с инициатором; письменное обязательство: ${COMMITMENT_1}`))).toBe(true);
    expect((await lines()).some((l) => /^№\d+: начаты меры по буллингу \(шагов: \d+\)$/u.test(l))).toBe(true);
    await c.call('auth.setLanguage', { language: 'kk' });
  });

  it('the parents: who, how, when', async () => {
    await asPsy();
    const [p1, p2] = only(await flow(ids.case!), 'parents');
    for (const [s, who] of [
      [p1!, 'Анасы Мысалова А.'],
      [p2!, 'Әкесі Сынақов Б.'],
    ] as const) {
      const f = await c.call('bullying.complete', { stepId: s.id, version: await version(ids.case!), record: { kind: 'parents', at: '2026-11-30T16:00', who, method: 'meeting', told: 'Жағдай және келісілген шаралар туралы айтылды' } });
      expect(f.steps.find((x) => x.id === s.id)?.record).toMatchObject({ who, method: 'meeting' });
    }
  });
});

describe('follow-ups', () => {
  it('a follow-up in the past, or before the first talk, is refused on its field', async () => {
    await asPsy();
    const past = await c.try('bullying.scheduleFollowUp', { caseId: ids.case!, version: await version(ids.case!), on: '2026-11-29' });
    expect([code(past), field(past)]).toEqual(['bullying.date_in_past', 'on']);
    const fu = only(await flow(ids.case!), 'follow_up')[0]!;
    const early = await c.try('bullying.complete', { stepId: fu.id, version: await version(ids.case!), record: { kind: 'follow_up', at: '2026-11-25', outcome: 'decreased', notes: 'x' } });
    expect([code(early), field(early)]).toEqual(['bullying.before_first_talk', 'at']);
    const nextPast = await c.try('bullying.complete', {
      stepId: fu.id,
      version: await version(ids.case!),
      record: { kind: 'follow_up', at: '2026-11-30', outcome: 'decreased', notes: 'x', nextOn: '2026-11-20' },
    });
    expect([code(nextPast), field(nextPast)]).toEqual(['bullying.date_in_past', 'nextOn']);
    // scheduling moves the open follow-up (and its task)
    const f = await c.call('bullying.scheduleFollowUp', { caseId: ids.case!, version: await version(ids.case!), on: '2026-12-10' });
    expect(only(f, 'follow_up').map((s) => [s.dueOn, s.status])).toEqual([['2026-12-10', 'open']]);
  });

  it('ten days on, the follow-up is due today (not overdue); "decreased" schedules the next one', async () => {
    c.platform.setNow(new Date('2026-12-10T08:00:00Z'));
    await asPsy();
    let f = await flow(ids.case!);
    expect(f.today).toBe('2026-12-10');
    const fu = only(f, 'follow_up')[0]!;
    expect(fu).toMatchObject({ dueOn: '2026-12-10', overdue: false });
    const mine = await c.call('worklists.list', { list: 'due_soon', scope: 'mine' });
    expect(mine.items.some((i) => i.id === fu.taskId)).toBe(true);
    f = await c.call('bullying.complete', { stepId: fu.id, version: await version(ids.case!), record: { kind: 'follow_up', at: '2026-12-10T09:00', outcome: 'decreased', notes: 'Азайған' } });
    expect(only(f, 'follow_up').map((s) => [s.dueOn, s.status])).toEqual([
      ['2026-12-10', 'done'],
      ['2026-12-20', 'open'],
    ]);
    expect(f.escalations).toEqual([]);
  });

  it('"continued" escalates the case to the council once, its reason sealed; the next follow-up is scheduled', async () => {
    c.platform.setNow(new Date('2026-12-21T08:00:00Z'));
    await asPsy();
    let f = await flow(ids.case!);
    const fu = only(f, 'follow_up').find((s) => s.status === 'open')!;
    expect(fu.overdue).toBe(true);
    f = await c.call('bullying.complete', { stepId: fu.id, version: await version(ids.case!), record: { kind: 'follow_up', at: '2026-12-21', outcome: 'continued', notes: CONTINUED } });
    expect(f.escalations).toHaveLength(1);
    expect(f.escalations[0]).toMatchObject({ cause: 'outcome', reason: CONTINUED, meetings: [] });
    expect(new Set(f.escalations[0]!.pupilIds)).toEqual(new Set([ids.i1, ids.i2]));
    expect(only(f, 'follow_up').at(-1)).toMatchObject({ status: 'open', dueOn: '2026-12-31' });
    expect(chronologyKinds(ids.i1!)).toContain('bullying_escalated');
    expect(chronologyKinds(ids.t!)).not.toContain('bullying_escalated');
    // "continued" again before the council took it up: still one escalation
    const next = only(f, 'follow_up').at(-1)!;
    f = await c.call('bullying.complete', { stepId: next.id, version: await version(ids.case!), record: { kind: 'follow_up', at: '2026-12-21', outcome: 'continued', notes: 'тағы' } });
    expect(f.escalations).toHaveLength(1);
  });

  it('a worker escalates explicitly, about pupils of the case only', async () => {
    await asPsy();
    const bad = await c.try('bullying.escalate', { caseId: ids.case!, version: await version(ids.case!), reason: 'x', pupilIds: [ids.t2!] });
    expect(code(bad)).toBe('not_found');
    expect(code(await c.try('bullying.escalate', { caseId: ids.case!, version: await version(ids.case!), reason: '', pupilIds: [ids.i1!] }))).toBe('validation');
  });
});

describe('the council’s agenda', () => {
  it('proposes each escalated pupil to the secretary (no reason in the title); accepted once, not again', async () => {
    await loginAs('sec', PW.sec);
    const proposals = (await c.call('council.agenda.proposals', { meetingId: ids.meeting! })).filter((p) => p.sourceType === 'bullying_escalation');
    expect(proposals.map((p) => p.pupilId).sort()).toEqual([ids.i1!, ids.i2!].sort());
    for (const p of proposals) {
      expect(p.titleKk).toContain('буллинг');
      expect(p.titleKk).not.toContain('жалғасу-белгісі');
      expect(p.reasonParams).toMatchObject({ date: '2026-12-21' });
    }
    const first = proposals[0]!;
    await c.call('council.agenda.add', { meetingId: ids.meeting!, source: { type: first.sourceType, id: first.sourceId }, title: first.titleKk, pupilId: first.pupilId });
    const again = (await c.call('council.agenda.proposals', { meetingId: ids.meeting! })).filter((p) => p.sourceType === 'bullying_escalation');
    expect(again.map((p) => p.sourceId)).toEqual(proposals.slice(1).map((p) => p.sourceId));
    await asPsy();
    expect((await flow(ids.case!)).escalations[0]!.meetings).toEqual([expect.objectContaining({ meetingId: ids.meeting, date: '2026-12-25' })]);
    // now taken up: a new "continued" makes a new escalation
    const open = only(await flow(ids.case!), 'follow_up').find((s) => s.status === 'open')!;
    const f = await c.call('bullying.complete', { stepId: open.id, version: await version(ids.case!), record: { kind: 'follow_up', at: '2026-12-21', outcome: 'stopped', notes: 'Тоқтады' } });
    expect(f.escalations).toHaveLength(1);
    expect(only(f, 'monitoring')).toEqual([expect.objectContaining({ status: 'open', dueOn: '2027-01-20' })]);
  });

  it('a meeting before the escalation does not get it; a class teacher (no protection key) is proposed nothing of it', async () => {
    await loginAs('sec', PW.sec);
    const early = await c.call('council.meetings.create', { academicYear: YEAR, date: '2026-12-15', time: '15:00', place: 'Зал' });
    expect((await c.call('council.agenda.proposals', { meetingId: early.id })).some((p) => p.sourceType === 'bullying_escalation')).toBe(false);
    await loginAs('cls', PW.cls);
    expect(code(await c.try('council.agenda.proposals', { meetingId: ids.meeting! }))).toBe('auth.forbidden');
    // the source itself, asked with no protection key (as a reader without it would be): nothing
    const meeting = await c.state.db.selectFrom('council_meetings').selectAll().where('id', '=', ids.meeting!).executeTakeFirstOrThrow();
    expect(await escalatedCases.propose({ db: c.state.db, keys: { compartmentKey: () => null }, meeting })).toEqual([]);
    expect(AGENDA_SOURCES).toContain(escalatedCases);
  });
});

describe('cyberbullying evidence and the school’s timing', () => {
  it('the school turns a step off and changes an offset (director, not a case worker); new flows follow it', async () => {
    await asPsy();
    const s = await c.call('bullying.settings', {});
    expect(s.follow_up.offsetDays).toBe(10);
    expect(code(await c.try('bullying.setSettings', { ...s, parents: { enabled: false, offsetDays: 2 } }))).toBe('auth.forbidden');
    await asDirector();
    expect(code(await c.try('bullying.setSettings', { ...s, target_talk: { enabled: false, offsetDays: 0 } } as never))).toBe('validation');
    await c.call('bullying.setSettings', { ...s, parents: { enabled: false, offsetDays: 2 }, follow_up: { enabled: true, offsetDays: 7 } });
    await asPsy();
    const f = await c.call('bullying.start', { caseId: ids.cyber!, version: await version(ids.cyber!) });
    expect(f.cyber).toBe(true);
    expect(f.steps.map((x) => [x.kind, x.dueOn])).toEqual([
      ['target_talk', '2026-12-21'],
      ['initiator_talk', '2026-12-22'],
      ['platform_report', '2026-12-22'],
      ['follow_up', '2026-12-28'],
    ]);
    await asDirector();
    await c.call('bullying.setSettings', s);
  });

  it('evidence: platform, accounts, links; screenshots by their bytes, at most 10 MB, read back whole', async () => {
    await asPsy();
    expect(code(await c.try('bullying.addEvidence', { caseId: ids.case!, version: await version(ids.case!), platform: 'WhatsApp' }))).toBe('bullying.not_cyber');
    let f = await c.call('bullying.addEvidence', {
      caseId: ids.cyber!,
      version: await version(ids.cyber!),
      platform: 'Telegram',
      accounts: [ACCOUNT],
      links: [LINK],
      description: 'Сынып чатында мазақ суреттер',
      observedOn: '2026-12-20',
    });
    const ev = f.evidence[0]!;
    expect(ev).toMatchObject({ platform: 'Telegram', accounts: [ACCOUNT], links: [LINK], files: [] });
    const notImage = await c.try('bullying.addScreenshot', { evidenceId: ev.id, version: await version(ids.cyber!), fileName: 'chat.png', dataBase64: Buffer.from('just text, named .png').toString('base64') });
    expect(code(notImage)).toBe('bullying.not_an_image');
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
    big.set([0xff, 0xd8, 0xff], 0);
    const tooBig = await c.try('bullying.addScreenshot', { evidenceId: ev.id, version: await version(ids.cyber!), fileName: 'big.jpg', dataBase64: big.toString('base64') });
    expect(code(tooBig)).toBe('bullying.file_too_large');
    f = await c.call('bullying.addScreenshot', { evidenceId: ev.id, version: await version(ids.cyber!), fileName: 'C:\\Users\\x\\скрин 1.png', dataBase64: png() });
    const file = f.evidence[0]!.files[0]!;
    expect(file).toMatchObject({ fileName: 'скрин 1.png', mime: 'image/png' });
    const back = await c.call('bullying.getScreenshot', { id: file.id });
    expect(back).toEqual({ fileName: 'скрин 1.png', mime: 'image/png', dataBase64: png() });
    // nothing of it in a plain column or a temp file
    const row = c.state.sqlite.prepare('SELECT * FROM bullying_evidence_files WHERE id = ?').get(file.id) as Record<string, unknown>;
    expect(Buffer.from(row.data_enc as Uint8Array).toString('latin1')).not.toContain(SHOT_MARKER);
    expect(chronologyKinds(ids.t2!)).toContain('bullying_evidence');
    // the platform step records the report
    const plat = only(f, 'platform_report')[0]!;
    f = await c.call('bullying.complete', { stepId: plat.id, version: await version(ids.cyber!), record: { kind: 'platform_report', at: '2026-12-21', platform: 'Telegram', reference: 'T-1' } });
    expect(only(f, 'platform_report')[0]!.record).toMatchObject({ platform: 'Telegram', reference: 'T-1', response: '' });
  });
});

describe('offline, with a stock SQLCipher 4', () => {
  it('a class teacher’s password opens the DB but none of the flow; the psychologist’s opens the commitment', async () => {
    await c.call('auth.lock', {});
    const keyring = JSON.parse(fs.readFileSync(path.join(c.dataDir, 'keyring.json'), 'utf8')) as RawKeyring;
    const teacher = steal(keyring, 'cls', PW.cls);
    expect(teacher.compartments).toEqual([]);
    const dump = dumpAll(path.join(c.dataDir, 'qorgan.db'), teacher.base[0]!)!;
    expect(dump.bullying_steps!.length).toBeGreaterThan(10);
    const needles = [COMMITMENT_1, COMMITMENT_2, SKIP_REASON, CONTINUED, ACCOUNT, LINK, SHOT_MARKER, Buffer.from(SHOT_MARKER).toString('base64').slice(0, 16), 'Анасы Мысалова'];
    expect(cellsContaining(dump, needles)).toEqual([]);
    // which pupil a step is about is not in the clear either
    const stepCells = cellsContaining({ bullying_steps: dump.bullying_steps!, bullying_escalations: dump.bullying_escalations! }, [ids.i1!, ids.i2!, ids.t!]);
    expect(stepCells).toEqual([]);
    const psy = steal(keyring, 'psy', PW.psy).compartments.find((k) => k.name === 'protection')!;
    const talk = dump.bullying_steps!.filter((r) => r.kind === 'initiator_talk' && r.status === 'done');
    const opened = talk.map((r) => openFieldBlob(psy, 'bullying_steps', String(r.id), 'record_enc', r.record_enc as Uint8Array) ?? '');
    expect(opened.some((t) => t.includes(COMMITMENT_1))).toBe(true);
  }, 60_000);
});

describe('key rotation', () => {
  it('when a protection holder is disabled, the flow’s sealed fields are carried over to the new key', async () => {
    await asDirector();
    const before = c.state.sqlite.prepare('SELECT record_enc FROM bullying_steps WHERE record_enc IS NOT NULL LIMIT 1').get() as { record_enc: Buffer };
    await c.call('accounts.update', { id: ids.sec!, disabled: true });
    const after = c.state.sqlite.prepare('SELECT record_enc FROM bullying_steps WHERE record_enc IS NOT NULL LIMIT 1').get() as { record_enc: Buffer };
    // re-sealed under a new epoch
    expect(Buffer.from(after.record_enc).readUInt32BE(2)).toBeGreaterThan(Buffer.from(before.record_enc).readUInt32BE(2));
    await asPsy();
    const f = await flow(ids.case!);
    expect(only(f, 'initiator_talk', ids.i1)[0]!.record).toMatchObject({ commitment: COMMITMENT_1 });
    expect(f.escalations[0]!.reason).toBe(CONTINUED);
    const cy = await flow(ids.cyber!);
    expect(cy.evidence[0]!.accounts).toEqual([ACCOUNT]);
    expect((await c.call('bullying.getScreenshot', { id: cy.evidence[0]!.files[0]!.id })).dataBase64).toBe(png());
  }, 60_000);
});
