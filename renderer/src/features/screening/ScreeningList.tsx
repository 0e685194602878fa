/** The screenings of a case, newest first: result, pupil, when and by whom, the answers, notes, closed checklists. */
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ASQ_QUESTIONS } from '../../../../shared/asq';
import type { CaseDetail } from '../../../../shared/cases';
import type { Screening } from '../../../../shared/screening';
import { showDate } from '../cases/parts';
import { RESULT_COLOR, pupilName } from './parts';

export function ScreeningList({ screenings, c }: { screenings: Screening[]; c: CaseDetail }) {
  const { t } = useTranslation();
  if (screenings.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('screening.none')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="screening-list">
      <Text size="sm" fw={600}>
        {t('screening.list')}
      </Text>
      {screenings.map((s) => (
        <Paper key={s.id} withBorder p="xs" radius="sm">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="xs">
              <Badge color={RESULT_COLOR[s.result]} variant={s.result === 'acute' ? 'filled' : 'light'} style={{ textTransform: 'none' }}>
                {t(`screening.result.${s.result}`)}
              </Badge>
              <Text size="sm">{pupilName(c, s.pupilId)}</Text>
            </Group>
            <Text size="xs" c="dimmed">
              {showDate(s.askedAt, true)} · {t('screening.askedBy')}: {s.askedBy ?? '—'}
            </Text>
          </Group>
          <Text size="xs" mt={4}>
            {ASQ_QUESTIONS.map((q, i) => `${i + 1}: ${s.answers[q] ? t(`screening.answer.${s.answers[q]}`) : '—'}`).join(' · ')}
          </Text>
          {s.notes && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {s.notes}
            </Text>
          )}
          {s.incompleteReason && (
            <Text size="xs" c="dimmed">
              {t('screening.incompleteReason')}: {s.incompleteReason}
            </Text>
          )}
          {s.checklist && s.checklistClosedAt && (
            <Stack gap={0} mt={4}>
              <Text size="xs" fw={600}>
                {t('screening.acute.closed', { at: showDate(s.checklistClosedAt, true) })}
              </Text>
              {s.checklist.map((l) => (
                <Text key={l.line} size="xs">
                  {t(`screening.acute.lines.${l.line}`)}: {l.state === 'done' ? `${t('screening.acute.done')} ${showDate(l.at, true)}` : `${t('screening.acute.notDone')} — ${l.note ?? ''}`}
                  {l.state === 'done' && l.note ? ` (${l.note})` : ''}
                </Text>
              ))}
            </Stack>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
