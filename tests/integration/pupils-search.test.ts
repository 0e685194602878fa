/**
 * Kazakh sorting and forgiving search over the real encrypted DB (issue 15): lists in the Kazakh alphabet (class
 * letters and names, from SQL), names found inside words, with the letters people swap and Latin spellings, and
 * pupils found by the start of their IIN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../shared/iin';
import { createTestCore, type TestCore } from '../harness/core';

let c: TestCore;
const iins: Record<string, string> = {};
beforeAll(async () => {
  c = await createTestCore();
  // the director-administrator sets up; the psychologist keeps the pupil records
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
  const pupils = [
    ['Мысалов', 'Дәулет', 1, 'Б', makeIin('2019-03-02', 'm', 11)],
    ['Мысалов', 'Әлихан', 1, 'Ә', makeIin('2019-04-07', 'm', 12)],
    ['Сынақова', 'Сезім', 1, 'А', makeIin('2019-06-11', 'f', 13)],
    ['Үлгібаева', 'Аружан', 1, 'А', null],
    ['Демоұлы', 'Нұрсұлтан', 1, 'Ә', null],
    ['Қасымов', 'Ерасыл', 2, 'А', null],
    ['Касымова', 'Інжу', 2, 'А', null],
    ['Ғаббасов', 'Айбек', 2, 'А', null],
    ['Габдуллин', 'Өмір', 2, 'А', null],
    ['Ивлева', 'Юлия', 2, 'А', null],
  ] as const;
  for (const [last, first, grade, letter, iin] of pupils) {
    await c.call('pupils.create', { lastName: last, firstName: first, grade, classLetter: letter, instructionLanguage: 'kk', ...(iin ? { iin } : {}) });
    if (iin) iins[first] = iin;
  }
}, 60_000);
afterAll(async () => {
  await c.cleanup();
});

const names = async (search: string) => (await c.call('pupils.list', { search, pageSize: 100 })).items.map((p) => `${p.lastName} ${p.firstName}`);

describe('pupil lists in the Kazakh alphabet', () => {
  it('orders class letters А, Ә, Б (not А, Б, Ә) and names Әлихан before Дәулет', async () => {
    const first = (await c.call('pupils.list', { grade: 1, pageSize: 100 })).items.map((p) => `${p.grade} ${p.classLetter} ${p.firstName}`);
    expect(first).toEqual(['1 А Сезім', '1 А Аружан', '1 Ә Нұрсұлтан', '1 Ә Әлихан', '1 Б Дәулет']);
    const second = (await c.call('pupils.list', { grade: 2, pageSize: 100 })).items.map((p) => p.lastName);
    // Г < Ғ < И < К < Қ: the Kazakh letters after their nearest Russian ones
    expect(second).toEqual(['Габдуллин', 'Ғаббасов', 'Ивлева', 'Касымова', 'Қасымов']);
  });
});

describe('forgiving name search', () => {
  it('finds inside words, not only at word starts', async () => {
    expect(await names('салов')).toEqual(['Мысалов Әлихан', 'Мысалов Дәулет']);
    expect(await names('ұлтан')).toEqual(['Демоұлы Нұрсұлтан']);
  });

  it('folds the letters people swap: и/і, а/ә, о/ө, у/ұ/ү, к/қ, г/ғ, н/ң', async () => {
    expect(await names('Сезим')).toEqual(['Сынақова Сезім']);
    expect(await names('Алихан')).toEqual(['Мысалов Әлихан']);
    expect(await names('Даулет')).toEqual(['Мысалов Дәулет']);
    expect(await names('Нурсултан')).toEqual(['Демоұлы Нұрсұлтан']);
    expect(await names('улгибаева')).toEqual(['Үлгібаева Аружан']);
    expect(await names('Омир')).toEqual(['Габдуллин Өмір']);
    expect(await names('касым')).toEqual(['Касымова Інжу', 'Қасымов Ерасыл']);
    expect(await names('габ')).toEqual(['Габдуллин Өмір', 'Ғаббасов Айбек']);
    expect(await names('Синакова')).toEqual(['Сынақова Сезім']);
  });

  it('finds Latin spellings (Kazakh Latin, Russian- and English-style)', async () => {
    expect(await names('Alikhan')).toEqual(['Мысалов Әлихан']);
    expect(await names('Älihan')).toEqual(['Мысалов Әлихан']);
    expect(await names('Daulet Mysalov')).toEqual(['Мысалов Дәулет']);
    expect(await names('Aruzhan')).toEqual(['Үлгібаева Аружан']);
    expect(await names('Arujan')).toEqual(['Үлгібаева Аружан']);
    expect(await names('Nursultan')).toEqual(['Демоұлы Нұрсұлтан']);
    expect(await names('Synaqova')).toEqual(['Сынақова Сезім']);
    expect(await names('Yerasyl')).toEqual(['Қасымов Ерасыл']);
    expect(await names('Inzhu')).toEqual(['Касымова Інжу']);
    expect(await names('Aybek')).toEqual(['Ғаббасов Айбек']);
    expect(await names('Yuliya')).toEqual(['Ивлева Юлия']);
  });

  it('needs every word typed, in any order, and finds nothing for what no name holds', async () => {
    expect(await names('әлихан мысал')).toEqual(['Мысалов Әлихан']);
    expect(await names('Мысалов Сезім')).toEqual([]);
    expect(await names('Жансая')).toEqual([]);
    expect(await names('" OR * (')).toEqual([]);
  });

  it('finds a pupil by the start of the IIN, alone or with a name', async () => {
    const iin = iins['Сезім']!;
    expect(await names(iin.slice(0, 6))).toEqual(['Сынақова Сезім']);
    expect(await names(iin)).toEqual(['Сынақова Сезім']);
    expect(await names(`${iins['Әлихан']!.slice(0, 8)} мысал`)).toEqual(['Мысалов Әлихан']);
    expect(await names('190')).toHaveLength(3);
    expect(await names('190 Сезім')).toEqual(['Сынақова Сезім']);
    expect(await names('999999')).toEqual([]);
  });

  it('filters by class letter and keeps the search text out of the audit entry', async () => {
    const r = await c.call('pupils.list', { grade: 1, classLetter: 'Ә', search: 'мысал' });
    expect(r.items.map((p) => p.firstName)).toEqual(['Әлихан']);
    const rows = c.state.sqlite.prepare('SELECT details FROM audit_log').all() as { details: string | null }[];
    expect(JSON.stringify(rows)).not.toContain('мысал');
  });

  it('follows additions, renames and moves at once (the per-connection index is kept by triggers)', async () => {
    await names('мысал'); // the index exists
    const p = await c.call('pupils.create', { lastName: 'Тәжірибеев', firstName: 'Санжар', grade: 1, classLetter: 'А', instructionLanguage: 'kk' });
    expect(await names('Tazhiribeev')).toEqual(['Тәжірибеев Санжар']);
    await c.call('pupils.update', { id: p.id, pupil: { lastName: 'Әбенов', firstName: 'Санжар', grade: 1, classLetter: 'А', instructionLanguage: 'kk' } });
    expect(await names('тәжірибе')).toEqual([]);
    expect(await names('абенов')).toEqual(['Әбенов Санжар']);
    const classA = (await c.call('pupils.list', { grade: 1, classLetter: 'А', pageSize: 100 })).items.map((x) => x.lastName);
    expect(classA).toEqual(['Әбенов', 'Сынақова', 'Үлгібаева']);
    await c.call('pupils.update', { id: p.id, pupil: { lastName: 'Әбенов', firstName: 'Санжар', grade: 1, classLetter: 'Б', instructionLanguage: 'kk' } });
    expect((await c.call('pupils.list', { grade: 1, classLetter: 'Б', search: 'санжар' })).items.map((x) => x.lastName)).toEqual(['Әбенов']);
  });
});
