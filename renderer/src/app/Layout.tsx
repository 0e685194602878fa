import { AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from './Brand';
import { findRoute, routesFor } from './routes';
import { ScreenBoundary } from './ScreenBoundary';
import { href, navigate, useLocation } from './router';
import { HideNamesSwitch } from './hideNames';
import { useHasRole, useSession } from './session';
import { PUPIL_READERS } from '../../../shared/permissions';

export function Layout() {
  const { t } = useTranslation();
  const { session, status, lock } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const available = routesFor(session.roles);
  const route = findRoute(location.path, session.roles);
  const seesPupils = useHasRole(...PUPIL_READERS);

  // an unknown or forbidden path goes home
  useEffect(() => {
    if (!route) navigate('/');
  }, [route]);

  useEffect(() => {
    close();
  }, [location.path, close]);

  const Screen = route?.component;

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: { sm: 230, lg: 280 }, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Brand />
            {status.demo && (
              <Badge color="orange" variant="light" size="lg" style={{ textTransform: 'none' }}>
                {t('app.demo')}
              </Badge>
            )}
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0} align="flex-end" visibleFrom="sm" maw={420}>
              <Text size="sm" fw={600} data-testid="session-name" lineClamp={1}>
                {session.displayName}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {session.roles.map((r) => t(`roles.${r}`)).join(', ')}
              </Text>
            </Stack>
            <Tooltip label={t('nav.lockHint')}>
              <Button
                variant="light"
                leftSection={<IconLock size={18} />}
                onClick={() => void lock()}
                style={{ flexShrink: 0 }}
                data-testid="lock-button"
              >
                {t('nav.lock')}
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
                href={href(r.path)}
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

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        {route && Screen && (
          <Stack gap="lg" maw={1200}>
            <Title order={2}>{t(route.labelKey)}</Title>
            <ScreenBoundary key={route.path}>
              <Screen />
            </ScreenBoundary>
          </Stack>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
