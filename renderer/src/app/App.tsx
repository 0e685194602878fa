import { Button, Center, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../shared/auth';
import type { InstallMode } from '../../../shared/install-mode';
import { invoke } from '../api/client';
import { forgetData as forgetQueries, invalidate, queryKey, useApiQuery } from '../api/hooks';
import { setLanguage } from '../i18n';
import { ErrorAlert } from './errors';
import { AppRoutes } from './appRouter';
import { useCapabilities } from './capabilities';
import { LockScreen } from './LockScreen';
import { SessionProvider } from './session';
import { SetupWizard } from './SetupWizard';
import { useIdleActivity } from './useIdleActivity';

const STATUS_POLL_MS = 10_000;

/** On lock: every cached answer and every message on screen goes. */
function forgetData(qc: QueryClient): void {
  forgetQueries(qc);
  notifications.clean();
}

export function App() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useApiQuery('auth.status', {}, {
    refetchInterval: STATUS_POLL_MS,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: true,
    retry: 1,
  });
  // the wizard stays on screen after auth.setup (which logs in) until the recovery key is confirmed
  const [wizardOpen, setWizardOpen] = useState(false);

  const data = status.data;
  const state = data?.state;

  // language: the session's when logged in, else the one last used on this PC; follow it only when it changes
  const lastLang = useRef<string | null>(null);
  useEffect(() => {
    if (!data) return;
    const lang = data.session?.language ?? data.language;
    const key = `${data.session?.accountId ?? '-'}:${lang}`;
    if (lastLang.current !== key) {
      lastLang.current = key;
      setLanguage(lang);
    }
  }, [data]);

  // when the core locks (idle, Ctrl+L, another window), forget every cached answer
  const lastState = useRef<AuthStatus['state'] | undefined>(undefined);
  useEffect(() => {
    if (lastState.current === 'unlocked' && state && state !== 'unlocked') {
      forgetData(qc);
      setWizardOpen(false);
    }
    lastState.current = state;
  }, [state, qc]);

  const lock = useCallback(async () => {
    try {
      await invoke('auth.lock', {});
    } catch {
      // already locked (the shell's Ctrl+L accelerator, the idle lock): the status below says so
    } finally {
      forgetData(qc);
      setWizardOpen(false);
      qc.setQueryData(queryKey('auth.status', {}), (old: AuthStatus | undefined) =>
        old ? { ...old, state: 'locked' as const, session: null } : old,
      );
      await invalidate(qc, 'auth.status');
    }
  }, [qc]);

  // the bridge also says so at once when the core locks (idle lock, another window)
  useEffect(
    () =>
      window.qorgan.onLocked(() => {
        forgetData(qc);
        setWizardOpen(false);
        void invalidate(qc, 'auth.status');
      }),
    [qc],
  );

  const unlocked = state === 'unlocked' && !!data?.session;
  useIdleActivity(unlocked);

  // Ctrl+L locks from anywhere while unlocked
  useEffect(() => {
    if (!unlocked) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'l' || e.key === 'L' || e.code === 'KeyL')) {
        e.preventDefault();
        void lock();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [unlocked, lock]);

  const sessionValue = useMemo(
    () => (data?.session ? { status: data, session: data.session, lock } : null),
    [data, lock],
  );

  if (status.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (!data) {
    return (
      <Center h="100vh">
        <Stack maw={480}>
          <ErrorAlert error={status.error} />
          <Button onClick={() => void status.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  if (state === 'setup' || (wizardOpen && unlocked)) {
    return <SetupWizard onStarted={() => setWizardOpen(true)} onDone={() => setWizardOpen(false)} />;
  }
  if (!unlocked || !sessionValue) {
    return <LockScreen status={data} />;
  }
  return (
    <SessionProvider value={sessionValue}>
      <SessionRoutes mode={sessionValue.status.mode ?? 'school'} rolesKey={[...sessionValue.session.roles].sort().join(',')} />
    </SessionProvider>
  );
}

/**
 * The screens, once the core has said what this session may do (`capabilities.mine`): the navigation and the
 * routes' guards read it, so a deep link is not sent home while the answer is on its way. The roles of an open
 * session can change (an administrator edits their own): the core is asked again, and the routes check again.
 */
function SessionRoutes({ mode, rolesKey }: { mode: InstallMode; rolesKey: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const caps = useCapabilities();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void invalidate(qc, 'capabilities.mine');
  }, [qc, rolesKey]);
  if (caps.data) return <AppRoutes can={caps.data} mode={mode} />;
  if (caps.isError) {
    return (
      <Center h="100vh">
        <Stack align="center">
          <ErrorAlert error={caps.error} />
          <Button onClick={() => void caps.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  return (
    <Center h="100vh">
      <Loader />
    </Center>
  );
}
