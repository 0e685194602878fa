/** The school's quarters for an academic year (they decide what is due, overdue, and when reports fall due). */
import { Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolCalendar } from '../../../../shared/plans';
import { invalidate, useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { DateField } from '../../app/DateField';
import { yearLabel } from './format';

export function CalendarModal({ calendar, onClose }: { calendar: SchoolCalendar; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [quarters, setQuarters] = useState(calendar.quarters.map((q) => ({ ...q })));
  const [error, setError] = useState<string | null>(null);
  const save = useApiMutation('plans.setCalendar', {
    onSuccess: async () => {
      await invalidate(qc, 'plans.calendar', 'plans.progress', 'plans.overdue', 'plans.reportsDue', 'plans.upcoming', 'plans.executions');
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
    },
  });
  const submit = () => {
    const ok = quarters.every((q, i) => q.start && q.end && q.start <= q.end && (i === 0 || quarters[i - 1]!.end < q.start));
    if (!ok) {
      setError(t('plans.calendar.order'));
      return;
    }
    setError(null);
    save.mutate({ academicYear: calendar.academicYear, quarters });
  };
  return (
    <Modal opened onClose={onClose} title={t('plans.calendar.title', { year: yearLabel(calendar.academicYear) })} size="lg" centered>
      <Stack data-testid="calendar-form">
        <Text size="sm" c="dimmed">
          {t('plans.calendar.hint')}
        </Text>
        {quarters.map((q, i) => (
          <SimpleGrid key={i} cols={2} spacing="sm">
            <DateField
              label={t('plans.calendar.start', { n: i + 1 })}
              value={q.start}
              onChange={(v) => setQuarters(quarters.map((x, j) => (j === i ? { ...x, start: v ?? '' } : x)))}
            />
            <DateField
              label={t('plans.calendar.end', { n: i + 1 })}
              value={q.end}
              onChange={(v) => setQuarters(quarters.map((x, j) => (j === i ? { ...x, end: v ?? '' } : x)))}
            />
          </SimpleGrid>
        ))}
        {error && (
          <Text c="red.9" size="sm">
            {error}
          </Text>
        )}
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
