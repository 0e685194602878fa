/** The pupil card's section of referrals: the pupil's referrals with their status and dates, each opening its case. */
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { AnchorLink } from '../../app/links';
import { StatusBadge, agencyText, day } from './labels';

export function PupilReferralsSection({ pupilId }: { pupilId: string; archived: boolean }) {
  const { t } = useTranslation();
  const list = useApiQuery('referrals.list', { pupilId });
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return null;
  if (list.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('referrals.empty')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="pupil-referrals">
      {list.data.map((r) => (
        <Group key={r.id} gap="xs" wrap="nowrap">
          <StatusBadge status={r.status} />
          <AnchorLink to="/case" search={{ id: r.caseId }} size="sm" lineClamp={1}>
            №{r.caseNumber} · {agencyText(t, r)}
          </AnchorLink>
          <Text size="xs" c={r.overdue ? 'red.9' : 'dimmed'} fw={r.overdue ? 700 : undefined}>
            {r.sentOn ? `${t('referrals.fields.sentOn')}: ${day(r.sentOn)}` : ''}
            {r.overdue ? ` · ${t('referrals.overdue')}` : ''}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
