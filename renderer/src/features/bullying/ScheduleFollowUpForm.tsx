/** The next follow-up talk's date (`bullying.scheduleFollowUp`): not in the past, not before the first talk. */
import { Button, Group } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { followUpFloor, type BullyingFlow } from '../../../../shared/bullying';
import type { CaseDetail } from '../../../../shared/cases';
import { applyServerFieldError } from '../../app/forms';
import { DateText } from '../cases/parts';
import { scheduleFormSchema, validateSchedule, type ScheduleFormValues } from './forms';
import { fieldError, useFlowWrite } from './parts';

export function ScheduleFollowUpForm({ c, f, onDone }: { c: CaseDetail; f: BullyingFlow; onDone: () => void }) {
  const { t } = useTranslation();
  const floor = followUpFloor(f);
  const openFollowUp = f.steps.find((s) => s.kind === 'follow_up' && s.status === 'open');
  const form = useForm<ScheduleFormValues>({ mode: 'controlled', initialValues: { on: openFollowUp?.dueOn ?? null }, validate: validateSchedule(t, f.today, floor) });
  const save = useFlowWrite('bullying.scheduleFollowUp', onDone, (e) => applyServerFieldError(t, form, e));
  const submit = form.onSubmit((v) => save.mutate({ caseId: c.id, version: c.version, ...scheduleFormSchema(f.today, floor).parse(v) }));
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="xs">
        <DateText
          label={t('bullying.scheduleFollowUp')}
          value={form.getValues().on}
          onChange={(x) => {
            form.setFieldValue('on', x);
            form.clearFieldError('on');
          }}
          name="bullying-follow-up"
          quick={[7, 10, 14]}
          error={fieldError(form.errors.on, 'on')}
        />
        <Button type="submit" size="xs" variant="light" loading={save.isPending} data-testid="bullying-schedule">
          {t('bullying.schedule')}
        </Button>
      </Group>
    </form>
  );
}
