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
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, passwordProblem, type AuthStatus, type SessionInfo } from '../../../shared/auth';
import { ApiError, invoke, toApiError, waitSeconds } from '../api/client';
import { forgetData, invalidate } from '../api/hooks';
import { setLanguage } from '../i18n';
import { Brand } from './Brand';
import { errorText } from './errors';
import { LanguageSwitch } from './LanguageSwitch';
import { NewPasswordFields } from '../features/accounts/NewPasswordFields';
import { passwordError } from '../features/accounts/forms';

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
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [wait, startWait] = useCountdown();
  /** after an administrator's reset: who and when, and the new password the user chooses */
  const [reset, setReset] = useState<{ by: string | null; at: string } | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!login.trim() || !password) return;
    if (reset && (passwordProblem(newPassword) !== null || newPassword !== repeat)) return;
    setBusy(true);
    setError(null);
    try {
      const session = await invoke('auth.login', { login: login.trim(), password, ...(reset ? { newPassword } : {}) });
      setPassword('');
      setNewPassword('');
      setRepeat('');
      await onSession(session);
    } catch (err) {
      const apiErr = toApiError(err);
      if (apiErr.code === 'auth.must_change_password') {
        const by = apiErr.details?.resetBy;
        const at = apiErr.details?.resetAt;
        setReset({ by: typeof by === 'string' ? by : null, at: typeof at === 'string' ? at : '' });
        return;
      }
      setError(apiErr);
      if (apiErr.code === 'auth.throttled') startWait(waitSeconds(apiErr) ?? 30);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="login-form">
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
          value={login}
          onChange={(e) => setLogin(e.currentTarget.value)}
          autoFocus
          required
        />
        <PasswordInput
          label={t('lock.password')}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          required
          disabled={reset !== null}
        />
        {reset && (
          <Stack gap="xs" data-testid="must-change-password">
            <Text size="sm" role="status">
              {t('lock.resetBy', { by: reset.by ?? t('lock.resetByUnknown'), at: reset.at ? new Date(reset.at).toLocaleString() : '' })}
            </Text>
            <NewPasswordFields
              inputProps={(field) =>
                field === 'password'
                  ? {
                      value: newPassword,
                      onChange: (e: ChangeEvent<HTMLInputElement>) => setNewPassword(e.currentTarget.value),
                      error: newPassword.length > 0 ? passwordError(t, newPassword) : undefined,
                    }
                  : {
                      value: repeat,
                      onChange: (e: ChangeEvent<HTMLInputElement>) => setRepeat(e.currentTarget.value),
                      error: repeat.length > 0 && repeat !== newPassword ? t('validation.passwordMismatch') : undefined,
                    }
              }
            />
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
  const [recoveryKey, setRecoveryKey] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const passwordMessage = password.length > 0 ? passwordError(t, password) : undefined;
  const mismatch = repeat.length > 0 && password !== repeat;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (passwordProblem(password) !== null || password !== repeat) return;
    setBusy(true);
    setError(null);
    try {
      const session = await invoke('auth.recover', {
        recoveryKey: recoveryKey.trim(),
        login: login.trim(),
        newPassword: password,
      });
      await onSession(session);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="recover-form">
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
          value={recoveryKey}
          onChange={(e) => setRecoveryKey(e.currentTarget.value)}
          autosize
          minRows={2}
          required
          spellCheck={false}
          autoComplete="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
        />
        <TextInput
          label={t('recover.login')}
          name="login"
          autoComplete="username"
          value={login}
          onChange={(e) => setLogin(e.currentTarget.value)}
          required
        />
        <PasswordInput
          label={t('recover.newPassword')}
          name="newPassword"
          autoComplete="new-password"
          description={t('validation.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={passwordMessage}
          required
        />
        <PasswordInput
          label={t('recover.repeatPassword')}
          name="repeatPassword"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={mismatch ? t('validation.passwordMismatch') : undefined}
          required
        />
        {error !== null && (
          <Text c="red.9" size="sm" role="alert" data-testid="recover-error">
            {errorText(t, error)}
          </Text>
        )}
        <Group justify="space-between" wrap="wrap">
          <Button variant="subtle" type="button" onClick={onBack}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={busy} data-testid="recover-submit">
            {t('recover.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
