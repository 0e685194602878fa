/**
 * Work lists (issue 9, item 5) over `WORK_SOURCES`: "my tasks" (every open item), "overdue", "due in 7 days",
 * "reviews due" and their counts, for the core's clock (moved here); the pupils named; the school's lists only for
 * the overseers; a page of a list audited as a list read. The real sources (case tasks, prevention measures,
 * register reviews, concerns) arrive with their features: this test registers its own, backed by a real table of
 * the live encrypted DB, and checks the lists with no source at all too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '../../../shared/worklists';
import { WORK_SOURCES, type WorkQuery, type WorkSource } from '../../../electron/core/worklists/sources';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
const accounts: Record<string, string> = {};
const pupils: Record<string, string> = {};
const PASS: Record<string, string> = { psy: 'psy password 1', soc: 'soc password 1', cls: 'cls password 1', itman: 'it password 1' };

async function loginAs(login: string): Promise<void> {
  // locked already (or by the idle timer, after the clock moved): nothing to lock
  await c.try('auth.lock', {});
  await c.call('auth.login', { login, password: login === ADMIN.login ? ADMIN.password : PASS[login]! });
}

/** A source as a feature writes one: it filters by owner and due date itself, and hides the title without the key. */
const asked: WorkQuery[] = [];
const titlesAsked: string[][] = [];
let items: WorkItem[] = [];
const testSource = (kind: WorkItem['kind'], lazyTitles = false): WorkSource => ({
  kind,
  ...(lazyTitles
    ? {
        titles: async (_db, keys, ids) => {
          titlesAsked.push([...ids]);
          return new Map(ids.map((id) => [id, keys.compartmentKey('protection') ? (items.find((i) => i.id === id)?.title ?? null) : null]));
        },
      }
    : {}),
  async open(db, q) {
    asked.push(q);
    // a real read through the transaction-or-DB it is given: the pupils it names must exist
    const known = new Set((await db.selectFrom('pupils').select('id').execute()).map((r) => r.id));
    return items
      .filter((i) => i.kind === kind && (i.pupilId === null || known.has(i.pupilId)))
      .filter((i) => q.ownerId === null || i.ownerId === q.ownerId)
      .filter((i) => q.dueBy === null || (i.dueOn !== null && i.dueOn <= q.dueBy))
      .map((i) => ({ ...i, title: q.withTitles !== false && q.keys.compartmentKey('protection') ? i.title : null }));
  },
});

function item(id: string, kind: WorkItem['kind'], owner: string, dueOn: string | null, pupil: string | null = 'a'): WorkItem {
  return { id, kind, title: `Тапсырма ${id}`, pupilId: pupil ? pupils[pupil]! : null, caseId: null, dueOn, ownerId: accounts[owner]!, link: `/cases?task=${id}` };
}

const shipped: WorkSource[] = [];

beforeAll(async () => {
  // the generic lists are tested over sources made here: the features' own sources step aside for this file (the
  // cases and register tests cover theirs)
  shipped.push(...WORK_SOURCES.splice(0));
  c = await createTestCore();
  c.platform.setNow(new Date('2026-11-30T12:00:00Z'));
  await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: PASS.psy! });
  await c.call('accounts.create', { login: 'soc', displayName: 'Әлеуметтік педагог', roles: ['social_pedagogue'], password: PASS.soc! });
  await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: PASS.cls! });
  await c.call('accounts.create', { login: 'itman', displayName: 'IT маманы', roles: ['administrator'], password: PASS.itman! });
  for (const a of await c.call('accounts.list', {})) accounts[a.login] = a.id;
  await loginAs('psy');
  pupils.a = (await c.call('pupils.create', { lastName: 'Мысалова', firstName: 'Айым', middleName: 'Тестқызы', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  pupils.b = (await c.call('pupils.create', { lastName: 'Сынақов', firstName: 'Ерік', grade: 8, classLetter: 'Б', instructionLanguage: 'kk' })).id;
  items = [
    item('t1', 'case_task', 'psy', '2026-11-25'),
    item('t2', 'case_task', 'psy', '2026-11-30', 'b'),
    item('t3', 'prevention_measure', 'psy', '2026-12-07'),
    item('t4', 'case_task', 'psy', '2026-12-08'),
    item('t5', 'concern_triage', 'psy', null, null),
    item('r1', 'register_review', 'soc', '2026-12-03', 'b'),
    item('r2', 'register_review', 'psy', '2026-11-20'),
    item('t6', 'case_task', 'soc', '2026-11-28'),
    item('t7', 'case_task', 'cls', '2026-12-01'),
  ];
});
afterAll(async () => {
  WORK_SOURCES.splice(0, WORK_SOURCES.length, ...shipped);
  await c.cleanup();
});

describe('work lists', () => {
  it('with no source registered every list is empty and every count zero', async () => {
    expect(WORK_SOURCES).toEqual([]);
    await loginAs('psy');
    expect(await c.call('worklists.counts', {})).toEqual({ open: 0, overdue: 0, due_soon: 0, reviews: 0, today: '2026-11-30' });
    for (const list of ['open', 'overdue', 'due_soon', 'reviews'] as const) {
      expect(await c.call('worklists.list', { list })).toEqual({ items: [], total: 0, today: '2026-11-30' });
    }
  });

  it('"my tasks", "overdue", "due in 7 days", "reviews due" and their counts, for the core’s today', async () => {
    // the prevention measures give their titles on demand (only the shown page is decrypted)
    WORK_SOURCES.push(testSource('case_task'), testSource('prevention_measure', true), testSource('concern_triage'), testSource('register_review'));
    await loginAs('psy');
    expect(await c.call('worklists.counts', {})).toEqual({ open: 6, overdue: 2, due_soon: 2, reviews: 1, today: '2026-11-30' });
    const open = await c.call('worklists.list', { list: 'open' });
    // nearest due first, undated last
    expect(open.items.map((i) => i.id)).toEqual(['r2', 't1', 't2', 't3', 't4', 't5']);
    expect(open.items[0]).toMatchObject({
      kind: 'register_review',
      title: 'Тапсырма r2',
      overdue: true,
      link: '/cases?task=r2',
      pupil: { lastName: 'Мысалова', firstName: 'Айым', middleName: 'Тестқызы', grade: 7, classLetter: 'Ә' },
    });
    expect(open.items.find((i) => i.id === 't5')).toMatchObject({ pupil: null, overdue: false, dueOn: null });
    asked.length = 0;
    expect((await c.call('worklists.list', { list: 'overdue' })).items.map((i) => i.id)).toEqual(['r2', 't1']);
    // the sources were asked only for what the list needs (a source filters by date in SQL)
    expect(asked.map((q) => q.dueBy)).toEqual(['2026-11-29', '2026-11-29', '2026-11-29', '2026-11-29']);
    expect(asked.every((q) => q.ownerId === accounts.psy)).toBe(true);
    expect(asked.map((q) => q.withTitles)).toEqual([true, false, true, true]);
    // the counts tell the sources they need no titles
    asked.length = 0;
    await c.call('worklists.counts', {});
    expect(asked.map((q) => [q.dueBy, q.withTitles])).toEqual([[null, false], [null, false], [null, false], [null, false]]);
    titlesAsked.length = 0;
    const soon = await c.call('worklists.list', { list: 'due_soon' });
    expect(soon.items.map((i) => i.id)).toEqual(['t2', 't3']);
    // t3 is a prevention measure: its title came on demand, for the page only
    expect(soon.items.map((i) => i.title)).toEqual(['Тапсырма t2', 'Тапсырма t3']);
    expect(titlesAsked).toEqual([['t3']]);
    titlesAsked.length = 0;
    expect((await c.call('worklists.list', { list: 'open', pageSize: 2 })).items.map((i) => i.id)).toEqual(['r2', 't1']);
    expect(titlesAsked).toEqual([]);
    expect(soon.items[0]?.pupil?.lastName).toBe('Сынақов');
    asked.length = 0;
    expect((await c.call('worklists.list', { list: 'reviews' })).items.map((i) => i.id)).toEqual(['r2']);
    // only the register-review sources are asked for the reviews
    expect(asked).toHaveLength(1);
    const paged = await c.call('worklists.list', { list: 'open', page: 1, pageSize: 4 });
    expect(paged.items.map((i) => i.id)).toEqual(['t4', 't5']);
    expect(paged.total).toBe(6);
  });

  it('moving the clock moves the lists: the task due in 8 days shows in "due in 7 days" a day later', async () => {
    c.platform.setNow(new Date('2026-12-01T12:00:00Z'));
    try {
      await loginAs('psy');
      const counts = await c.call('worklists.counts', {});
      // t2 (due 30.11) is now overdue; t4 (due 08.12) has come into the window
      expect(counts).toEqual({ open: 6, overdue: 3, due_soon: 2, reviews: 1, today: '2026-12-01' });
      expect((await c.call('worklists.list', { list: 'due_soon' })).items.map((i) => i.id)).toEqual(['t3', 't4']);
      expect((await c.call('worklists.list', { list: 'overdue' })).items.map((i) => i.id)).toEqual(['r2', 't1', 't2']);
    } finally {
      c.platform.setNow(new Date('2026-11-30T12:00:00Z'));
    }
  });

  it('the school’s lists for the overseers; others see only their own work', async () => {
    await loginAs('soc');
    expect((await c.call('worklists.list', { list: 'open' })).items.map((i) => i.id)).toEqual(['t6', 'r1']);
    expect(await c.call('worklists.counts', { scope: 'school' })).toMatchObject({ open: 9, overdue: 3, reviews: 2 });
    await loginAs(ADMIN.login);
    expect((await c.call('worklists.list', { list: 'reviews', scope: 'school' })).items.map((i) => i.id)).toEqual(['r2', 'r1']);
    await loginAs('cls');
    const mine = await c.call('worklists.list', { list: 'open' });
    expect(mine.items.map((i) => i.id)).toEqual(['t7']);
    // the class teacher holds no protection key: the source hid the title
    expect(mine.items[0]?.title).toBeNull();
    for (const call of [c.try('worklists.list', { list: 'open', scope: 'school' }), c.try('worklists.counts', { scope: 'school' })]) {
      const r = await call;
      expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
    }
    await loginAs('itman');
    const r = await c.try('worklists.counts', {});
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
  });

  it('a page of a list is audited as a list read (list, scope, page, count); the counts are not', async () => {
    await loginAs('psy');
    const before = (c.state.sqlite.prepare('SELECT max(id) AS n FROM audit_log').get() as { n: number }).n;
    await c.call('worklists.counts', {});
    await c.call('worklists.list', { list: 'overdue' });
    const rows = c.state.sqlite.prepare('SELECT action, outcome, details FROM audit_log WHERE id > ?').all(before) as { action: string; outcome: string; details: string }[];
    expect(rows.map((r) => r.action)).toEqual(['worklists.list']);
    expect(JSON.parse(rows[0]!.details)).toEqual({ filter: { list: 'overdue', scope: 'mine', page: 0 }, count: 2 });
    expect(rows[0]!.details).not.toContain('Тапсырма');
  });
});
