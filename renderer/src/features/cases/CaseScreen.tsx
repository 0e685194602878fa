/**
 * One case: its pupils and their roles, stage, risk and lead worker, tasks with owners and due dates, notes (normal
 * or confidential), contacts with parents, and closure (with the director's approval where the school asks for it).
 * Opening it is an audited view. Every change names the version this screen read: when someone changed the case
 * meanwhile the core refuses ("changed since you opened it") and the screen offers to reload.
 *
 * A task owner who is not a case reader (e.g. a class teacher) reaching this screen from a work list is refused by
 * the core; the screen then shows their own tasks of this case only.
 */
import { Alert, Badge, Button, Checkbox, Divider, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CLOSURE_REASONS,
  CONTACT_METHODS,
  OPEN_STAGES,
  RISK_LEVELS,
  type CaseDetail,
  type CaseStage,
  type Risk,
} from '../../../../shared/cases';
import type { ApiError } from '../../api/client';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../../app/links';
import { DateText, RiskBadge, StageBadge, showDate, today } from './parts';
import { CASE_SECTIONS, visibleCaseSections, type CaseSectionProps } from './sections';
import { ReferenceButton } from '../reference/Reference';
import { useCan, useCapabilities } from '../../app/capabilities';

const caseRoute = getRouteApi('/case');

type OpenStage = Exclude<CaseStage, 'closed'>;

export function CaseScreen() {
  const { t } = useTranslation();
  const { id } = caseRoute.useSearch();
  const kase = useApiQuery('cases.get', { id }, { enabled: id !== '' });
  if (kase.isPending) return <Loader size="sm" />;
  if (kase.error) {
    return (
      <Stack>
        {kase.error.code === 'auth.forbidden' ? <OwnTasksOnly caseId={id} /> : <ErrorAlert error={kase.error} />}
        <AnchorLink to="/concerns">{t('cases.backToConcerns')}</AnchorLink>
      </Stack>
    );
  }
  return <CaseView c={kase.data} />;
}

/** A task owner without the case: their tasks of this case, nothing else. */
function OwnTasksOnly({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const mine = useApiQuery('cases.myTasks', { includeDone: true });
  const own = (mine.data ?? []).filter((x) => x.caseId === caseId);
  return (
    <Alert color="gray" variant="light" icon={<IconLock size={18} />} title={t('cases.notYourCase')} data-testid="case-forbidden">
      {own.length > 0 ? (
        <Stack gap={4}>
          {own.map((x) => (
            <Text key={x.id} size="sm">
              {x.title} {x.dueOn ? `· ${showDate(x.dueOn)}` : ''}
            </Text>
          ))}
        </Stack>
      ) : (
        t('cases.notYourCaseHint')
      )}
    </Alert>
  );
}

function useCaseWrite<M extends 'cases.update' | 'cases.addTask' | 'cases.addNote' | 'cases.addContact' | 'cases.close' | 'cases.decideClosure' | 'cases.reopen'>(method: M, onDone?: () => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [stale, setStale] = useState(false);
  const m = useApiMutation(method, {
    onSuccess: async () => {
      setStale(false);
      await invalidate(qc, 'cases.get', 'cases.list', 'cases.forPupil', 'cases.myTasks');
      onDone?.();
    },
    onError: (e: ApiError) => {
      if (e.code === 'cases.stale') setStale(true);
      notifications.show({ color: 'red', message: errorText(t, e) });
    },
  });
  return { ...m, stale, setStale };
}

function StaleBar({ show }: { show: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  if (!show) return null;
  return (
    <Alert color="orange" variant="light" data-testid="case-stale">
      <Group justify="space-between">
        <Text size="sm">{t('errors.cases.stale')}</Text>
        <Button size="compact-sm" variant="light" leftSection={<IconRefresh size={14} />} onClick={() => void invalidate(qc, 'cases.get')}>
          {t('cases.reload')}
        </Button>
      </Group>
    </Alert>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap="sm">
        <Title order={5}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}

function CaseView({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const canWork = useCan('caseWork') && c.stage !== 'closed';
  return (
    <Stack data-testid="case-screen">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={3}>
            №{c.number} · {c.title ?? t('cases.hidden')}
          </Title>
          <Group gap="xs">
            <RiskBadge risk={c.risk} />
            <StageBadge stage={c.stage} />
            {c.formOfHarm && (
              <Badge variant="light" color="grape" style={{ textTransform: 'none' }}>
                {t(`cases.harm.${c.formOfHarm}`)}
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              {t('cases.openedOn', { date: showDate(c.openedAt) })} · {t('cases.lead')}: {c.leadName ?? '—'}
            </Text>
          </Group>
        </Stack>
        <ReferenceButton />
      </Group>
      {c.summary && (
        <Text style={{ whiteSpace: 'pre-wrap' }} size="sm">
          {c.summary}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={t('cases.pupilsInvolved')} testId="case-pupils">
          <Table withRowBorders={false} verticalSpacing={2}>
            <Table.Tbody>
              {c.pupils.map((p) => (
                <Table.Tr key={p.pupilId}>
                  <Table.Td>
                    <AnchorLink to="/pupil" search={{ id: p.pupilId }} size="sm">
                      {p.lastName} {p.firstName}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    {p.grade} {p.classLetter}
                  </Table.Td>
                  <Table.Td>{p.role ? t(`cases.role.${p.role}`) : t('cases.hidden')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        {canWork ? <CourseForm c={c} /> : <Section title={t('cases.course')}>{t(`cases.stage.${c.stage}`)}</Section>}
      </SimpleGrid>
      <CaseSections c={c} canWork={canWork} />
      <Tasks c={c} canWork={canWork} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Notes c={c} canWork={canWork} />
        <Contacts c={c} canWork={canWork} />
      </SimpleGrid>
      <Closure c={c} />
    </Stack>
  );
}

/** The sections guided flows and case documents add (./sections.ts). */
function CaseSections({ c, canWork }: CaseSectionProps) {
  const caps = useCapabilities().data ?? null;
  return (
    <>
      {visibleCaseSections(CASE_SECTIONS, caps, c).map((s) => (
        <s.component key={s.id} c={c} canWork={canWork} />
      ))}
    </>
  );
}

function CourseForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const staff = useApiQuery('cases.staff', {});
  const [stage, setStage] = useState<OpenStage>(c.stage === 'closed' ? 'assessment' : c.stage);
  const [risk, setRisk] = useState<Risk>(c.risk);
  const [lead, setLead] = useState<string | null>(c.leadId);
  const save = useCaseWrite('cases.update');
  const changed = stage !== c.stage || risk !== c.risk || lead !== c.leadId;
  return (
    <Section title={t('cases.course')} testId="case-course">
      <StaleBar show={save.stale} />
      <Group grow align="flex-end">
        <Select label={t('cases.stageLabel')} data={OPEN_STAGES.map((s) => ({ value: s, label: t(`cases.stage.${s}`) }))} value={stage} allowDeselect={false} onChange={(v) => v && setStage(v)} data-testid="case-stage" />
        <Select label={t('cases.riskLabel')} data={RISK_LEVELS.map((r) => ({ value: r, label: t(`cases.risk.${r}`) }))} value={risk} allowDeselect={false} onChange={(v) => v && setRisk(v)} data-testid="case-risk" />
      </Group>
      <Select label={t('cases.lead')} data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))} value={lead} onChange={setLead} searchable clearable />
      <Group justify="flex-end">
        <Button
          disabled={!changed}
          loading={save.isPending}
          onClick={() =>
            save.mutate({ id: c.id, version: c.version, ...(stage !== c.stage ? { stage } : {}), ...(risk !== c.risk ? { risk } : {}), ...(lead !== c.leadId ? { leadId: lead } : {}) })
          }
          data-testid="case-course-save"
        >
          {t('common.save')}
        </Button>
      </Group>
    </Section>
  );
}

function Tasks({ c, canWork }: { c: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const staff = useApiQuery('cases.staff', {}, { enabled: canWork });
  const [title, setTitle] = useState('');
  const [due, setDue] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const add = useCaseWrite('cases.addTask', () => {
    setTitle('');
    setDue(null);
    setOwner(null);
    setFormKey((k) => k + 1);
  });
  const done = useApiMutation('cases.setTaskDone', {
    onSuccess: () => invalidate(qc, 'cases.get', 'cases.myTasks'),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  const now = today();
  return (
    <Section title={t('cases.tasks')} testId="case-tasks">
      {c.tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cases.noTasksYet')}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {c.tasks.map((x) => (
              <Table.Tr key={x.id} data-testid="case-task">
                <Table.Td w={40}>
                  <Checkbox aria-label={t('cases.markDone')} checked={x.doneAt !== null} disabled={!canWork} onChange={(e) => done.mutate({ taskId: x.id, version: x.version, done: e.currentTarget.checked })} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" td={x.doneAt ? 'line-through' : undefined}>
                    {x.title}
                  </Text>
                </Table.Td>
                <Table.Td w={130}>
                  <Text size="sm" c={!x.doneAt && x.dueOn && x.dueOn < now ? 'red' : undefined}>
                    {x.dueOn ? showDate(x.dueOn) : ''}
                  </Text>
                </Table.Td>
                <Table.Td w={190}>{x.ownerName ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWork && (
        <>
          <Divider />
          <StaleBar show={add.stale} />
          <Group align="flex-start" wrap="wrap" key={formKey}>
            <TextInput label={t('cases.taskTitle')} description={t('cases.taskTitleHint')} value={title} maxLength={300} onChange={(e) => setTitle(e.currentTarget.value)} style={{ flex: 1, minWidth: 240 }} data-testid="task-title" />
            <DateText label={t('cases.due')} value={due} onChange={setDue} name="task-due" quick={[1, 7, 10, 14]} />
            <Select label={t('cases.owner')} data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))} value={owner} onChange={setOwner} searchable w={220} data-testid="task-owner" />
          </Group>
          <Group justify="flex-end">
            <Button disabled={!title.trim()} loading={add.isPending} onClick={() => add.mutate({ caseId: c.id, version: c.version, title: title.trim(), dueOn: due, ownerId: owner })} data-testid="task-add">
              {t('cases.addTask')}
            </Button>
          </Group>
        </>
      )}
    </Section>
  );
}

function Notes({ c, canWork }: { c: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const holdsConfidential = useCan('confidentialRead');
  const [text, setText] = useState('');
  const [confidential, setConfidential] = useState(false);
  const add = useCaseWrite('cases.addNote', () => {
    setText('');
    setConfidential(false);
  });
  return (
    <Section title={t('cases.notes')} testId="case-notes">
      {canWork && (
        <>
          <StaleBar show={add.stale} />
          <Textarea autosize minRows={2} maxLength={8000} value={text} onChange={(e) => setText(e.currentTarget.value)} placeholder={t('cases.notePlaceholder')} data-testid="note-text" />
          <Group justify="space-between">
            {holdsConfidential ? <Checkbox label={t('cases.confidentialNote')} checked={confidential} onChange={(e) => setConfidential(e.currentTarget.checked)} /> : <span />}
            <Button size="xs" disabled={!text.trim()} loading={add.isPending} onClick={() => add.mutate({ caseId: c.id, version: c.version, text: text.trim(), confidential })} data-testid="note-add">
              {t('cases.addNote')}
            </Button>
          </Group>
        </>
      )}
      {c.notes.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('cases.noNotes')}
        </Text>
      )}
      {c.notes.map((n) => (
        <Stack key={n.id} gap={2}>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {showDate(n.writtenAt, true)} · {n.authorName}
            </Text>
            {n.confidential && (
              <Badge size="xs" color="grape" variant="light" leftSection={<IconLock size={10} />} style={{ textTransform: 'none' }}>
                {t('cases.confidential')}
              </Badge>
            )}
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={n.text === null ? 'dimmed' : undefined}>
            {n.text ?? t('cases.confidentialHidden')}
          </Text>
        </Stack>
      ))}
    </Section>
  );
}

function Contacts({ c, canWork }: { c: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const [who, setWho] = useState('');
  const [how, setHow] = useState<string>('meeting');
  const [date, setDate] = useState<string | null>(today());
  const [outcome, setOutcome] = useState('');
  const [pupil, setPupil] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const add = useCaseWrite('cases.addContact', () => {
    setWho('');
    setOutcome('');
    setPupil(null);
    setFormKey((k) => k + 1);
  });
  const name = (id: string | null) => {
    const p = c.pupils.find((x) => x.pupilId === id);
    return p ? `${p.lastName} ${p.firstName}` : '';
  };
  return (
    <Section title={t('cases.contacts')} testId="case-contacts">
      {canWork && (
        <Stack gap="xs" key={formKey}>
          <StaleBar show={add.stale} />
          <Group grow align="flex-start">
            <TextInput label={t('cases.contactWho')} placeholder={t('cases.contactWhoHint')} value={who} maxLength={200} onChange={(e) => setWho(e.currentTarget.value)} data-testid="contact-who" />
            <Select label={t('cases.contactHow')} data={CONTACT_METHODS.map((m) => ({ value: m, label: t(`cases.contactMethod.${m}`) }))} value={how} allowDeselect={false} onChange={(v) => v && setHow(v)} />
          </Group>
          <Group grow align="flex-start">
            <DateText label={t('cases.contactWhen')} value={date} onChange={setDate} name="contact-date" />
            <Select label={t('cases.contactPupil')} data={c.pupils.map((p) => ({ value: p.pupilId, label: `${p.lastName} ${p.firstName}` }))} value={pupil} onChange={setPupil} clearable />
          </Group>
          <Textarea label={t('cases.contactOutcome')} autosize minRows={2} maxLength={2000} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} data-testid="contact-outcome" />
          <Group justify="flex-end">
            <Button
              size="xs"
              disabled={!who.trim() || !outcome.trim() || !date}
              loading={add.isPending}
              onClick={() =>
                date &&
                add.mutate({ caseId: c.id, version: c.version, at: date, method: how as (typeof CONTACT_METHODS)[number], pupilId: pupil, who: who.trim(), outcome: outcome.trim() })
              }
              data-testid="contact-add"
            >
              {t('cases.addContact')}
            </Button>
          </Group>
          <Divider />
        </Stack>
      )}
      {c.contacts.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('cases.noContacts')}
        </Text>
      )}
      {c.contacts.map((x) => (
        <Stack key={x.id} gap={2}>
          <Text size="xs" c="dimmed">
            {showDate(x.at, true)} · {t(`cases.contactMethod.${x.method}`)} · {x.authorName}
            {x.pupilId ? ` · ${name(x.pupilId)}` : ''}
          </Text>
          <Text size="sm">
            <b>{x.who ?? t('cases.hidden')}</b>
            {x.outcome ? ` — ${x.outcome}` : ''}
          </Text>
        </Stack>
      ))}
    </Section>
  );
}

function Closure({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const canWork = useCan('caseWork');
  const canApprove = useCan('caseApproveClosure');
  const [reason, setReason] = useState<string>('resolved');
  const [outcome, setOutcome] = useState('');
  const [reopenStage, setReopenStage] = useState<OpenStage>('assessment');
  const close = useCaseWrite('cases.close');
  const decide = useCaseWrite('cases.decideClosure');
  const reopen = useCaseWrite('cases.reopen');
  return (
    <Section title={t('cases.closure')} testId="case-closure">
      <StaleBar show={close.stale || decide.stale || reopen.stale} />
      {c.closure && (
        <Stack gap={2}>
          <Text size="sm">
            <b>{t('cases.closureReason')}:</b> {c.closure.reason ? t(`cases.reason.${c.closure.reason}`) : t('cases.hidden')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <b>{t('cases.closureOutcome')}:</b> {c.closure.outcome ?? t('cases.hidden')}
          </Text>
          <Text size="xs" c="dimmed">
            {showDate(c.closure.requestedAt, true)} · {c.closure.requestedBy}
            {c.closure.approvedBy ? ` · ${t('cases.approvedBy', { name: c.closure.approvedBy })}` : ''}
          </Text>
        </Stack>
      )}
      {c.closure?.state === 'pending' && (
        <Alert color="orange" variant="light">
          {t('cases.closurePending')}
          {canApprove && (
            <Group mt="xs">
              <Button size="xs" color="green" loading={decide.isPending} onClick={() => decide.mutate({ id: c.id, version: c.version, approve: true })} data-testid="closure-approve">
                {t('cases.approveClosure')}
              </Button>
              <Button size="xs" variant="default" loading={decide.isPending} onClick={() => decide.mutate({ id: c.id, version: c.version, approve: false })}>
                {t('cases.rejectClosure')}
              </Button>
            </Group>
          )}
        </Alert>
      )}
      {canWork && c.stage !== 'closed' && c.closure === null && (
        <Stack gap="xs">
          <Select label={t('cases.closureReason')} data={CLOSURE_REASONS.map((r) => ({ value: r, label: t(`cases.reason.${r}`) }))} value={reason} allowDeselect={false} onChange={(v) => v && setReason(v)} maw={360} />
          <Textarea label={t('cases.closureOutcome')} autosize minRows={2} maxLength={2000} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button
              color="gray"
              disabled={!outcome.trim()}
              loading={close.isPending}
              onClick={() => close.mutate({ id: c.id, version: c.version, reason: reason as (typeof CLOSURE_REASONS)[number], outcome: outcome.trim() })}
              data-testid="case-close"
            >
              {t('cases.closeCase')}
            </Button>
          </Group>
        </Stack>
      )}
      {canWork && c.stage === 'closed' && (
        <Group align="flex-end">
          <Select label={t('cases.reopenTo')} data={OPEN_STAGES.map((s) => ({ value: s, label: t(`cases.stage.${s}`) }))} value={reopenStage} allowDeselect={false} onChange={(v) => v && setReopenStage(v)} w={220} />
          <Button variant="light" loading={reopen.isPending} onClick={() => reopen.mutate({ id: c.id, version: c.version, stage: reopenStage })} data-testid="case-reopen">
            {t('cases.reopen')}
          </Button>
        </Group>
      )}
    </Section>
  );
}
