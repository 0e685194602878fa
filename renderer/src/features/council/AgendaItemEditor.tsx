/**
 * One agenda item as the minutes print it: the title, the pupil it concerns, ТЫҢДАЛДЫ (who reported what),
 * СӨЙЛЕДІ (who spoke) and ҚАУЛЫ ЕТТІ — numbered decisions, each with a type (a typed decision takes effect once the
 * minutes are signed), its pupil, the responsible and the deadline. The editor is a form on the contract's schema
 * (`itemInputSchema`, features/council/forms.ts): errors on their fields, counters as a text nears its limit.
 */
import dayjs from 'dayjs';
import { ActionIcon, Badge, Button, Group, MultiSelect, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { DECISION_TYPES, type AgendaItem } from '../../../../shared/council';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { groundLabel, groundsText } from '../register/labels';
import { ErrorAlert } from '../../app/errors';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError, serverErrorPath } from '../../app/forms';
import { AGENDA_LIMITS, agendaItemInput, agendaItemValues, emptyDecision, validateAgendaItem, type AgendaItemValues, type DecisionValues } from './forms';
import { PupilPicker } from './PupilPicker';

const EFFECT_COLORS = { pending: 'gray', applied: 'green', none: 'gray', not_wired: 'orange' } as const;

export function AgendaItemView({ item }: { item: AgendaItem }) {
  const { t, i18n } = useTranslation();
  const grounds = useApiQuery('register.grounds', {}, { enabled: item.decisions.some((d) => d.type === 'register_on') });
  return (
    <Paper withBorder p="md" data-testid={`agenda-item-${item.number}`}>
      <Stack gap={6}>
        <Text fw={700}>
          {item.number}. {item.title ?? t('council.hidden')}
        </Text>
        {item.pupilName && (
          <Text size="sm" c="dimmed">
            {t('council.pupil')}: {item.pupilName}
          </Text>
        )}
        <Text fw={600} size="sm">
          {t('council.heard')}
        </Text>
        <Text size="sm">{item.heard || '—'}</Text>
        {item.spoke && (
          <>
            <Text fw={600} size="sm">
              {t('council.spoke')}
            </Text>
            <Text size="sm">{item.spoke}</Text>
          </>
        )}
        <Text fw={600} size="sm">
          {t('council.decided')}
        </Text>
        {item.decisions.map((d) => (
          <Group key={d.id} gap="xs" align="flex-start" wrap="nowrap" data-testid={`decision-${item.number}-${d.number}`}>
            <Text size="sm">{d.number}.</Text>
            <Stack gap={2} style={{ flex: 1 }}>
              <Text size="sm">{d.text ?? t('council.hidden')}</Text>
              {d.type === 'register_on' && (
                <Text size="xs" c="dimmed" data-testid={`decision-grounds-${item.number}-${d.number}`}>
                  {t('council.grounds')}: {d.groundIds === null ? t('council.hidden') : groundsText(d.groundIds, grounds.data ?? [], i18n.language)}
                  {d.firstReviewOn && ` · ${t('council.firstReview')}: ${d.firstReviewOn}`}
                </Text>
              )}
              <Group gap="xs">
                {d.type !== 'note' && <Badge variant="light">{t(`council.decisionType.${d.type}`)}</Badge>}
                {d.responsible && <Text size="xs" c="dimmed">{t('council.responsible')}: {d.responsible}</Text>}
                {d.deadline && <Text size="xs" c="dimmed">{t('council.deadline')}: {dayjs(d.deadline).format('DD.MM.YYYY')}</Text>}
                {d.effectStatus !== 'pending' && d.type !== 'note' && (
                  <Badge size="xs" color={EFFECT_COLORS[d.effectStatus]} variant="outline" data-testid={`effect-${item.number}-${d.number}`}>
                    {t(`council.effect.${d.effectStatus}`)}
                  </Badge>
                )}
              </Group>
            </Stack>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

export function AgendaItemEditor({
  item,
  onMove,
  first,
  last,
}: {
  item: AgendaItem;
  onMove: (dir: -1 | 1) => void;
  first: boolean;
  last: boolean;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<AgendaItemValues>({ mode: 'controlled', initialValues: agendaItemValues(item), validate: validateAgendaItem(t) });
  const v = form.getValues();
  const needsGrounds = v.decisions.some((d) => d.type === 'register_on');
  const grounds = useApiQuery('register.grounds', {}, { enabled: needsGrounds });
  const groundOptions = (selected: string[]) =>
    (grounds.data ?? []).filter((g) => !g.retired || selected.includes(g.id)).map((g) => ({ value: g.id, label: groundLabel(g, i18n.language) }));
  const save = useApiMutation('council.agenda.saveItem', {
    onSuccess: async () => {
      await invalidate(qc, 'council.meetings.get');
      notifications.show({ message: t('common.saved'), color: 'green' });
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const remove = useApiMutation('council.agenda.remove', { onSuccess: () => invalidate(qc, 'council.meetings.get', 'council.agenda.proposals') });
  const typeOptions = DECISION_TYPES.map((x) => ({ value: x, label: t(`council.decisionType.${x}`) }));
  /** a long text's field: its value, error and the counter as it nears the contract's limit */
  const text = (path: string, value: string, max: number, description?: string) => ({
    ...form.getInputProps(path),
    description: limitHint(t, value, max) ?? description,
  });
  const saveError = onForm(serverErrorPath(save.error), v) ? null : save.error;
  return (
    <Paper withBorder p="md" data-testid={`agenda-item-${item.number}`}>
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(agendaItemInput(item.id, values)))}>
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700}>
              {item.number}.{' '}
              {item.sourceType !== 'free' && (
                <Badge size="xs" variant="light" mr="xs">
                  {t(`council.source.${item.sourceType}`, { defaultValue: item.sourceType })}
                </Badge>
              )}
            </Text>
            <Group gap={4}>
              <ActionIcon variant="subtle" disabled={first} aria-label={t('council.moveUp')} onClick={() => onMove(-1)} data-testid={`agenda-up-${item.number}`}>
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" disabled={last} aria-label={t('council.moveDown')} onClick={() => onMove(1)} data-testid={`agenda-down-${item.number}`}>
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" aria-label={t('council.removeItem')} onClick={() => remove.mutate({ itemId: item.id })} data-testid={`agenda-remove-${item.number}`}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Group>
          <Textarea label={t('council.itemTitle')} autosize minRows={1} {...text('title', v.title, AGENDA_LIMITS.title)} data-testid={`item-title-${item.number}`} />
          <PupilPicker
            value={v.pupilId}
            valueLabel={v.pupilName}
            onChange={(id, name) => form.setValues({ pupilId: id, pupilName: name })}
            testId={`item-pupil-${item.number}`}
          />
          <Textarea label={t('council.heard')} autosize minRows={2} {...text('heard', v.heard, AGENDA_LIMITS.heard, t('council.heardHint'))} data-testid={`item-heard-${item.number}`} />
          <Textarea label={t('council.spoke')} autosize minRows={1} {...text('spoke', v.spoke, AGENDA_LIMITS.spoke, t('council.spokeHint'))} data-testid={`item-spoke-${item.number}`} />
          <Text fw={600} size="sm">
            {t('council.decided')}
          </Text>
          {v.decisions.map((d, i) => {
            const at = (k: keyof DecisionValues) => `decisions.${i}.${k}`;
            return (
              <Paper key={i} withBorder p="xs" bg="gray.0" data-testid={`decision-edit-${item.number}-${i + 1}`}>
                <Stack gap={6}>
                  <Group align="flex-end" wrap="wrap">
                    <Text size="sm" fw={600}>
                      {i + 1}.
                    </Text>
                    <Select
                      label={t('council.decisionTypeLabel')}
                      data={typeOptions}
                      allowDeselect={false}
                      {...form.getInputProps(at('type'))}
                      w={240}
                      data-testid={`decision-type-${item.number}-${i + 1}`}
                    />
                    <TextInput label={t('council.responsible')} {...text(at('responsible'), d.responsible, AGENDA_LIMITS.responsible)} w={220} data-testid={`decision-responsible-${item.number}-${i + 1}`} />
                    <TextInput type="date" label={t('council.deadline')} {...form.getInputProps(at('deadline'))} w={170} data-testid={`decision-deadline-${item.number}-${i + 1}`} />
                    <ActionIcon variant="subtle" color="red" aria-label={t('council.removeDecision')} onClick={() => form.removeListItem('decisions', i)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                  {d.type !== 'note' && v.pupilId && (
                    <Text size="xs" c="dimmed">
                      {t('council.decisionFor', { name: v.pupilName ?? '' })}
                    </Text>
                  )}
                  {d.type !== 'note' && !v.pupilId && !form.errors[at('type')] && (
                    <Text size="xs" c="dimmed">
                      {t('council.decisionNeedsPupil')}
                    </Text>
                  )}
                  {d.type === 'register_on' && (
                    <Group align="flex-end" wrap="wrap">
                      <MultiSelect
                        label={t('council.grounds')}
                        description={t('council.groundsHint')}
                        data={groundOptions(d.groundIds)}
                        {...form.getInputProps(at('groundIds'))}
                        searchable
                        required
                        style={{ flex: 1, minWidth: 280 }}
                        data-testid={`decision-grounds-${item.number}-${i + 1}`}
                      />
                      <TextInput
                        type="date"
                        label={t('council.firstReview')}
                        description={t('council.firstReviewHint')}
                        {...form.getInputProps(at('firstReviewOn'))}
                        w={200}
                        data-testid={`decision-first-review-${item.number}-${i + 1}`}
                      />
                    </Group>
                  )}
                  <Textarea
                    autosize
                    minRows={1}
                    placeholder={t('council.decisionText')}
                    aria-label={t('council.decisionText')}
                    {...text(at('text'), d.text, AGENDA_LIMITS.text)}
                    data-testid={`decision-text-${item.number}-${i + 1}`}
                  />
                </Stack>
              </Paper>
            );
          })}
          <Group justify="space-between">
            <Button variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('decisions', emptyDecision())} data-testid={`decision-add-${item.number}`}>
              {t('council.addDecision')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid={`item-save-${item.number}`}>
              {t('common.save')}
            </Button>
          </Group>
          <ErrorAlert error={saveError ?? remove.error} />
        </Stack>
      </form>
    </Paper>
  );
}

/** Whether a refusal's field is one of the form's (it is then shown there, not as a whole). */
function onForm(path: string | null, values: object): boolean {
  return path !== null && (path.split('.')[0] ?? path) in values;
}
