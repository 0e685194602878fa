/**
 * The school's timing of the flow's steps (`bullying.setSettings`, on `bullyingSettingsSchema`): which steps are
 * laid out and how many days from what. The bounds of each field are the schema's.
 */
import { Checkbox, Group, Loader, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { bullyingSettingsSchema, type BullyingSettings } from '../../../../shared/bullying';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { applyServerFieldError, serverErrorPath, zodFormResolver } from '../../app/forms';
import { FormActions } from '../../app/FormActions';

const STEP_FROM: Record<keyof BullyingSettings, 'start' | 'firstTalk' | 'stopped'> = {
  target_talk: 'start',
  initiator_talk: 'start',
  parents: 'start',
  platform_report: 'start',
  follow_up: 'firstTalk',
  monitoring: 'stopped',
};
const STEPS = Object.keys(STEP_FROM) as (keyof BullyingSettings)[];

/** The bounds of a step's day count, as the schema has them. */
function bounds(k: keyof BullyingSettings): { min?: number; max?: number } {
  const days = bullyingSettingsSchema.shape[k].shape.offsetDays;
  return { ...(days.minValue !== null ? { min: days.minValue } : {}), ...(days.maxValue !== null ? { max: days.maxValue } : {}) };
}

export function SettingsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const current = useApiQuery('bullying.settings', {});
  return (
    <Modal opened onClose={onClose} title={t('bullying.settings')} size="lg" centered>
      {current.isPending && <Loader size="sm" />}
      <ErrorAlert error={current.error} />
      {current.data && <SettingsForm saved={current.data} onClose={onClose} />}
    </Modal>
  );
}

function SettingsForm({ saved, onClose }: { saved: BullyingSettings; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<BullyingSettings>({
    mode: 'controlled',
    initialValues: saved,
    validate: zodFormResolver<BullyingSettings>(bullyingSettingsSchema, t),
    validateInputOnChange: true,
  });
  const save = useApiMutation('bullying.setSettings', {
    onSuccess: async () => {
      await invalidate(qc, 'bullying.settings');
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const v = form.getValues();
  // a refusal about a field is on the field; the others here
  const path = serverErrorPath(save.error);
  const shown = path !== null && (path.split('.')[0] ?? '') in v ? null : save.error;
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(bullyingSettingsSchema.parse(values)))} noValidate>
      <Stack gap="sm" data-testid="bullying-settings">
        <Text size="sm" c="dimmed">
          {t('bullying.settingsHint')}
        </Text>
        {STEPS.map((k) => (
          <Group key={k} justify="space-between" wrap="nowrap" align="flex-start">
            <Checkbox
              label={t(`bullying.kind.${k}`)}
              checked={v[k].enabled}
              // the talk with the targeted pupil cannot be turned off (the schema's `true`)
              disabled={k === 'target_talk'}
              onChange={(e) => form.setFieldValue(`${k}.enabled`, e.currentTarget.checked)}
              style={{ flex: 1 }}
            />
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <NumberInput
                aria-label={t('bullying.days')}
                {...bounds(k)}
                allowDecimal={false}
                w={80}
                {...form.getInputProps(`${k}.offsetDays`)}
                data-testid={`bullying-offset-${k}`}
              />
              <Text size="xs" c="dimmed" w={170}>
                {t('bullying.days')} {t(`bullying.from.${STEP_FROM[k]}`)}
              </Text>
            </Group>
          </Group>
        ))}
        <ErrorAlert error={shown} />
        <FormActions submitLabel={t('common.save')} onCancel={onClose} loading={save.isPending} disabled={!form.isDirty()} submitTestId="bullying-settings-save" />
      </Stack>
    </form>
  );
}
