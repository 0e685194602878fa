/**
 * Accounts rules (issue 8, item 3): nobody changes their own roles; an administrator who grants a protection role
 * cannot seal the key — the account waits until a holder acknowledges; resets of protection-role accounts are shown
 * to the director and their compartments wait for the user's own password and a holder's acknowledgement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyring } from '../../../electron/core/db/keyring';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';

describe('accounts and keys', () => {
  let c: TestCore;
  let pupilId: string;
  let adminId: string;

  beforeAll(async () => {
    c = await createTestCore();
    // a plain administrator (base key only) beside the director-administrator
    adminId = (await c.call('accounts.create', { login: 'itman', displayName: 'IT', roles: ['administrator'], password: 'it password 1' })).id;
    await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
    pupilId = (await c.call('pupils.create', { lastName: 'Тестов', firstName: 'Бала', grade: 2, instructionLanguage: 'kk', familyStatus: ['large'] })).id;
    await c.call('auth.lock', {});
  }, 120_000);
  afterAll(async () => c?.cleanup());

  it('nobody changes their own roles, not even an administrator', async () => {
    await c.call('auth.login', { login: 'itman', password: 'it password 1' });
    const r = await c.try('accounts.update', { id: adminId, roles: ['administrator', 'psychologist'] });
    expect(r.ok ? null : r.error.code).toBe('auth.own_roles');
    // the same roles (a name change) are fine
    expect((await c.try('accounts.update', { id: adminId, displayName: 'IT маманы', roles: ['administrator'] })).ok).toBe(true);
    await c.call('auth.lock', {});
  });

  it('a protection role granted by a plain administrator waits for the director’s acknowledgement', async () => {
    await c.call('auth.login', { login: 'itman', password: 'it password 1' });
    const soc = await c.call('accounts.create', { login: 'soc', displayName: 'Әлеуметтік педагог', roles: ['class_teacher'], password: 'soc password 1' });
    await c.call('accounts.update', { id: soc.id, roles: ['class_teacher', 'social_pedagogue'] });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'soc', password: 'soc password 1' });
    expect((await c.call('pupils.get', { id: pupilId })).familyStatus).toBeNull();
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const notices = await c.call('keys.notices', {});
    const n = notices.find((x) => x.accountId === soc.id);
    expect(n).toMatchObject({ kind: 'role_granted', byName: 'IT маманы', roles: ['social_pedagogue'], pending: ['protection'], waitsForPasswordChange: false });
    const after = await c.call('keys.acknowledge', { accountId: soc.id });
    expect(after.find((x) => x.accountId === soc.id)).toBeUndefined();
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'soc', password: 'soc password 1' });
    expect((await c.call('pupils.get', { id: pupilId })).familyStatus).toEqual(['large']);
    await c.call('auth.lock', {});
  });

  it('a reset of a psychologist: one-time password, a new key pair, the compartments wait for a holder', async () => {
    await c.call('auth.login', { login: 'itman', password: 'it password 1' });
    const psy = (await c.call('accounts.list', {})).find((a) => a.login === 'psy')!;
    await c.call('accounts.resetPassword', { id: psy.id, newPassword: 'one time pass 1' });
    await c.call('auth.lock', {});
    const once = await c.try('auth.login', { login: 'psy', password: 'one time pass 1' });
    expect(once.ok ? null : once.error).toMatchObject({ code: 'auth.must_change_password', details: { resetBy: 'IT маманы' } });
    // the administrator knew the one-time password: what it opens now is the base key only
    const pubBefore = readKeyring(c.dataDir)!.slots.find((s) => s.accountId === psy.id && s.v === 2);
    await c.call('auth.login', { login: 'psy', password: 'one time pass 1', newPassword: 'psy own pass 2' });
    expect((await c.call('pupils.get', { id: pupilId })).familyStatus).toBeNull();
    await c.call('auth.lock', {});
    const pubAfter = readKeyring(c.dataDir)!.slots.find((s) => s.accountId === psy.id && s.v === 2);
    expect(pubAfter && 'publicKey' in pubAfter ? pubAfter.publicKey : null).not.toBe(pubBefore && 'publicKey' in pubBefore ? pubBefore.publicKey : null);
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const n = (await c.call('keys.notices', {})).find((x) => x.accountId === psy.id && x.kind === 'password_reset');
    expect(n).toMatchObject({ kind: 'password_reset', pending: ['protection', 'confidential'], waitsForPasswordChange: false });
    await c.call('keys.acknowledge', { accountId: psy.id });
    // the director has no confidential key: that grant still waits (for a psychologist or the recovery key)
    expect(readKeyring(c.dataDir)!.grants.filter((g) => g.recipient === psy.id).map((g) => g.key).sort()).toEqual(['base', 'protection']);
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'psy', password: 'psy own pass 2' });
    expect((await c.call('pupils.get', { id: pupilId })).familyStatus).toEqual(['large']);
    await c.call('auth.lock', {});
  });

  it('removing a protection role re-encrypts the compartment under a new key', async () => {
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const before = readKeyring(c.dataDir)!.epochs.protection;
    const soc = (await c.call('accounts.list', {})).find((a) => a.login === 'soc')!;
    await c.call('accounts.update', { id: soc.id, roles: ['class_teacher'] });
    const k = readKeyring(c.dataDir)!;
    expect(k.epochs.protection).toBe((before ?? 0) + 1);
    expect(k.grants.filter((g) => g.recipient === soc.id).map((g) => g.key)).toEqual(['base']);
    expect(k.grants.filter((g) => g.key === 'protection').every((g) => g.epoch === k.epochs.protection)).toBe(true);
    expect((await c.call('pupils.get', { id: pupilId })).familyStatus).toEqual(['large']);
    await c.call('auth.lock', {});
  });
});
