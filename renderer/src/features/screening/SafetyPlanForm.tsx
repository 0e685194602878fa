/**
 * A new version of a pupil's safety plan: the six steps, one line a point, and whether it was written with the
 * pupil. Validated by the schema of `safetyPlan.save` (forms.ts): at most five lines a step, each line short
 * enough for the one-page sheet, at least one line in all; a refusal of the core that names a field lands on it.
 */
import { Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { SAFETY_PLAN_STEPS, type SafetyPlan } from '../../../../shared/screening';
import { useApiMutation } from '../../api/hooks';
import { applyServerFieldError } from '../../app/forms';
import { safetyPlanFormSchema, toTexts, validateSafetyPlan, type SafetyPlanFormValues } from './forms';
import { useNotifyError, useRefresh } from './parts';

const NO_STEPS = { warningSigns: [], coping: [], distractions: [], helpers: [], professionals: [], environment: [] };

export function SafetyPlanForm({ caseId, pupilId, plan, onDone }: { caseId: string; pupilId: string; plan: SafetyPlan | null; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const notify = useNotifyError();
  const form = useForm<SafetyPlanFormValues>({
    mode: 'controlled',
    initialValues: { withPupil: plan?.withPupil ?? true, steps: toTexts(plan?.steps ?? NO_STEPS) },
    validate: validateSafetyPlan(t),
    validateInputOnChange: true,
  });
  const save = useApiMutation('safetyPlan.save', {
    onSuccess: async () => {
      onDone();
      await refresh();
      notifications.show({ color: 'green', message: t('common.saved') });
    },
    onError: (e) => {
      if (!applyServerFieldError(t, form, e)) notify(e);
    },
  });
  const submit = form.onSubmit((values) => save.mutate({ caseId, pupilId, baseVersion: plan?.version ?? 0, ...safetyPlanFormSchema.parse(values) }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" data-testid="plan-editor">
        <Text size="xs" c="dimmed">
          {t('screening.plan.linesHint')} {t('screening.plan.helplines')}
        </Text>
        {SAFETY_PLAN_STEPS.map((k) => (
          <Textarea key={k} label={t(`screening.plan.steps.${k}`)} autosize minRows={2} {...form.getInputProps(`steps.${k}`)} data-testid={`plan-step-${k}`} />
        ))}
        {form.errors.steps && (
          <Text size="sm" c="red.9" role="alert" data-testid="plan-steps-error">
            {form.errors.steps}
          </Text>
        )}
        <Checkbox label={t('screening.plan.withPupil')} {...form.getInputProps('withPupil', { type: 'checkbox' })} />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onDone}>
            {t('screening.cancel')}
          </Button>
          <Button type="submit" size="xs" loading={save.isPending} data-testid="plan-save">
            {t('screening.plan.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
