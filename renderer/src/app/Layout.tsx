import { AppShell, Box, Burger, Button, Group, NavLink, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock } from '@tabler/icons-react';
import { Navigate, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from './Brand';
import { DemoBadge, DistrictBadge } from './ModeBadges';
import { findRoute, routesFor } from './routes';
import { ScreenBoundary } from './ScreenBoundary';
import { HideNamesSwitch } from './hideNames';
import { hashHref } from './links';
import { HelpButton } from '../features/help/HelpButton';
import { useSession } from './session';
import { useCan, useCapabilities } from './capabilities';

export function Layout() {
  const { t } = useTranslation();
  const { session, status, lock } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const mode = status.mode ?? 'school';
  const can = useCapabilities().data ?? null;
  const available = routesFor(can, mode);
  // the router sends a forbidden path home in beforeLoad; until it has, the layout shows no screen for it
  const route = findRoute(path, can, mode);
  const seesPupils = useCan('pupilsRead') && mode === 'school';

  useEffect(() => {
    close();
  }, [path, close]);

  // the window title names the screen
  const screenTitle = route ? t(route.labelKey) : '';
  useEffect(() => {
    document.title = screenTitle ? t('a11y.title', { screen: screenTitle }) : t('app.name');
  }, [screenTitle, t]);

  const rolesText = session.roles.map((r) => t(`roles.${r}`)).join(', ');

  return (
    <>
    <a
      href="#main-content"
      className="qorgan-skip-link"
      onClick={(e) => {
        // the hash is the router's: move the focus instead of navigating
        e.preventDefault();
        document.getElementById('main-content')?.focus();
      }}
    >
      {t('a11y.skip')}
    </a>
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: { sm: 230, md: 250, lg: 280 }, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Brand />
            {status.demo && <DemoBadge />}
            {/* this install is a district office's: no pupils, no cases */}
            {mode === 'district' && <DistrictBadge />}
          </Group>
          <Group gap="md" wrap="nowrap">
            {/* a long name or many roles may be cut: the whole text is the tooltip */}
            <Tooltip label={`${session.displayName} — ${rolesText}`} multiline maw={360}>
              <Stack gap={0} align="flex-end" visibleFrom="sm" maw={{ sm: 280, lg: 420 }} miw={0}>
                <Text size="sm" fw={600} data-testid="session-name" lineClamp={1} ta="right">
                  {session.displayName}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1} ta="right">
                  {rolesText}
                </Text>
              </Stack>
            </Tooltip>
            {route && <HelpButton path={route.path} screenTitle={screenTitle} />}
            <Tooltip label={t('nav.lockHint')}>
              {/* below 1200 px the icon alone, named for screen readers; the tooltip says what it does */}
              <Button variant="light" onClick={() => void lock()} aria-label={t('nav.lock')} style={{ flexShrink: 0 }} px="sm" data-testid="lock-button">
                <Group gap={8} wrap="nowrap">
                  <IconLock size={18} aria-hidden />
                  <Box component="span" visibleFrom="lg">
                    {t('nav.lock')}
                  </Box>
                </Group>
              </Button>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          {available
            .filter((r) => r.nav !== false)
            .map((r) => (
              <NavLink
                key={r.path}
                href={hashHref(r.path)}
                label={t(r.labelKey)}
                leftSection={<r.icon size={20} stroke={1.6} />}
                rightSection={r.badge ? <r.badge /> : undefined}
                active={route?.path === r.path}
                variant="light"
                styles={{ label: { whiteSpace: 'normal' } }}
                data-testid={`nav-${r.path === '/' ? 'home' : r.path.slice(1)}`}
              />
            ))}
        </AppShell.Section>
        {seesPupils && (
          <AppShell.Section pt="sm" px="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <HideNamesSwitch />
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)" id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        {route ? (
          <Stack gap="lg" maw={1200}>
            <Title order={1} size="h2">
              {screenTitle}
            </Title>
            <ScreenBoundary key={route.path}>
              <Outlet />
            </ScreenBoundary>
          </Stack>
        ) : (
          // an unknown path, or one this session may not use: home
          <Navigate to="/" replace />
        )}
      </AppShell.Main>
    </AppShell>
    </>
  );
}
