/** A new password and its repeat: an administrator's reset (accounts) and one's own change (settings) share them. */
import { PasswordInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/auth';

export function NewPasswordFields({
  inputProps,
}: {
  /** the form's `getInputProps` for its `password` and `repeat` fields */
  inputProps: (field: 'password' | 'repeat') => GetInputPropsReturnType;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('accounts.newPassword')}
        description={t('validation.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        autoComplete="new-password"
        {...inputProps('password')}
        required
      />
      <PasswordInput label={t('accounts.repeatPassword')} autoComplete="new-password" {...inputProps('repeat')} required />
    </>
  );
}
