import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { LockScreen } from '../../renderer/src/app/LockScreen';
import { PASSWORD_MIN_LENGTH, type AuthStatus, type SessionInfo } from '../../shared/auth';
import { errorOf, fail, type FakeCore, installFakeCore, ok, renderWithApp } from './render';

const locked: AuthStatus = {
  state: 'locked',
  session: null,
  language: 'kk',
  idleLockMinutes: 10,
  demo: false,
  recoveryKeyConfirmed: null,
  lockedBecause: 'manual',
  mode: null,
};

const session: SessionInfo = {
  accountId: '8f7c1a52-5a0e-4f3b-9f57-8a4f2a3c9d11',
  login: 'aigerim',
  displayName: 'Айгерім Серікқызы',
  roles: ['psychologist'],
  language: 'kk',
};

/** 14 groups of four (the last a checksum), as printed at set-up */
const KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01';
const tooShort = kk.validation.passwordTooShort.replace('{{min}}', String(PASSWORD_MIN_LENGTH));

function field(label: string, selector = 'input'): HTMLInputElement {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return screen.getByLabelText(new RegExp(`^${escaped}\\s*\\*?$`), { selector });
}

function type(label: string, value: string, selector = 'input'): void {
  fireEvent.change(field(label, selector), { target: { value } });
}

describe('login form (auth.login on the contract schema)', () => {
  let core: FakeCore;
  beforeEach(() => {
    core = installFakeCore({ 'auth.login': () => ok(session), 'auth.status': () => ok(locked) });
  });

  it('shows each missing or malformed field on the field and sends nothing', () => {
    renderWithApp(<LockScreen status={locked} />);
    type(kk.lock.login, 'A!');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(errorOf(field(kk.lock.login))).toBe(kk.validation.login);
    expect(errorOf(field(kk.lock.password))).toBe(kk.validation.required);
    expect(core.inputs('auth.login')).toEqual([]);
  });

  it('sends the parsed value: the login trimmed and lower-cased, no new password', async () => {
    renderWithApp(<LockScreen status={locked} />);
    type(kk.lock.login, '  Aigerim ');
    type(kk.lock.password, 'құпия сөз 1');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(core.inputs('auth.login')).toEqual([{ login: 'aigerim', password: 'құпия сөз 1' }]));
  });

  it('puts a wrong password on the password field, empties it and keeps the login', async () => {
    core = installFakeCore({ 'auth.login': () => fail('auth.wrong_password', 'wrong login or password') });
    renderWithApp(<LockScreen status={locked} />);
    type(kk.lock.login, 'aigerim');
    type(kk.lock.password, 'not-the-password');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(errorOf(field(kk.lock.password))).toBe(kk.errors.auth.wrong_password));
    expect(field(kk.lock.password).value).toBe('');
    expect(field(kk.lock.login).value).toBe('aigerim');
    expect(screen.getByTestId('login-error').textContent).toBe(kk.errors.auth.wrong_password);
    expect(within(screen.getByTestId('login-form')).queryByRole('alert')).toBeNull();
    // typing again clears the error
    type(kk.lock.password, 'x');
    expect(errorOf(field(kk.lock.password))).toBeNull();
  });

  it('shows a throttled login as a general error with the wait, the button held', async () => {
    core = installFakeCore({ 'auth.login': () => fail('auth.throttled', 'too many attempts', { retryAfterSeconds: 30 }) });
    renderWithApp(<LockScreen status={locked} />);
    type(kk.lock.login, 'aigerim');
    type(kk.lock.password, 'whatever-1');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain(kk.errors.auth.throttled));
    expect(errorOf(field(kk.lock.password))).toBeNull();
    expect(screen.getByTestId<HTMLButtonElement>('login-submit').disabled).toBe(true);
  });

  it('after a reset asks for a new password by the one rule and sends it with the one-time one', async () => {
    let calls = 0;
    core = installFakeCore({
      'auth.login': () =>
        ++calls === 1
          ? fail('auth.must_change_password', 'must change', { resetBy: 'Директор', resetAt: '2026-11-30T08:00:00.000Z' })
          : ok(session),
    });
    renderWithApp(<LockScreen status={locked} />);
    type(kk.lock.login, 'aigerim');
    type(kk.lock.password, 'one-time-pw');
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('must-change-password');
    expect(screen.getByTestId('must-change-password').textContent).toContain('Директор');
    expect(field(kk.lock.password).value).toBe('one-time-pw');

    type(kk.accounts.newPassword, 'x'.repeat(PASSWORD_MIN_LENGTH - 1));
    type(kk.accounts.repeatPassword, 'other');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(errorOf(field(kk.accounts.newPassword))).toBe(tooShort);
    expect(errorOf(field(kk.accounts.repeatPassword))).toBe(kk.validation.passwordMismatch);
    expect(core.inputs('auth.login')).toHaveLength(1);

    type(kk.accounts.newPassword, 'менің-өз-құпиям');
    type(kk.accounts.repeatPassword, 'менің-өз-құпиям');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(core.inputs('auth.login')).toHaveLength(2));
    expect(core.inputs('auth.login')[1]).toEqual({ login: 'aigerim', password: 'one-time-pw', newPassword: 'менің-өз-құпиям' });
  });

  it('after an idle lock still says why', () => {
    renderWithApp(<LockScreen status={{ ...locked, lockedBecause: 'idle' }} />);
    expect(screen.getByTestId('locked-idle').textContent).toContain(kk.lock.idleText);
  });
});

describe('recovery form (auth.recover on the contract schema)', () => {
  let core: FakeCore;
  beforeEach(() => {
    core = installFakeCore({ 'auth.recover': () => ok(session), 'auth.status': () => ok(locked) });
  });

  function open(): void {
    renderWithApp(<LockScreen status={locked} />);
    fireEvent.click(screen.getByTestId('forgot-password'));
  }

  it('checks the key, the login and the one password rule on their fields and sends nothing', () => {
    open();
    type(kk.recover.key, 'ABCD-EFGH', 'textarea');
    type(kk.recover.login, 'A!');
    type(kk.recover.newPassword, 'short');
    type(kk.recover.repeatPassword, 'other');
    fireEvent.click(screen.getByTestId('recover-submit'));
    expect(errorOf(field(kk.recover.key, 'textarea'))).toBe(kk.validation.recoveryKey);
    expect(errorOf(field(kk.recover.login))).toBe(kk.validation.login);
    expect(errorOf(field(kk.recover.newPassword))).toBe(tooShort);
    expect(errorOf(field(kk.recover.repeatPassword))).toBe(kk.validation.passwordMismatch);
    expect(core.inputs('auth.recover')).toEqual([]);
  });

  it('sends the parsed value: key and login trimmed, login lower-cased, no repeat', async () => {
    open();
    type(kk.recover.key, `  ${KEY.toLowerCase()}\n`, 'textarea');
    type(kk.recover.login, ' Aigerim ');
    type(kk.recover.newPassword, 'жаңа-құпия-сөз');
    type(kk.recover.repeatPassword, 'жаңа-құпия-сөз');
    fireEvent.click(screen.getByTestId('recover-submit'));
    await waitFor(() =>
      expect(core.inputs('auth.recover')).toEqual([{ recoveryKey: KEY.toLowerCase(), login: 'aigerim', newPassword: 'жаңа-құпия-сөз' }]),
    );
  });

  it('puts a wrong recovery key on the key field and loses nothing typed', async () => {
    core = installFakeCore({ 'auth.recover': () => fail('auth.wrong_recovery_key', 'wrong recovery key') });
    open();
    type(kk.recover.key, KEY, 'textarea');
    type(kk.recover.login, 'aigerim');
    type(kk.recover.newPassword, 'жаңа-құпия-сөз');
    type(kk.recover.repeatPassword, 'жаңа-құпия-сөз');
    fireEvent.click(screen.getByTestId('recover-submit'));
    await waitFor(() => expect(errorOf(field(kk.recover.key, 'textarea'))).toBe(kk.errors.auth.wrong_recovery_key));
    expect(screen.getByTestId('recover-error').textContent).toBe(kk.errors.auth.wrong_recovery_key);
    expect(within(screen.getByTestId('recover-form')).queryByRole('alert')).toBeNull();
    expect(field(kk.recover.key, 'textarea').value).toBe(KEY);
    expect(field(kk.recover.login).value).toBe('aigerim');
    expect(field(kk.recover.newPassword).value).toBe('жаңа-құпия-сөз');
    expect(field(kk.recover.repeatPassword).value).toBe('жаңа-құпия-сөз');
  });
});
