/**
 * The navigation's numbers (issue 9, item 5): `worklists.nav` gives the case workers the concerns awaiting triage
 * and everyone who works with pupils their own overdue work — one call, nothing decrypted, no audit entry; a class
 * teacher gets no concerns' count. Its cost on this small school is printed (the bench has the large one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navCounts } from '../../../electron/core/worklists/nav';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
const PW = { psy: 'psy password 1', cls: 'cls password 1' };
const ids: Record<string, string> = {};
async function as(login: string, password: string): Promise<void> {
  await c.try('auth.lock', {});
  await c.call('auth.login', { login, password });
}
const day = (offset: number) => {
  const d = c.platform.now();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + offset)).toISOString().slice(0, 10);
};

beforeAll(async () => {
  c = await createTestCore();
  const director = (await c.call('accounts.list', {})).find((x) => x.login === ADMIN.login)!.id;
  for (const [login, roles, pw] of [['psy', ['psychologist'], PW.psy], ['cls', ['class_teacher'], PW.cls]] as const) {
    ids[login] = (await c.call('accounts.create', { login, displayName: login, roles: [...roles], password: pw })).id;
  }
  await as('psy', PW.psy);
  const a = (await c.call('pupils.create', { lastName: 'Бірінші', firstName: 'Бала', grade: 5, classLetter: 'А', instructionLanguage: 'kk' })).id;
  const b = (await c.call('pupils.create', { lastName: 'Екінші', firstName: 'Бала', grade: 5, classLetter: 'А', instructionLanguage: 'kk' })).id;
  let k = await c.call('cases.create', { title: 'Іс', formOfHarm: 'psychological', risk: 'low', pupils: [{ pupilId: a, role: 'targeted' }] });
  // two tasks of the psychologist (one due yesterday, one next week), one of the director due yesterday
  k = await c.call('cases.addTask', { caseId: k.id, version: k.version, title: 'Әңгіме', dueOn: day(-1), ownerId: ids.psy! });
  k = await c.call('cases.addTask', { caseId: k.id, version: k.version, title: 'Кездесу', dueOn: day(7), ownerId: ids.psy! });
  await c.call('cases.addTask', { caseId: k.id, version: k.version, title: 'Хат', dueOn: day(-1), ownerId: director });
  await as('cls', PW.cls);
  for (const p of [a, b]) await c.call('concerns.log', { what: 'Дәлізде итерді', occurredAt: day(0), formOfHarm: 'bullying', pupils: [{ pupilId: p, role: 'targeted' }] });
}, 120_000);
afterAll(async () => c?.cleanup());

describe('worklists.nav', () => {
  it('the psychologist: two concerns to triage, one overdue task of their own; no audit entry', async () => {
    await as('psy', PW.psy);
    const before = c.state.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
    expect(await c.call('worklists.nav', {})).toEqual({ concerns: 2, overdue: 1 });
    expect(c.state.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
  });

  it('moves with the clock: a week on, both of the psychologist’s tasks are overdue', async () => {
    c.platform.advance(9 * 86_400_000);
    await as('psy', PW.psy);
    expect(await c.call('worklists.nav', {})).toEqual({ concerns: 2, overdue: 2 });
  });

  it('a class teacher gets no concerns’ count, and none of others’ work', async () => {
    await as('cls', PW.cls);
    expect(await c.call('worklists.nav', {})).toEqual({ concerns: null, overdue: 0 });
  });

  it('costs little: nothing decrypted (median printed)', async () => {
    await as('psy', PW.psy);
    const q = { accountId: ids.psy!, now: c.platform.now(), keys: c.state, withConcerns: true };
    const times: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const t0 = performance.now();
      await navCounts(c.state.db, q);
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    console.log(`worklists.nav median ${times[100]!.toFixed(3)} ms, p95 ${times[190]!.toFixed(3)} ms`);
    expect(await navCounts(c.state.db, q)).toEqual({ concerns: 2, overdue: 2 });
  });
});
