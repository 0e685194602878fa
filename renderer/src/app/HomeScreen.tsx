import { Anchor, Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/hooks';
import { KeyNotices } from '../features/accounts/KeyNotices';
import { BackupReminder } from '../features/backup/BackupReminder';
import { AwaitingSignatureAlert } from '../features/documents/AwaitingSignatureAlert';
import { HomeBlocks } from '../features/overview/HomeBlocks';
import { ReportsDueAlert } from '../features/plans/ReportsDueAlert';
import { currentLanguage } from '../i18n';
import { routesFor } from './routes';
import { hashHref } from './links';
import { RecoveryKeyNotice } from './NewRecoveryKey';
import { useSession } from './session';
import { useCan, useCapabilities } from './capabilities';
import { WorkLists } from '../features/worklists/WorkLists';
import { FirstDayCard } from '../features/help/FirstDayGuide';

export function HomeScreen() {
  const { t, i18n } = useTranslation();
  const { session, status } = useSession();
  const district = status.mode === 'district';
  const school = useApiQuery('school.get', {}, { retry: false });
  const lang = currentLanguage();
  // the case workers' day (the psychologist's, the social pedagogue's) starts with their work
  const worksCases = useCan('caseWork') && !district;
  const can = useCapabilities().data ?? null;
  const sections = routesFor(can, status.mode).filter((r) => r.path !== '/' && r.nav !== false);

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg">
        <Text size="sm" c="dimmed">
          {t('home.welcome', { name: session.displayName })}
        </Text>
        {school.data && (
          <Text fw={600} size="lg" mt={4} data-testid="home-school-name">
            {lang === 'ru' ? school.data.nameRu : school.data.nameKk}
          </Text>
        )}
        <Text size="sm" mt="xs">
          {t('home.roles')}: {session.roles.map((r) => t(`roles.${r}`)).join(', ')}
        </Text>
      </Paper>
      <RecoveryKeyNotice />
      {district ? (
        // a district office's install: no pupils, no cases, no plans — its schools and their reports
        <Text size="sm" data-testid="district-home-text">
          {t('district.homeText')}
        </Text>
      ) : (
        <>
          <FirstDayCard />
          <KeyNotices />
          <AwaitingSignatureAlert />
          <ReportsDueAlert />
          {/* each role's blocks (one core call: overview.home): cases, overdue work, council, plan, accounts, audit … */}
          <HomeBlocks />
        </>
      )}
      <BackupReminder />
      {worksCases && <WorkLists pageSize={8} allowSchool={false} />}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {sections.map((r) => (
          <Card key={r.path} withBorder radius="md" padding="lg" component="a" href={hashHref(r.path)} className="qorgan-focus-card">
            <Group wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" size={40} radius="md">
                <r.icon size={22} />
              </ThemeIcon>
              <div>
                <Anchor component="span" fw={600}>
                  {t(r.labelKey)}
                </Anchor>
                {i18n.exists(`${r.labelKey}Hint`) && (
                  <Text size="sm" c="dimmed">
                    {t(`${r.labelKey}Hint`)}
                  </Text>
                )}
              </div>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('home.lockHint')}
      </Text>
    </Stack>
  );
}
