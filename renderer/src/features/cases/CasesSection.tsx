/** The pupil card's section of cases: the cases the pupil is in, by risk, each opening the case screen. */
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { AnchorLink } from '../../app/links';
import { RiskBadge, StageBadge, showDate } from './parts';

export function CasesSection({ pupilId }: { pupilId: string; archived: boolean }) {
  const { t } = useTranslation();
  const cases = useApiQuery('cases.forPupil', { pupilId });
  if (cases.error) return <ErrorAlert error={cases.error} />;
  if (!cases.data) return null;
  if (cases.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('cases.noneForPupil')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="pupil-cases">
      {cases.data.map((c) => (
        <Group key={c.id} gap="xs" wrap="nowrap">
          <RiskBadge risk={c.risk} />
          <StageBadge stage={c.stage} />
          <AnchorLink to="/case" search={{ id: c.id }} size="sm" lineClamp={1}>
            №{c.number} · {c.title ?? t('cases.hidden')}
          </AnchorLink>
          <Text size="xs" c="dimmed">
            {showDate(c.openedAt)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
