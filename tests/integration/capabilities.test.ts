/**
 * `capabilities.mine` on a live core: what it answers for a session is what the calls themselves get at the gate —
 * each capability's method, called with an input no schema accepts, is refused with `auth.forbidden` exactly when
 * the capability is false (and otherwise gets past the gate to the input check, so nothing is changed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITY_METHODS, CAPABILITY_NAMES } from '../../shared/capabilities';
import type { Role } from '../../shared/roles';
import { ADMIN, createTestCore, type TestCore } from '../harness/core';

const password = 'capabilities password 1';

describe('capabilities.mine', () => {
  let c: TestCore;
  beforeAll(async () => {
    c = await createTestCore();
    // one single-role account besides the set-up director-administrator (every role is checked in tests/unit/capabilities.test.ts)
    await c.call('accounts.create', { login: 'only.class_teacher', displayName: 'Тек сынып жетекшісі', roles: ['class_teacher'], password });
  }, 60_000);
  afterAll(async () => {
    await c.cleanup();
  });

  async function enter(login: string, pw: string) {
    if (c.state.isUnlocked) await c.call('auth.lock', {});
    await c.call('auth.login', { login, password: pw });
  }

  it.each<[string, string, string]>([
    ['director and administrator', ADMIN.login, ADMIN.password],
    ['class_teacher', 'only.class_teacher', password],
  ])('as %s: true exactly for the methods the gate lets through', async (_who, login, pw) => {
    await enter(login, pw);
    const caps = await c.call('capabilities.mine', {});
    expect(Object.keys(caps).sort()).toEqual([...CAPABILITY_NAMES].sort());
    const wrong: string[] = [];
    for (const name of CAPABILITY_NAMES) {
      const r = await c.invoke(CAPABILITY_METHODS[name], null);
      expect(r.ok, name).toBe(false);
      const code = r.ok ? 'ok' : r.error.code;
      const refused = code === 'auth.forbidden';
      if (refused === caps[name]) wrong.push(`${name}: capability ${String(caps[name])}, call got ${code}`);
      else if (!refused) expect(code, name).toBe('validation');
    }
    expect(wrong).toEqual([]);
    const roles: Role[] = c.state.session?.roles ?? [];
    if (roles.includes('class_teacher')) expect(caps).toMatchObject({ concernLog: true, concernTriage: false, registerEdit: false });
    if (roles.includes('director')) expect(caps).toMatchObject({ planApprove: true, accountsManage: true, screen: false });
  });

  it('needs a login', async () => {
    await c.call('auth.lock', {});
    const r = await c.invoke('capabilities.mine', {});
    expect(r.ok ? 'ok' : r.error.code).toBe('auth.not_logged_in');
  });
});
