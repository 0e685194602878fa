/**
 * A guardian's create / edit form, checked by the contract's own schema (`guardianInputSchema`, shared/guardians.ts):
 * the phones are typed as one text (comma-separated) and split into the list the core takes; an IIN's error names
 * its problem (as the pupil form's). A refusal naming a field lands on it; a stale write (someone changed the
 * guardian since the form was opened) is told as a whole by the caller, which reloads the list.
 */
import { Checkbox, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm, type FormErrors } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { GUARDIAN_RELATIONS, MAX_GUARDIAN_PHONES, guardianInputSchema, type Guardian, type GuardianRelation } from '../../../../shared/guardians';
import { iinSchema } from '../../../../shared/pupils';
import type { ApiError } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError, zodFormResolver } from '../../app/forms';
import { iinMessage } from '../pupils/forms';
import { FormActions } from '../../app/FormActions';

export interface GuardianValues {
  fullName: string;
  relation: GuardianRelation;
  /** as typed: phones separated by commas, semicolons or new lines */
  phones: string;
  legalRepresentative: boolean;
  /** as typed: digits only, empty for none */
  iin: string;
  livesWithPupil: boolean;
}

const shape = guardianInputSchema.shape;
export const GUARDIAN_NAME_MAX = shape.fullName.maxLength ?? Number.POSITIVE_INFINITY;

/** The form's values → `guardianInputSchema`'s input: the phones split into a list, an empty IIN none. */
export const guardianFormSchema = guardianInputSchema.extend({
  phones: z
    .string()
    .transform((v) =>
      v
        .split(/[,;\n]/)
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    )
    .pipe(shape.phones.unwrap()),
  iin: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(iinSchema.nullable()),
});

export const validateGuardian = (t: TFunction) => {
  const check = zodFormResolver<GuardianValues>(guardianFormSchema, t, {
    'phones:too_big': ['validation.atMost', { max: MAX_GUARDIAN_PHONES }],
  });
  return (values: GuardianValues): FormErrors => {
    const errors: FormErrors = {};
    for (const [path, message] of Object.entries(check(values))) {
      // a wrong phone of the list (`phones.2`) is an error of the one phones field
      if (/^phones\.\d+$/.test(path)) errors.phones ??= t('guardians.phoneInvalid');
      else errors[path] = message;
    }
    if (errors.iin !== undefined) errors.iin = iinMessage(t, values.iin) ?? errors.iin;
    return errors;
  };
};

export function guardianValues(g: Guardian | null): GuardianValues {
  return {
    fullName: g?.fullName ?? '',
    relation: g?.relation ?? 'mother',
    phones: (g?.phones ?? []).join(', '),
    legalRepresentative: g?.legalRepresentative ?? false,
    iin: g?.iin ?? '',
    livesWithPupil: g?.livesWithPupil ?? true,
  };
}

export function GuardianForm({
  pupilId,
  guardian,
  onClose,
  onError,
}: {
  pupilId: string;
  guardian: Guardian | null;
  onClose: () => void;
  /** a refusal that is about no field of the form (a stale write: the caller reloads the list) */
  onError: (e: ApiError) => Promise<void>;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<GuardianValues>({ mode: 'controlled', initialValues: guardianValues(guardian), validate: validateGuardian(t) });
  const v = form.getValues();
  const onSuccess = async () => {
    await qc.invalidateQueries();
    notifications.show({ color: 'green', message: t('guardians.saved') });
    onClose();
  };
  /** a refusal about a field goes on it; any other is the caller's */
  const refused = (e: ApiError) => {
    if (applyServerFieldError(t, form, e)) return;
    void onError(e);
    if (e.code === 'guardians.stale') onClose();
  };
  const create = useApiMutation('guardians.create', { onSuccess, onError: refused });
  const update = useApiMutation('guardians.update', { onSuccess, onError: refused });
  const save = form.onSubmit((values) => {
    const input = guardianInputSchema.parse(guardianFormSchema.parse(values));
    if (guardian) update.mutate({ id: guardian.id, version: guardian.version, guardian: input });
    else create.mutate({ pupilId, guardian: input });
  });
  return (
    <Modal opened onClose={onClose} title={guardian ? t('guardians.edit') : t('guardians.add')}>
      <form onSubmit={save} noValidate>
        <Stack>
          <TextInput
            label={t('guardians.fullName')}
            required
            {...form.getInputProps('fullName')}
            description={limitHint(t, v.fullName, GUARDIAN_NAME_MAX)}
            data-testid="guardian-name"
          />
          <SimpleGrid cols={2}>
            <Select
              label={t('guardians.relationLabel')}
              data={GUARDIAN_RELATIONS.map((r) => ({ value: r, label: t(`guardians.relation.${r}`) }))}
              allowDeselect={false}
              {...form.getInputProps('relation')}
              data-testid="guardian-relation"
            />
            <TextInput
              label={t('guardians.iin')}
              {...form.getInputProps('iin')}
              onChange={(e) => form.setFieldValue('iin', e.currentTarget.value.replace(/\D/g, '').slice(0, 12))}
              styles={{ input: { fontFamily: 'monospace' } }}
              data-testid="guardian-iin"
            />
          </SimpleGrid>
          <TextInput label={t('guardians.phones')} description={t('guardians.phonesHint')} {...form.getInputProps('phones')} data-testid="guardian-phones" />
          <Checkbox label={t('guardians.legalRepresentative')} {...form.getInputProps('legalRepresentative', { type: 'checkbox' })} />
          <Checkbox label={t('guardians.livesWith')} {...form.getInputProps('livesWithPupil', { type: 'checkbox' })} />
          <FormActions submitLabel={t('common.save')} onCancel={onClose} loading={create.isPending || update.isPending} submitTestId="guardian-save" />
        </Stack>
      </form>
    </Modal>
  );
}
