/**
 * One agenda item as the minutes print it: the title, the pupil it concerns, ТЫҢДАЛДЫ (who reported what),
 * СӨЙЛЕДІ (who spoke) and ҚАУЛЫ ЕТТІ — numbered decisions, each with a type (a typed decision takes effect once the
 * minutes are signed), its pupil, the responsible and the deadline.
 */
import dayjs from 'dayjs';
import { ActionIcon, Badge, Button, Group, MultiSelect, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_TYPES, type AgendaItem, type DecisionType } from '../../../../shared/council';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { groundLabel, groundsText } from '../register/labels';
import { ErrorAlert } from '../../app/errors';
import { PupilPicker } from './PupilPicker';

interface DecisionDraft {
  type: DecisionType;
  text: string;
  responsible: string;
  deadline: string;
  /** register_on: the grounds from the school's list and the first review ('' = the register's default) */
  groundIds: string[];
  firstReviewOn: string;
}

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
  const [title, setTitle] = useState(item.title ?? '');
  const [pupilId, setPupilId] = useState<string | null>(item.pupilId);
  const [pupilName, setPupilName] = useState<string | null>(item.pupilName);
  const [heard, setHeard] = useState(item.heard ?? '');
  const [spoke, setSpoke] = useState(item.spoke ?? '');
  const [decisions, setDecisions] = useState<DecisionDraft[]>(
    item.decisions.map((d) => ({
      type: d.type,
      text: d.text ?? '',
      responsible: d.responsible,
      deadline: d.deadline ?? '',
      groundIds: d.groundIds ?? [],
      firstReviewOn: d.firstReviewOn ?? '',
    })),
  );
  const needsGrounds = decisions.some((d) => d.type === 'register_on');
  const grounds = useApiQuery('register.grounds', {}, { enabled: needsGrounds });
  const groundOptions = (selected: string[]) =>
    (grounds.data ?? []).filter((g) => !g.retired || selected.includes(g.id)).map((g) => ({ value: g.id, label: groundLabel(g, i18n.language) }));
  const save = useApiMutation('council.agenda.saveItem', {
    onSuccess: async () => {
      await invalidate(qc, 'council.meetings.get');
      notifications.show({ message: t('common.saved'), color: 'green' });
    },
  });
  const remove = useApiMutation('council.agenda.remove', { onSuccess: () => invalidate(qc, 'council.meetings.get', 'council.agenda.proposals') });
  const setDecision = (i: number, patch: Partial<DecisionDraft>) => setDecisions((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const typeOptions = DECISION_TYPES.map((v) => ({ value: v, label: t(`council.decisionType.${v}`) }));
  return (
    <Paper withBorder p="md" data-testid={`agenda-item-${item.number}`}>
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
        <Textarea label={t('council.itemTitle')} autosize minRows={1} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid={`item-title-${item.number}`} />
        <PupilPicker
          value={pupilId}
          valueLabel={pupilName}
          onChange={(id, name) => {
            setPupilId(id);
            setPupilName(name);
          }}
          testId={`item-pupil-${item.number}`}
        />
        <Textarea label={t('council.heard')} description={t('council.heardHint')} autosize minRows={2} value={heard} onChange={(e) => setHeard(e.currentTarget.value)} data-testid={`item-heard-${item.number}`} />
        <Textarea label={t('council.spoke')} description={t('council.spokeHint')} autosize minRows={1} value={spoke} onChange={(e) => setSpoke(e.currentTarget.value)} data-testid={`item-spoke-${item.number}`} />
        <Text fw={600} size="sm">
          {t('council.decided')}
        </Text>
        {decisions.map((d, i) => (
          <Paper key={i} withBorder p="xs" bg="gray.0" data-testid={`decision-edit-${item.number}-${i + 1}`}>
            <Stack gap={6}>
              <Group align="flex-end" wrap="wrap">
                <Text size="sm" fw={600}>
                  {i + 1}.
                </Text>
                <Select
                  label={t('council.decisionTypeLabel')}
                  data={typeOptions}
                  value={d.type}
                  allowDeselect={false}
                  onChange={(v) => v && setDecision(i, { type: v })}
                  w={240}
                  data-testid={`decision-type-${item.number}-${i + 1}`}
                />
                <TextInput label={t('council.responsible')} value={d.responsible} onChange={(e) => setDecision(i, { responsible: e.currentTarget.value })} w={220} data-testid={`decision-responsible-${item.number}-${i + 1}`} />
                <TextInput type="date" label={t('council.deadline')} value={d.deadline} onChange={(e) => setDecision(i, { deadline: e.currentTarget.value })} w={170} data-testid={`decision-deadline-${item.number}-${i + 1}`} />
                <ActionIcon variant="subtle" color="red" aria-label={t('council.removeDecision')} onClick={() => setDecisions((ds) => ds.filter((_, j) => j !== i))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              {d.type !== 'note' && (
                <Text size="xs" c="dimmed">
                  {pupilId ? t('council.decisionFor', { name: pupilName ?? '' }) : t('council.decisionNeedsPupil')}
                </Text>
              )}
              {d.type === 'register_on' && (
                <Group align="flex-end" wrap="wrap">
                  <MultiSelect
                    label={t('council.grounds')}
                    description={t('council.groundsHint')}
                    data={groundOptions(d.groundIds)}
                    value={d.groundIds}
                    onChange={(v) => setDecision(i, { groundIds: v })}
                    searchable
                    required
                    style={{ flex: 1, minWidth: 280 }}
                    data-testid={`decision-grounds-${item.number}-${i + 1}`}
                  />
                  <TextInput
                    type="date"
                    label={t('council.firstReview')}
                    description={t('council.firstReviewHint')}
                    value={d.firstReviewOn}
                    onChange={(e) => setDecision(i, { firstReviewOn: e.currentTarget.value })}
                    w={200}
                    data-testid={`decision-first-review-${item.number}-${i + 1}`}
                  />
                </Group>
              )}
              <Textarea autosize minRows={1} placeholder={t('council.decisionText')} value={d.text} onChange={(e) => setDecision(i, { text: e.currentTarget.value })} data-testid={`decision-text-${item.number}-${i + 1}`} />
            </Stack>
          </Paper>
        ))}
        <Group justify="space-between">
          <Button
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setDecisions((ds) => [...ds, { type: 'note', text: '', responsible: '', deadline: '', groundIds: [], firstReviewOn: '' }])}
            data-testid={`decision-add-${item.number}`}
          >
            {t('council.addDecision')}
          </Button>
          <Button
            loading={save.isPending}
            disabled={title.trim().length === 0 || decisions.some((d) => d.text.trim().length === 0 || (d.type === 'register_on' && d.groundIds.length === 0))}
            onClick={() =>
              save.mutate({
                itemId: item.id,
                title,
                pupilId,
                heard,
                spoke,
                decisions: decisions.map((d) => ({
                  type: d.type,
                  // a typed decision concerns the item's pupil
                  pupilId: d.type === 'note' ? null : pupilId,
                  text: d.text,
                  responsible: d.responsible,
                  deadline: d.deadline || null,
                  groundIds: d.type === 'register_on' ? d.groundIds : [],
                  firstReviewOn: d.type === 'register_on' && d.firstReviewOn ? d.firstReviewOn : null,
                })),
              })
            }
            data-testid={`item-save-${item.number}`}
          >
            {t('common.save')}
          </Button>
        </Group>
        <ErrorAlert error={save.error ?? remove.error} />
      </Stack>
    </Paper>
  );
}
