/** Skipping a step of the flow, with the reason (required; `bullying.skip`). */
import { Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { BullyingStep } from '../../../../shared/bullying';
import type { CaseDetail } from '../../../../shared/cases';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError } from '../../app/forms';
import { SKIP_REASON_MAX, skipFormSchema, validateSkip, type SkipFormValues } from './forms';
import { FormButtons, useFlowWrite } from './parts';

export function SkipForm({ c, s, onClose }: { c: CaseDetail; s: BullyingStep; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<SkipFormValues>({ mode: 'controlled', initialValues: { reason: '' }, validate: validateSkip(t), validateInputOnChange: true });
  const skip = useFlowWrite('bullying.skip', onClose, (e) => applyServerFieldError(t, form, e));
  const submit = form.onSubmit((v) => skip.mutate({ stepId: s.id, version: c.version, ...skipFormSchema.parse(v) }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" data-testid="bullying-skip-form">
        <Textarea
          label={t('bullying.skipReason')}
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
          description={limitHint(t, form.getValues().reason, SKIP_REASON_MAX)}
          data-testid="bullying-skip-reason-input"
        />
        <FormButtons onClose={onClose} loading={skip.isPending} label={t('bullying.saveSkip')} />
      </Stack>
    </form>
  );
}
