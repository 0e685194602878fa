/**
 * The case section "Screening and safety plan" (issue 10, items 2–3), for the psychologist only (SCREENING_READERS):
 * - an acute screen's checklist, full width with a red border, stays at the top until every line is answered and
 *   it is closed (AcuteChecklist.tsx);
 * - "Start a screening": the five ASQ questions (AsqForm.tsx);
 * - the screenings of the case, newest first (ScreeningList.tsx);
 * - each pupil's safety plan: the six steps, versions, "Print for the pupil" (kk / ru) (SafetyPlan.tsx,
 *   SafetyPlanForm.tsx).
 * The forms are on the contract's schemas (forms.ts). Nothing of it goes into the window title or a notification's
 * text beyond "saved".
 */
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLock, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { useCan } from '../../app/capabilities';
import { ErrorAlert } from '../../app/errors';
import type { CaseSectionProps } from '../cases/sections';
import { AcuteChecklist } from './AcuteChecklist';
import { AsqForm } from './AsqForm';
import { SafetyPlans } from './SafetyPlan';
import { ScreeningList } from './ScreeningList';

export function ScreeningSection({ c }: CaseSectionProps) {
  const { t } = useTranslation();
  const canScreen = useCan('screen') && c.stage !== 'closed';
  const data = useApiQuery('screening.forCase', { caseId: c.id });
  const [starting, setStarting] = useState(false);
  const screenings = data.data?.screenings ?? [];
  const openAcute = screenings.filter((s) => s.result === 'acute' && s.checklistClosedAt === null);
  return (
    <Stack gap="sm" data-testid="screening-section">
      {openAcute.map((s) => (
        <AcuteChecklist key={s.id} s={s} c={c} canWork={canScreen} />
      ))}
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={5}>{t('screening.title')}</Title>
            {canScreen && !starting && (
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setStarting(true)} data-testid="screening-start">
                {t('screening.start')}
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            <IconLock size={12} style={{ verticalAlign: 'middle' }} /> {t('screening.confidential')}
          </Text>
          {data.error && <ErrorAlert error={data.error} />}
          {starting && <AsqForm c={c} onDone={() => setStarting(false)} />}
          <ScreeningList screenings={screenings} c={c} />
        </Stack>
      </Paper>
      {data.data && <SafetyPlans c={c} plans={data.data.plans} canWork={canScreen} defaultPupil={screenings[0]?.pupilId ?? null} />}
    </Stack>
  );
}
