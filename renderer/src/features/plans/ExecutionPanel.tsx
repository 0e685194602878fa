/**
 * Execution: for each item and quarter the status (done, partly, not done, not due yet), what was done, the date,
 * reach (pupils, parents, teachers) and evidence files (the mark itself: ExecutionMarkModal.tsx); overdue items
 * stand out; progress per section.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Pagination,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertTriangle, IconCalendar, IconPaperclip, IconPencil } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExecutionStatus, Plan, PlanItem } from '../../../../shared/plans';
import { useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { useCan } from '../../app/capabilities';
import { currentLanguage } from '../../i18n';
import { CalendarModal } from './CalendarModal';
import { ExecutionMarkModal } from './ExecutionMarkModal';
import { pick, todayIso } from './format';
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
      {editing && <ExecutionMarkModal key={`${editing.id}-${quarter}`} item={editing} academicYear={plan.academicYear} quarter={quarter} range={range} mark={byItem.get(editing.id) ?? null} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
