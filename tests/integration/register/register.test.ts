/**
 * The intra-school register (issue 9, item 3): put on and take off with a decision, grounds from the school's list,
 * reviews due by date, outside registers, the prevention plan's measures as work, stale writes refused, the pupil's
 * register flag and chronology kept in step, welfare fields sealed, access by role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterEntry } from '../../../shared/register';
import { rotateCompartment } from '../../../electron/core/compartments/rotate';
import { WORK_SOURCES } from '../../../electron/core/worklists/sources';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
const ids: Record<string, string> = {};
const PASS = { psy: 'psy password 1', soc: 'soc password 1', cls: 'cls password 1', sec: 'sec password 1', itman: 'it password 1' } as const;

async function loginAs(login: keyof typeof PASS | 'director'): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login, password: login === 'director' ? ADMIN.password : PASS[login] });
}

/** Moves the clock (the session would idle-lock across the jump: log in again after it). */
async function setToday(date: string, login: keyof typeof PASS | 'director'): Promise<void> {
  await c.call('auth.lock', {});
  c.platform.setNow(new Date(`${date}T09:00:00`));
  await c.call('auth.login', { login, password: login === 'director' ? ADMIN.password : PASS[login] });
}

function code(r: { ok: boolean; error?: { code: string } }): string | null {
  return r.ok ? null : (r.error?.code ?? null);
}

async function groundIds(n = 2): Promise<string[]> {
  return (await c.call('register.grounds', {})).filter((g) => !g.retired).slice(0, n).map((g) => g.id);
}

async function work(kind: 'register_review' | 'prevention_measure', ownerId: string | null, dueBy: string | null) {
  const src = WORK_SOURCES.find((s) => s.kind === kind)!;
  return src.open(c.state.db, { ownerId, dueBy, keys: c.state, now: c.platform.now() });
}

beforeAll(async () => {
  c = await createTestCore();
  c.platform.setNow(new Date('2026-11-30T09:00:00'));
  await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  for (const [login, role] of [
    ['psy', 'psychologist'],
    ['soc', 'social_pedagogue'],
    ['cls', 'class_teacher'],
    ['sec', 'council_secretary'],
    ['itman', 'administrator'],
  ] as const) {
    ids[login] = (await c.call('accounts.create', { login, displayName: `Тест ${login}`, roles: [role], password: PASS[login] })).id;
  }
  await loginAs('psy');
  for (const [key, last] of [
    ['p1', 'Бірінші'],
    ['p2', 'Екінші'],
    ['p3', 'Үшінші'],
  ] as const) {
    ids[key] = (await c.call('pupils.create', { lastName: last, firstName: 'Оқушы', grade: 7, classLetter: 'А', instructionLanguage: 'kk' })).id;
  }
}, 120_000);
afterAll(async () => c?.cleanup());

describe('grounds of registration', () => {
  it('are seeded in kk and ru and edited by the school; a ground in use is retired, not deleted', async () => {
    await loginAs('soc');
    const seeded = await c.call('register.grounds', {});
    expect(seeded.length).toBeGreaterThanOrEqual(8);
    expect(seeded.every((g) => g.labelKk.length > 0 && g.labelRu.length > 0 && g.code !== null)).toBe(true);
    expect(seeded.find((g) => g.code === 'systematic_absence')?.labelRu).toMatch(/пропуски/);
    const edited = await c.call('register.saveGrounds', {
      grounds: [...seeded.map((g) => ({ id: g.id, labelKk: g.labelKk, labelRu: g.labelRu, retired: g.retired })), { labelKk: 'Мектептің өз негіздемесі', labelRu: 'Собственное основание школы' }],
    });
    expect(edited).toHaveLength(seeded.length + 1);
    expect(edited.at(-1)).toMatchObject({ code: null, labelKk: 'Мектептің өз негіздемесі' });
    // an unused ground left out is deleted
    const dropped = await c.call('register.saveGrounds', { grounds: edited.slice(0, -1).map((g) => ({ id: g.id, labelKk: g.labelKk, labelRu: g.labelRu, retired: g.retired })) });
    expect(dropped).toHaveLength(seeded.length);
  });
});

describe('putting on and taking off', () => {
  let entry: RegisterEntry;

  it('puts a pupil on with a decision and grounds, sets the register flag, writes the chronology, seals the welfare fields', async () => {
    await loginAs('soc');
    const grounds = await groundIds(2);
    entry = await c.call('register.putOn', {
      pupilId: ids.p1!,
      decision: { number: '3', date: '2026-11-20', body: 'council' },
      groundIds: grounds,
      notes: 'Сабаққа жиі келмейді',
      curatorId: ids.soc!,
    });
    expect(entry).toMatchObject({ pupilId: ids.p1, on: { number: '3', date: '2026-11-20', body: 'council' }, off: null, groundIds: grounds, version: 1 });
    // default review: one quarter on (2027-02-20 lies inside quarter III of the default calendar)
    expect(entry.nextReviewOn).toBe('2027-02-20');
    expect((await c.call('pupils.get', { id: ids.p1! })).onRegister).toBe(true);
    expect((await c.call('pupils.list', { onRegister: true })).items.map((p) => p.id)).toEqual([ids.p1]);
    const chron = c.state.sqlite.prepare('SELECT kind, occurred_at, summary_enc FROM chronology WHERE pupil_id = ?').all(ids.p1) as { kind: string; occurred_at: string; summary_enc: Buffer }[];
    expect(chron.map((r) => [r.kind, r.occurred_at])).toEqual([['register_on', '2026-11-20']]);
    const raw = JSON.stringify(c.state.sqlite.prepare('SELECT * FROM register_entries').all()) + chron.map((r) => r.summary_enc.toString('latin1')).join('');
    expect(raw).not.toContain('келмейді');
    expect(raw).not.toContain(grounds[0]);
  });

  it('refuses to put the same pupil on twice, a retired or unknown ground, an archived pupil', async () => {
    const grounds = await groundIds(1);
    const twice = await c.try('register.putOn', { pupilId: ids.p1!, decision: { number: '4', date: '2026-11-25', body: 'director' }, groundIds: grounds });
    expect(code(twice)).toBe('register.already_on');
    const all = await c.call('register.grounds', {});
    await c.call('register.saveGrounds', { grounds: all.map((g, i) => ({ id: g.id, labelKk: g.labelKk, labelRu: g.labelRu, retired: i === all.length - 1 })) });
    const retired = await c.try('register.putOn', { pupilId: ids.p2!, decision: { number: '5', date: '2026-11-25', body: 'council' }, groundIds: [all.at(-1)!.id] });
    expect(code(retired)).toBe('register.bad_ground');
    const unknown = await c.try('register.putOn', { pupilId: ids.p2!, decision: { number: '5', date: '2026-11-25', body: 'council' }, groundIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(code(unknown)).toBe('register.bad_ground');
    // the ground in use cannot be deleted
    const inUse = await c.try('register.saveGrounds', { grounds: all.slice(1).map((g) => ({ id: g.id, labelKk: g.labelKk, labelRu: g.labelRu, retired: false })) });
    expect(code(inUse)).toBe('register.ground_in_use');
    await loginAs('psy');
    await c.call('pupils.archive', { id: ids.p3!, reason: 'transferred', date: '2026-11-20' });
    await loginAs('soc');
    const archived = await c.try('register.putOn', { pupilId: ids.p3!, decision: { number: '6', date: '2026-11-25', body: 'council' }, groundIds: grounds });
    expect(code(archived)).toBe('register.pupil_archived');
  });

  it('records reviews; a stale screen is refused; the next review defaults to a quarter on', async () => {
    const stale = entry.version;
    const reviewed = await c.call('register.review', { entryId: entry.id, version: stale, reviewedOn: '2026-11-28', outcome: 'no_change', note: 'Бақылау жалғасады' });
    expect(reviewed.version).toBe(stale + 1);
    expect(reviewed.reviews[0]).toMatchObject({ reviewedOn: '2026-11-28', outcome: 'no_change', note: 'Бақылау жалғасады', nextReviewOn: '2027-02-28', writtenBy: 'Тест soc' });
    expect(reviewed.nextReviewOn).toBe('2027-02-28');
    // the same form submitted again from the old screen
    const again = await c.try('register.review', { entryId: entry.id, version: stale, reviewedOn: '2026-11-29', outcome: 'improved' });
    expect(code(again)).toBe('register.changed');
    const before = await c.try('register.review', { entryId: entry.id, version: reviewed.version, reviewedOn: '2026-11-01', outcome: 'improved' });
    expect(code(before)).toBe('register.bad_dates');
    entry = reviewed;
  });

  it('shows a review as due once its date comes (clock moved), in the list and in the curator’s work list', async () => {
    const now = await c.call('register.list', {});
    expect(now.items.map((i) => [i.entryId, i.reviewDue])).toEqual([[entry.id, false]]);
    expect(now.dueCount).toBe(0);
    expect(await work('register_review', ids.soc!, '2026-12-07')).toEqual([]);
    await setToday('2027-03-01', 'soc');
    const later = await c.call('register.list', {});
    expect(later.items[0]).toMatchObject({ entryId: entry.id, reviewDue: true, nextReviewOn: '2027-02-28', curatorName: 'Тест soc', lastName: 'Бірінші' });
    expect(later.dueCount).toBe(1);
    expect((await c.call('register.list', { dueOnly: true })).items).toHaveLength(1);
    const items = await work('register_review', ids.soc!, '2027-03-01');
    expect(items).toMatchObject([{ id: entry.id, kind: 'register_review', pupilId: ids.p1, dueOn: '2027-02-28', ownerId: ids.soc, link: `/register?pupil=${ids.p1}` }]);
    expect(items[0]!.title).toMatch(/ \/ /);
    expect(await work('register_review', ids.psy!, '2027-03-01')).toEqual([]);
    await setToday('2026-11-30', 'soc');
  });

  it('takes the pupil off: closes the entry, clears the flag, no more reviews due; a second take-off is refused', async () => {
    const off = await c.call('register.takeOff', { entryId: entry.id, version: entry.version, decision: { number: '9', date: '2026-11-30', body: 'director' }, reason: 'Жағдайы түзелді' });
    expect(off).toMatchObject({ off: { number: '9', date: '2026-11-30', body: 'director' }, offReason: 'Жағдайы түзелді', nextReviewOn: null });
    expect((await c.call('pupils.get', { id: ids.p1! })).onRegister).toBe(false);
    expect((await c.call('register.list', {})).items).toEqual([]);
    expect((await c.call('register.list', { includeClosed: true })).items.map((i) => i.offDate)).toEqual(['2026-11-30']);
    expect(await work('register_review', null, null)).toEqual([]);
    expect(code(await c.try('register.takeOff', { entryId: entry.id, version: off.version, decision: { number: '10', date: '2026-11-30', body: 'director' } }))).toBe('register.not_on');
    expect(code(await c.try('register.takeOff', { entryId: entry.id, version: entry.version, decision: { number: '10', date: '2026-11-30', body: 'director' } }))).toBe('register.changed');
    const kinds = c.state.sqlite.prepare('SELECT kind FROM chronology WHERE pupil_id = ? ORDER BY occurred_at').all(ids.p1).map((r) => (r as { kind: string }).kind);
    expect(kinds).toEqual(['register_on', 'register_review', 'register_off']);
    // taking off before putting on is refused
    const p2 = await c.call('register.putOn', { pupilId: ids.p2!, decision: { number: '11', date: '2026-11-25', body: 'council' }, groundIds: await groundIds(1) });
    expect(code(await c.try('register.takeOff', { entryId: p2.id, version: p2.version, decision: { number: '12', date: '2026-11-01', body: 'council' } }))).toBe('register.bad_dates');
  });

  it('a pupil taken off can be put on again: the card lists the open entry first', async () => {
    const again = await c.call('register.putOn', { pupilId: ids.p1!, decision: { number: '15', date: '2026-11-30', body: 'council' }, groundIds: await groundIds(1), firstReviewOn: '2026-12-15' });
    const card = await c.call('register.forPupil', { pupilId: ids.p1! });
    expect(card.entries.map((e) => e.id)).toEqual([again.id, entry.id]);
    expect(card.entries[0]!.nextReviewOn).toBe('2026-12-15');
    expect((await c.call('pupils.get', { id: ids.p1! })).onRegister).toBe(true);
  });
});

describe('the individual prevention plan', () => {
  it('keeps measures (responsible account or free text, due, done + result); open ones are work of their owner', async () => {
    await loginAs('soc');
    const card = await c.call('register.forPupil', { pupilId: ids.p1! });
    const entry = card.entries[0]!;
    let e = await c.call('register.saveMeasure', { entryId: entry.id, what: 'Ата-анамен жеке әңгіме', responsibleId: ids.psy!, dueOn: '2026-12-05' });
    e = await c.call('register.saveMeasure', { entryId: entry.id, what: 'Үйге бару', responsibleText: 'Учаскелік инспектор', dueOn: '2026-12-20' });
    expect(e.measures.map((m) => [m.what, m.responsibleName, m.responsibleText, m.position])).toEqual([
      ['Ата-анамен жеке әңгіме', 'Тест psy', '', 0],
      ['Үйге бару', null, 'Учаскелік инспектор', 1],
    ]);
    const mine = await work('prevention_measure', ids.psy!, '2026-12-07');
    expect(mine).toMatchObject([{ kind: 'prevention_measure', title: 'Ата-анамен жеке әңгіме', dueOn: '2026-12-05', ownerId: ids.psy, pupilId: ids.p1 }]);
    expect(await work('prevention_measure', null, '2026-12-31')).toHaveLength(2);
    const first = e.measures[0]!;
    const done = await c.call('register.saveMeasure', { entryId: entry.id, id: first.id, version: first.version, what: first.what!, responsibleId: ids.psy!, dueOn: '2026-12-05', doneOn: '2026-12-01', result: 'Келісім жасалды' });
    expect(done.measures[0]).toMatchObject({ doneOn: '2026-12-01', result: 'Келісім жасалды', version: 2 });
    expect(await work('prevention_measure', ids.psy!, null)).toEqual([]);
    // the old screen's edit is refused
    const stale = await c.try('register.saveMeasure', { entryId: entry.id, id: first.id, version: first.version, what: 'басқа', responsibleId: null });
    expect(code(stale)).toBe('register.changed');
    const list = await c.call('register.list', { today: '2026-12-25' });
    expect(list.items.find((i) => i.entryId === entry.id)).toMatchObject({ openMeasures: 1, overdueMeasures: 1 });
    const plan = c.state.sqlite.prepare("SELECT count(*) AS n FROM chronology WHERE pupil_id = ? AND kind = 'prevention_plan'").get(ids.p1) as { n: number };
    expect(plan.n).toBe(2);
    const removed = await c.call('register.removeMeasure', { id: done.measures[1]!.id, version: done.measures[1]!.version });
    expect(removed.measures).toHaveLength(1);
    expect((c.state.sqlite.prepare("SELECT count(*) AS n FROM chronology WHERE pupil_id = ? AND kind = 'prevention_plan'").get(ids.p1) as { n: number }).n).toBe(1);
    const raw = JSON.stringify(c.state.sqlite.prepare('SELECT * FROM prevention_measures').all());
    expect(raw).not.toContain('Ата-анамен');
    // the chronology's lines are stored without a language and read in the reader's
    const lines = async () => (await c.call('chronology.list', { pupilId: ids.p1!, kinds: ['register_off', 'prevention_plan'] })).items.map((i) => i.summary);
    expect(await lines()).toEqual(['Жеке профилактика жоспары: Ата-анамен жеке әңгіме (орындалды 2026-12-01)', 'Мектепішілік есептен шығарылды: директордың шешімі № 9, 2026-11-30']);
    await c.call('auth.setLanguage', { language: 'ru' });
    expect(await lines()).toEqual(['Индивидуальный план профилактики: Ата-анамен жеке әңгіме (выполнено 2026-12-01)', 'Снят с внутришкольного учёта: решение директора № 9 от 2026-11-30']);
    await c.call('auth.setLanguage', { language: 'kk' });
    // measures of a closed entry are no longer work
    await c.call('register.saveMeasure', { entryId: entry.id, what: 'Сынып сағаты', responsibleId: ids.soc!, dueOn: '2026-12-10' });
    const fresh = (await c.call('register.forPupil', { pupilId: ids.p1! })).entries[0]!;
    await c.call('register.takeOff', { entryId: fresh.id, version: fresh.version, decision: { number: '20', date: '2026-11-30', body: 'council' } });
    expect(await work('prevention_measure', ids.soc!, null)).toEqual([]);
    const closedAdd = await c.try('register.saveMeasure', { entryId: entry.id, what: 'Тағы бір', responsibleId: null });
    expect(code(closedAdd)).toBe('register.not_on');
  });
});

describe('registers held elsewhere', () => {
  it('records juvenile police and КДН registrations with dates; the body is sealed; stale edits refused', async () => {
    await loginAs('soc');
    const x = await c.call('register.saveExternal', { pupilId: ids.p2!, body: 'kdn', fromDate: '2026-10-01', note: 'КТІЖК қаулысы' });
    expect(x).toMatchObject({ body: 'kdn', fromDate: '2026-10-01', toDate: null, note: 'КТІЖК қаулысы', version: 1 });
    const y = await c.call('register.saveExternal', { id: x.id, version: 1, pupilId: ids.p2!, body: 'kdn', fromDate: '2026-10-01', toDate: '2026-11-15' });
    expect(y).toMatchObject({ toDate: '2026-11-15', version: 2 });
    expect(code(await c.try('register.saveExternal', { id: x.id, version: 1, pupilId: ids.p2!, body: 'juvenile_police', fromDate: '2026-10-01' }))).toBe('register.changed');
    expect(code(await c.try('register.saveExternal', { pupilId: ids.p2!, body: 'juvenile_police', fromDate: '2026-10-01', toDate: '2026-09-01' }))).toBe('register.bad_dates');
    const raw = JSON.stringify(c.state.sqlite.prepare('SELECT * FROM register_external').all());
    expect(raw).not.toContain('kdn');
    expect((await c.call('register.forPupil', { pupilId: ids.p2! })).external).toHaveLength(1);
    await c.call('register.removeExternal', { id: x.id, version: 2 });
    expect((await c.call('register.forPupil', { pupilId: ids.p2! })).external).toHaveLength(0);
    expect((c.state.sqlite.prepare("SELECT count(*) AS n FROM chronology WHERE kind = 'register_external'").get() as { n: number }).n).toBe(0);
  });
});

describe('who may see and change the register', () => {
  it('a class teacher and the IT administrator get nothing; the council secretary reads only', async () => {
    for (const login of ['cls', 'itman'] as const) {
      await loginAs(login);
      expect(code(await c.try('register.list', {}))).toBe('auth.forbidden');
      expect(code(await c.try('register.forPupil', { pupilId: ids.p1! }))).toBe('auth.forbidden');
      expect(code(await c.try('register.grounds', {}))).toBe('auth.forbidden');
      expect(code(await c.try('register.putOn', { pupilId: ids.p3!, decision: { number: '1', date: '2026-11-30', body: 'council' }, groundIds: ['00000000-0000-4000-8000-000000000000'] }))).toBe('auth.forbidden');
    }
    await loginAs('sec');
    expect((await c.call('register.list', { includeClosed: true })).items.length).toBeGreaterThan(0);
    expect((await c.call('register.forPupil', { pupilId: ids.p1! })).entries[0]!.groundIds).not.toBeNull();
    expect(code(await c.try('register.review', { entryId: '00000000-0000-4000-8000-000000000000', version: 1, reviewedOn: '2026-11-30', outcome: 'improved' }))).toBe('auth.forbidden');
    await loginAs('director');
    expect((await c.call('register.forPupil', { pupilId: ids.p2! })).entries).toHaveLength(1);
    const views = await c.call('audit.list', { action: 'register.forPupil' });
    expect(views.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(c.state.sqlite.prepare('SELECT * FROM audit_log').all())).not.toContain('Бірінші');
  });

  it('a social pedagogue whose protection key still waits for the director cannot write, and reads nothing sealed', async () => {
    await loginAs('itman');
    await c.call('accounts.create', { login: 'soc2', displayName: 'Жаңа педагог', roles: ['social_pedagogue'], password: 'soc2 password 1' });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'soc2', password: 'soc2 password 1' });
    const grounds = (await c.call('register.grounds', {})).slice(0, 1).map((g) => g.id);
    const r = await c.try('register.putOn', { pupilId: ids.p3!, decision: { number: '1', date: '2026-11-30', body: 'council' }, groundIds: grounds });
    expect(code(r)).toBe('keys.not_holder');
    const card = await c.call('register.forPupil', { pupilId: ids.p2! });
    expect(card.entries[0]).toMatchObject({ groundIds: null, notes: null });
    expect((await work('register_review', null, null)).every((w) => w.title === null)).toBe(true);
  });

  it('a rotation of the protection compartment (a role removed) re-seals every register field', async () => {
    await loginAs('soc');
    const before = await c.call('register.forPupil', { pupilId: ids.p1! });
    const rawBefore = c.state.sqlite.prepare('SELECT notes_enc FROM register_entries WHERE pupil_id = ?').all(ids.p1) as { notes_enc: Buffer }[];
    await rotateCompartment(c.state, 'protection');
    const rawAfter = c.state.sqlite.prepare('SELECT notes_enc FROM register_entries WHERE pupil_id = ?').all(ids.p1) as { notes_enc: Buffer }[];
    expect(rawAfter.map((r) => r.notes_enc.toString('hex'))).not.toEqual(rawBefore.map((r) => r.notes_enc.toString('hex')));
    expect(await c.call('register.forPupil', { pupilId: ids.p1! })).toEqual(before);
  });
});
