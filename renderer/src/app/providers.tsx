import { Alert, Drawer, MantineProvider, mergeThemeOverrides, Modal, Pagination, PasswordInput, Table, type MantineThemeOverride } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { cssVariablesResolver, theme } from './theme';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // the core is local: a failure is an answer, not a flaky network
      queries: { retry: false, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

function LocalizedDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language === 'ru' ? 'ru' : 'kk', firstDayOfWeek: 1 }}>
      {children}
    </DatesProvider>
  );
}

/**
 * Names for Mantine's icon-only controls (modal and alert close buttons, pagination arrows, the password eye) in the UI language, so
 * that a screen reader says what they do (axe-core: button-name); table scroll boxes the keyboard can reach.
 */
function labelledTheme(t: TFunction): MantineThemeOverride {
  const close = { 'aria-label': t('common.close') };
  const controls: Record<string, string> = { next: t('a11y.next'), previous: t('a11y.previous'), first: t('a11y.first'), last: t('a11y.last') };
  return mergeThemeOverrides(theme, {
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: close } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps: close } }),
      Alert: Alert.extend({ defaultProps: { closeButtonLabel: t('common.close') } }),
      // the eye button of a password field ("Toggle password visibility" in Mantine's English otherwise)
      PasswordInput: PasswordInput.extend({ defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('a11y.showPassword') } } }),
      // a table wider than the window scrolls sideways: the keyboard must reach the scrolling box (axe-core:
      // scrollable-region-focusable)
      TableScrollContainer: Table.ScrollContainer.extend({ defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } }),
      Pagination: Pagination.extend({
        defaultProps: {
          getControlProps: (control: string) => ({ 'aria-label': controls[control] ?? control }),
        },
      }),
    },
  });
}

export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt when the language changes (t follows it)
  const themed = useMemo(() => labelledTheme(t), [t, i18n.language]);
  return (
    <QueryClientProvider client={client}>
      <MantineProvider theme={themed} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <LocalizedDates>
          <Notifications position="bottom-right" autoClose={3000} limit={3} />
          {children}
        </LocalizedDates>
      </MantineProvider>
    </QueryClientProvider>
  );
}
