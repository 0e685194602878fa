/**
 * Guardians (issue 9, item 1): who reads what (plain name/relation/phones/legal representative for every pupil
 * reader, the IIN and "lives with the pupil" only with the protection compartment, sealed in the DB), class scope,
 * stale writes refused, archived pupils read-only, chronology and audit in the same write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../shared/iin';
import { fakePupils, insertPupils } from '../../electron/core/demo/school';
import { seedDemoGuardians } from '../../electron/core/guardians/demo';
import { rotateCompartment } from '../../electron/core/compartments/rotate';
import { ADMIN, createTestCore, type TestCore } from '../harness/core';

let c: TestCore;
const ids: Record<string, string> = {};

async function loginAs(login: string, password: string): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login, password });
}

beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
  await c.call('accounts.create', { login: 'cls7', displayName: '7 Ә жетекшісі', roles: ['class_teacher'], password: 'cls7 password 1' });
  await c.call('accounts.create', { login: 'cls8', displayName: '8 Б жетекшісі', roles: ['class_teacher'], password: 'cls8 password 1' });
  const accounts = await c.call('accounts.list', {});
  await c.call('accounts.setClasses', { id: accounts.find((a) => a.login === 'cls7')!.id, classes: [{ grade: 7, letter: 'Ә' }] });
  await c.call('accounts.setClasses', { id: accounts.find((a) => a.login === 'cls8')!.id, classes: [{ grade: 8, letter: 'Б' }] });
  await loginAs('psy', 'psy password 1');
  ids.p7 = (await c.call('pupils.create', { lastName: 'Демоұлы', firstName: 'Арман', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  ids.p8 = (await c.call('pupils.create', { lastName: 'Сынақова', firstName: 'Дана', grade: 8, classLetter: 'Б', instructionLanguage: 'ru' })).id;
});
afterAll(async () => {
  await c.cleanup();
});

const MOTHER_IIN = makeIin('1985-03-12', 'f', 4321)!;

describe('guardians', () => {
  it('are created with their protected fields sealed, listed in order, and written to the chronology', async () => {
    await loginAs('psy', 'psy password 1');
    const g = await c.call('guardians.create', {
      pupilId: ids.p7!,
      guardian: { fullName: 'Демова Айгүл', relation: 'mother', phones: ['+7 701 000 00 01'], legalRepresentative: true, iin: MOTHER_IIN, livesWithPupil: true },
    });
    expect(g).toMatchObject({ relation: 'mother', phones: ['+7 701 000 00 01'], legalRepresentative: true, iin: MOTHER_IIN, livesWithPupil: true, version: 1 });
    await c.call('guardians.create', { pupilId: ids.p7!, guardian: { fullName: 'Демов Болат', relation: 'father', livesWithPupil: false } });
    const list = await c.call('guardians.list', { pupilId: ids.p7! });
    expect(list.map((x) => x.fullName)).toEqual(['Демова Айгүл', 'Демов Болат']);
    ids.mother = g.id;
    // the IIN and "lives with" are ciphertext in the DB; the name is plain (a class teacher reads it)
    const row = c.state.sqlite.prepare('SELECT * FROM guardians WHERE id = ?').get(g.id) as Record<string, unknown>;
    expect(row.full_name).toBe('Демова Айгүл');
    expect(Buffer.from(row.iin_enc as Uint8Array).toString('latin1')).not.toContain(MOTHER_IIN);
    expect(row.lives_with_enc).toBeInstanceOf(Uint8Array);
    const chrono = c.state.sqlite.prepare(`SELECT kind, source_table, source_id, summary_enc FROM chronology WHERE pupil_id = ?`).all(ids.p7) as { kind: string; source_id: string; summary_enc: Uint8Array }[];
    expect(chrono.filter((e) => e.kind === 'guardian').map((e) => e.source_id).sort()).toEqual(list.map((x) => x.id).sort());
    expect(Buffer.from(chrono[0]!.summary_enc).toString('utf8')).not.toContain('Демова');
    // the line reads in the reader's language, not in both at once
    const lines = async () => (await c.call('chronology.list', { pupilId: ids.p7! })).items.filter((e) => e.kind === 'guardian').map((e) => e.summary).sort();
    expect(await lines()).toEqual(['Анасы: Демова Айгүл (заңды өкіл)', 'Әкесі: Демов Болат']);
    await c.call('auth.setLanguage', { language: 'ru' });
    expect(await lines()).toEqual(['Мать: Демова Айгүл (законный представитель)', 'Отец: Демов Болат']);
    await c.call('auth.setLanguage', { language: 'kk' });
  });

  it('refuses a bad phone or IIN (validation) and an unknown pupil (not_found)', async () => {
    const phone = await c.try('guardians.create', { pupilId: ids.p7!, guardian: { fullName: 'А', relation: 'other', phones: ['call me'] } });
    expect(phone.ok ? null : phone.error.code).toBe('validation');
    const iin = await c.try('guardians.create', { pupilId: ids.p7!, guardian: { fullName: 'А', relation: 'other', iin: '123456789012' } });
    expect(iin.ok ? null : iin.error.code).toBe('validation');
    const none = await c.try('guardians.create', { pupilId: '00000000-0000-4000-8000-000000000000', guardian: { fullName: 'А', relation: 'other' } });
    expect(none.ok ? null : none.error.code).toBe('not_found');
  });

  it('refuses a stale update and a stale removal: "changed since you opened it"', async () => {
    const opened = (await c.call('guardians.list', { pupilId: ids.p7! })).find((g) => g.id === ids.mother)!;
    const first = await c.call('guardians.update', {
      id: opened.id,
      version: opened.version,
      guardian: { fullName: 'Демова Айгүл', relation: 'mother', phones: ['+7 701 000 00 02'], legalRepresentative: true, iin: MOTHER_IIN, livesWithPupil: true },
    });
    expect(first.version).toBe(opened.version + 1);
    // a second screen opened before the first save
    const stale = await c.try('guardians.update', {
      id: opened.id,
      version: opened.version,
      guardian: { fullName: 'Басқа аты', relation: 'mother', phones: [] },
    });
    expect(stale.ok ? null : stale.error.code).toBe('guardians.stale');
    const staleRemove = await c.try('guardians.remove', { id: opened.id, version: opened.version });
    expect(staleRemove.ok ? null : staleRemove.error.code).toBe('guardians.stale');
    const now = (await c.call('guardians.list', { pupilId: ids.p7! })).find((g) => g.id === ids.mother)!;
    expect(now.fullName).toBe('Демова Айгүл');
    expect(now.phones).toEqual(['+7 701 000 00 02']);
  });

  it('a class teacher reads the guardians of their own class without the protection fields, and nothing of another class', async () => {
    await loginAs('cls7', 'cls7 password 1');
    const own = await c.call('guardians.list', { pupilId: ids.p7! });
    expect(own.length).toBe(2);
    for (const g of own) {
      expect(g.iin).toBeNull();
      expect(g.livesWithPupil).toBeNull();
    }
    expect(own[0]!.phones).toEqual(['+7 701 000 00 02']);
    await loginAs('cls8', 'cls8 password 1');
    const other = await c.try('guardians.list', { pupilId: ids.p7! });
    expect(other.ok ? null : other.error.code).toBe('auth.forbidden');
    const write = await c.try('guardians.create', { pupilId: ids.p8!, guardian: { fullName: 'Сынақов Ерлан', relation: 'father' } });
    expect(write.ok ? null : write.error.code).toBe('auth.forbidden');
  });

  it('a rotation of the protection compartment re-encrypts the guardians\' sealed fields, still readable', async () => {
    await loginAs('psy', 'psy password 1');
    const before = c.state.sqlite.prepare('SELECT iin_enc FROM guardians WHERE id = ?').get(ids.mother) as { iin_enc: Uint8Array };
    await rotateCompartment(c.state, 'protection');
    const after = c.state.sqlite.prepare('SELECT iin_enc FROM guardians WHERE id = ?').get(ids.mother) as { iin_enc: Uint8Array };
    expect(Buffer.from(after.iin_enc).equals(Buffer.from(before.iin_enc))).toBe(false);
    const g = (await c.call('guardians.list', { pupilId: ids.p7! })).find((x) => x.id === ids.mother)!;
    expect(g).toMatchObject({ iin: MOTHER_IIN, livesWithPupil: true });
  });

  it('removes a guardian with its chronology entry; every write and list is audited without names', async () => {
    await loginAs('psy', 'psy password 1');
    const g = await c.call('guardians.create', { pupilId: ids.p8!, guardian: { fullName: 'Сынақов Ерлан', relation: 'father' } });
    await c.call('guardians.remove', { id: g.id, version: g.version });
    expect(await c.call('guardians.list', { pupilId: ids.p8! })).toEqual([]);
    expect(c.state.sqlite.prepare(`SELECT count(*) AS n FROM chronology WHERE source_id = ?`).get(g.id)).toEqual({ n: 0 });
    const actions = (c.state.sqlite.prepare(`SELECT action, outcome FROM audit_log WHERE action LIKE 'guardians.%'`).all() as { action: string; outcome: string }[]).map((a) => `${a.action}:${a.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['guardians.create:ok', 'guardians.update:ok', 'guardians.remove:ok', 'guardians.list:ok', 'guardians.list:denied']));
    const audit = JSON.stringify(c.state.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(audit).not.toContain('Сынақов');
    expect(audit).not.toContain(MOTHER_IIN);
  });
});

describe('archive', () => {
  it('archives with a reason and date; the archived pupil is read-only, hidden by default, listed with "include archived"', async () => {
    await loginAs('psy', 'psy password 1');
    const p = await c.call('pupils.archive', { id: ids.p8!, reason: 'transferred', date: '2026-11-20' });
    expect(p).toMatchObject({ archived: true, archiveReason: 'transferred', archivedOn: '2026-11-20' });
    const upd = await c.try('pupils.update', { id: ids.p8!, pupil: { lastName: 'Сынақова', firstName: 'Дана', grade: 9, classLetter: 'Б', instructionLanguage: 'ru' } });
    expect(upd.ok ? null : upd.error.code).toBe('pupils.archived');
    const g = await c.try('guardians.create', { pupilId: ids.p8!, guardian: { fullName: 'Сынақов Ерлан', relation: 'father' } });
    expect(g.ok ? null : g.error.code).toBe('pupils.archived');
    const again = await c.try('pupils.archive', { id: ids.p8!, reason: 'other', date: '2026-11-21' });
    expect(again.ok ? null : again.error.code).toBe('pupils.archived');
    expect((await c.call('pupils.list', {})).items.map((x) => x.id)).not.toContain(ids.p8);
    expect((await c.call('pupils.list', { includeArchived: true })).items.map((x) => x.id)).toContain(ids.p8);
    // still readable, and its guardians too
    expect((await c.call('pupils.get', { id: ids.p8! })).archived).toBe(true);
    const chrono = c.state.sqlite.prepare(`SELECT kind, occurred_at FROM chronology WHERE pupil_id = ? AND kind = 'pupil_archived'`).all(ids.p8);
    expect(chrono).toEqual([{ kind: 'pupil_archived', occurred_at: '2026-11-20' }]);
    const restored = await c.call('pupils.restore', { id: ids.p8! });
    expect(restored).toMatchObject({ archived: false, archiveReason: null, archivedOn: null });
  });

  it('a class teacher may not archive', async () => {
    await loginAs('cls8', 'cls8 password 1');
    const r = await c.try('pupils.archive', { id: ids.p8!, reason: 'other', date: '2026-11-20' });
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
  });
});

describe('move up a grade', () => {
  it('previews, then moves every active pupil up one grade, graduates the top grade, moves class teachers with their classes', async () => {
    const d = await createTestCore();
    try {
      await d.call('accounts.create', { login: 'cls', displayName: 'Жетекші', roles: ['class_teacher'], password: 'cls password 1' });
      const cls = (await d.call('accounts.list', {})).find((a) => a.login === 'cls')!;
      await d.call('accounts.setClasses', { id: cls.id, classes: [{ grade: 7, letter: 'А' }, { grade: 11, letter: 'Б' }] });
      await d.call('accounts.create', { login: 'dep', displayName: 'Орынбасар', roles: ['deputy_director'], password: 'dep password 1' });
      await d.call('auth.lock', {});
      await d.call('auth.login', { login: 'dep', password: 'dep password 1' });
      const made: Record<string, string> = {};
      for (const [k, grade, letter] of [['a', 0, 'А'], ['b', 7, 'А'], ['c', 7, 'А'], ['d', 11, 'Б'], ['e', 10, 'В'], ['x', 5, 'А']] as const) {
        made[k] = (await d.call('pupils.create', { lastName: `Оқушы${k}`, firstName: 'Тест', grade, classLetter: letter, instructionLanguage: 'kk' })).id;
      }
      await d.call('pupils.archive', { id: made.x!, reason: 'transferred', date: '2026-10-01' });
      const preview = await d.call('pupils.promotePreview', {});
      expect(preview).toEqual({ byGrade: [{ grade: 0, pupils: 1 }, { grade: 7, pupils: 2 }, { grade: 10, pupils: 1 }, { grade: 11, pupils: 1 }], graduating: 1, moved: 5, lastPromotion: null });
      // nothing written by the preview
      expect((await d.call('pupils.get', { id: made.b! })).grade).toBe(7);
      // a count that no longer matches is refused
      const wrong = await d.try('pupils.promote', { expected: 4, date: '2027-06-01' });
      expect(wrong.ok ? null : wrong.error.code).toBe('conflict');
      expect(await d.call('pupils.promote', { expected: 5, date: '2027-06-01' })).toEqual(preview);
      const got = async (k: string) => d.call('pupils.get', { id: made[k]! });
      expect((await got('a')).grade).toBe(1);
      expect((await got('b')).grade).toBe(8);
      expect((await got('e')).grade).toBe(11);
      expect(await got('d')).toMatchObject({ grade: 11, archived: true, archiveReason: 'graduated', archivedOn: '2027-06-01' });
      // the archived pupil stays where they were
      expect((await got('x')).grade).toBe(5);
      // a second move up the same year (a double click, a second screen) is refused, even with the right count
      const again = await d.call('pupils.promotePreview', {});
      expect(again.lastPromotion).toBe('2027-06-01');
      const twice = await d.try('pupils.promote', { expected: again.moved, date: '2027-06-02' });
      expect(twice.ok ? null : twice.error.code).toBe('pupils.promoted_recently');
      expect((await got('b')).grade).toBe(8);
      // one audited write
      const audit = d.state.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'pupils.promote' AND outcome = 'ok'`).get();
      expect(audit).toEqual({ n: 1 });
      await d.call('auth.lock', {});
      await d.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
      expect(await d.call('accounts.classes', { id: cls.id })).toEqual([{ grade: 8, letter: 'А' }]);
    } finally {
      await d.cleanup();
    }
  });

  it('with a 12th grade, the 11th moves up and the 12th graduates; a class teacher may not promote', async () => {
    const d = await createTestCore();
    try {
      await d.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
      await d.call('accounts.create', { login: 'cls', displayName: 'Жетекші', roles: ['class_teacher'], password: 'cls password 1' });
      await d.call('auth.lock', {});
      await d.call('auth.login', { login: 'psy', password: 'psy password 1' });
      const p11 = await d.call('pupils.create', { lastName: 'Он бір', firstName: 'Тест', grade: 11, instructionLanguage: 'kk' });
      const p12 = await d.call('pupils.create', { lastName: 'Он екі', firstName: 'Тест', grade: 12, instructionLanguage: 'kk' });
      const preview = await d.call('pupils.promotePreview', { topGrade: 12 });
      expect(preview.graduating).toBe(1);
      await d.call('pupils.promote', { topGrade: 12, expected: preview.moved, date: '2027-06-01' });
      expect(await d.call('pupils.get', { id: p11.id })).toMatchObject({ grade: 12, archived: false });
      expect(await d.call('pupils.get', { id: p12.id })).toMatchObject({ grade: 12, archived: true, archiveReason: 'graduated' });
      await d.call('auth.lock', {});
      await d.call('auth.login', { login: 'cls', password: 'cls password 1' });
      const r = await d.try('pupils.promote', { expected: 0, date: '2027-06-01' });
      expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
    } finally {
      await d.cleanup();
    }
  });
});

describe('demo guardians', () => {
  it('the seeder gives most demo pupils a parent and archives three leavers, dated from the clock', async () => {
    const d = await createTestCore();
    try {
      const now = new Date('2026-11-30T09:00:00Z');
      await insertPupils(d, fakePupils(120), now);
      await seedDemoGuardians(d, now);
      const withGuardian = d.state.sqlite.prepare('SELECT count(DISTINCT pupil_id) AS n FROM guardians').get() as { n: number };
      expect(withGuardian.n).toBeGreaterThan(90);
      const leavers = d.state.sqlite.prepare('SELECT archive_reason, archived_on FROM pupils WHERE archived = 1').all() as { archive_reason: string; archived_on: string }[];
      expect(leavers).toHaveLength(2);
      for (const l of leavers) expect(l.archived_on > '2026-09-01' && l.archived_on < '2026-11-30').toBe(true);
      const g = (await d.call('guardians.list', { pupilId: (d.state.sqlite.prepare('SELECT pupil_id FROM guardians LIMIT 1').get() as { pupil_id: string }).pupil_id }))[0]!;
      expect(g.phones[0]).toMatch(/^\+7 700 000 \d\d \d\d$/);
      expect(g.livesWithPupil).not.toBeNull();
    } finally {
      await d.cleanup();
    }
  });
});
