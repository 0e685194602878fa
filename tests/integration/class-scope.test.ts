/**
 * Class scope (issue 8, item 4): a class teacher lists and opens only the pupils of the classes tied to their
 * account, without protection fields; wider roles keep their reach. A list read of persons' data writes one audit
 * entry per call (method, neutral filter, count) — never the search text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pupil } from '../../shared/pupils';
import { ADMIN, createTestCore, type TestCore } from '../harness/core';

let c: TestCore;
const ids: Record<string, string> = {};

async function loginAs(login: string, password: string): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login, password });
}

interface AuditRow {
  id: number;
  action: string;
  outcome: string;
  entity_type: string | null;
  entity_id: string | null;
  details: string | null;
}
function auditAfter(id: number): AuditRow[] {
  return c.state.sqlite.prepare('SELECT id, action, outcome, entity_type, entity_id, details FROM audit_log WHERE id > ? ORDER BY id').all(id) as AuditRow[];
}
function lastAuditId(): number {
  return (c.state.sqlite.prepare('SELECT max(id) AS n FROM audit_log').get() as { n: number }).n;
}

beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
  await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: 'cls password 1' });
  await c.call('accounts.create', { login: 'cls0', displayName: 'Жаңа мұғалім', roles: ['class_teacher'], password: 'cls0 password 1' });
  await c.call('accounts.create', { login: 'clspsy', displayName: 'Психолог әрі жетекші', roles: ['class_teacher', 'psychologist'], password: 'clspsy password 1' });
  await loginAs('psy', 'psy password 1');
  for (const [key, last, grade, letter, family] of [
    ['a1', 'Әлімов', 7, 'Ә', ['large']],
    ['a2', 'Бекова', 7, 'ә', ['low_income', 'single_parent']],
    ['b1', 'Серіков', 7, 'А', ['guardianship']],
    ['c1', 'Тоқтаров', 8, 'Б', []],
  ] as const) {
    const p = await c.call('pupils.create', { lastName: last, firstName: 'Оқушы', grade, classLetter: letter, instructionLanguage: 'kk', familyStatus: [...family] });
    ids[key] = p.id;
  }
  // the register flag is set by the register feature, not by pupils.create: arrange it directly
  c.state.sqlite.prepare('UPDATE pupils SET on_register = 1 WHERE id IN (?, ?)').run(ids.a1, ids.b1);
  await loginAs(ADMIN.login, ADMIN.password);
  const cls = (await c.call('accounts.list', {})).find((a) => a.login === 'cls')!;
  const clspsy = (await c.call('accounts.list', {})).find((a) => a.login === 'clspsy')!;
  // free entry in lower case is stored as the school writes it: "7 Ә"
  expect(await c.call('accounts.setClasses', { id: cls.id, classes: [{ grade: 7, letter: ' ә ' }, { grade: 7, letter: 'Ә' }] })).toEqual([{ grade: 7, letter: 'Ә' }]);
  await c.call('accounts.setClasses', { id: clspsy.id, classes: [{ grade: 8, letter: 'Б' }] });
  ids.cls = cls.id;
});
afterAll(async () => {
  await c.cleanup();
});

describe('class scope', () => {
  it('the administrator sets an account’s classes, chosen from the classes that have pupils', async () => {
    await loginAs(ADMIN.login, ADMIN.password);
    const classes = await c.call('accounts.schoolClasses', {});
    expect(classes).toEqual(expect.arrayContaining([{ grade: 7, letter: 'А' }, { grade: 8, letter: 'Б' }]));
    expect(await c.call('accounts.classes', { id: ids.cls! })).toEqual([{ grade: 7, letter: 'Ә' }]);
    const missing = await c.try('accounts.setClasses', { id: '00000000-0000-4000-8000-000000000000', classes: [] });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
    // only the administrator ties accounts to classes
    await loginAs('psy', 'psy password 1');
    const r = await c.try('accounts.setClasses', { id: ids.cls!, classes: [{ grade: 8, letter: 'Б' }] });
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
  });

  it('a class teacher lists only the pupils of their classes, filtered in SQL, without protection fields', async () => {
    await loginAs('cls', 'cls password 1');
    const page = await c.call('pupils.list', {});
    expect(page.total).toBe(2);
    expect(page.items.map((p) => p.lastName).sort()).toEqual(['Әлімов', 'Бекова'].sort());
    for (const p of page.items) {
      expect(p.familyStatus).toBeNull();
      expect(p.onRegister).toBeNull();
    }
    // the filters narrow inside the scope, never widen it
    expect((await c.call('pupils.list', { grade: 8 })).total).toBe(0);
    expect((await c.call('pupils.list', { search: 'Серіков' })).total).toBe(0);
    expect((await c.call('pupils.list', { search: 'Бек' })).items.map((p) => p.lastName)).toEqual(['Бекова']);
    // filtering by the register flag would reveal it
    const reg = await c.try('pupils.list', { onRegister: true });
    expect(reg.ok ? null : reg.error.code).toBe('auth.forbidden');
  });

  it('a class teacher opens a pupil of their class (no protection fields), and is refused another class — audited as denied', async () => {
    await loginAs('cls', 'cls password 1');
    const own = await c.call('pupils.get', { id: ids.a1! });
    expect(own.lastName).toBe('Әлімов');
    expect(own.familyStatus).toBeNull();
    expect(own.onRegister).toBeNull();
    const before = lastAuditId();
    const other = await c.try('pupils.get', { id: ids.b1! });
    expect(other.ok ? null : other.error.code).toBe('auth.forbidden');
    const rows = auditAfter(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'pupils.get', outcome: 'denied', entity_type: 'pupil', entity_id: ids.b1 });
  });

  it('a class teacher with no classes sees no pupil', async () => {
    await loginAs('cls0', 'cls0 password 1');
    expect(await c.call('pupils.list', {})).toEqual({ items: [], total: 0 });
    const r = await c.try('pupils.get', { id: ids.a1! });
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
  });

  it('wider roles keep their reach: the psychologist, the director, and a class teacher who is also the psychologist', async () => {
    for (const [login, password] of [
      ['psy', 'psy password 1'],
      [ADMIN.login, ADMIN.password],
      ['clspsy', 'clspsy password 1'],
    ] as const) {
      await loginAs(login, password);
      const page = await c.call('pupils.list', {});
      expect(page.total, login).toBe(4);
      const a1 = page.items.find((p) => p.id === ids.a1) as Pupil;
      expect(a1.familyStatus, login).toEqual(['large']);
      expect(a1.onRegister, login).toBe(true);
      expect((await c.call('pupils.get', { id: ids.b1! })).familyStatus, login).toEqual(['guardianship']);
      expect((await c.call('pupils.list', { onRegister: true })).total, login).toBe(2);
    }
  });

  it('a change of classes applies at the next call, without logging in again', async () => {
    await loginAs(ADMIN.login, ADMIN.password);
    await c.call('accounts.setClasses', { id: ids.cls!, classes: [{ grade: 7, letter: 'А' }] });
    await loginAs('cls', 'cls password 1');
    expect((await c.call('pupils.list', {})).items.map((p) => p.lastName)).toEqual(['Серіков']);
    await loginAs(ADMIN.login, ADMIN.password);
    await c.call('accounts.setClasses', { id: ids.cls!, classes: [{ grade: 7, letter: 'Ә' }] });
  });
});

describe('list audit', () => {
  it('one entry per list call with the neutral filter and the count — never the search text — in the chain', async () => {
    await loginAs('psy', 'psy password 1');
    const before = lastAuditId();
    const page = await c.call('pupils.list', { search: 'Әлімов', grade: 7, pageSize: 10 });
    expect(page.items).toHaveLength(1);
    const rows = auditAfter(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'pupils.list', outcome: 'ok', entity_type: 'pupil', entity_id: null });
    const details = JSON.parse(rows[0]!.details!) as { filter: Record<string, unknown>; count: number };
    expect(details).toEqual({
      filter: { page: 0, grade: 7, classLetter: null, onRegister: null, includeArchived: false, search: true },
      count: 1,
    });
    expect(rows[0]!.details).not.toContain('Әлімов');
    // a page of 4 pupils is still one entry
    const before2 = lastAuditId();
    expect((await c.call('pupils.list', {})).items).toHaveLength(4);
    const rows2 = auditAfter(before2);
    expect(rows2.map((r) => [r.action, JSON.parse(r.details!).count])).toEqual([['pupils.list', 4]]);
    // the details are part of the chain: editing them breaks verify
    await loginAs(ADMIN.login, ADMIN.password);
    expect((await c.call('audit.verify', {})).ok).toBe(true);
    const n = rows2[0]!.id;
    c.state.sqlite.exec('DROP TRIGGER audit_log_no_update');
    c.state.sqlite.prepare(`UPDATE audit_log SET details = replace(details, '"count":4', '"count":0') WHERE id = ?`).run(n);
    const v = await c.call('audit.verify', {});
    expect(v).toMatchObject({ ok: false, firstBrokenId: n, reason: 'edited' });
  });

  it('the accounts list and the document register are audited the same way', async () => {
    await loginAs(ADMIN.login, ADMIN.password);
    const before = lastAuditId();
    const accounts = await c.call('accounts.list', { includeDisabled: true });
    await c.call('documents.list', { search: 'жоспар' });
    const rows = auditAfter(before);
    expect(rows.map((r) => r.action)).toEqual(['accounts.list', 'documents.list']);
    expect(JSON.parse(rows[0]!.details!)).toEqual({ filter: { includeDisabled: true }, count: accounts.length });
    expect(JSON.parse(rows[1]!.details!)).toMatchObject({ filter: { search: true }, count: 0 });
    expect(rows[1]!.details).not.toContain('жоспар');
  });
});
