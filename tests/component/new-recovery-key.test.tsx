import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { NewRecoveryKeyButton } from '../../renderer/src/app/NewRecoveryKey';
import { errorOf, fail, installFakeCore, ok } from './render';
import { renderSignedIn, SCHOOL } from './session';

const KEY = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567';

describe('a new recovery key (auth.newRecoveryKey on the contract schema)', () => {
  it('asks for the password on its field, says a wrong one there and empties it, then shows the new key', async () => {
    const core = installFakeCore({
      'school.get': () => ok(SCHOOL),
      'auth.newRecoveryKey': (input) =>
        (input as { currentPassword: string }).currentPassword === 'right password' ? ok({ recoveryKey: KEY }) : fail('auth.wrong_password', 'the current password is wrong'),
    });
    renderSignedIn(<NewRecoveryKeyButton />);
    fireEvent.click(screen.getByTestId('new-recovery-key'));
    const password = await screen.findByTestId<HTMLInputElement>('new-recovery-key-password');
    fireEvent.click(screen.getByTestId('new-recovery-key-make'));
    await waitFor(() => expect(errorOf(password)).toBeTruthy());
    expect(core.inputs('auth.newRecoveryKey')).toEqual([]);

    fireEvent.change(password, { target: { value: 'wrong password' } });
    fireEvent.click(screen.getByTestId('new-recovery-key-make'));
    await waitFor(() => expect(errorOf(password)).toBe(kk.errors.auth.wrong_password));
    expect(password.value).toBe('');

    fireEvent.change(password, { target: { value: 'right password' } });
    fireEvent.click(screen.getByTestId('new-recovery-key-make'));
    await waitFor(() => expect(screen.getByTestId('new-recovery-key-value').textContent).toContain('ABCD'));
    expect(core.inputs('auth.newRecoveryKey')).toEqual([{ currentPassword: 'wrong password' }, { currentPassword: 'right password' }]);
  });
});
