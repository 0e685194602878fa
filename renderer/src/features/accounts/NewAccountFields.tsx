/** Login, name, password and its repeat of a new account: the first-run wizard and the accounts screen share them. */
import { PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NewAccountDraft, NewAccountErrors } from './validate';

export function NewAccountFields({
  draft,
  onChange,
  errors,
  loginAutoComplete,
}: {
  draft: NewAccountDraft;
  onChange: (draft: NewAccountDraft) => void;
  errors: NewAccountErrors;
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
        value={draft.login}
        onChange={(e) => onChange({ ...draft, login: e.currentTarget.value })}
        error={errors.login}
        required
      />
      <TextInput
        label={t('accounts.displayName')}
        description={t('accounts.displayNameHint')}
        name="displayName"
        value={draft.displayName}
        onChange={(e) => onChange({ ...draft, displayName: e.currentTarget.value })}
        error={errors.displayName}
        required
      />
      <PasswordInput
        label={t('accounts.password')}
        description={t('validation.passwordHint')}
        name="password"
        autoComplete="new-password"
        value={draft.password}
        onChange={(e) => onChange({ ...draft, password: e.currentTarget.value })}
        error={errors.password}
        required
      />
      <PasswordInput
        label={t('accounts.repeatPassword')}
        description={t('accounts.repeatPasswordHint')}
        name="repeatPassword"
        autoComplete="new-password"
        value={draft.repeat}
        onChange={(e) => onChange({ ...draft, repeat: e.currentTarget.value })}
        error={errors.repeat}
        required
      />
    </SimpleGrid>
  );
}
