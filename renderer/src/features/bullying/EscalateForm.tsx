/** A worker's escalation of the case to the prevention council (`bullying.escalate`): which pupils, and why. */
import { MultiSelect, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError } from '../../app/forms';
import { ESCALATE_REASON_MAX, escalateFormSchema, validateEscalate, type EscalateFormValues } from './forms';
import { FormButtons, pupilName, useFlowWrite } from './parts';

export function EscalateForm({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<EscalateFormValues>({
    mode: 'controlled',
    // the initiators by default
    initialValues: { reason: '', pupilIds: c.pupils.filter((p) => p.role === 'initiator').map((p) => p.pupilId) },
    validate: validateEscalate(t),
    validateInputOnChange: true,
  });
  const escalate = useFlowWrite('bullying.escalate', onClose, (e) => applyServerFieldError(t, form, e));
  const submit = form.onSubmit((v) => escalate.mutate({ caseId: c.id, version: c.version, ...escalateFormSchema.parse(v) }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" data-testid="bullying-escalate-form">
        <MultiSelect
          label={t('bullying.escalatePupils')}
          data={c.pupils.map((p) => ({ value: p.pupilId, label: pupilName(c, p.pupilId) }))}
          withAsterisk
          {...form.getInputProps('pupilIds')}
          data-testid="bullying-escalate-pupils"
        />
        <Textarea
          label={t('bullying.escalateReason')}
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
          description={limitHint(t, form.getValues().reason, ESCALATE_REASON_MAX)}
          data-testid="bullying-escalate-reason"
        />
        <FormButtons onClose={onClose} loading={escalate.isPending} label={t('bullying.escalate')} />
      </Stack>
    </form>
  );
}
