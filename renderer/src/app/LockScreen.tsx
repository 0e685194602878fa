import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, type AuthStatus, type SessionInfo } from '../../../shared/auth';
import { ApiError, invoke, toApiError, waitSeconds } from '../api/client';
import { forgetData, invalidate, useApiMutation } from '../api/hooks';
import { setLanguage } from '../i18n';
import { Brand } from './Brand';
import { errorText } from './errors';
import { applyServerFieldError, serverErrorPath } from './forms';
import { LanguageSwitch } from './LanguageSwitch';
import {
  LOGIN_SERVER_FIELDS,
  loginInputOf,
  RECOVER_SERVER_FIELDS,
  recoverInputOf,
  validateLogin,
  validateRecover,
  type LoginValues,
  type RecoverValues,
} from './lockForms';
import { NewPasswordFields } from '../features/accounts/NewPasswordFields';

function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const id = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(id);
  }, [until, now]);
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  return [left, (s) => { setNow(Date.now()); setUntil(Date.now() + s * 1000); }];
}

export function LockScreen({ status }: { status: AuthStatus }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [mode, setMode] = useState<'login' | 'recover'>('login');
  const lang = i18n.language === 'ru' ? 'ru' : 'kk';

  const onSession = async (session: SessionInfo) => {
    forgetData(qc);
    setLanguage(session.language);
    await invalidate(qc, 'auth.status');
  };

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-1)" pb={48} pt="md" px="md">
      <Group justify="flex-end">
        <LanguageSwitch value={lang} onChange={setLanguage} />
      </Group>
      <Center mt="md">
        <Stack w="100%" maw={mode === 'recover' ? 560 : 420} gap="lg">
          <Brand size="lg" />
          {status.demo && (
            <Badge color="orange" variant="light" size="lg" style={{ alignSelf: 'flex-start', textTransform: 'none' }}>
              {t('app.demo')}
            </Badge>
          )}
          <LockedBecause status={status} />
          <Paper withBorder shadow="sm" radius="md" p="xl">
            {mode === 'login' ? (
              <LoginForm onSession={onSession} onForgot={() => setMode('recover')} />
            ) : (
              <RecoverForm onSession={onSession} onBack={() => setMode('login')} />
            )}
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}

/**
 * Why the screen locked, when it was not by the user's own hand: after an idle lock, that nothing was lost and that
 * logging in returns to the same screen (the location stays in the address; a screen the next account may not use
 * falls back to home).
 */
function LockedBecause({ status }: { status: AuthStatus }) {
  const { t } = useTranslation();
  if (status.lockedBecause === 'idle') {
    return (
      <Alert color="blue" variant="light" title={t('lock.idleTitle', { minutes: status.idleLockMinutes })} data-testid="locked-idle">
        {t('lock.idleText')}
      </Alert>
    );
  }
  if (status.lockedBecause === 'restore') {
    return (
      <Alert color="blue" variant="light" data-testid="locked-restore">
        {t('lock.restoreText')}
      </Alert>
    );
  }
  return null;
}


function LoginForm({ onSession, onForgot }: { onSession: (s: SessionInfo) => Promise<void>; onForgot: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  /** a refusal of the core that is about no one field (throttled, disabled account, …) */
  const [error, setError] = useState<ApiError | null>(null);
  const [wait, startWait] = useCountdown();
  /** after an administrator's reset: who and when; the user then chooses a new password */
  const [reset, setReset] = useState<{ by: string | null; at: string } | null>(null);
  const form = useForm<LoginValues>({
    mode: 'controlled',
    initialValues: { login: '', password: '', newPassword: '', repeat: '' },
    validate: validateLogin(t, reset !== null),
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    try {
      const session = await invoke('auth.login', loginInputOf(values, reset !== null));
      form.setValues({ password: '', newPassword: '', repeat: '' });
      await onSession(session);
    } catch (err) {
      const apiErr = toApiError(err);
      if (apiErr.code === 'auth.must_change_password') {
        const by = apiErr.details?.resetBy;
        const at = apiErr.details?.resetAt;
        setReset({ by: typeof by === 'string' ? by : null, at: typeof at === 'string' ? at : '' });
        return;
      }
      // a wrong password is not kept (the next try is typed afresh); the login and a new password stay
      if (apiErr.code === 'auth.wrong_password') form.setFieldValue('password', '');
      if (applyServerFieldError(t, form, apiErr, LOGIN_SERVER_FIELDS)) return;
      setError(apiErr);
      if (apiErr.code === 'auth.throttled') startWait(waitSeconds(apiErr) ?? 30);
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate data-testid="login-form">
      <Stack>
        <div>
          <Title order={3}>{t('lock.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('lock.subtitle')}
          </Text>
        </div>
        <TextInput
          label={t('lock.login')}
          name="login"
          autoComplete="username"
          {...form.getInputProps('login')}
          autoFocus
          required
        />
        <PasswordInput
          label={t('lock.password')}
          name="password"
          autoComplete="current-password"
          {...form.getInputProps('password')}
          errorProps={{ 'data-testid': 'login-error' }}
          required
          disabled={reset !== null}
        />
        {reset && (
          <Stack gap="xs" data-testid="must-change-password">
            <Text size="sm" role="status">
              {t('lock.resetBy', { by: reset.by ?? t('lock.resetByUnknown'), at: reset.at ? new Date(reset.at).toLocaleString() : '' })}
            </Text>
            <NewPasswordFields inputProps={(field) => form.getInputProps(field === 'password' ? 'newPassword' : 'repeat')} />
          </Stack>
        )}
        {error && (
          <Text c="red.9" size="sm" role="alert" data-testid="login-error">
            {errorText(t, error)}
            {wait > 0 && ` ${t('lock.waitSeconds', { n: wait })}`}
          </Text>
        )}
        <Button type="submit" loading={busy} disabled={wait > 0} fullWidth data-testid="login-submit">
          {wait > 0 ? t('lock.waitButton', { n: wait }) : t('lock.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onForgot} data-testid="forgot-password">
          {t('lock.forgot')}
        </Anchor>
      </Stack>
    </form>
  );
}

function RecoverForm({ onSession, onBack }: { onSession: (s: SessionInfo) => Promise<void>; onBack: () => void }) {
  const { t } = useTranslation();
  const form = useForm<RecoverValues>({
    mode: 'controlled',
    initialValues: { recoveryKey: '', login: '', newPassword: '', repeat: '' },
    validate: validateRecover(t),
  });
  const recover = useApiMutation('auth.recover', {
    onSuccess: (session) => onSession(session),
    // nothing typed is lost: a mistyped key is corrected in place
    onError: (e) => applyServerFieldError(t, form, e, RECOVER_SERVER_FIELDS),
  });
  const submit = form.onSubmit((values) => recover.mutate(recoverInputOf(values)));
  const general = serverErrorPath(recover.error, RECOVER_SERVER_FIELDS) ? null : recover.error;

  return (
    <form onSubmit={submit} noValidate data-testid="recover-form">
      <Stack>
        <div>
          <Title order={3}>{t('recover.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('recover.subtitle')}
          </Text>
        </div>
        <Textarea
          label={t('recover.key')}
          name="recoveryKey"
          {...form.getInputProps('recoveryKey')}
          errorProps={{ 'data-testid': 'recover-error' }}
          autosize
          minRows={2}
          required
          spellCheck={false}
          autoComplete="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
        />
        <TextInput label={t('recover.login')} name="login" autoComplete="username" {...form.getInputProps('login')} required />
        <PasswordInput
          label={t('recover.newPassword')}
          name="newPassword"
          autoComplete="new-password"
          description={t('validation.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          {...form.getInputProps('newPassword')}
          required
        />
        <PasswordInput
          label={t('recover.repeatPassword')}
          name="repeatPassword"
          autoComplete="new-password"
          {...form.getInputProps('repeat')}
          required
        />
        {general !== null && (
          <Text c="red.9" size="sm" role="alert" data-testid="recover-error">
            {errorText(t, general)}
          </Text>
        )}
        <Group justify="space-between" wrap="wrap">
          <Button variant="subtle" type="button" onClick={onBack}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={recover.isPending} data-testid="recover-submit">
            {t('recover.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
