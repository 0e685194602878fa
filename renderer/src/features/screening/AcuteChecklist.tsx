/**
 * An acute screen's checklist, full width with a red border, at the top of the section until every line is
 * answered — done (with the time) or not done (with the reason) — and it is closed. Each line's answer is a small
 * form on the schema of `screening.answerLine` (forms.ts).
 */
import { Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import type { ChecklistItem, Screening } from '../../../../shared/screening';
import { useApiMutation } from '../../api/hooks';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError } from '../../app/forms';
import { showDate } from '../cases/parts';
import { ACUTE_TEXT_MAX, acuteLineFormSchema, validateAcuteLine, type AcuteLineFormValues } from './forms';
import { nowLocal, pupilName, useNotifyError, useRefresh } from './parts';

export function AcuteChecklist({ s, c, canWork }: { s: Screening; c: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const onError = useNotifyError();
  const close = useApiMutation('screening.closeChecklist', { onSuccess: refresh, onError });
  const left = (s.checklist ?? []).filter((l) => l.state === null).length;
  return (
    <Paper
      radius="md"
      p="md"
      role="alert"
      aria-live="assertive"
      style={{ border: '3px solid var(--mantine-color-red-9)', width: '100%' }}
      data-testid="acute-checklist"
    >
      <Stack gap="sm">
        <Group gap="xs">
          <IconAlertTriangle size={22} color="var(--mantine-color-red-9)" />
          <Title order={4} c="red.9">
            {t('screening.acute.title')}
          </Title>
        </Group>
        <Text size="sm">
          {pupilName(c, s.pupilId)} · {showDate(s.askedAt, true)}
        </Text>
        <Text size="sm">{t('screening.acute.intro')}</Text>
        {(s.checklist ?? []).map((l) => (
          <ChecklistLine key={l.line} s={s} item={l} canWork={canWork} />
        ))}
        <Group justify="space-between">
          <Text size="sm" c={left > 0 ? 'red.9' : undefined} fw={600} data-testid="acute-left">
            {t('screening.acute.left', { n: left })}
          </Text>
          {canWork && (
            <Button color="red.9" disabled={left > 0} loading={close.isPending} onClick={() => close.mutate({ id: s.id, version: s.version })} data-testid="acute-close">
              {t('screening.acute.close')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function ChecklistLine({ s, item, canWork }: { s: Screening; item: ChecklistItem; canWork: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const line = item.line;
  return (
    <Paper withBorder p="xs" radius="sm" bg={item.state === null ? 'red.0' : undefined} data-testid={`acute-line-${line}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t(`screening.acute.lines.${line}`)}
          </Text>
          <Text size="sm" c={item.state === null ? 'red.9' : 'dimmed'}>
            {item.state === null
              ? t('screening.acute.unanswered')
              : item.state === 'done'
                ? `${t('screening.acute.done')}: ${showDate(item.at, true)}${item.note ? ` · ${item.note}` : ''}`
                : `${t('screening.acute.notDone')}: ${item.note ?? ''}`}
          </Text>
        </Stack>
        {canWork && !editing && (
          <Button size="compact-sm" variant={item.state === null ? 'filled' : 'subtle'} color="red.9" onClick={() => setEditing(true)} data-testid={`acute-answer-${line}`}>
            {item.state === null ? t('screening.acute.answer') : t('screening.acute.change')}
          </Button>
        )}
      </Group>
      {editing && <AcuteLineForm s={s} item={item} onDone={() => setEditing(false)} />}
    </Paper>
  );
}

/** One line's answer: done at a time (with an optional note) or not done with the reason. */
export function AcuteLineForm({ s, item, onDone }: { s: Screening; item: ChecklistItem; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const notify = useNotifyError();
  const line = item.line;
  const form = useForm<AcuteLineFormValues>({
    mode: 'controlled',
    initialValues: { state: 'done', at: nowLocal(), text: '' },
    validate: validateAcuteLine(t, s.askedAt),
    validateInputOnChange: ['at', 'text'],
  });
  const answer = useApiMutation('screening.answerLine', {
    onSuccess: async () => {
      onDone();
      await refresh();
    },
    onError: (e) => {
      if (!applyServerFieldError(t, form, e, { fields: { reason: 'text', note: 'text' } })) notify(e);
    },
  });
  const v = form.getValues();
  const submit = form.onSubmit((values) => answer.mutate({ id: s.id, version: s.version, line, ...acuteLineFormSchema(s.askedAt, new Date()).parse(values) }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" mt="xs">
        <SegmentedControl
          size="xs"
          value={v.state}
          onChange={(x) => form.setFieldValue('state', x === 'not_done' ? 'not_done' : 'done')}
          data={[
            { value: 'done', label: t('screening.acute.done') },
            { value: 'not_done', label: t('screening.acute.notDone') },
          ]}
          style={{ alignSelf: 'flex-start' }}
          data-testid={`acute-state-${line}`}
        />
        <Group grow align="flex-start">
          {v.state === 'done' && (
            <TextInput type="datetime-local" label={t('screening.acute.at')} withAsterisk {...form.getInputProps('at')} data-testid={`acute-at-${line}`} />
          )}
          <TextInput
            label={v.state === 'done' ? t('screening.acute.note') : t('screening.acute.reason')}
            withAsterisk={v.state === 'not_done'}
            {...form.getInputProps('text')}
            description={limitHint(t, v.text, ACUTE_TEXT_MAX)}
            data-testid={`acute-text-${line}`}
          />
        </Group>
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onDone}>
            {t('screening.cancel')}
          </Button>
          <Button type="submit" size="xs" color="red.9" disabled={!form.isValid()} loading={answer.isPending} data-testid={`acute-save-${line}`}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
