/** A new password and its repeat: an administrator's reset (accounts) and one's own change (settings) share them. */
import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function NewPasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
  errors,
}: {
  password: string;
  repeat: string;
  onPassword: (v: string) => void;
  onRepeat: (v: string) => void;
  errors: { password?: string | undefined; repeat?: string | undefined };
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('accounts.newPassword')}
        description={t('validation.passwordHint')}
        autoComplete="new-password"
        value={password}
        onChange={(e) => onPassword(e.currentTarget.value)}
        error={errors.password}
        required
      />
      <PasswordInput
        label={t('accounts.repeatPassword')}
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => onRepeat(e.currentTarget.value)}
        error={errors.repeat}
        required
      />
    </>
  );
}
