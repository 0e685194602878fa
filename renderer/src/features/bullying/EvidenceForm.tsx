/**
 * A cyberbullying evidence record (`bullying.addEvidence`): the platform, the account names and links (one a
 * line), what was seen and when.
 */
import { Group, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError } from '../../app/forms';
import { DateText } from '../cases/parts';
import { EVIDENCE_DESCRIPTION_MAX, evidenceFormSchema, validateEvidence, type EvidenceFormValues } from './forms';
import { FormButtons, fieldError, useFlowWrite } from './parts';

const EMPTY: EvidenceFormValues = { platform: '', accounts: '', links: '', description: '', observedOn: null };

export function EvidenceForm({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<EvidenceFormValues>({ mode: 'controlled', initialValues: EMPTY, validate: validateEvidence(t), validateInputOnChange: true });
  const add = useFlowWrite('bullying.addEvidence', onClose, (e) => applyServerFieldError(t, form, e));
  const v = form.getValues();
  const submit = form.onSubmit((values) => add.mutate({ caseId: c.id, version: c.version, ...evidenceFormSchema.parse(values) }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" data-testid="bullying-evidence-form">
        <Group grow align="flex-start">
          <TextInput label={t('bullying.field.platform')} withAsterisk {...form.getInputProps('platform')} data-testid="evidence-platform" />
          <DateText
            label={t('bullying.field.observedOn')}
            value={v.observedOn}
            onChange={(x) => form.setFieldValue('observedOn', x)}
            name="evidence-observed"
            error={fieldError(form.errors.observedOn, 'observedOn')}
          />
        </Group>
        <Group grow align="flex-start">
          <Textarea label={t('bullying.field.accounts')} autosize minRows={2} {...form.getInputProps('accounts')} data-testid="evidence-accounts" />
          <Textarea label={t('bullying.field.links')} autosize minRows={2} {...form.getInputProps('links')} data-testid="evidence-links" />
        </Group>
        <Textarea
          label={t('bullying.field.description')}
          autosize
          minRows={2}
          {...form.getInputProps('description')}
          description={limitHint(t, v.description, EVIDENCE_DESCRIPTION_MAX)}
          data-testid="evidence-description"
        />
        <FormButtons onClose={onClose} loading={add.isPending} label={t('bullying.addEvidence')} />
      </Stack>
    </form>
  );
}
