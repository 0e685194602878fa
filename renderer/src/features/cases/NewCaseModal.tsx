/**
 * Opening a case directly (without a concern): title, summary, form of harm, risk and the pupils with their roles,
 * on `cases.create`'s own schema (./forms.ts). A refusal about one field lands on it; the rest as a notice.
 */
import { Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FORMS_OF_HARM, RISK_LEVELS } from '../../../../shared/cases';
import { invalidate, useApiMutation } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError } from '../../app/forms';
import { CASE_LIMITS, newCaseFormSchema, validateNewCase, type NewCaseFormValues } from './forms';
import { PupilPicker } from './parts';
import { FormActions } from '../../app/FormActions';

export function NewCaseModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<NewCaseFormValues>({
    mode: 'controlled',
    initialValues: { title: '', summary: '', formOfHarm: null, risk: 'medium', pupils: [] },
    validate: validateNewCase(t),
  });
  const create = useApiMutation('cases.create', {
    onSuccess: async (c) => {
      await invalidate(qc, 'cases.list');
      onClose();
      void navigate({ to: '/case', search: { id: c.id } });
    },
    onError: (e) => {
      if (!applyServerFieldError(t, form, e)) notifications.show({ color: 'red', message: errorText(t, e) });
    },
  });
  const v = form.getValues();
  const submit = form.onSubmit((x) => create.mutate(newCaseFormSchema.parse(x)));
  return (
    <Modal opened onClose={onClose} title={t('cases.newCase')} size="lg">
      <form onSubmit={submit} noValidate data-testid="case-new-form">
        <Stack>
          <TextInput
            label={t('cases.title')}
            {...form.getInputProps('title')}
            description={limitHint(t, v.title, CASE_LIMITS.title)}
            maxLength={CASE_LIMITS.title}
            required
            data-testid="case-new-title"
          />
          <Textarea
            label={t('cases.summary')}
            autosize
            minRows={3}
            {...form.getInputProps('summary')}
            description={limitHint(t, v.summary, CASE_LIMITS.summary)}
            maxLength={CASE_LIMITS.summary}
            data-testid="case-new-summary"
          />
          <Group grow align="flex-start">
            <Select label={t('cases.formOfHarm')} data={FORMS_OF_HARM.map((h) => ({ value: h, label: t(`cases.harm.${h}`) }))} {...form.getInputProps('formOfHarm')} required data-testid="case-new-harm" />
            <Select label={t('cases.riskLabel')} data={RISK_LEVELS.map((r) => ({ value: r, label: t(`cases.risk.${r}`) }))} {...form.getInputProps('risk')} allowDeselect={false} data-testid="case-new-risk" />
          </Group>
          <PupilPicker value={v.pupils} onChange={(p) => form.setFieldValue('pupils', p)} error={form.errors.pupils} />
          <FormActions submitLabel={t('cases.open')} onCancel={onClose} loading={create.isPending} submitTestId="case-new-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
