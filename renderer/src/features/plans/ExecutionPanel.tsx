/**
 * Execution: for each item and quarter the status (done, partly, not done, not due yet), what was done, the date,
 * reach (pupils, parents, teachers) and evidence files; overdue items stand out; progress per section.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  Loader,
  Modal,
  NumberInput,
  Pagination,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCalendar, IconPaperclip, IconPencil, IconTrash, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EXECUTION_STATUSES,
  MAX_EVIDENCE_BYTES,
  type EvidenceInfo,
  type ExecutionMark,
  type ExecutionStatus,
  type Plan,
  type PlanItem,
} from '../../../../shared/plans';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { errorField, limitHint } from '../../app/fieldErrors';
import { useCan } from '../../app/capabilities';
import { currentLanguage } from '../../i18n';
import { PlanItemMeetings } from '../council/PlanLinks';
import { CalendarModal } from './CalendarModal';
import { DateField } from '../../app/DateField';
import { fileToBase64, formatBytes, pick, todayIso } from './format';
import { currentQuarter, dueMask, isDueIn, quarterMasks } from '../../../../shared/calendar';

const STATUS_COLOR: Record<ExecutionStatus, string> = { done: 'green', partly: 'yellow', not_done: 'red', not_due: 'gray' };
const PAGE = 50;

export function ExecutionPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const today = todayIso();
  const calendar = useApiQuery('plans.calendar', { academicYear: plan.academicYear });
  const [quarterSel, setQuarter] = useState<number | null>(null);
  const quarter = quarterSel ?? currentQuarter(calendar.data, today);
  const marks = useApiQuery('plans.executions', { planId: plan.id, quarter });
  const progress = useApiQuery('plans.progress', { planId: plan.id });
  const overdue = useApiQuery('plans.overdue', { planId: plan.id });
  const [onlyDue, setOnlyDue] = useState(true);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<PlanItem | null>(null);
  const canMark = useCan('planExecute');
  const canEditCalendar = useCan('planCalendar');
  const [calendarOpen, setCalendarOpen] = useState(false);

  const masks = calendar.data ? quarterMasks(calendar.data) : [0, 0, 0, 0];
  const byItem = useMemo(() => new Map((marks.data ?? []).map((m) => [m.itemId, m])), [marks.data]);
  const overdueHere = useMemo(
    () => new Set((overdue.data ?? []).filter((o) => o.quarter === quarter).map((o) => o.itemId)),
    [overdue.data, quarter],
  );
  const items = [...plan.items].sort((a, b) => a.number - b.number);
  const shown = items.filter((i) => !onlyDue || isDueIn(dueMask(i), masks[quarter - 1] ?? 0) || byItem.has(i.id));
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const pageItems = shown.slice((Math.min(page, pages) - 1) * PAGE, Math.min(page, pages) * PAGE);
  const range = calendar.data?.quarters[quarter - 1];
  const overdueCount = (overdue.data ?? []).length;

  return (
    <Stack data-testid="execution-panel">
      {plan.status !== 'approved' && plan.approvals.length === 0 && (
        <Alert color="gray" variant="light">
          {t('plans.exec.notApprovedHint')}
        </Alert>
      )}
      {overdueCount > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('plans.exec.overdueTitle', { n: overdueCount })} data-testid="overdue-alert">
          <Text size="sm">
            {(overdue.data ?? [])
              .slice(0, 12)
              .map((o) => t('plans.exec.overdueRef', { n: o.number, q: o.quarter }))
              .join(', ')}
            {overdueCount > 12 ? ' …' : ''}
          </Text>
        </Alert>
      )}
      <Paper withBorder radius="md" p="lg">
        <Title order={5} mb="sm">
          {t('plans.exec.progressTitle')}
        </Title>
        {progress.isPending ? (
          <Loader size="sm" />
        ) : progress.error ? (
          <ErrorAlert error={progress.error} />
        ) : (
          <Stack gap="sm" data-testid="section-progress">
            {progress.data
              .filter((s) => !s.number.includes('.') || s.due > 0)
              .map((s) => (
                <div key={s.sectionId} style={{ paddingLeft: s.number.includes('.') ? 16 : 0 }}>
                  <Text size="sm" style={{ overflowWrap: 'break-word' }}>
                    {s.number}. {pick(lang, s.titleKk, s.titleRu)}
                  </Text>
                  <Group gap="sm" wrap="nowrap" mt={4}>
                    {/* each part of the bar is a progressbar: named after the section and what it counts */}
                    <Progress.Root size="md" style={{ flex: 1 }}>
                      <Progress.Section value={s.due ? (s.done / s.due) * 100 : 0} color="green" aria-label={`${s.number}. ${t('plans.exec.doneOf', { done: s.done, due: s.due })}`} />
                      <Progress.Section value={s.due ? (s.partly / s.due) * 100 : 0} color="yellow" aria-label={`${s.number}. ${t('plans.exec.partlyN', { n: s.partly })}`} />
                      <Progress.Section value={s.due ? (s.overdue / s.due) * 100 : 0} color="red" aria-label={`${s.number}. ${t('plans.exec.overdueN', { n: s.overdue })}`} />
                    </Progress.Root>
                    <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {s.due === 0 ? t('plans.exec.nothingDue') : t('plans.exec.doneOf', { done: s.done, due: s.due })}
                    </Text>
                    {s.partly > 0 && (
                      <Badge color="yellow" variant="light" size="sm" style={{ textTransform: 'none', flexShrink: 0 }}>
                        {t('plans.exec.partlyN', { n: s.partly })}
                      </Badge>
                    )}
                    {s.overdue > 0 && (
                      <Badge color="red" variant="light" size="sm" style={{ textTransform: 'none', flexShrink: 0 }}>
                        {t('plans.exec.overdueN', { n: s.overdue })}
                      </Badge>
                    )}
                  </Group>
                </div>
              ))}
          </Stack>
        )}
      </Paper>

      <Group justify="space-between" wrap="wrap">
        <Group gap="md">
          <SegmentedControl
            value={String(quarter)}
            onChange={(v) => {
              setQuarter(Number(v));
              setPage(1);
            }}
            data={[1, 2, 3, 4].map((q) => ({ value: String(q), label: t('plans.quarterN', { n: q }) }))}
            data-testid="exec-quarter"
          />
          {range && (
            <Text size="sm" c="dimmed">
              {dayjs(range.start).format('L')} – {dayjs(range.end).format('L')}
            </Text>
          )}
        </Group>
        <Group gap="md">
          <Switch label={t('plans.exec.onlyDue')} checked={onlyDue} onChange={(e) => setOnlyDue(e.currentTarget.checked)} />
          {canEditCalendar && calendar.data && (
            <Button size="xs" variant="subtle" leftSection={<IconCalendar size={16} />} onClick={() => setCalendarOpen(true)} data-testid="calendar-open">
              {t('plans.calendar.button')}
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder radius="md">
        {marks.isPending ? (
          <Group p="lg">
            <Loader size="sm" />
          </Group>
        ) : marks.error ? (
          <ErrorAlert error={marks.error} />
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" data-testid="exec-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={48}>{t('plans.columns.number')}</Table.Th>
                  <Table.Th>{t('plans.columns.measure')}</Table.Th>
                  <Table.Th w={150}>{t('plans.exec.status')}</Table.Th>
                  <Table.Th w="28%">{t('plans.exec.whatDone')}</Table.Th>
                  <Table.Th w={150}>{t('plans.exec.reach')}</Table.Th>
                  <Table.Th w={56}>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pageItems.map((item) => {
                  const m = byItem.get(item.id);
                  const late = overdueHere.has(item.id);
                  return (
                    <Table.Tr
                      key={item.id}
                      bg={late ? 'var(--mantine-color-red-0)' : undefined}
                      style={late ? { boxShadow: 'inset 4px 0 0 var(--mantine-color-red-6)' } : undefined}
                      data-testid={`exec-row-${item.number}`}
                    >
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Text size="sm" fw={700}>
                          {item.number}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Text size="sm" style={{ overflowWrap: 'break-word' }}>
                          {pick(lang, item.measureKk, item.measureRu)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {pick(lang, item.deadlineKk, item.deadlineRu)}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Stack gap={4} align="flex-start">
                          {m ? (
                            <Badge color={STATUS_COLOR[m.status]} variant="light" style={{ textTransform: 'none' }}>
                              {t(`plans.exec.statuses.${m.status}`)}
                            </Badge>
                          ) : (
                            <Badge color="gray" variant="outline" style={{ textTransform: 'none' }}>
                              {t('plans.exec.noMark')}
                            </Badge>
                          )}
                          {late && (
                            <Badge color="red" variant="filled" size="sm" style={{ textTransform: 'none' }}>
                              {t('plans.exec.overdue')}
                            </Badge>
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        {m?.doneText && (
                          <Text size="sm" lineClamp={3} style={{ overflowWrap: 'break-word' }}>
                            {m.doneText}
                          </Text>
                        )}
                        {m?.doneOn && (
                          <Text size="xs" c="dimmed">
                            {dayjs(m.doneOn).format('L')}
                          </Text>
                        )}
                        {m && m.evidence.length > 0 && (
                          <Group gap={4} mt={2}>
                            <IconPaperclip size={14} />
                            <Text size="xs" c="dimmed">
                              {t('plans.exec.filesN', { n: m.evidence.length })}
                            </Text>
                          </Group>
                        )}
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        {m && (m.reachPupils || m.reachParents || m.reachTeachers) ? (
                          <Text size="xs">
                            {[
                              m.reachPupils ? t('plans.exec.reachPupilsN', { n: m.reachPupils }) : null,
                              m.reachParents ? t('plans.exec.reachParentsN', { n: m.reachParents }) : null,
                              m.reachTeachers ? t('plans.exec.reachTeachersN', { n: m.reachTeachers }) : null,
                            ]
                              .filter(Boolean)
                              .join(', ')}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        {canMark && (
                          <Tooltip label={t('plans.exec.mark')}>
                            <ActionIcon variant="light" onClick={() => setEditing(item)} aria-label={t('plans.exec.mark')} data-testid={`exec-mark-${item.number}`}>
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
                {pageItems.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text size="sm" c="dimmed">
                        {t('plans.exec.nothingThisQuarter')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {pages > 1 && <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} />}
      {calendarOpen && calendar.data && <CalendarModal calendar={calendar.data} onClose={() => setCalendarOpen(false)} />}
      {editing && <MarkModal item={editing} academicYear={plan.academicYear} quarter={quarter} range={range} mark={byItem.get(editing.id) ?? null} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** What was done keeps at most this many characters (shared/plans.ts `plans.setExecution`). */
const DONE_TEXT_MAX = 4000;

function MarkModal({
  item,
  academicYear,
  quarter,
  range,
  mark,
  onClose,
}: {
  item: PlanItem;
  /** the plan's year (an item the council carries out lists the year's meetings it points to) */
  academicYear: number;
  quarter: number;
  /** the quarter's dates: the day it was carried out lies within them */
  range: { start: string; end: string } | undefined;
  mark: ExecutionMark | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const [status, setStatus] = useState<ExecutionStatus>(mark?.status ?? 'done');
  const [doneText, setDoneText] = useState(mark?.doneText ?? '');
  const today = todayIso();
  const inRange = (d: string) => !range || (range.start <= d && d <= range.end);
  // today when it is in the quarter, else the quarter's last day if it has ended, else nothing
  const [doneOn, setDoneOn] = useState<string | null>(mark?.doneOn ?? (inRange(today) ? today : range && range.end < today ? range.end : null));
  const dateOutside = doneOn !== null && !inRange(doneOn) && range ? t('plans.exec.dateOutside', { start: dayjs(range.start).format('L'), end: dayjs(range.end).format('L') }) : undefined;
  const [pupils, setPupils] = useState<number>(mark?.reachPupils ?? 0);
  const [parents, setParents] = useState<number>(mark?.reachParents ?? 0);
  const [teachers, setTeachers] = useState<number>(mark?.reachTeachers ?? 0);
  const [fileError, setFileError] = useState<string | null>(null);
  const refresh = () => invalidate(qc, 'plans.executions', 'plans.progress', 'plans.overdue');
  const save = useApiMutation('plans.setExecution', {
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
    },
  });
  // an error about one field is shown on that field (a date outside the quarter, a text too long)
  const saveField = errorField(save.error);
  const [added, setAdded] = useState<EvidenceInfo[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const upload = useApiMutation('plans.addEvidence', {
    onSuccess: async (info) => {
      setAdded((a) => [...a, info]);
      await refresh();
      notifications.show({ color: 'green', message: t('plans.exec.fileAdded') });
    },
    onError: (e) => setFileError(errorText(t, e)),
  });
  const remove = useApiMutation('plans.deleteEvidence', {
    onSuccess: async (_r, input) => {
      setRemoved((r) => [...r, input.id]);
      await refresh();
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  // files added before the mark is saved are kept with the item and quarter; show them at once
  const evidence = [...(mark?.evidence ?? []), ...added]
    .filter((e, i, all) => all.findIndex((x) => x.id === e.id) === i)
    .filter((e) => !removed.includes(e.id));

  const onFile = async (file: File | null) => {
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_EVIDENCE_BYTES) {
      setFileError(t('plans.exec.fileTooLarge', { size: formatBytes(file.size, lang), max: formatBytes(MAX_EVIDENCE_BYTES, lang) }));
      return;
    }
    if (file.size === 0) {
      setFileError(t('plans.exec.fileEmpty'));
      return;
    }
    upload.mutate({
      itemId: item.id,
      quarter,
      fileName: file.name,
      mime: file.type || 'application/octet-stream',
      dataBase64: await fileToBase64(file),
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('plans.exec.markTitle', { n: item.number, q: quarter })} size="xl" centered>
      <Stack data-testid="mark-form">
        <Text size="sm" style={{ overflowWrap: 'break-word' }}>
          {pick(lang, item.measureKk, item.measureRu)}
        </Text>
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v)}
          data={EXECUTION_STATUSES.map((s) => ({ value: s, label: t(`plans.exec.statuses.${s}`) }))}
          data-testid="mark-status"
          fullWidth
        />
        <Textarea
          label={t('plans.exec.whatDone')}
          autosize
          minRows={3}
          maxRows={10}
          value={doneText}
          onChange={(e) => setDoneText(e.currentTarget.value)}
          maxLength={DONE_TEXT_MAX}
          description={limitHint(t, doneText, DONE_TEXT_MAX)}
          error={saveField === 'doneText' ? errorText(t, save.error) : undefined}
          name="doneText"
        />
        <SimpleGrid cols={4} spacing="sm">
          <DateField
            label={t('plans.exec.date')}
            value={doneOn}
            onChange={setDoneOn}
            name="doneOn"
            clearable
            minDate={range?.start}
            maxDate={range?.end}
            error={dateOutside ?? (saveField === 'doneOn' ? errorText(t, save.error) : undefined)}
          />
          <NumberInput label={t('plans.exec.reachPupils')} min={0} max={100000} value={pupils} onChange={(v) => setPupils(Number(v) || 0)} />
          <NumberInput label={t('plans.exec.reachParents')} min={0} max={100000} value={parents} onChange={(v) => setParents(Number(v) || 0)} />
          <NumberInput label={t('plans.exec.reachTeachers')} min={0} max={100000} value={teachers} onChange={(v) => setTeachers(Number(v) || 0)} />
        </SimpleGrid>
        <Paper withBorder p="sm" radius="sm">
          <Group justify="space-between" mb={evidence.length ? 'xs' : 0}>
            <div>
              <Text size="sm" fw={600}>
                {t('plans.exec.evidence')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('plans.exec.evidenceHint', { max: formatBytes(MAX_EVIDENCE_BYTES, lang) })}
              </Text>
            </div>
            <FileButton onChange={(f) => void onFile(f)}>
              {(props) => (
                <Button {...props} size="xs" variant="light" leftSection={<IconUpload size={14} />} loading={upload.isPending} data-testid="evidence-upload">
                  {t('plans.exec.addFile')}
                </Button>
              )}
            </FileButton>
          </Group>
          {evidence.map((e) => (
            <Group key={e.id} justify="space-between" wrap="nowrap">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <IconPaperclip size={14} />
                <Text size="sm" truncate>
                  {e.fileName}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatBytes(e.sizeBytes, lang)}
                </Text>
              </Group>
              <ActionIcon variant="subtle" color="red" size="sm" onClick={() => remove.mutate({ id: e.id })} aria-label={t('plans.editor.delete')}>
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
          ))}
          {fileError && (
            <Alert color="red" variant="light" mt="xs" data-testid="evidence-error">
              {fileError}
            </Alert>
          )}
        </Paper>
        {item.responsibleRoles.includes('council') && <PlanItemMeetings planItemId={item.id} academicYear={academicYear} />}
        {save.error && !saveField && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={save.isPending}
            disabled={dateOutside !== undefined}
            onClick={() =>
              save.mutate({
                itemId: item.id,
                quarter,
                status,
                doneText: doneText.trim(),
                doneOn: /^\d{4}-\d{2}-\d{2}$/.test(doneOn ?? '') ? doneOn : null,
                reachPupils: pupils,
                reachParents: parents,
                reachTeachers: teachers,
              })
            }
            data-testid="mark-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
