import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../shared/iin';
import { createTestCore, type TestCore } from '../harness/core';

let c: TestCore;
beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
});
afterAll(async () => {
  await c.cleanup();
});

describe('pupils', () => {
  it('validates the IIN, derives birth date and sex, refuses a duplicate IIN', async () => {
    const iin = makeIin('2013-05-04', 'f', 101)!;
    const p = await c.call('pupils.create', { iin, lastName: 'Демоқызы', firstName: 'Әсел', grade: 6, classLetter: 'Ә', instructionLanguage: 'kk' });
    expect(p.birthDate).toBe('2013-05-04');
    expect(p.sex).toBe('f');
    const bad = await c.try('pupils.create', { iin: iin.slice(0, 11) + '0', lastName: 'А', firstName: 'Б', grade: 6, instructionLanguage: 'kk' });
    // either the check digit is wrong (validation) or, by chance, it is the same IIN (duplicate)
    expect(bad.ok ? null : bad.error.code).toMatch(/^(validation|pupils\.duplicate_iin)$/);
    // a duplicate IIN has its own code (not "changed by someone else") and names the field
    const dup = await c.try('pupils.create', { iin, lastName: 'Басқа', firstName: 'Бала', grade: 7, instructionLanguage: 'ru' });
    expect(dup.ok ? null : dup.error).toMatchObject({ code: 'pupils.duplicate_iin', details: { field: 'iin' } });
    const other = await c.call('pupils.create', { lastName: 'Басқа', firstName: 'Бала', grade: 7, instructionLanguage: 'ru' });
    const dupEdit = await c.try('pupils.update', { id: other.id, pupil: { iin, lastName: 'Басқа', firstName: 'Бала', grade: 7, instructionLanguage: 'ru' } });
    expect(dupEdit.ok ? null : dupEdit.error.code).toBe('pupils.duplicate_iin');
    await c.call('pupils.archive', { id: other.id, reason: 'other', date: '2026-11-20' });
  });

  it('searches names with full-text prefix search, filters by class, pages', async () => {
    for (const [last, first, grade, letter] of [
      ['Тестов', 'Арман', 7, 'А'],
      ['Тестова', 'Аружан', 7, 'Ә'],
      ['Сынақов', 'Нұрлан', 8, 'А'],
    ] as const) {
      await c.call('pupils.create', { lastName: last, firstName: first, grade, classLetter: letter, instructionLanguage: 'kk' });
    }
    const tes = await c.call('pupils.list', { search: 'тест' });
    expect(tes.items.map((p) => p.firstName).sort()).toEqual(['Арман', 'Аружан']);
    expect((await c.call('pupils.list', { search: 'нұр' })).items.map((p) => p.lastName)).toEqual(['Сынақов']);
    expect((await c.call('pupils.list', { search: '" OR * (' })).total).toBe(0);
    expect((await c.call('pupils.list', { grade: 7, classLetter: 'А' })).items.map((p) => p.lastName)).toEqual(['Тестов']);
    const page0 = await c.call('pupils.list', { pageSize: 2 });
    const page1 = await c.call('pupils.list', { pageSize: 2, page: 1 });
    expect(page0.total).toBe(4);
    expect([...page0.items, ...page1.items].map((p) => p.id)).toHaveLength(4);
  });

  it('audits a view of a pupil record, and keeps names out of the audit log', async () => {
    const p = (await c.call('pupils.list', { search: 'Сынақов' })).items[0]!;
    await c.call('pupils.get', { id: p.id });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'director', password: 'correct horse battery' });
    const views = await c.call('audit.list', { action: 'pupils.get' });
    expect(views.items[0]).toMatchObject({ entityType: 'pupil', entityId: p.id, outcome: 'ok', login: 'psy' });
    const rows = c.state.sqlite.prepare('SELECT * FROM audit_log').all();
    expect(JSON.stringify(rows)).not.toContain('Сынақов');
  });
});

describe('who may see pupils', () => {
  it('the administrator (IT) manages accounts but cannot list, open or add pupils; a class teacher reads only', async () => {
    const d = await createTestCore();
    try {
      await d.call('accounts.create', { login: 'itadmin', displayName: 'Әкімші', roles: ['administrator'], password: 'it password 1' });
      await d.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: 'cls password 1' });
      await d.call('auth.lock', {});
      await d.call('auth.login', { login: 'itadmin', password: 'it password 1' });
      for (const r of [
        await d.try('pupils.list', {}),
        await d.try('pupils.create', { lastName: 'А', firstName: 'Б', grade: 1, instructionLanguage: 'kk' }),
      ]) expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
      await d.call('auth.lock', {});
      await d.call('auth.login', { login: 'cls', password: 'cls password 1' });
      expect((await d.try('pupils.list', {})).ok).toBe(true);
      const add = await d.try('pupils.create', { lastName: 'А', firstName: 'Б', grade: 1, instructionLanguage: 'kk' });
      expect(add.ok ? null : add.error.code).toBe('auth.forbidden');
    } finally {
      await d.cleanup();
    }
  });
});
