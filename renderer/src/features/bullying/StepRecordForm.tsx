/**
 * A step done, with its record (`bullying.complete`): when, and what the kind of step keeps — the talk's summary,
 * the initiator's written commitment, who of the parents was told how and what, the platform report, the
 * follow-up's outcome and notes, the monitoring check. Dates are checked as the core checks them (forms.ts), by the
 * core's "today" (`BullyingFlow.today`).
 */
import { Group, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_OUTCOMES, PARENT_CONTACT_METHODS, followUpFloor, type BullyingFlow, type BullyingStep } from '../../../../shared/bullying';
import type { CaseDetail } from '../../../../shared/cases';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError } from '../../app/forms';
import { DateText } from '../cases/parts';
import { RECORD_MAX, emptyRecord, stepRecordFormSchema, validateStepRecord, type StepRecordFormValues } from './forms';
import { FormButtons, fieldError, useFlowWrite } from './parts';

type TextField = keyof typeof RECORD_MAX;

export function StepRecordForm({ c, f, s, onClose }: { c: CaseDetail; f: BullyingFlow; s: BullyingStep; onClose: () => void }) {
  const { t } = useTranslation();
  const floor = followUpFloor(f);
  const form = useForm<StepRecordFormValues>({
    mode: 'controlled',
    initialValues: emptyRecord(f.today),
    validate: validateStepRecord(t, s.kind, f.today, floor),
    validateInputOnChange: true,
  });
  const save = useFlowWrite('bullying.complete', onClose, (e) => applyServerFieldError(t, form, e));
  const v = form.getValues();
  const submit = form.onSubmit((values) => save.mutate({ stepId: s.id, version: c.version, record: stepRecordFormSchema(s.kind).parse(values) }));

  const text = (k: TextField, testId: string, required = true) => ({
    ...form.getInputProps(k),
    withAsterisk: required,
    description: limitHint(t, v[k], RECORD_MAX[k]),
    'data-testid': testId,
  });
  const area = (k: TextField, label: string, testId: string, required = true) => <Textarea label={label} autosize minRows={2} {...text(k, testId, required)} />;
  const nextOn = (
    <DateText
      label={t('bullying.field.nextOn')}
      value={v.nextOn}
      onChange={(x) => form.setFieldValue('nextOn', x)}
      name="bullying-next"
      error={fieldError(form.errors.nextOn, 'nextOn')}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" data-testid="bullying-record-form">
        <DateText label={t('bullying.field.at')} value={v.at} onChange={(x) => form.setFieldValue('at', x)} name="bullying-at" required error={fieldError(form.errors.at, 'at')} />
        {s.kind === 'target_talk' && area('summary', t('bullying.field.summary'), 'bullying-summary')}
        {s.kind === 'initiator_talk' && (
          <>
            {area('commitment', t('bullying.field.commitment'), 'bullying-commitment')}
            {area('summary', t('bullying.field.summaryOptional'), 'bullying-summary', false)}
          </>
        )}
        {s.kind === 'parents' && (
          <>
            <Group grow align="flex-start">
              <TextInput label={t('bullying.field.who')} {...text('who', 'bullying-who')} />
              <Select
                label={t('bullying.field.method')}
                data={PARENT_CONTACT_METHODS.map((m) => ({ value: m, label: t(`cases.contactMethod.${m}`) }))}
                allowDeselect={false}
                {...form.getInputProps('method')}
                data-testid="bullying-method"
              />
            </Group>
            {area('told', t('bullying.field.told'), 'bullying-told')}
          </>
        )}
        {s.kind === 'platform_report' && (
          <>
            <Group grow align="flex-start">
              <TextInput label={t('bullying.field.platform')} {...text('platform', 'bullying-platform')} />
              <TextInput label={t('bullying.field.reference')} {...text('reference', 'bullying-reference', false)} />
            </Group>
            {area('response', t('bullying.field.response'), 'bullying-response', false)}
          </>
        )}
        {s.kind === 'follow_up' && (
          <>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('bullying.field.outcome')}
              </Text>
              <SegmentedControl
                value={v.outcome ?? ''}
                onChange={(x) => form.setFieldValue('outcome', FOLLOW_UP_OUTCOMES.find((o) => o === x) ?? null)}
                data={FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: t(`bullying.outcome.${o}`) }))}
                data-testid="bullying-outcome"
              />
              {form.errors.outcome && (
                <Text size="sm" c="red.9" role="alert" data-testid="bullying-error-outcome">
                  {form.errors.outcome}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {t('bullying.continuedHint')}
              </Text>
            </Stack>
            {area('notes', t('bullying.field.notes'), 'bullying-notes')}
            {v.outcome !== 'stopped' && nextOn}
          </>
        )}
        {s.kind === 'monitoring' && (
          <>
            {area('notes', t('bullying.field.notes'), 'bullying-notes')}
            {nextOn}
          </>
        )}
        <FormButtons onClose={onClose} loading={save.isPending} label={t('bullying.saveRecord')} />
      </Stack>
    </form>
  );
}
