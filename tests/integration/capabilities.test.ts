/**
 * `capabilities.mine` on a live core: what it answers for a session is what the calls themselves get at the gate —
 * each capability's method, called with an input no schema accepts, is refused with `auth.forbidden` exactly when
 * the capability is false (and otherwise gets past the gate to the input check, so nothing is changed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITY_METHOD_NAMES, CAPABILITY_METHODS, CAPABILITY_NAMES } from '../../shared/capabilities';
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
    for (const name of CAPABILITY_METHOD_NAMES) {
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

  it('the guard-bypass capabilities are what the guarded calls get', async () => {
    // a certificate of the director's (created once, as the director-administrator)
    await enter(ADMIN.login, ADMIN.password);
    const cert = await c.call('documents.certificates.create', { position: 'Директор', organization: 'Мектеп', password: 'cert password 1' });
    // the class teacher: own work only, nobody else's certificate — both refused by the record guard
    await enter('only.class_teacher', password);
    const teacher = await c.call('capabilities.mine', {});
    expect(teacher).toMatchObject({ workSchool: false, certificatesRetireAny: false });
    const school = await c.invoke('worklists.list', { list: 'overdue', scope: 'school' });
    expect(school.ok ? 'ok' : school.error.code).toBe('auth.forbidden');
    const mine = await c.invoke('worklists.list', { list: 'overdue', scope: 'mine' });
    expect(mine.ok ? 'ok' : mine.error.code).toBe('ok');
    const retire = await c.invoke('documents.certificates.retire', { id: cert.id });
    expect(retire.ok ? 'ok' : retire.error.code).toBe('auth.forbidden');
    // the director-administrator: an overseer and the certificates' retirer
    await enter(ADMIN.login, ADMIN.password);
    const admin = await c.call('capabilities.mine', {});
    expect(admin).toMatchObject({ workSchool: true, certificatesRetireAny: true });
    const all = await c.invoke('worklists.list', { list: 'overdue', scope: 'school' });
    expect(all.ok ? 'ok' : all.error.code).toBe('ok');
  }, 60_000);

  it('needs a login', async () => {
    await c.call('auth.lock', {});
    const r = await c.invoke('capabilities.mine', {});
    expect(r.ok ? 'ok' : r.error.code).toBe('auth.not_logged_in');
  });
});
