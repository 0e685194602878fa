import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, createBareCore, createTestCore, SEED_SCHOOL, type TestCore } from '../harness/core';
import { parseRecoveryKey } from '../../electron/core/auth/recovery-key';

let cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores) await c.cleanup();
  cores = [];
});
async function school(): Promise<TestCore> {
  const c = await createTestCore();
  cores.push(c);
  return c;
}

describe('first run', () => {
  it('starts in setup state, then sets up the school, the first account and a recovery key', async () => {
    const c = createBareCore();
    cores.push(c);
    expect((await c.call('auth.status', {})).state).toBe('setup');
    const r = await c.call('auth.setup', { language: 'kk', school: SEED_SCHOOL, account: { ...ADMIN } });
    expect(parseRecoveryKey(r.recoveryKey)).not.toBeNull();
    expect(r.session.roles).toEqual(['director', 'administrator']);
    const status = await c.call('auth.status', {});
    expect(status.state).toBe('unlocked');
    expect((await c.call('school.get', {})).nameKk).toBe(SEED_SCHOOL.nameKk);
    const again = await c.try('auth.setup', { language: 'kk', school: SEED_SCHOOL, account: { ...ADMIN } });
    expect(again.ok ? null : again.error.code).toBe('setup.already_done');
  });

  it('keeps only KDF parameters and wrapped keys in the keyring: no login, name or school in clear', async () => {
    const c = await school();
    const text = fs.readFileSync(path.join(c.dataDir, 'keyring.json'), 'utf8');
    expect(text).not.toContain(ADMIN.login);
    expect(text).not.toContain('Қаншев');
    expect(JSON.parse(text).kdf).toMatchObject({ alg: 'scrypt', N: 131072, r: 8, p: 1 });
  });
});

describe('login, lock and recovery', () => {
  it('refuses a wrong password with a code, accepts the right one, and locks', async () => {
    const c = await school();
    await c.call('auth.lock', {});
    expect((await c.call('auth.status', {})).state).toBe('locked');
    const locked = await c.try('school.get', {});
    expect(locked.ok ? null : locked.error.code).toBe('auth.not_logged_in');
    const bad = await c.try('auth.login', { login: ADMIN.login, password: 'wrong password' });
    expect(bad.ok ? null : bad.error.code).toBe('auth.wrong_password');
    const unknown = await c.try('auth.login', { login: 'nobody', password: 'wrong password' });
    expect(unknown.ok ? null : unknown.error.code).toBe('auth.wrong_password');
    const ok = await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(ok.displayName).toBe(ADMIN.displayName);
    // the failures that happened while the DB was closed are now in the audit log
    const audit = await c.call('audit.list', { action: 'auth.login' });
    expect(audit.items.map((i) => i.outcome)).toEqual(['ok', 'failed', 'failed']);
  });

  it('delays logins after five failures, growing', async () => {
    const c = await school();
    await c.call('auth.lock', {});
    for (let i = 0; i < 5; i++) {
      const r = await c.try('auth.login', { login: ADMIN.login, password: `wrong-${i}-pass` });
      expect(r.ok ? null : r.error.code).toBe('auth.wrong_password');
    }
    const r6 = await c.try('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(r6.ok ? null : r6.error.code).toBe('auth.throttled');
    expect(r6.ok ? 0 : Number(r6.error.details?.retryAfterSeconds)).toBeGreaterThan(0);
    c.platform.advance(3_000);
    const r7 = await c.try('auth.login', { login: ADMIN.login, password: 'still wrong' });
    expect(r7.ok ? null : r7.error.code).toBe('auth.wrong_password');
    const r8 = await c.try('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(r8.ok ? null : r8.error.code).toBe('auth.throttled');
    expect(r8.ok ? 0 : Number(r8.error.details?.retryAfterSeconds)).toBeGreaterThan(2);
    c.platform.advance(10_000);
    expect((await c.try('auth.login', { login: ADMIN.login, password: ADMIN.password })).ok).toBe(true);
  });

  it('resets a forgotten password with the recovery key', async () => {
    const c = await school();
    await c.call('auth.lock', {});
    const wrong = await c.try('auth.recover', { recoveryKey: 'A'.repeat(56), login: ADMIN.login, newPassword: 'new password 1' });
    expect(wrong.ok ? null : wrong.error.code).toBe('auth.wrong_recovery_key');
    await c.call('auth.recover', { recoveryKey: c.recoveryKey.toLowerCase(), login: ADMIN.login, newPassword: 'new password 1' });
    await c.call('auth.lock', {});
    const old = await c.try('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(old.ok).toBe(false);
    expect((await c.try('auth.login', { login: ADMIN.login, password: 'new password 1' })).ok).toBe(true);
  });

  it('changes a password by re-wrapping the key: the old one stops working', async () => {
    const c = await school();
    const wrong = await c.try('auth.changePassword', { currentPassword: 'nope nope', newPassword: 'another pass 2' });
    expect(wrong.ok ? null : wrong.error.code).toBe('auth.wrong_password');
    await c.call('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'another pass 2' });
    await c.call('auth.lock', {});
    expect((await c.try('auth.login', { login: ADMIN.login, password: ADMIN.password })).ok).toBe(false);
    expect((await c.try('auth.login', { login: ADMIN.login, password: 'another pass 2' })).ok).toBe(true);
  });

  it('locks by itself after the idle time and drops the session', async () => {
    const c = await school();
    await c.call('settings.update', { idleLockMinutes: 2 });
    c.platform.advance(119_000);
    expect((await c.try('school.get', {})).ok).toBe(true);
    c.platform.advance(2_000);
    const r = await c.try('school.get', {});
    expect(r.ok ? null : r.error.code).toBe('auth.not_logged_in');
    const locked = await c.call('auth.status', {});
    expect(locked.session).toBeNull();
    // the lock screen says why (and nothing else about the session)
    expect(locked.lockedBecause).toBe('idle');
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect((await c.call('auth.status', {})).lockedBecause).toBeNull();
    expect((await c.call('audit.list', { action: 'auth.idle_lock' })).total).toBe(1);
    await c.call('auth.lock', {});
    expect((await c.call('auth.status', {})).lockedBecause).toBe('manual');
  });
});

describe('the recovery key', () => {
  it('is reported unconfirmed until "I have stored it"; backups are ready from set-up', async () => {
    const c = await school();
    expect((await c.call('auth.status', {})).recoveryKeyConfirmed).toBe(false);
    expect((await c.call('backup.getSettings', {})).enabled).toBe(true);
    await c.call('auth.confirmRecoveryStored', {});
    expect((await c.call('auth.status', {})).recoveryKeyConfirmed).toBe(true);
    await c.call('auth.lock', {});
    expect((await c.call('auth.status', {})).recoveryKeyConfirmed).toBeNull();
  });

  it('can be replaced with the password: the old key stops opening the school, the new one does', async () => {
    const c = await school();
    await c.call('auth.confirmRecoveryStored', {});
    const wrong = await c.try('auth.newRecoveryKey', { currentPassword: 'not my password' });
    expect(wrong.ok ? null : wrong.error.code).toBe('auth.wrong_password');
    const { recoveryKey } = await c.call('auth.newRecoveryKey', { currentPassword: ADMIN.password });
    expect(recoveryKey).not.toBe(c.recoveryKey);
    expect((await c.call('auth.status', {})).recoveryKeyConfirmed).toBe(false);
    await c.call('auth.lock', {});
    const old = await c.try('auth.recover', { recoveryKey: c.recoveryKey, login: ADMIN.login, newPassword: 'new password 9' });
    expect(old.ok ? null : old.error.code).toBe('auth.wrong_recovery_key');
    expect((await c.try('auth.recover', { recoveryKey, login: ADMIN.login, newPassword: 'new password 9' })).ok).toBe(true);
    const keyring = JSON.parse(fs.readFileSync(path.join(c.dataDir, 'keyring.json'), 'utf8')) as { slots: { kind: string }[] };
    expect(keyring.slots.filter((s) => s.kind === 'recovery')).toHaveLength(1);
  });
});

describe('accounts', () => {
  it('an administrator creates, re-roles and disables accounts; roles are checked in the core', async () => {
    const c = await school();
    const psy = await c.call('accounts.create', {
      login: 'psy', displayName: 'Педагог-психолог', roles: ['psychologist'], password: 'psy password 1', language: 'ru',
    });
    const taken = await c.try('accounts.create', { login: 'PSY', displayName: 'x', roles: ['psychologist'], password: 'psy password 1' });
    expect(taken.ok ? null : taken.error.code).toBe('auth.login_taken');
    await c.call('auth.lock', {});
    const s = await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
    expect(s.language).toBe('ru');
    const denied = await c.try('accounts.list', {});
    expect(denied.ok ? null : denied.error.code).toBe('auth.forbidden');
    const denied2 = await c.try('accounts.create', { login: 'x1x', displayName: 'x', roles: ['director'], password: 'whatever 12' });
    expect(denied2.ok ? null : denied2.error.code).toBe('auth.forbidden');
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    await c.call('accounts.update', { id: psy.id, roles: ['psychologist', 'council_secretary'] });
    await c.call('accounts.update', { id: psy.id, disabled: true });
    await c.call('auth.lock', {});
    const dis = await c.try('auth.login', { login: 'psy', password: 'psy password 1' });
    expect(dis.ok ? null : dis.error.code).toBe('auth.account_disabled');
    expect((await c.call('auth.status', {})).state).toBe('locked');
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const list = await c.call('audit.list', { outcome: 'denied' });
    expect(list.items.map((i) => i.action).sort()).toEqual(['accounts.create', 'accounts.list']);
  });

  it('keeps the last administrator', async () => {
    const c = await school();
    const me = (await c.call('auth.status', {})).session!;
    // removing one's own administrator role is refused earlier: nobody changes their own roles
    const r = await c.try('accounts.update', { id: me.accountId, roles: ['director'] });
    expect(r.ok ? null : r.error.code).toBe('auth.own_roles');
    const r2 = await c.try('accounts.update', { id: me.accountId, disabled: true });
    expect(r2.ok ? null : r2.error.code).toBe('auth.last_admin');
  });

  it('an administrator resets a forgotten password', async () => {
    const c = await school();
    const t = await c.call('accounts.create', { login: 'teacher', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: 'first pass 1' });
    await c.call('accounts.resetPassword', { id: t.id, newPassword: 'second pass 2' });
    await c.call('auth.lock', {});
    expect((await c.try('auth.login', { login: 'teacher', password: 'first pass 1' })).ok).toBe(false);
    // the reset password is one-time: the login says who reset it and when, and asks for a new one
    const once = await c.try('auth.login', { login: 'teacher', password: 'second pass 2' });
    expect(once.ok ? null : once.error.code).toBe('auth.must_change_password');
    expect(once.ok ? null : once.error.details).toEqual({ resetBy: ADMIN.displayName, resetAt: expect.any(String) });
    expect((await c.call('auth.status', {})).state).toBe('locked');
    const same = await c.try('auth.login', { login: 'teacher', password: 'second pass 2', newPassword: 'second pass 2' });
    expect(same.ok ? null : same.error.code).toBe('auth.weak_password');
    expect((await c.try('auth.login', { login: 'teacher', password: 'second pass 2', newPassword: 'my own pass 3' })).ok).toBe(true);
    await c.call('auth.lock', {});
    expect((await c.try('auth.login', { login: 'teacher', password: 'second pass 2' })).ok).toBe(false);
    expect((await c.try('auth.login', { login: 'teacher', password: 'my own pass 3' })).ok).toBe(true);
  });
});
