/**
 * The school's quarters for an academic year (they decide what is due, overdue, and when reports fall due), on
 * `plans.setCalendar`'s schema: a quarter that starts before the previous one ends, ends before it starts, or lies
 * outside the academic year is said on the date that breaks the rule (the rule is the shared schema's, the core's).
 */
import { Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { calendarSchema, type SchoolCalendar } from '../../../../shared/plans';
import { invalidate, useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { DateField } from '../../app/DateField';
import { applyServerFieldError, zodFormResolver } from '../../app/forms';
import { yearLabel } from './format';
import { FormActions } from '../../app/FormActions';

export function CalendarModal({ calendar, onClose }: { calendar: SchoolCalendar; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<SchoolCalendar>({
    mode: 'controlled',
    initialValues: { academicYear: calendar.academicYear, quarters: calendar.quarters.map((q) => ({ ...q })) },
    validate: zodFormResolver<SchoolCalendar>(calendarSchema, t),
  });
  const save = useApiMutation('plans.setCalendar', {
    onSuccess: async () => {
      await invalidate(qc, 'plans.calendar', 'plans.progress', 'plans.overdue', 'plans.reportsDue', 'plans.upcoming', 'plans.executions');
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const errorAt = (path: string) => {
    const e = form.errors[path];
    return typeof e === 'string' ? e : undefined;
  };
  return (
    <Modal opened onClose={onClose} title={t('plans.calendar.title', { year: yearLabel(calendar.academicYear) })} size="lg" centered>
      <form onSubmit={form.onSubmit((values) => save.mutate(calendarSchema.parse(values)))} noValidate>
        <Stack data-testid="calendar-form">
          <Text size="sm" c="dimmed">
            {t('plans.calendar.hint')}
          </Text>
          {form.values.quarters.map((q, i) => (
            <SimpleGrid key={i} cols={2} spacing="sm">
              <DateField
                label={t('plans.calendar.start', { n: i + 1 })}
                value={q.start}
                onChange={(v) => form.setFieldValue(`quarters.${i}.start`, v ?? '')}
                error={errorAt(`quarters.${i}.start`)}
                name={`calendar-start-${i + 1}`}
              />
              <DateField
                label={t('plans.calendar.end', { n: i + 1 })}
                value={q.end}
                onChange={(v) => form.setFieldValue(`quarters.${i}.end`, v ?? '')}
                error={errorAt(`quarters.${i}.end`)}
                name={`calendar-end-${i + 1}`}
              />
            </SimpleGrid>
          ))}
          {save.error && <ErrorAlert error={save.error} />}
          <FormActions submitLabel={t('common.save')} onCancel={onClose} loading={save.isPending} submitTestId="calendar-save" />
        </Stack>
      </form>
    </Modal>
  );
}
