import { Button, Group, NumberInput, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authMethods, type AuthStatus } from '../../../../shared/auth';
import { settingsSchema, type Settings } from '../../../../shared/settings';
import type { Language } from '../../../../shared/roles';
import { invalidate, queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { applyServerFieldError, serverErrorPath, zodFormResolver, type FieldMessages, type ServerFieldMap } from '../../app/forms';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { NewPasswordFields } from '../accounts/NewPasswordFields';
import { NewRecoveryKeyButton } from '../../app/NewRecoveryKey';
import { useSession } from '../../app/session';
import { setLanguage } from '../../i18n';
import { ACCOUNT_MESSAGES, newPasswordFormSchema, withRepeat } from '../accounts/forms';
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

const idleLockFormSchema = settingsSchema.pick({ idleLockMinutes: true });
const IDLE_MESSAGES: FieldMessages = { idleLockMinutes: ['validation.range', { min: 1, max: 240 }] };

function IdleLockSection() {
  const { t } = useTranslation();
  const settings = useApiQuery('settings.get', {});
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('settings.idleLock')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.idleLockHint')}
        </Text>
        <ErrorAlert error={settings.error} />
        {settings.data && <IdleLockForm saved={settings.data} />}
      </Stack>
    </Paper>
  );
}

/** Mounted once the settings have loaded: the stored minutes are the form's initial value. */
export function IdleLockForm({ saved }: { saved: Settings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<{ idleLockMinutes: number | string }>({
    mode: 'controlled',
    initialValues: { idleLockMinutes: saved.idleLockMinutes },
    validate: zodFormResolver(idleLockFormSchema, t, IDLE_MESSAGES),
    validateInputOnChange: true,
  });
  const save = useApiMutation('settings.update', {
    onSuccess: async (stored) => {
      qc.setQueryData(queryKey('settings.get', {}), stored);
      form.setInitialValues({ idleLockMinutes: stored.idleLockMinutes });
      await invalidate(qc, 'auth.status');
      notifications.show({ color: 'green', message: t('common.saved') });
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const submit = form.onSubmit((values) => save.mutate(idleLockFormSchema.parse(values)));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group align="flex-start">
          <NumberInput
            label={t('settings.idleLockMinutes')}
            {...form.getInputProps('idleLockMinutes')}
            min={1}
            max={240}
            allowDecimal={false}
            w={200}
            data-testid="settings-idle-minutes"
          />
          <Button type="submit" mt={25} disabled={!form.isValid()} loading={save.isPending} data-testid="settings-idle-save">
            {t('common.save')}
          </Button>
        </Group>
        <ErrorAlert error={serverErrorPath(save.error) ? null : save.error} />
      </Stack>
    </form>
  );
}

const changePasswordInput = authMethods['auth.changePassword'].input;
const changePasswordFormSchema = newPasswordFormSchema.extend({ currentPassword: changePasswordInput.shape.currentPassword });
const CHANGE_PASSWORD_SERVER_FIELDS: ServerFieldMap = {
  codes: { 'auth.wrong_password': 'currentPassword' },
  fields: { newPassword: 'password' },
};

export function PasswordSection() {
  const { t } = useTranslation();
  const initialValues = { currentPassword: '', password: '', repeat: '' };
  const form = useForm({
    mode: 'controlled',
    initialValues,
    validate: withRepeat<typeof initialValues>(t, zodFormResolver(changePasswordFormSchema, t, ACCOUNT_MESSAGES)),
  });
  const change = useApiMutation('auth.changePassword', {
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'green', message: t('settings.passwordChanged') });
    },
    onError: (e) => applyServerFieldError(t, form, e, CHANGE_PASSWORD_SERVER_FIELDS),
  });
  const submit = form.onSubmit((values) => change.mutate({ currentPassword: values.currentPassword, newPassword: values.password }));
  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={4}>{t('settings.changePassword')}</Title>
          <PasswordInput
            label={t('settings.currentPassword')}
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
            required
          />
          <NewPasswordFields inputProps={form.getInputProps} />
          <ErrorAlert error={serverErrorPath(change.error, CHANGE_PASSWORD_SERVER_FIELDS) ? null : change.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('settings.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
