/**
 * Concerns → cases (issue 9, item 4): a class teacher logs a concern they cannot read back; the psychologist
 * triages it; the case's stage, risk, tasks, notes, contacts and closure; stale writes refused; every view audited;
 * the chronology of each pupil; the task owner sees the task, not the case; the work sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/cases';
import { WORK_SOURCES } from '../../../electron/core/worklists/sources';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
const ids: Record<string, string> = {};
const PW = { psy: 'psy password 1', soc: 'soc password 1', cls: 'cls password 1', dep: 'dep password 1' };

async function loginAs(login: string, password: string): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login, password });
}
const asPsy = () => loginAs('psy', PW.psy);
const asCls = () => loginAs('cls', PW.cls);
const asDirector = () => loginAs(ADMIN.login, ADMIN.password);

interface AuditRow {
  action: string;
  outcome: string;
  entity_type: string | null;
  entity_id: string | null;
  account_id: string | null;
}
function auditSince(id: number): AuditRow[] {
  return c.state.sqlite.prepare('SELECT action, outcome, entity_type, entity_id, account_id FROM audit_log WHERE id > ? ORDER BY id').all(id) as AuditRow[];
}
function lastAuditId(): number {
  return (c.state.sqlite.prepare('SELECT max(id) AS n FROM audit_log').get() as { n: number }).n;
}
function chronology(pupilId: string): { kind: string; source_table: string | null; summary: boolean; confidential: boolean; occurred_at: string }[] {
  return (
    c.state.sqlite
      .prepare('SELECT kind, source_table, summary_enc, confidential_enc, occurred_at FROM chronology WHERE pupil_id = ? ORDER BY written_at, rowid')
      .all(pupilId) as { kind: string; source_table: string | null; summary_enc: Buffer | null; confidential_enc: Buffer | null; occurred_at: string }[]
  ).map((r) => ({ kind: r.kind, source_table: r.source_table, summary: r.summary_enc !== null, confidential: r.confidential_enc !== null, occurred_at: r.occurred_at }));
}
function code(r: { ok: boolean; error?: { code: string } }): string | null {
  return r.ok ? null : (r.error?.code ?? null);
}

const WHAT = 'Үзіліс кезінде дәлізде үш оқушы бір баланы итеріп, сөмкесін лақтырды; бұл үшінші рет.';

beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог Тестова', roles: ['psychologist'], password: PW.psy });
  await c.call('accounts.create', { login: 'soc', displayName: 'Әлеуметтік педагог', roles: ['social_pedagogue'], password: PW.soc });
  await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: PW.cls });
  await c.call('accounts.create', { login: 'dep', displayName: 'Орынбасар', roles: ['deputy_director'], password: PW.dep });
  const accounts = await c.call('accounts.list', {});
  for (const a of accounts) ids[a.login] = a.id;
  await asPsy();
  for (const [key, last] of [
    ['t', 'Мысалов'],
    ['i', 'Сынақова'],
    ['w', 'Үлгіев'],
    ['x', 'Басқаев'],
  ] as const) {
    const p = await c.call('pupils.create', { lastName: last, firstName: 'Оқушы', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' });
    ids[key] = p.id;
  }
});
afterAll(async () => {
  await c.cleanup();
});

describe('concerns', () => {
  it('a class teacher logs a concern about three pupils in roles; the content is sealed, not kept in the clear', async () => {
    await asCls();
    const mine = await c.call('concerns.log', {
      what: WHAT,
      where: 'Екінші қабат',
      occurredAt: '2026-11-27T10:40',
      formOfHarm: 'bullying',
      pupils: [
        { pupilId: ids.t!, role: 'targeted' },
        { pupilId: ids.i!, role: 'initiator' },
        { pupilId: ids.w!, role: 'witness' },
      ],
    });
    ids.concern = mine.id;
    expect(mine).toMatchObject({ number: 1, status: 'awaiting', answer: null });
    const row = c.state.sqlite.prepare('SELECT * FROM concerns WHERE id = ?').get(mine.id) as Record<string, unknown>;
    // nothing of the content in any plain column: not the text, not the form of harm, not the pupils
    const plain = JSON.stringify(row);
    for (const needle of ['дәлізде', 'bullying', 'targeted', ids.t!, 'қабат']) expect(plain).not.toContain(needle);
    expect(row.content_enc).toBeNull();
    expect(typeof row.intake_sealed).toBe('string');
    // and no chronology yet: the author's session cannot seal a summary; it is written at triage
    expect(chronology(ids.t!)).toEqual([]);
  });

  it('the author sees their own concern and its status, nothing of the inbox or the cases', async () => {
    await asCls();
    expect(await c.call('concerns.mine', {})).toEqual([expect.objectContaining({ id: ids.concern, status: 'awaiting' })]);
    for (const m of ['concerns.inbox', 'cases.list'] as const) expect(code(await c.try(m, {}))).toBe('auth.forbidden');
    expect(code(await c.try('concerns.get', { id: ids.concern! }))).toBe('auth.forbidden');
  });

  it('a concern dated in the future or about an unknown pupil is refused', async () => {
    await asCls();
    const future = await c.try('concerns.log', { what: 'x', occurredAt: '2099-01-01', formOfHarm: 'neglect', pupils: [{ pupilId: ids.t!, role: 'targeted' }] });
    expect(code(future)).toBe('validation');
    const unknown = await c.try('concerns.log', {
      what: 'x',
      occurredAt: '2026-11-01',
      formOfHarm: 'neglect',
      pupils: [{ pupilId: '00000000-0000-4000-8000-000000000000', role: 'targeted' }],
    });
    expect(code(unknown)).toBe('not_found');
  });

  it('the psychologist reads the inbox (a list read, audited) and the concern (a sensitive read, audited)', async () => {
    await asPsy();
    const before = lastAuditId();
    const inbox = await c.call('concerns.inbox', {});
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.content).toMatchObject({ what: WHAT, formOfHarm: 'bullying', occurredAt: '2026-11-27T10:40' });
    expect(inbox[0]!.pupils.map((p) => [p.lastName, p.role])).toEqual([
      ['Мысалов', 'targeted'],
      ['Сынақова', 'initiator'],
      ['Үлгіев', 'witness'],
    ]);
    expect(inbox[0]!.authorName).toBe('Сынып жетекшісі');
    await c.call('concerns.get', { id: ids.concern! });
    expect(auditSince(before).map((a) => [a.action, a.outcome, a.entity_id])).toEqual([
      ['concerns.inbox', 'ok', null],
      ['concerns.get', 'ok', ids.concern],
    ]);
  });

  it('the work list shows the concern waiting for triage to a protection holder only', async () => {
    await asPsy();
    const src = WORK_SOURCES.find((s) => s.kind === 'concern_triage')!;
    const items = await src.open(c.state.db, { ownerId: null, dueBy: null, keys: c.state, now: new Date() });
    expect(items).toEqual([expect.objectContaining({ id: ids.concern, title: expect.stringContaining('дәлізде') as string })]);
    await asCls();
    expect(await src.open(c.state.db, { ownerId: null, dueBy: null, keys: c.state, now: new Date() })).toEqual([]);
  });

  it('the psychologist makes it a case: content re-sealed in protection, the answer written for the author', async () => {
    await asPsy();
    const r = await c.call('concerns.triage', {
      action: 'new_case',
      id: ids.concern!,
      answer: 'Кейс ашылды, психолог айналысады. Рақмет.',
      risk: 'medium',
      leadId: null,
      title: '7 Ә буллинг',
    });
    expect(r.status).toBe('case');
    ids.case = r.caseId!;
    const row = c.state.sqlite.prepare('SELECT intake_sealed, content_enc FROM concerns WHERE id = ?').get(ids.concern) as Record<string, unknown>;
    expect(row.intake_sealed).toBeNull();
    expect(row.content_enc).toBeInstanceOf(Buffer);
    const kase = await c.call('cases.get', { id: ids.case });
    expect(kase).toMatchObject({ number: 1, stage: 'identified', risk: 'medium', leadId: ids.psy, title: '7 Ә буллинг', formOfHarm: 'bullying', summary: WHAT });
    expect(kase.pupils.map((p) => p.role).sort()).toEqual(['initiator', 'targeted', 'witness']);
    // again: a triaged concern is not triaged twice
    expect(code(await c.try('concerns.triage', { action: 'no_action', id: ids.concern!, answer: 'x' }))).toBe('concerns.already_triaged');
    // the author reads the answer, still not the case
    await asCls();
    expect((await c.call('concerns.mine', {}))[0]).toMatchObject({ status: 'case', answer: 'Кейс ашылды, психолог айналысады. Рақмет.' });
    expect(code(await c.try('cases.get', { id: ids.case }))).toBe('auth.forbidden');
  });

  it('a class teacher cannot open the case: auth.forbidden, audited as denied', async () => {
    await asCls();
    const before = lastAuditId();
    expect(code(await c.try('cases.get', { id: ids.case! }))).toBe('auth.forbidden');
    expect(auditSince(before)).toEqual([expect.objectContaining({ action: 'cases.get', outcome: 'denied', account_id: ids.cls })]);
  });

  it('each pupil’s chronology has the concern (dated when it happened) and the case opened, sealed in protection', async () => {
    for (const p of [ids.t!, ids.i!, ids.w!]) {
      const ch = chronology(p);
      expect(ch.map((e) => [e.kind, e.summary])).toEqual(
        expect.arrayContaining([
          ['case_opened', true],
          ['concern', true],
        ]),
      );
      expect(ch.find((e) => e.kind === 'concern')!.occurred_at).toBe('2026-11-27T10:40:00');
    }
    expect(chronology(ids.x!)).toEqual([]);
  });

  it('a concern closed with no action keeps its answer and writes the chronology', async () => {
    await asCls();
    const m = await c.call('concerns.log', { what: 'Ұрыс сияқты көрінді', occurredAt: '2026-11-28', formOfHarm: 'physical', pupils: [{ pupilId: ids.x!, role: 'witness' }] });
    await loginAs('soc', PW.soc);
    const r = await c.call('concerns.triage', { action: 'no_action', id: m.id, answer: 'Тексерілді: ойын болған.' });
    expect(r).toMatchObject({ status: 'no_action', caseId: null });
    expect(chronology(ids.x!).map((e) => e.kind)).toEqual(['concern']);
    // the form of harm and the role are stored as codes: each reader reads them in their language, the text as written
    const line = async () => (await c.call('chronology.list', { pupilId: ids.x!, kinds: ['concern'] })).items[0]?.summary;
    expect(await line()).toBe('Физикалық зорлық-зомбылық (куә): Ұрыс сияқты көрінді');
    await c.call('auth.setLanguage', { language: 'ru' });
    expect(await line()).toBe('Физическое насилие (свидетель): Ұрыс сияқты көрінді');
    await c.call('auth.setLanguage', { language: 'kk' });
  });
});

describe('cases', () => {
  let kase: CaseDetail;
  const refresh = async () => {
    kase = await c.call('cases.get', { id: ids.case! });
  };

  it('stage and risk change with the version the screen read; a stale write is refused and changes nothing', async () => {
    await asPsy();
    await refresh();
    const v = kase.version;
    const moved = await c.call('cases.update', { id: kase.id, version: v, stage: 'assessment', risk: 'high' });
    expect(moved).toMatchObject({ stage: 'assessment', risk: 'high', version: v + 1 });
    // the social pedagogue's screen still shows version v
    await loginAs('soc', PW.soc);
    const stale = await c.try('cases.update', { id: kase.id, version: v, risk: 'low' });
    expect(code(stale)).toBe('cases.stale');
    const note = await c.try('cases.addNote', { caseId: kase.id, version: v, text: 'кеш қалған экран' });
    expect(code(note)).toBe('cases.stale');
    await refresh();
    expect(kase).toMatchObject({ risk: 'high', version: v + 1, notes: [] });
    expect(chronology(ids.t!).filter((e) => e.kind === 'case_stage')).toHaveLength(1);
  });

  it('a task due in 10 days: its owner (a class teacher) sees the task, not the case, and marks it done', async () => {
    await asPsy();
    await refresh();
    kase = await c.call('cases.addTask', { caseId: kase.id, version: kase.version, title: 'Сынып сағатын өткізу', dueOn: '2026-12-10', ownerId: ids.cls!, });
    const task = kase.tasks[0]!;
    expect(task).toMatchObject({ title: 'Сынып сағатын өткізу', dueOn: '2026-12-10', ownerName: 'Сынып жетекшісі', doneAt: null });
    // a task of someone else: the class teacher may not mark it
    kase = await c.call('cases.addTask', { caseId: kase.id, version: kase.version, title: 'Ата-анамен сөйлесу', dueOn: '2026-12-01', ownerId: ids.psy! });
    const other = kase.tasks.find((t) => t.ownerId === ids.psy)!;
    // work sources: by owner and due date
    const src = WORK_SOURCES.find((s) => s.kind === 'case_task')!;
    const clsDue = await src.open(c.state.db, { ownerId: ids.cls!, dueBy: '2026-12-07', keys: c.state, now: new Date() });
    expect(clsDue).toEqual([]);
    const clsLater = await src.open(c.state.db, { ownerId: ids.cls!, dueBy: '2026-12-10', keys: c.state, now: new Date() });
    expect(clsLater).toEqual([expect.objectContaining({ id: task.id, caseId: kase.id, dueOn: '2026-12-10' })]);
    await asCls();
    expect(await c.call('cases.myTasks', {})).toEqual([expect.objectContaining({ id: task.id, title: 'Сынып сағатын өткізу', caseNumber: 1 })]);
    expect(code(await c.try('cases.get', { id: kase.id }))).toBe('auth.forbidden');
    expect(code(await c.try('cases.setTaskDone', { taskId: other.id, version: other.version, done: true }))).toBe('auth.forbidden');
    const done = await c.call('cases.setTaskDone', { taskId: task.id, version: task.version, done: true });
    expect(done.doneAt).not.toBeNull();
    expect(code(await c.try('cases.setTaskDone', { taskId: task.id, version: task.version, done: false }))).toBe('cases.stale');
    expect(await c.call('cases.myTasks', {})).toEqual([]);
  });

  it('notes: a normal note in protection, a confidential one in confidential (the director sees it is there, not its text)', async () => {
    await asPsy();
    await refresh();
    kase = await c.call('cases.addNote', { caseId: kase.id, version: kase.version, text: 'Зардап шегушімен сөйлестім.' });
    kase = await c.call('cases.addNote', { caseId: kase.id, version: kase.version, text: 'Құпия: үйдегі жағдай туралы айтты.', confidential: true });
    expect(kase.notes.map((n) => [n.confidential, n.text])).toEqual([
      [true, 'Құпия: үйдегі жағдай туралы айтты.'],
      [false, 'Зардап шегушімен сөйлестім.'],
    ]);
    const ch = chronology(ids.t!).filter((e) => e.kind === 'case_note');
    expect(ch.map((e) => [e.summary, e.confidential])).toEqual([
      [true, false],
      [false, true],
    ]);
    // the social pedagogue holds no confidential key: cannot write one, reads it as hidden
    await loginAs('soc', PW.soc);
    await refresh();
    expect(code(await c.try('cases.addNote', { caseId: kase.id, version: kase.version, text: 'x', confidential: true }))).toBe('keys.not_holder');
    await asDirector();
    await refresh();
    expect(kase.notes.map((n) => [n.confidential, n.text])).toEqual([
      [true, null],
      [false, 'Зардап шегушімен сөйлестім.'],
    ]);
  });

  it('contacts with parents: who, how, when, outcome; in the pupil’s chronology at the time it happened', async () => {
    await asPsy();
    await refresh();
    kase = await c.call('cases.addContact', {
      caseId: kase.id,
      version: kase.version,
      at: '2026-11-29T16:00',
      method: 'meeting',
      pupilId: ids.t!,
      who: 'Анасы',
      outcome: 'Хабардар етілді, келісті.',
    });
    expect(kase.contacts).toEqual([expect.objectContaining({ method: 'meeting', who: 'Анасы', outcome: 'Хабардар етілді, келісті.', pupilId: ids.t })]);
    expect(chronology(ids.t!).filter((e) => e.kind === 'contact').map((e) => e.occurred_at)).toEqual(['2026-11-29T16:00:00']);
    expect(chronology(ids.i!).filter((e) => e.kind === 'contact')).toEqual([]);
  });

  it('lists are ordered by risk, filtered by stage, risk and worker; the case list is audited with a neutral filter', async () => {
    await asPsy();
    const pupils = [{ pupilId: ids.x!, role: 'targeted' as const }];
    await c.call('cases.create', { title: 'Төмен', formOfHarm: 'neglect', risk: 'low', leadId: ids.soc!, pupils });
    await c.call('cases.create', { title: 'Өткір', formOfHarm: 'suicidal', risk: 'acute', leadId: ids.psy!, pupils });
    const all = await c.call('cases.list', {});
    expect(all.items.map((i) => i.risk)).toEqual(['acute', 'high', 'low']);
    expect((await c.call('cases.list', { risks: ['low'] })).items.map((i) => i.title)).toEqual(['Төмен']);
    expect((await c.call('cases.list', { leadId: ids.soc! })).total).toBe(1);
    expect((await c.call('cases.list', { stages: ['assessment'] })).items.map((i) => i.id)).toEqual([ids.case]);
    expect((await c.call('cases.list', { pupilId: ids.t! })).items.map((i) => i.id)).toEqual([ids.case]);
    const before = lastAuditId();
    const found = await c.call('cases.list', { search: 'БУЛЛИНГ' });
    expect(found.items.map((i) => i.id)).toEqual([ids.case]);
    const [entry] = c.state.sqlite.prepare('SELECT action, details FROM audit_log WHERE id > ?').all(before) as { action: string; details: string }[];
    expect(entry!.action).toBe('cases.list');
    expect(entry!.details).not.toContain('БУЛЛИНГ');
    expect(entry!.details.toLowerCase()).not.toContain('буллинг');
    expect((await c.call('cases.forPupil', { pupilId: ids.x! })).map((i) => i.title)).toEqual(['Өткір', 'Төмен']);
  });

  it('the search follows a changed title (its sealed chunk is rewritten) and is rebuilt when chunks are missing', async () => {
    await asPsy();
    const low = (await c.call('cases.list', { search: 'төмен' })).items[0]!;
    await c.call('cases.update', { id: low.id, version: (await c.call('cases.get', { id: low.id })).version, title: 'Ескерту хат (тест)' });
    expect((await c.call('cases.list', { search: 'төмен' })).total).toBe(0);
    expect((await c.call('cases.list', { search: 'ЕСКЕРТУ' })).items.map((i) => i.id)).toEqual([low.id]);
    // the chunks hold no plaintext
    const blobs = c.state.sqlite.prepare('SELECT text_enc FROM case_search_chunks').all() as { text_enc: Buffer }[];
    expect(blobs.length).toBeGreaterThan(0);
    for (const b of blobs) expect(b.text_enc.toString('utf8')).not.toContain('ескерту');
    c.state.sqlite.prepare('DELETE FROM case_search_chunks').run();
    expect((await c.call('cases.list', { search: 'ескерту' })).items.map((i) => i.id)).toEqual([low.id]);
    // a class teacher's session could not search (and may not list at all)
    await asCls();
    expect(code(await c.try('cases.list', { search: 'ескерту' }))).toBe('auth.forbidden');
  });

  it('closure with the director’s approval where the school asks for it; reopening', async () => {
    await asDirector();
    await c.call('cases.setSettings', { closureApproval: true });
    await asPsy();
    await refresh();
    kase = await c.call('cases.close', { id: kase.id, version: kase.version, reason: 'resolved', outcome: 'Буллинг тоқтады, мониторинг аяқталды.' });
    expect(kase).toMatchObject({ stage: 'assessment', closurePending: true, closure: { state: 'pending', reason: 'resolved' } });
    expect(code(await c.try('cases.decideClosure', { id: kase.id, version: kase.version, approve: true }))).toBe('auth.forbidden');
    await asDirector();
    kase = await c.call('cases.decideClosure', { id: kase.id, version: kase.version, approve: true });
    expect(kase).toMatchObject({ stage: 'closed', closure: { state: 'closed', approvedBy: ADMIN.displayName } });
    expect(chronology(ids.i!).filter((e) => e.kind === 'case_closed')).toHaveLength(1);
    await asPsy();
    await refresh();
    expect(code(await c.try('cases.addNote', { caseId: kase.id, version: kase.version, text: 'кеш' }))).toBe('cases.closed');
    kase = await c.call('cases.reopen', { id: kase.id, version: kase.version, stage: 'monitoring' });
    expect(kase).toMatchObject({ stage: 'monitoring', closure: null, closedAt: null });
    // without approval: closed at once
    await asDirector();
    await c.call('cases.setSettings', { closureApproval: false });
    await asPsy();
    await refresh();
    kase = await c.call('cases.close', { id: kase.id, version: kase.version, reason: 'resolved', outcome: 'Тоқтады.' });
    expect(kase).toMatchObject({ stage: 'closed', closure: { state: 'closed', approvedBy: null } });
  });

  it('into an existing case: its pupils joined; the deputy reads but does not work cases', async () => {
    await asCls();
    const m = await c.call('concerns.log', { what: 'Тағы да', occurredAt: '2026-11-29', formOfHarm: 'cyberbullying', pupils: [{ pupilId: ids.w!, role: 'targeted' }, { pupilId: ids.x!, role: 'initiator' }] });
    await asPsy();
    const open = (await c.call('cases.list', { stages: ['identified'] })).items[0]!;
    const detail = await c.call('cases.get', { id: open.id });
    const r = await c.call('concerns.triage', { action: 'existing_case', id: m.id, answer: 'Бар кейске қосылды.', caseId: open.id, caseVersion: detail.version });
    expect(r.caseNumber).toBe(detail.number);
    expect((await c.call('cases.get', { id: open.id })).pupils.map((p) => p.pupilId).sort()).toEqual([ids.w!, ids.x!].sort());
    await loginAs('dep', PW.dep);
    expect((await c.call('cases.get', { id: open.id })).title).toBe(detail.title);
    expect(code(await c.try('cases.update', { id: open.id, version: detail.version + 1, risk: 'none' }))).toBe('auth.forbidden');
  });
});

describe('the intake key follows the protection compartment', () => {
  it('its private key is a protection field; a class teacher’s session cannot open a sealed concern', async () => {
    const rows = c.state.sqlite.prepare('SELECT protection_epoch, private_enc FROM concern_intake_keys').all() as { protection_epoch: number; private_enc: Buffer }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.private_enc.subarray(0, 2)).toEqual(Buffer.from([0x51, 0x01]));
  });
});
