/** Login, name, password and its repeat of a new account: the first-run wizard and the accounts screen share them. */
import { PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/auth';

export type NewAccountField = 'login' | 'displayName' | 'password' | 'repeat';

export function NewAccountFields({
  inputProps,
  loginAutoComplete,
}: {
  /** the form's `getInputProps` (value, onChange, error) */
  inputProps: (field: NewAccountField) => GetInputPropsReturnType;
  /** 'username' for the person's own first account, 'off' when an administrator makes one for someone else */
  loginAutoComplete: 'username' | 'off';
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label={t('accounts.login')}
        description={t('validation.loginHint')}
        name="login"
        autoComplete={loginAutoComplete}
        {...inputProps('login')}
        required
      />
      <TextInput
        label={t('accounts.displayName')}
        description={t('accounts.displayNameHint')}
        name="displayName"
        {...inputProps('displayName')}
        required
      />
      <PasswordInput
        label={t('accounts.password')}
        description={t('validation.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        name="password"
        autoComplete="new-password"
        {...inputProps('password')}
        required
      />
      <PasswordInput
        label={t('accounts.repeatPassword')}
        description={t('accounts.repeatPasswordHint')}
        name="repeatPassword"
        autoComplete="new-password"
        {...inputProps('repeat')}
        required
      />
    </SimpleGrid>
  );
}
