import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { CreateAccountModal, ResetPasswordModal } from '../../renderer/src/features/accounts/AccountsScreen';
import type { Account } from '../../shared/accounts';
import { PASSWORD_MIN_LENGTH } from '../../shared/auth';
import { errorOf, fail, type FakeCore, installFakeCore, ok, renderWithApp } from './render';

const account: Account = {
  id: '8f7c1a52-5a0e-4f3b-9f57-8a4f2a3c9d11',
  login: 'aigerim',
  displayName: 'Айгерім Серікқызы',
  roles: ['psychologist'],
  language: 'kk',
  disabled: false,
  createdAt: '2026-09-01T08:00:00.000Z',
  passwordChangedAt: '2026-09-01T08:00:00.000Z',
  lastLoginAt: null,
};

/** The input labelled exactly so (Mantine adds an asterisk to a required field's label). */
function field(label: string): HTMLInputElement {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return screen.getByLabelText(new RegExp(`^${escaped}\\s*\\*?$`), { selector: 'input' });
}

function type(label: string, value: string): void {
  fireEvent.change(field(label), { target: { value } });
}

describe('new account form (accounts.create on the contract schema)', () => {
  let core: FakeCore;
  beforeEach(() => {
    core = installFakeCore({
      'accounts.create': (input) => ok({ ...account, ...(input as object) }),
      'accounts.list': () => ok([]),
    });
  });

  it('shows each broken rule on its own field and sends nothing', async () => {
    renderWithApp(<CreateAccountModal opened onClose={() => undefined} />);
    type(kk.accounts.login, 'A!');
    type(kk.accounts.password, 'short');
    type(kk.accounts.repeatPassword, 'other');
    fireEvent.click(screen.getByTestId('account-create-submit'));

    expect(errorOf(field(kk.accounts.login))).toBe(kk.validation.login);
    expect(errorOf(field(kk.accounts.displayName))).toBe(kk.validation.required);
    expect(errorOf(field(kk.accounts.password))).toBe(kk.validation.passwordTooShort.replace('{{min}}', String(PASSWORD_MIN_LENGTH)));
    expect(errorOf(field(kk.accounts.repeatPassword))).toBe(kk.validation.passwordMismatch);
    expect(screen.getByText(kk.validation.rolesRequired)).toBeTruthy();
    expect(core.inputs('accounts.create')).toEqual([]);
  });

  it('sends the parsed value: login trimmed and lower-cased, name trimmed, no repeat', async () => {
    renderWithApp(<CreateAccountModal opened onClose={() => undefined} />);
    type(kk.accounts.login, '  Aigerim.S ');
    type(kk.accounts.displayName, '  Айгерім Серікқызы ');
    type(kk.accounts.password, 'долгий-пароль');
    type(kk.accounts.repeatPassword, 'долгий-пароль');
    fireEvent.click(screen.getByTestId('role-psychologist'));
    fireEvent.click(screen.getByTestId('account-create-submit'));

    await waitFor(() => expect(core.inputs('accounts.create')).toHaveLength(1));
    expect(core.inputs('accounts.create')[0]).toEqual({
      login: 'aigerim.s',
      displayName: 'Айгерім Серікқызы',
      password: 'долгий-пароль',
      roles: ['psychologist'],
      language: 'kk',
    });
  });

  it("puts the core's refusal of a taken login on the login field, not in a general alert", async () => {
    core = installFakeCore({ 'accounts.create': () => fail('auth.login_taken', 'this login is taken') });
    renderWithApp(<CreateAccountModal opened onClose={() => undefined} />);
    type(kk.accounts.login, 'aigerim');
    type(kk.accounts.displayName, 'Айгерім');
    type(kk.accounts.password, 'password-1');
    type(kk.accounts.repeatPassword, 'password-1');
    fireEvent.click(screen.getByTestId('role-psychologist'));
    fireEvent.click(screen.getByTestId('account-create-submit'));

    await waitFor(() => expect(errorOf(field(kk.accounts.login))).toBe(kk.errors.auth.login_taken));
    expect(within(screen.getByTestId('account-create-form')).queryByRole('alert')).toBeNull();
  });

  it("puts a validation refusal naming a path on that field (the core's zod path)", async () => {
    core = installFakeCore({
      'accounts.create': () => fail('validation', 'the input does not match the method', { path: 'displayName' }),
    });
    renderWithApp(<CreateAccountModal opened onClose={() => undefined} />);
    type(kk.accounts.login, 'aigerim');
    type(kk.accounts.displayName, 'Айгерім');
    type(kk.accounts.password, 'password-1');
    type(kk.accounts.repeatPassword, 'password-1');
    fireEvent.click(screen.getByTestId('role-psychologist'));
    fireEvent.click(screen.getByTestId('account-create-submit'));
    await waitFor(() => expect(errorOf(field(kk.accounts.displayName))).toBe(kk.errors.validation));
  });
});

describe('password reset form: the one password rule (shared/auth.ts)', () => {
  it(`refuses ${PASSWORD_MIN_LENGTH - 1} characters and sends ${PASSWORD_MIN_LENGTH}`, async () => {
    const core = installFakeCore({ 'accounts.resetPassword': () => ok(null) });
    renderWithApp(<ResetPasswordModal account={account} onClose={() => undefined} />);
    const short = 'x'.repeat(PASSWORD_MIN_LENGTH - 1);
    fireEvent.change(field(kk.accounts.newPassword), { target: { value: short } });
    fireEvent.change(field(kk.accounts.repeatPassword), { target: { value: short } });
    fireEvent.click(screen.getByRole('button', { name: kk.accounts.resetPassword }));
    await waitFor(() => expect(errorOf(field(kk.accounts.newPassword))).toBe(kk.validation.passwordTooShort.replace('{{min}}', String(PASSWORD_MIN_LENGTH))));
    expect(core.inputs('accounts.resetPassword')).toEqual([]);

    const enough = 'x'.repeat(PASSWORD_MIN_LENGTH);
    fireEvent.change(field(kk.accounts.newPassword), { target: { value: enough } });
    fireEvent.change(field(kk.accounts.repeatPassword), { target: { value: enough } });
    fireEvent.click(screen.getByRole('button', { name: kk.accounts.resetPassword }));
    await waitFor(() => expect(core.inputs('accounts.resetPassword')).toEqual([{ id: account.id, newPassword: enough }]));
  });
});
