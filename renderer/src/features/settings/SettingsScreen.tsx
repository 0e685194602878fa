import { Button, Group, NumberInput, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../../shared/auth';
import type { Language } from '../../../../shared/roles';
import { invalidate, queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { NewPasswordFields } from '../accounts/NewPasswordFields';
import { NewRecoveryKeyButton } from '../../app/NewRecoveryKey';
import { useSession } from '../../app/session';
import { setLanguage } from '../../i18n';
import { validatePassword } from '../accounts/validate';
import { useCan } from '../../app/capabilities';

export function SettingsScreen() {
  const canEditLock = useCan('settingsEdit');
  return (
    <Stack maw={720}>
      <LanguageSection />
      {canEditLock && <IdleLockSection />}
      <PasswordSection />
      {canEditLock && <RecoveryKeySection />}
    </Stack>
  );
}

function RecoveryKeySection() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('recoveryKey.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('recoveryKey.settingsText')}
        </Text>
        <Group>
          <NewRecoveryKeyButton />
        </Group>
      </Stack>
    </Paper>
  );
}

function LanguageSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const change = useApiMutation('auth.setLanguage', {
    onSuccess: async (_out, input) => {
      qc.setQueryData(queryKey('auth.status', {}), (old: AuthStatus | undefined) =>
        old && old.session ? { ...old, language: input.language, session: { ...old.session, language: input.language } } : old,
      );
      setLanguage(input.language);
      // the chronology puts the app's own lines into words in the session's language
      await invalidate(qc, 'auth.status', 'chronology.list');
    },
  });
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('settings.language')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.languageHint')}
        </Text>
        <LanguageSwitch
          value={session.language}
          disabled={change.isPending}
          onChange={(language: Language) => change.mutate({ language })}
        />
        <ErrorAlert error={change.error} />
      </Stack>
    </Paper>
  );
}

function IdleLockSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const settings = useApiQuery('settings.get', {});
  const [minutes, setMinutes] = useState<number | string>('');
  useEffect(() => {
    if (settings.data) setMinutes(settings.data.idleLockMinutes);
  }, [settings.data]);
  const save = useApiMutation('settings.update', {
    onSuccess: async (saved) => {
      qc.setQueryData(queryKey('settings.get', {}), saved);
      await invalidate(qc, 'auth.status');
      notifications.show({ color: 'green', message: t('common.saved') });
    },
  });
  const value = typeof minutes === 'number' ? minutes : Number.parseInt(minutes, 10);
  const valid = Number.isInteger(value) && value >= 1 && value <= 240;

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('settings.idleLock')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.idleLockHint')}
        </Text>
        <ErrorAlert error={settings.error} />
        <Group align="flex-end">
          <NumberInput
            label={t('settings.idleLockMinutes')}
            value={minutes}
            onChange={setMinutes}
            min={1}
            max={240}
            allowDecimal={false}
            w={200}
            error={minutes !== '' && !valid ? t('validation.range', { min: 1, max: 240 }) : undefined}
            data-testid="settings-idle-minutes"
          />
          <Button
            onClick={() => save.mutate({ idleLockMinutes: value })}
            disabled={!valid || settings.isPending}
            loading={save.isPending}
            data-testid="settings-idle-save"
          >
            {t('common.save')}
          </Button>
        </Group>
        <ErrorAlert error={save.error} />
      </Stack>
    </Paper>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const change = useApiMutation('auth.changePassword', {
    onSuccess: () => {
      setCurrent('');
      setPassword('');
      setRepeat('');
      notifications.show({ color: 'green', message: t('settings.passwordChanged') });
    },
  });
  const submit = () => {
    const e = validatePassword(t, password, repeat);
    setErrors(e);
    if (Object.keys(e).length > 0 || !current) return;
    change.mutate({ currentPassword: current, newPassword: password });
  };
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('settings.changePassword')}</Title>
        <PasswordInput
          label={t('settings.currentPassword')}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          required
        />
        <NewPasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} errors={errors} />
        <ErrorAlert error={change.error} />
        <Group justify="flex-end">
          <Button onClick={submit} loading={change.isPending} disabled={!current}>
            {t('settings.changePassword')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
