/**
 * The case section "Screening and safety plan" (issue 10, items 2–3), for the psychologist only (SCREENING_READERS):
 * - an acute screen's checklist, full width with a red border, stays at the top until every line is answered and
 *   it is closed;
 * - "Start a screening": the five ASQ questions as yes / no / declined (question 5 only when 1–4 call for it), the
 *   result as the answers decide it, notes, and — when any answer is missing — the reason, without which it does
 *   not save;
 * - the screenings of the case, newest first;
 * - each pupil's safety plan: the six steps, versions, "Print for the pupil" (kk / ru).
 * Nothing of it goes into the window title or a notification's text beyond "saved".
 */
import { Alert, Badge, Button, Checkbox, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconLock, IconPlus, IconPrinter } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASQ_QUESTIONS, ASQ_SOURCE, ASQ_TEXT } from '../../../../shared/asq';
import type { CaseDetail } from '../../../../shared/cases';
import {
  ASQ_ANSWERS,
  SAFETY_PLAN_MAX_LINE,
  SAFETY_PLAN_MAX_LINES,
  SAFETY_PLAN_STEPS,
  asqMissing,
  asqResult,
  type AcuteLine,
  type AsqAnswer,
  type AsqAnswers,
  type ChecklistItem,
  type SafetyPlan,
  type SafetyPlanSteps,
  type Screening,
  type ScreeningResult,
} from '../../../../shared/screening';
import type { ApiError } from '../../api/client';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { DocumentActions } from '../plans/DocumentActions';
import type { CaseSectionProps } from '../cases/sections';
import { showDate } from '../cases/parts';
import { useCan } from '../../app/capabilities';

const RESULT_COLOR: Record<ScreeningResult, string> = { negative: 'gray', positive: 'orange', acute: 'red' };
const EMPTY: AsqAnswers = { q1: null, q2: null, q3: null, q4: null, q5: null };
const nowLocal = () => dayjs().format('YYYY-MM-DDTHH:mm');

function useNotifyError() {
  const { t } = useTranslation();
  return (e: ApiError) => notifications.show({ color: 'red', message: errorText(t, e) });
}

function useRefresh() {
  const qc = useQueryClient();
  return () => invalidate(qc, 'screening.forCase', 'cases.get', 'cases.list', 'cases.myTasks', 'documents.list');
}

export function ScreeningSection({ c }: CaseSectionProps) {
  const { t } = useTranslation();
  const canScreen = useCan('screen') && c.stage !== 'closed';
  const data = useApiQuery('screening.forCase', { caseId: c.id });
  const [starting, setStarting] = useState(false);
  const screenings = data.data?.screenings ?? [];
  const openAcute = screenings.filter((s) => s.result === 'acute' && s.checklistClosedAt === null);
  return (
    <Stack gap="sm" data-testid="screening-section">
      {openAcute.map((s) => (
        <AcuteChecklist key={s.id} s={s} c={c} canWork={canScreen} />
      ))}
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={5}>{t('screening.title')}</Title>
            {canScreen && !starting && (
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setStarting(true)} data-testid="screening-start">
                {t('screening.start')}
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            <IconLock size={12} style={{ verticalAlign: 'middle' }} /> {t('screening.confidential')}
          </Text>
          {data.error && <ErrorAlert error={data.error} />}
          {starting && <ScreeningForm c={c} onDone={() => setStarting(false)} />}
          <ScreeningList screenings={screenings} c={c} />
        </Stack>
      </Paper>
      {data.data && <SafetyPlans c={c} plans={data.data.plans} canWork={canScreen} defaultPupil={screenings[0]?.pupilId ?? null} />}
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------------- the form

function ScreeningForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ru' ? 'ru' : 'kk';
  const refresh = useRefresh();
  const onError = useNotifyError();
  const [pupilId, setPupilId] = useState<string | null>(c.pupils.length === 1 ? c.pupils[0]!.pupilId : null);
  const [askedAt, setAskedAt] = useState(nowLocal());
  const [answers, setAnswers] = useState<AsqAnswers>(EMPTY);
  const [notes, setNotes] = useState('');
  const [reason, setReason] = useState('');
  const record = useApiMutation('screening.record', {
    onSuccess: async () => {
      await refresh();
      // a neutral word only: a notification never says anything of a screening
      notifications.show({ color: 'green', message: t('common.saved') });
      onDone();
    },
    onError,
  });
  const result = asqResult(answers);
  const missing = asqMissing(answers);
  const needsQ5 = ['q1', 'q2', 'q3', 'q4'].some((q) => answers[q as keyof AsqAnswers] === 'yes' || answers[q as keyof AsqAnswers] === 'declined') || answers.q5 !== null;
  const needsReason = missing.length > 0;
  const canSave = pupilId !== null && result !== null && (!needsReason || reason.trim().length > 0);
  const set = (q: keyof AsqAnswers, v: AsqAnswer) => setAnswers((a) => ({ ...a, [q]: v }));
  return (
    <Paper withBorder p="sm" radius="sm" bg="gray.0" data-testid="screening-form">
      <Stack gap="sm">
        <Group grow align="flex-end">
          <Select
            label={t('screening.pupil')}
            data={c.pupils.map((p) => ({ value: p.pupilId, label: `${p.lastName} ${p.firstName}` }))}
            value={pupilId}
            onChange={setPupilId}
            allowDeselect={false}
            data-testid="screening-pupil"
          />
          <TextInput type="datetime-local" label={t('screening.askedAt')} value={askedAt} onChange={(e) => setAskedAt(e.currentTarget.value)} />
        </Group>
        {ASQ_QUESTIONS.filter((q) => q !== 'q5' || needsQ5).map((q, i) => (
          <Stack key={q} gap={4} data-testid={`asq-${q}`}>
            <Text size="sm" fw={q === 'q5' ? 700 : 500} c={q === 'q5' ? 'red.9' : undefined}>
              {i + 1}. {ASQ_TEXT[q][lang]}
            </Text>
            <SegmentedControl
              size="xs"
              value={answers[q] ?? ''}
              onChange={(v) => {
                const a = ASQ_ANSWERS.find((x) => x === v);
                if (a) set(q, a);
              }}
              data={ASQ_ANSWERS.map((a) => ({ value: a, label: t(`screening.answer.${a}`) }))}
              style={{ alignSelf: 'flex-start' }}
            />
          </Stack>
        ))}
        {!needsQ5 && (
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
        <Textarea label={t('screening.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} maxLength={4000} />
        {needsReason && (
          <Textarea
            label={t('screening.incompleteReason')}
            description={t('screening.incompleteHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={1}
            maxLength={1000}
            error={result === 'acute' && reason.trim() === '' ? t('screening.incompleteHint') : undefined}
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
              size="xs"
              color={result === 'acute' ? 'red' : undefined}
              disabled={!canSave}
              loading={record.isPending}
              onClick={() => pupilId && record.mutate({ caseId: c.id, caseVersion: c.version, pupilId, askedAt, answers, notes, incompleteReason: needsReason ? reason : '' })}
              data-testid="screening-save"
            >
              {t('screening.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

// ---------------------------------------------------------------------------------------------------- the list

function pupilName(c: CaseDetail, id: string): string {
  const p = c.pupils.find((x) => x.pupilId === id);
  return p ? `${p.lastName} ${p.firstName}` : '—';
}

function ScreeningList({ screenings, c }: { screenings: Screening[]; c: CaseDetail }) {
  const { t } = useTranslation();
  if (screenings.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('screening.none')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="screening-list">
      <Text size="sm" fw={600}>
        {t('screening.list')}
      </Text>
      {screenings.map((s) => (
        <Paper key={s.id} withBorder p="xs" radius="sm">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="xs">
              <Badge color={RESULT_COLOR[s.result]} variant={s.result === 'acute' ? 'filled' : 'light'} style={{ textTransform: 'none' }}>
                {t(`screening.result.${s.result}`)}
              </Badge>
              <Text size="sm">{pupilName(c, s.pupilId)}</Text>
            </Group>
            <Text size="xs" c="dimmed">
              {showDate(s.askedAt, true)} · {t('screening.askedBy')}: {s.askedBy ?? '—'}
            </Text>
          </Group>
          <Text size="xs" mt={4}>
            {ASQ_QUESTIONS.map((q, i) => `${i + 1}: ${s.answers[q] ? t(`screening.answer.${s.answers[q]}`) : '—'}`).join(' · ')}
          </Text>
          {s.notes && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {s.notes}
            </Text>
          )}
          {s.incompleteReason && (
            <Text size="xs" c="dimmed">
              {t('screening.incompleteReason')}: {s.incompleteReason}
            </Text>
          )}
          {s.checklist && s.checklistClosedAt && (
            <Stack gap={0} mt={4}>
              <Text size="xs" fw={600}>
                {t('screening.acute.closed', { at: showDate(s.checklistClosedAt, true) })}
              </Text>
              {s.checklist.map((l) => (
                <Text key={l.line} size="xs">
                  {t(`screening.acute.lines.${l.line}`)}: {l.state === 'done' ? `${t('screening.acute.done')} ${showDate(l.at, true)}` : `${t('screening.acute.notDone')} — ${l.note ?? ''}`}
                  {l.state === 'done' && l.note ? ` (${l.note})` : ''}
                </Text>
              ))}
            </Stack>
          )}
        </Paper>
      ))}
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------------- acute checklist

function AcuteChecklist({ s, c, canWork }: { s: Screening; c: CaseDetail; canWork: boolean }) {
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
  const refresh = useRefresh();
  const onError = useNotifyError();
  const [editing, setEditing] = useState(false);
  const [state, setState] = useState<'done' | 'not_done'>('done');
  const [at, setAt] = useState(nowLocal());
  const [text, setText] = useState('');
  const answer = useApiMutation('screening.answerLine', {
    onSuccess: async () => {
      setEditing(false);
      await refresh();
    },
    onError,
  });
  const line: AcuteLine = item.line;
  const valid = state === 'done' ? at.length === 16 : text.trim().length > 0;
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
      {editing && (
        <Stack gap="xs" mt="xs">
          <SegmentedControl
            size="xs"
            value={state}
            onChange={(v) => setState(v === 'not_done' ? 'not_done' : 'done')}
            data={[
              { value: 'done', label: t('screening.acute.done') },
              { value: 'not_done', label: t('screening.acute.notDone') },
            ]}
            style={{ alignSelf: 'flex-start' }}
            data-testid={`acute-state-${line}`}
          />
          <Group grow align="flex-end">
            {state === 'done' && <TextInput type="datetime-local" label={t('screening.acute.at')} value={at} onChange={(e) => setAt(e.currentTarget.value)} />}
            <TextInput
              label={state === 'done' ? t('screening.acute.note') : t('screening.acute.reason')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={1000}
              required={state === 'not_done'}
              data-testid={`acute-text-${line}`}
            />
          </Group>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              {t('screening.cancel')}
            </Button>
            <Button
              size="xs"
              color="red.9"
              disabled={!valid}
              loading={answer.isPending}
              onClick={() =>
                answer.mutate(
                  state === 'done' ? { id: s.id, version: s.version, line, state, at, note: text } : { id: s.id, version: s.version, line, state, reason: text },
                )
              }
              data-testid={`acute-save-${line}`}
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

// ---------------------------------------------------------------------------------------------------- safety plans

function SafetyPlans({ c, plans, canWork, defaultPupil }: { c: CaseDetail; plans: SafetyPlan[]; canWork: boolean; defaultPupil: string | null }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  // the pupil chosen here, else the one screened last, else the one with a plan, else the first of the case
  const pupilId = chosen ?? defaultPupil ?? plans[0]?.pupilId ?? c.pupils[0]?.pupilId ?? '';
  const plan = plans.find((p) => p.pupilId === pupilId) ?? null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="safety-plan">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>{t('screening.plan.title')}</Title>
          {c.pupils.length > 1 && (
            <Select
              size="xs"
              data={c.pupils.map((p) => ({ value: p.pupilId, label: `${p.lastName} ${p.firstName}` }))}
              value={pupilId}
              onChange={(v) => v && setChosen(v)}
              allowDeselect={false}
              aria-label={t('screening.pupil')}
              data-testid="plan-pupil"
            />
          )}
        </Group>
        <PlanEditor key={`${pupilId}:${plan?.version ?? 0}`} c={c} pupilId={pupilId} plan={plan} canWork={canWork} />
      </Stack>
    </Paper>
  );
}

const emptySteps = (): SafetyPlanSteps => ({ warningSigns: [], coping: [], distractions: [], helpers: [], professionals: [], environment: [] });
const toText = (lines: string[]) => lines.join('\n');
const toLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

function PlanEditor({ c, pupilId, plan, canWork }: { c: CaseDetail; pupilId: string; plan: SafetyPlan | null; canWork: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const onError = useNotifyError();
  const [editing, setEditing] = useState(false);
  const [withPupil, setWithPupil] = useState(plan?.withPupil ?? true);
  const [texts, setTexts] = useState<Record<keyof SafetyPlanSteps, string>>(() => {
    const s = plan?.steps ?? emptySteps();
    return { warningSigns: toText(s.warningSigns), coping: toText(s.coping), distractions: toText(s.distractions), helpers: toText(s.helpers), professionals: toText(s.professionals), environment: toText(s.environment) };
  });
  const [printed, setPrinted] = useState<{ documentId: string; registerNumber: string } | null>(null);
  const save = useApiMutation('safetyPlan.save', {
    onSuccess: async () => {
      setEditing(false);
      await refresh();
      notifications.show({ color: 'green', message: t('common.saved') });
    },
    onError,
  });
  const print = useApiMutation('safetyPlan.print', {
    onSuccess: async (r) => {
      setPrinted({ documentId: r.documentId, registerNumber: r.registerNumber });
      await refresh();
    },
    onError,
  });
  const steps = Object.fromEntries(SAFETY_PLAN_STEPS.map((k) => [k, toLines(texts[k])])) as SafetyPlanSteps;
  const tooMany = SAFETY_PLAN_STEPS.some((k) => steps[k].length > SAFETY_PLAN_MAX_LINES || steps[k].some((l) => l.length > SAFETY_PLAN_MAX_LINE));
  const empty = SAFETY_PLAN_STEPS.every((k) => steps[k].length === 0);

  if (!editing) {
    return (
      <Stack gap="xs">
        {plan ? (
          <>
            <Text size="xs" c="dimmed" data-testid="plan-version">
              {t('screening.plan.version', { n: plan.version, at: showDate(plan.savedAt, true), by: plan.savedBy ?? '—' })}
              {plan.withPupil ? ` · ${t('screening.plan.withPupil')}` : ''}
            </Text>
            {SAFETY_PLAN_STEPS.map((k) => (
              <Stack key={k} gap={0}>
                <Text size="sm" fw={600}>
                  {t(`screening.plan.steps.${k}`)}
                </Text>
                {plan.steps[k].length === 0 ? (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                ) : (
                  plan.steps[k].map((l, i) => (
                    <Text key={i} size="sm">
                      • {l}
                    </Text>
                  ))
                )}
              </Stack>
            ))}
            {plan.history.length > 1 && (
              <Text size="xs" c="dimmed">
                {t('screening.plan.history')}: {plan.history.map((h) => `${h.version} (${showDate(h.savedAt)})`).join(', ')}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('screening.plan.none')}
          </Text>
        )}
        <Group gap="xs">
          {canWork && (
            <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="plan-edit">
              {plan ? t('screening.plan.edit') : t('screening.plan.new')}
            </Button>
          )}
          {canWork && plan && (
            <>
              <Button size="xs" leftSection={<IconPrinter size={14} />} loading={print.isPending && print.variables.lang === 'kk'} onClick={() => print.mutate({ caseId: c.id, pupilId, lang: 'kk' })} data-testid="plan-print-kk">
                {t('screening.plan.print')} · {t('languages.kk')}
              </Button>
              <Button size="xs" variant="light" leftSection={<IconPrinter size={14} />} loading={print.isPending && print.variables.lang === 'ru'} onClick={() => print.mutate({ caseId: c.id, pupilId, lang: 'ru' })} data-testid="plan-print-ru">
                {t('screening.plan.print')} · {t('languages.ru')}
              </Button>
            </>
          )}
        </Group>
        {printed && (
          <Alert color="green" variant="light" data-testid="plan-printed">
            <Group justify="space-between">
              <Text size="sm">{t('screening.plan.printed', { number: printed.registerNumber })}</Text>
              <DocumentActions documentId={printed.documentId} testId="plan-doc" />
            </Group>
          </Alert>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="xs" data-testid="plan-editor">
      <Text size="xs" c="dimmed">
        {t('screening.plan.linesHint')} {t('screening.plan.helplines')}
      </Text>
      {SAFETY_PLAN_STEPS.map((k) => (
        <Textarea
          key={k}
          label={t(`screening.plan.steps.${k}`)}
          value={texts[k]}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setTexts((x) => ({ ...x, [k]: v }));
          }}
          autosize
          minRows={2}
          error={steps[k].length > SAFETY_PLAN_MAX_LINES || steps[k].some((l) => l.length > SAFETY_PLAN_MAX_LINE) ? t('screening.plan.linesHint') : undefined}
          data-testid={`plan-step-${k}`}
        />
      ))}
      <Checkbox label={t('screening.plan.withPupil')} checked={withPupil} onChange={(e) => setWithPupil(e.currentTarget.checked)} />
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" onClick={() => setEditing(false)}>
          {t('screening.cancel')}
        </Button>
        <Button
          size="xs"
          disabled={tooMany || empty}
          loading={save.isPending}
          onClick={() => save.mutate({ caseId: c.id, pupilId, baseVersion: plan?.version ?? 0, withPupil, steps })}
          data-testid="plan-save"
        >
          {t('screening.plan.save')}
        </Button>
      </Group>
    </Stack>
  );
}
