/**
 * The joint plan and the council (issue 11): a plan item the council carries out points to its planned meetings
 * (`PlanItemMeetings`, in the plan's execution dialog), and a meeting lists the plan items it carries out
 * (`MeetingPlanItems`, on the meeting screen). Once a meeting's minutes are signed by both officers, a council
 * writer takes them as the item's execution evidence for the meeting's quarter (`council.planLinks.markExecuted`).
 */
import { Badge, Button, Group, MultiSelect, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextLink } from '../../app/links';
import type { MeetingDetail, PlanItemMeeting } from '../../../../shared/council';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { currentLanguage } from '../../i18n';
import { STATUS_COLORS } from './CouncilScreen';
import { useCan } from '../../app/capabilities';

const REFRESH = ['council.planLinks.forItem', 'council.planLinks.forMeeting', 'plans.executions', 'plans.progress', 'plans.overdue'] as const;

function MeetingLine({ m }: { m: PlanItemMeeting }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <TextLink size="sm" to="/council/meeting" search={{ id: m.meetingId }}>
        {t('council.minutesNumber', { number: m.number })} · {m.date} {m.time}
      </TextLink>
      <Badge size="xs" variant="light" color={STATUS_COLORS[m.status]}>
        {t(`council.status.${m.status}`)}
      </Badge>
      {m.evidenceQuarter !== null && (
        <Badge size="xs" variant="outline" color="green">
          {t('council.planLinks.evidenceFor', { quarter: m.evidenceQuarter, register: m.evidenceRegisterNumber ?? '' })}
        </Badge>
      )}
    </Group>
  );
}

/** A council plan item's meetings: shown to every plan reader; linked, and taken as evidence, by council writers. */
export function PlanItemMeetings({ planItemId, academicYear }: { planItemId: string; academicYear: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const writer = useCan('councilWrite');
  const links = useApiQuery('council.planLinks.forItem', { planItemId });
  const meetings = useApiQuery('council.meetings.list', { academicYear }, { enabled: writer });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const set = useApiMutation('council.planLinks.set', {
    onSuccess: async () => {
      setChosen(null);
      await invalidate(qc, ...REFRESH);
      notifications.show({ color: 'green', message: t('common.saved') });
    },
  });
  const mark = useApiMutation('council.planLinks.markExecuted', {
    onSuccess: async () => {
      await invalidate(qc, ...REFRESH);
      notifications.show({ color: 'green', message: t('council.planLinks.marked') });
    },
  });
  const linked = links.data ?? [];
  const value = chosen ?? linked.map((l) => l.meetingId);
  // a planned meeting may be linked; a held one stays as it is
  const options = (meetings.data ?? [])
    .filter((m) => m.status === 'planned' || linked.some((l) => l.meetingId === m.id))
    .map((m) => ({ value: m.id, label: `${t('council.minutesNumber', { number: m.number })} · ${m.date}`, disabled: m.status !== 'planned' }));
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="plan-item-meetings">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('council.planLinks.title')}
        </Text>
        {linked.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('council.planLinks.none')}
          </Text>
        )}
        {linked.map((m) => (
          <Group key={m.meetingId} justify="space-between" wrap="nowrap" data-testid={`plan-item-meeting-${m.number}`}>
            <MeetingLine m={m} />
            {writer && m.status === 'signed' && m.evidenceQuarter === null && (
              <Button
                size="compact-xs"
                variant="light"
                leftSection={<IconCheck size={12} />}
                loading={mark.isPending}
                onClick={() => mark.mutate({ planItemId, meetingId: m.meetingId })}
                data-testid={`plan-item-mark-${m.number}`}
              >
                {t('council.planLinks.markByMinutes')}
              </Button>
            )}
          </Group>
        ))}
        {writer && (
          <Group align="flex-end" wrap="nowrap">
            <MultiSelect
              label={t('council.planLinks.choose')}
              data={options}
              value={value}
              onChange={setChosen}
              style={{ flex: 1 }}
              data-testid="plan-item-meetings-select"
            />
            <Button
              size="sm"
              variant="default"
              disabled={chosen === null}
              loading={set.isPending}
              onClick={() => set.mutate({ planItemId, meetingIds: value })}
              data-testid="plan-item-meetings-save"
            >
              {t('common.save')}
            </Button>
          </Group>
        )}
        <ErrorAlert error={set.error ?? mark.error} />
      </Stack>
    </Paper>
  );
}

/** The plan items a meeting carries out; once the minutes are signed, a council writer marks them done with them. */
export function MeetingPlanItems({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const writer = useCan('councilWrite');
  const items = useApiQuery('council.planLinks.forMeeting', { meetingId: meeting.id });
  const mark = useApiMutation('council.planLinks.markExecuted', {
    onSuccess: async () => {
      await invalidate(qc, ...REFRESH);
      notifications.show({ color: 'green', message: t('council.planLinks.marked') });
    },
  });
  if (!items.data || items.data.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="meeting-plan-items">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('council.planLinks.meetingTitle')}
        </Text>
        {items.data.map((i) => (
          <Group key={i.planItemId} justify="space-between" wrap="nowrap">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <TextLink size="sm" to="/plan" search={{ id: i.planId, tab: 'execution' }}>
                {(lang === 'ru' ? i.measureRu || i.measureKk : i.measureKk || i.measureRu) || '—'}
              </TextLink>
              {i.evidenceQuarter !== null && (
                <Text size="xs" c="green">
                  {t('council.planLinks.markedFor', { quarter: i.evidenceQuarter })}
                  {i.executionStatus ? ` · ${t(`plans.exec.statuses.${i.executionStatus}`)}` : ''}
                </Text>
              )}
            </Stack>
            {writer && meeting.status === 'signed' && i.evidenceQuarter === null && (
              <Button size="compact-xs" variant="light" leftSection={<IconCheck size={12} />} loading={mark.isPending} onClick={() => mark.mutate({ planItemId: i.planItemId, meetingId: meeting.id })} data-testid="meeting-plan-mark">
                {t('council.planLinks.markByMinutes')}
              </Button>
            )}
          </Group>
        ))}
        <ErrorAlert error={mark.error} />
      </Stack>
    </Paper>
  );
}
