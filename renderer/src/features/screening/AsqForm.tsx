/**
 * "Start a screening": the five ASQ questions as yes / no / declined (question 5 only when 1–4 call for it), the
 * result as the core will record it (`asqResult`, shared/screening.ts — the same function), notes, and — when the
 * answers leave the screen incomplete — the reason, without which it does not save. Validated by the schema of
 * `screening.record` (forms.ts); a refusal of the core that names a field lands on it.
 */
import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ASQ_QUESTIONS, ASQ_SOURCE, ASQ_TEXT } from '../../../../shared/asq';
import type { CaseDetail } from '../../../../shared/cases';
import { ASQ_ANSWERS, asqAsksQ5, asqNeedsReason, asqResult, type AsqAnswers } from '../../../../shared/screening';
import { useApiMutation } from '../../api/hooks';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError, type ServerFieldMap } from '../../app/forms';
import { SCREENING_NOTES_MAX, SCREENING_REASON_MAX, screeningFormSchema, validateScreening, type ScreeningFormValues } from './forms';
import { RESULT_COLOR, nowLocal, useNotifyError, useRefresh } from './parts';

const EMPTY: AsqAnswers = { q1: null, q2: null, q3: null, q4: null, q5: null };

/** Refusals of the core about one field though it names none. */
const SERVER_FIELDS: ServerFieldMap = { codes: { 'screening.incomplete': 'incompleteReason', 'screening.not_in_case': 'pupilId' } };

export function AsqForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ru' ? 'ru' : 'kk';
  const refresh = useRefresh();
  const notify = useNotifyError();
  const form = useForm<ScreeningFormValues>({
    mode: 'controlled',
    initialValues: {
      pupilId: c.pupils.length === 1 ? c.pupils[0]!.pupilId : null,
      askedAt: nowLocal(),
      answers: EMPTY,
      notes: '',
      incompleteReason: '',
    },
    validate: validateScreening(t),
    validateInputOnChange: ['askedAt', 'notes', 'incompleteReason'],
  });
  const record = useApiMutation('screening.record', {
    onSuccess: async () => {
      await refresh();
      // a neutral word only: a notification never says anything of a screening
      notifications.show({ color: 'green', message: t('common.saved') });
      onDone();
    },
    onError: (e) => {
      if (!applyServerFieldError(t, form, e, SERVER_FIELDS)) notify(e);
    },
  });
  const v = form.getValues();
  const result = asqResult(v.answers);
  const showQ5 = asqAsksQ5(v.answers) || v.answers.q5 !== null;
  const needsReason = asqNeedsReason(v.answers);
  const submit = form.onSubmit((values) => record.mutate({ caseId: c.id, caseVersion: c.version, ...screeningFormSchema(new Date()).parse(values) }));
  return (
    <Paper withBorder p="sm" radius="sm" bg="gray.0" data-testid="screening-form">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <Select
              label={t('screening.pupil')}
              data={c.pupils.map((p) => ({ value: p.pupilId, label: `${p.lastName} ${p.firstName}` }))}
              {...form.getInputProps('pupilId')}
              allowDeselect={false}
              withAsterisk
              data-testid="screening-pupil"
            />
            <TextInput type="datetime-local" label={t('screening.askedAt')} withAsterisk {...form.getInputProps('askedAt')} data-testid="screening-asked-at" />
          </Group>
          {ASQ_QUESTIONS.filter((q) => q !== 'q5' || showQ5).map((q, i) => (
            <Stack key={q} gap={4} data-testid={`asq-${q}`}>
              <Text size="sm" fw={q === 'q5' ? 700 : 500} c={q === 'q5' ? 'red.9' : undefined}>
                {i + 1}. {ASQ_TEXT[q][lang]}
              </Text>
              <SegmentedControl
                size="xs"
                value={v.answers[q] ?? ''}
                onChange={(x) => {
                  const a = ASQ_ANSWERS.find((y) => y === x);
                  if (a) form.setFieldValue('answers', { ...form.getValues().answers, [q]: a });
                }}
                data={ASQ_ANSWERS.map((a) => ({ value: a, label: t(`screening.answer.${a}`) }))}
                style={{ alignSelf: 'flex-start' }}
              />
            </Stack>
          ))}
          {!showQ5 && (
            <Text size="xs" c="dimmed">
              {t('screening.q5Hint')}
            </Text>
          )}
          <Group gap="xs">
            <Text size="sm">{t('screening.preview')}:</Text>
            {result ? (
              <Badge color={RESULT_COLOR[result]} variant={result === 'acute' ? 'filled' : 'light'} style={{ textTransform: 'none' }} data-testid="screening-preview">
                {t(`screening.result.${result}`)}
              </Badge>
            ) : (
              <Text size="sm" c="dimmed">
                {t('screening.undecided')}
              </Text>
            )}
          </Group>
          {form.errors.answers && (
            <Text size="sm" c="red.9" role="alert" data-testid="screening-answers-error">
              {form.errors.answers}
            </Text>
          )}
          <Textarea
            label={t('screening.notes')}
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
            description={limitHint(t, v.notes, SCREENING_NOTES_MAX)}
            data-testid="screening-notes"
          />
          {needsReason && (
            <Textarea
              label={t('screening.incompleteReason')}
              autosize
              minRows={1}
              withAsterisk
              {...form.getInputProps('incompleteReason')}
              description={limitHint(t, v.incompleteReason, SCREENING_REASON_MAX) ?? t('screening.incompleteHint')}
              data-testid="screening-reason"
            />
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed" maw={520} title={ASQ_SOURCE.url} data-testid="asq-source">
              {t('screening.source')}
            </Text>
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={onDone}>
                {t('screening.cancel')}
              </Button>
              <Button
                type="submit"
                size="xs"
                color={result === 'acute' ? 'red' : undefined}
                disabled={!form.isValid()}
                loading={record.isPending}
                data-testid="screening-save"
              >
                {t('screening.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
