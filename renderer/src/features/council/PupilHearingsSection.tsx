/** The pupil card's council section: the meetings that heard the pupil and the decisions about them, with their effect. */
import dayjs from 'dayjs';
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { AnchorLink } from '../../app/links';
import { STATUS_COLORS } from './CouncilScreen';

export function PupilHearingsSection({ pupilId }: { pupilId: string; archived: boolean }) {
  const { t } = useTranslation();
  const q = useApiQuery('council.pupilHearings', { pupilId });
  const list = q.data ?? [];
  if (q.isSuccess && list.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('council.cardEmpty')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="pupil-council-hearings">
      {list.map((h) => (
        <Stack key={`${h.meetingId}:${h.itemTitle ?? ''}`} gap={2}>
          <Group gap="xs">
            <AnchorLink size="sm" to="/council/meeting" search={{ id: h.meetingId }}>
              {t('council.minutesNumber', { number: h.number })} · {dayjs(h.date).format('DD.MM.YYYY')}
            </AnchorLink>
            <Badge size="xs" variant="light" color={STATUS_COLORS[h.status]}>
              {t(`council.status.${h.status}`)}
            </Badge>
          </Group>
          <Text size="sm">{h.itemTitle ?? t('council.hidden')}</Text>
          {h.decisions.map((d) => (
            <Text size="xs" key={d.id} c="dimmed">
              {d.number}. {d.text ?? t('council.hidden')}
              {d.type !== 'note' && ` — ${t(`council.decisionType.${d.type}`)}`}
              {d.deadline && ` (${t('council.deadline')}: ${dayjs(d.deadline).format('DD.MM.YYYY')})`}
              {d.effectStatus !== 'pending' && d.type !== 'note' && ` · ${t(`council.effect.${d.effectStatus}`)}`}
            </Text>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
