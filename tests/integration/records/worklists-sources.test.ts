/**
 * The work lists over the features' own sources, as merged: a case task and a register review show in "due in
 * 7 days" only once the clock comes within a week of them, "my tasks" is the owner's, and the links open the
 * case and the register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORK_SOURCES } from '../../../electron/core/worklists/sources';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
const PASS = 'psychologist password 1';
let caseId: string;

async function loginAs(login: string, password: string): Promise<void> {
  await c.try('auth.lock', {});
  await c.call('auth.login', { login, password });
}

beforeAll(async () => {
  c = await createTestCore();
  c.platform.setNow(new Date('2026-11-30T09:00:00Z'));
  await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  const psyId = (await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: PASS })).id;
  await loginAs('psy', PASS);
  const pupil = (await c.call('pupils.create', { lastName: 'Мысалова', firstName: 'Айым', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  const created = await c.call('cases.create', { title: 'Үзілістегі буллинг', formOfHarm: 'bullying', risk: 'high', leadId: psyId, pupils: [{ pupilId: pupil, role: 'targeted' }] });
  // addTask answers the case, with its new task
  caseId = (await c.call('cases.addTask', { caseId: created.id, version: created.version, title: 'Анасымен кездесу', dueOn: '2026-12-10', ownerId: psyId })).id;
  const grounds = await c.call('register.grounds', {});
  await c.call('register.putOn', {
      pupilId: pupil,
      decision: { number: '7', date: '2026-09-10', body: 'director' },
      groundIds: [grounds[0]!.id],
      curatorId: psyId,
      firstReviewOn: '2026-12-09',
    });
});
afterAll(async () => {
  await c.cleanup();
});

describe('work lists over the shipped sources', () => {
  it('are the case tasks, the concerns to triage, the prevention measures, the register reviews and the referrals', () => {
    expect(WORK_SOURCES.map((s) => s.kind).sort()).toEqual(['case_task', 'concern_triage', 'prevention_measure', 'referral_answer', 'referral_draft', 'register_review']);
  });

  it('a task due in 10 days is open work, not yet "due in 7 days"; moving the clock brings it in', async () => {
    const open = await c.call('worklists.list', { list: 'open' });
    expect(open.items.map((i) => [i.kind, i.title, i.dueOn])).toEqual([
      ['register_review', open.items[0]!.title, '2026-12-09'],
      ['case_task', 'Анасымен кездесу', '2026-12-10'],
    ]);
    expect(open.items[1]!.link).toBe(`/case?id=${caseId}`);
    expect((await c.call('worklists.list', { list: 'due_soon' })).items).toEqual([]);
    expect((await c.call('worklists.counts', {})).due_soon).toBe(0);

    c.platform.setNow(new Date('2026-12-04T09:00:00Z'));
    await loginAs('psy', PASS);
    const soon = await c.call('worklists.list', { list: 'due_soon' });
    expect(soon.today).toBe('2026-12-04');
    expect(soon.items.map((i) => i.kind).sort()).toEqual(['case_task', 'register_review']);
    expect(soon.items.find((i) => i.kind === 'register_review')?.link).toContain('/register');
    expect(soon.items.find((i) => i.kind === 'register_review')?.title).not.toBeNull();
    const counts = await c.call('worklists.counts', {});
    expect(counts).toMatchObject({ open: 2, due_soon: 2, overdue: 0, reviews: 1 });

    c.platform.setNow(new Date('2026-12-11T09:00:00Z'));
    await loginAs('psy', PASS);
    expect(await c.call('worklists.counts', {})).toMatchObject({ overdue: 2, due_soon: 0 });
  });
});
