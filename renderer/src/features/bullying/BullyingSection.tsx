/**
 * The bullying / cyberbullying flow on the case screen (a `CaseSection`, cases/sections.ts): the steps as a checklist
 * timeline — due, done (with its record), skipped (with its reason), overdue in red — each opened into its own form;
 * the follow-up's date; the escalation to the prevention council and whether its agenda took it up; for
 * cyberbullying, the evidence and its screenshots. "Overdue" and "today" are the core's (its clock), not the
 * browser's. Every write names the case version this screen read.
 */
import { Alert, Badge, Button, Checkbox, Divider, FileButton, Group, Image, Loader, Modal, MultiSelect, NumberInput, Paper, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconClock, IconPhoto, IconPlayerSkipForward, IconSettings, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FOLLOW_UP_OUTCOMES,
  MAX_SCREENSHOT_BYTES,
  PARENT_CONTACT_METHODS,
  type BullyingEvidence,
  type BullyingFlow,
  type BullyingSettings,
  type BullyingStep,
  type FollowUpOutcome,
  type StepRecordInput,
} from '../../../../shared/bullying';
import type { CaseDetail } from '../../../../shared/cases';
import type { ApiError } from '../../api/client';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { errorField } from '../../app/fieldErrors';
import { AnchorLink } from '../../app/links';
import { DateText, showDate } from '../cases/parts';
import type { CaseSectionProps } from '../cases/sections';
import { fileToBase64 } from '../documents/files';
import { useCan } from '../../app/capabilities';

type Method = 'bullying.start' | 'bullying.complete' | 'bullying.skip' | 'bullying.scheduleFollowUp' | 'bullying.escalate' | 'bullying.addEvidence' | 'bullying.addScreenshot';

function useFlowWrite<M extends Method>(method: M, onDone?: () => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return useApiMutation(method, {
    onSuccess: async () => {
      await invalidate(qc, 'bullying.get', 'cases.get', 'cases.list', 'cases.myTasks', 'worklists.list', 'worklists.counts', 'chronology.list');
      onDone?.();
    },
    onError: (e: ApiError) => {
      // an error about one field is shown on the field; the rest as a notice
      if (!errorField(e)) notifications.show({ color: 'red', message: errorText(t, e) });
    },
  });
}

function FieldError({ error, field }: { error: unknown; field: string }) {
  const { t } = useTranslation();
  if (!error || errorField(error) !== field) return null;
  return (
    <Text c="red.9" size="sm" role="alert" data-testid={`bullying-error-${field}`}>
      {errorText(t, error)}
    </Text>
  );
}

function pupilName(c: CaseDetail, id: string | null): string {
  const p = c.pupils.find((x) => x.pupilId === id);
  return p ? `${p.lastName} ${p.firstName} (${p.grade} ${p.classLetter})` : '';
}

export function BullyingSection({ c, canWork }: CaseSectionProps) {
  const { t } = useTranslation();
  const flow = useApiQuery('bullying.get', { caseId: c.id });
  const canSet = useCan('bullyingSettings');
  const [settings, setSettings] = useState(false);
  const start = useFlowWrite('bullying.start');
  const cyber = c.formOfHarm === 'cyberbullying';
  return (
    <Paper withBorder radius="md" p="md" data-testid="bullying-section">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={5}>{t(cyber ? 'bullying.titleCyber' : 'bullying.title')}</Title>
            <Text size="xs" c="dimmed">
              {t('bullying.basis')}
            </Text>
          </Stack>
          {canSet && (
            <Button size="compact-sm" variant="subtle" leftSection={<IconSettings size={14} />} onClick={() => setSettings(true)} style={{ flexShrink: 0 }} data-testid="bullying-settings-open">
              {t('bullying.settings')}
            </Button>
          )}
        </Group>
        {flow.isPending && <Loader size="sm" />}
        <ErrorAlert error={flow.error} />
        {flow.data === null && (
          <Group justify="space-between">
            <Text size="sm">{t('bullying.notStarted')}</Text>
            {canWork && (
              <Button loading={start.isPending} onClick={() => start.mutate({ caseId: c.id, version: c.version })} data-testid="bullying-start">
                {t('bullying.start')}
              </Button>
            )}
          </Group>
        )}
        {flow.data && <FlowView c={c} f={flow.data} canWork={canWork} />}
      </Stack>
      {settings && <SettingsModal onClose={() => setSettings(false)} />}
    </Paper>
  );
}

function FlowView({ c, f, canWork }: { c: CaseDetail; f: BullyingFlow; canWork: boolean }) {
  const { t } = useTranslation();
  const active = f.steps.filter((s) => s.status !== 'open').length;
  return (
    <Stack gap="sm">
      {f.firstTalkOn && (
        <Text size="sm" c="dimmed">
          {t('bullying.firstTalk', { date: showDate(f.firstTalkOn) })}
        </Text>
      )}
      <Timeline active={active - 1} bulletSize={24} lineWidth={2} data-testid="bullying-steps">
        {f.steps.map((s) => (
          <Timeline.Item key={s.id} bullet={<StepBullet s={s} />} title={<StepTitle c={c} s={s} />} data-testid="bullying-step" data-kind={s.kind} data-status={s.overdue ? 'overdue' : s.status}>
            <StepBody c={c} f={f} s={s} canWork={canWork} />
          </Timeline.Item>
        ))}
      </Timeline>
      {canWork && <ScheduleFollowUp c={c} f={f} />}
      <Divider />
      <Council c={c} f={f} canWork={canWork} />
      {f.cyber && (
        <>
          <Divider />
          <Evidence c={c} f={f} canWork={canWork} />
        </>
      )}
    </Stack>
  );
}

function StepBullet({ s }: { s: BullyingStep }) {
  if (s.status === 'done') return <IconCheck size={14} />;
  if (s.status === 'skipped') return <IconPlayerSkipForward size={14} />;
  if (s.overdue) return <IconAlertTriangle size={14} color="var(--mantine-color-red-9)" />;
  return <IconClock size={14} />;
}

function StepTitle({ c, s }: { c: CaseDetail; s: BullyingStep }) {
  const { t } = useTranslation();
  const who = s.pupilId ? pupilName(c, s.pupilId) : '';
  const side = s.kind === 'parents' && s.side ? ` — ${t(`bullying.side.${s.side}`)}` : '';
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" fw={600} td={s.status === 'skipped' ? 'line-through' : undefined}>
        {t(`bullying.kind.${s.kind}`)}
        {who ? `: ${who}` : ''}
        {side}
      </Text>
      {s.status === 'open' && s.dueOn && (
        <Text size="sm" c={s.overdue ? 'red.9' : 'dimmed'} fw={s.overdue ? 600 : undefined} data-testid="bullying-step-due">
          {t('bullying.due', { date: showDate(s.dueOn) })}
          {s.overdue ? ` · ${t('bullying.status.overdue')}` : ''}
        </Text>
      )}
      {s.status !== 'open' && (
        <Badge size="sm" variant="light" color={s.status === 'done' ? 'green' : 'gray'} style={{ textTransform: 'none' }}>
          {t(`bullying.status.${s.status}`)}
        </Badge>
      )}
    </Group>
  );
}

function RecordView({ s }: { s: BullyingStep }) {
  const { t } = useTranslation();
  const r = s.record;
  if (!r) return null;
  const line = (label: string, value: string) =>
    value ? (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        <b>{label}:</b> {value}
      </Text>
    ) : null;
  return (
    <Stack gap={2} data-testid="bullying-record">
      <Text size="xs" c="dimmed">
        {showDate(r.at, true)}
        {s.closedBy ? ` · ${s.closedBy}` : ''}
      </Text>
      {r.kind === 'target_talk' && line(t('bullying.field.summary'), r.summary)}
      {r.kind === 'initiator_talk' && (
        <>
          {line(t('bullying.field.commitment'), r.commitment)}
          {line(t('bullying.field.summaryOptional'), r.summary)}
        </>
      )}
      {r.kind === 'parents' && (
        <>
          {line(t('bullying.field.who'), `${r.who} (${t(`cases.contactMethod.${r.method}`)})`)}
          {line(t('bullying.field.told'), r.told)}
        </>
      )}
      {r.kind === 'platform_report' && (
        <>
          {line(t('bullying.field.platform'), r.platform)}
          {line(t('bullying.field.reference'), r.reference)}
          {line(t('bullying.field.response'), r.response)}
        </>
      )}
      {r.kind === 'follow_up' && (
        <>
          {line(t('bullying.field.outcome'), t(`bullying.outcome.${r.outcome}`))}
          {line(t('bullying.field.notes'), r.notes)}
        </>
      )}
      {r.kind === 'monitoring' && line(t('bullying.field.notes'), r.notes)}
    </Stack>
  );
}

function StepBody({ c, f, s, canWork }: { c: CaseDetail; f: BullyingFlow; s: BullyingStep; canWork: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'record' | 'skip' | null>(null);
  if (s.status === 'done') return <RecordView s={s} />;
  if (s.status === 'skipped') {
    return (
      <Text size="sm" c="dimmed" data-testid="bullying-skip-reason">
        {s.skipReason === null ? t('bullying.hidden') : t('bullying.skippedBecause', { reason: s.skipReason })}
        {s.closedAt ? ` · ${showDate(s.closedAt)}` : ''}
      </Text>
    );
  }
  if (!canWork) return null;
  return (
    <Stack gap="xs" mt={4}>
      {open === null && (
        <Group gap="xs">
          <Button size="compact-sm" variant="light" onClick={() => setOpen('record')} data-testid="bullying-step-record">
            {t('bullying.record')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setOpen('skip')} data-testid="bullying-step-skip">
            {t('bullying.skip')}
          </Button>
        </Group>
      )}
      {open === 'record' && <RecordForm c={c} f={f} s={s} onClose={() => setOpen(null)} />}
      {open === 'skip' && <SkipForm c={c} s={s} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

function FormButtons({ onClose, onSave, disabled, loading, label }: { onClose: () => void; onSave: () => void; disabled: boolean; loading: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs">
      <Button size="xs" variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button size="xs" disabled={disabled} loading={loading} onClick={onSave} data-testid="bullying-form-save">
        {label}
      </Button>
    </Group>
  );
}

function SkipForm({ c, s, onClose }: { c: CaseDetail; s: BullyingStep; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const skip = useFlowWrite('bullying.skip', onClose);
  return (
    <Stack gap="xs" data-testid="bullying-skip-form">
      <Textarea label={t('bullying.skipReason')} required autosize minRows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="bullying-skip-reason-input" />
      <ErrorAlert error={skip.error && !errorField(skip.error) ? skip.error : null} />
      <FormButtons onClose={onClose} disabled={!reason.trim()} loading={skip.isPending} label={t('bullying.saveSkip')} onSave={() => skip.mutate({ stepId: s.id, version: c.version, reason: reason.trim() })} />
    </Stack>
  );
}

function RecordForm({ c, f, s, onClose }: { c: CaseDetail; f: BullyingFlow; s: BullyingStep; onClose: () => void }) {
  const { t } = useTranslation();
  const [at, setAt] = useState<string | null>(f.today);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [d, setD] = useState('');
  const [method, setMethod] = useState<string>('meeting');
  const [outcome, setOutcome] = useState<FollowUpOutcome | null>(null);
  const [nextOn, setNextOn] = useState<string | null>(null);
  const save = useFlowWrite('bullying.complete', onClose);
  let record: StepRecordInput | null = null;
  let body: ReactNode = null;
  const area = (label: string, value: string, set: (v: string) => void, testId: string, required = true, max = 4000) => (
    <Textarea label={label} required={required} autosize minRows={2} maxLength={max} value={value} onChange={(e) => set(e.currentTarget.value)} data-testid={testId} />
  );
  if (at) {
    switch (s.kind) {
      case 'target_talk':
        record = a.trim() ? { kind: 'target_talk', at, summary: a.trim() } : null;
        body = area(t('bullying.field.summary'), a, setA, 'bullying-summary');
        break;
      case 'initiator_talk':
        record = b.trim() ? { kind: 'initiator_talk', at, summary: a.trim(), commitment: b.trim() } : null;
        body = (
          <>
            {area(t('bullying.field.commitment'), b, setB, 'bullying-commitment')}
            {area(t('bullying.field.summaryOptional'), a, setA, 'bullying-summary', false)}
          </>
        );
        break;
      case 'parents':
        record = a.trim() && b.trim() ? { kind: 'parents', at, who: a.trim(), method: method as (typeof PARENT_CONTACT_METHODS)[number], told: b.trim() } : null;
        body = (
          <>
            <Group grow align="flex-start">
              <TextInput label={t('bullying.field.who')} required maxLength={200} value={a} onChange={(e) => setA(e.currentTarget.value)} data-testid="bullying-who" />
              <Select label={t('bullying.field.method')} data={PARENT_CONTACT_METHODS.map((m) => ({ value: m, label: t(`cases.contactMethod.${m}`) }))} value={method} allowDeselect={false} onChange={(v) => v && setMethod(v)} />
            </Group>
            {area(t('bullying.field.told'), b, setB, 'bullying-told', true, 2000)}
          </>
        );
        break;
      case 'platform_report':
        record = a.trim() ? { kind: 'platform_report', at, platform: a.trim(), reference: b.trim(), response: d.trim() } : null;
        body = (
          <>
            <Group grow align="flex-start">
              <TextInput label={t('bullying.field.platform')} required maxLength={100} value={a} onChange={(e) => setA(e.currentTarget.value)} data-testid="bullying-platform" />
              <TextInput label={t('bullying.field.reference')} maxLength={200} value={b} onChange={(e) => setB(e.currentTarget.value)} />
            </Group>
            {area(t('bullying.field.response'), d, setD, 'bullying-response', false, 2000)}
          </>
        );
        break;
      case 'follow_up':
        record = outcome && a.trim() ? { kind: 'follow_up', at, outcome, notes: a.trim(), nextOn } : null;
        body = (
          <>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('bullying.field.outcome')}
              </Text>
              <SegmentedControl
                value={outcome ?? ''}
                onChange={(v) => setOutcome(v as FollowUpOutcome)}
                data={FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: t(`bullying.outcome.${o}`) }))}
                data-testid="bullying-outcome"
              />
              <Text size="xs" c="dimmed">
                {t('bullying.continuedHint')}
              </Text>
            </Stack>
            {area(t('bullying.field.notes'), a, setA, 'bullying-notes')}
            {outcome !== 'stopped' && <DateText label={t('bullying.field.nextOn')} value={nextOn} onChange={setNextOn} name="bullying-next" />}
            <FieldError error={save.error} field="nextOn" />
          </>
        );
        break;
      case 'monitoring':
        record = a.trim() ? { kind: 'monitoring', at, notes: a.trim(), nextOn } : null;
        body = (
          <>
            {area(t('bullying.field.notes'), a, setA, 'bullying-notes')}
            <DateText label={t('bullying.field.nextOn')} value={nextOn} onChange={setNextOn} name="bullying-next" />
            <FieldError error={save.error} field="nextOn" />
          </>
        );
        break;
    }
  }
  return (
    <Stack gap="xs" data-testid="bullying-record-form">
      <DateText label={t('bullying.field.at')} value={at} onChange={setAt} name="bullying-at" required />
      <FieldError error={save.error} field="at" />
      {body}
      <FormButtons onClose={onClose} disabled={record === null} loading={save.isPending} label={t('bullying.saveRecord')} onSave={() => record && save.mutate({ stepId: s.id, version: c.version, record })} />
    </Stack>
  );
}

function ScheduleFollowUp({ c, f }: { c: CaseDetail; f: BullyingFlow }) {
  const { t } = useTranslation();
  const openFollowUp = f.steps.find((s) => s.kind === 'follow_up' && s.status === 'open');
  const [on, setOn] = useState<string | null>(openFollowUp?.dueOn ?? null);
  const [key, setKey] = useState(0);
  const save = useFlowWrite('bullying.scheduleFollowUp', () => setKey((k) => k + 1));
  return (
    <Stack gap={4} key={key}>
      <Group align="flex-end" gap="xs">
        <DateText label={t('bullying.scheduleFollowUp')} value={on} onChange={setOn} name="bullying-follow-up" quick={[7, 10, 14]} />
        <Button size="xs" variant="light" disabled={!on} loading={save.isPending} onClick={() => on && save.mutate({ caseId: c.id, version: c.version, on })} data-testid="bullying-schedule" mb={openFollowUp ? 0 : 0}>
          {t('bullying.schedule')}
        </Button>
      </Group>
      <FieldError error={save.error} field="on" />
    </Stack>
  );
}

function Council({ c, f, canWork }: { c: CaseDetail; f: BullyingFlow; canWork: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const initiators = c.pupils.filter((p) => p.role === 'initiator').map((p) => p.pupilId);
  const [pupils, setPupils] = useState<string[]>(initiators);
  const escalate = useFlowWrite('bullying.escalate', () => {
    setOpen(false);
    setReason('');
  });
  return (
    <Stack gap="xs" data-testid="bullying-council">
      <Text size="sm" fw={600}>
        {t('bullying.council')}
      </Text>
      {f.escalations.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('bullying.notEscalated')}
        </Text>
      )}
      {f.escalations.map((e) => (
        <Alert key={e.id} color="orange" variant="light" p="xs" data-testid="bullying-escalation">
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t('bullying.escalatedOn', { date: showDate(e.escalatedAt) })} · {t(`bullying.cause.${e.cause}`)}
            </Text>
            {e.pupilIds && <Text size="sm">{e.pupilIds.map((p) => pupilName(c, p)).join(', ')}</Text>}
            {e.reason && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {e.reason}
              </Text>
            )}
            {e.meetings.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('bullying.awaitingAgenda')}
              </Text>
            ) : (
              e.meetings.map((m) => (
                <AnchorLink key={m.meetingId} size="xs" to="/council/meeting" search={{ id: m.meetingId }}>
                  {t('bullying.onAgenda', { number: m.number, date: showDate(m.date) })}
                </AnchorLink>
              ))
            )}
          </Stack>
        </Alert>
      ))}
      {canWork && !open && (
        <Group>
          <Button size="compact-sm" variant="light" color="orange" onClick={() => setOpen(true)} data-testid="bullying-escalate-open">
            {t('bullying.escalate')}
          </Button>
        </Group>
      )}
      {canWork && open && (
        <Stack gap="xs">
          <MultiSelect label={t('bullying.escalatePupils')} data={c.pupils.map((p) => ({ value: p.pupilId, label: pupilName(c, p.pupilId) }))} value={pupils} onChange={setPupils} />
          <Textarea label={t('bullying.escalateReason')} required autosize minRows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="bullying-escalate-reason" />
          <FormButtons
            onClose={() => setOpen(false)}
            disabled={!reason.trim() || pupils.length === 0}
            loading={escalate.isPending}
            label={t('bullying.escalate')}
            onSave={() => escalate.mutate({ caseId: c.id, version: c.version, reason: reason.trim(), pupilIds: pupils })}
          />
        </Stack>
      )}
    </Stack>
  );
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

function Evidence({ c, f, canWork }: { c: CaseDetail; f: BullyingFlow; canWork: boolean }) {
  const { t } = useTranslation();
  const [platform, setPlatform] = useState('');
  const [accounts, setAccounts] = useState('');
  const [links, setLinks] = useState('');
  const [description, setDescription] = useState('');
  const [observedOn, setObservedOn] = useState<string | null>(null);
  const [key, setKey] = useState(0);
  const [open, setOpen] = useState(false);
  const add = useFlowWrite('bullying.addEvidence', () => {
    setPlatform('');
    setAccounts('');
    setLinks('');
    setDescription('');
    setObservedOn(null);
    setKey((k) => k + 1);
    setOpen(false);
  });
  return (
    <Stack gap="xs" data-testid="bullying-evidence">
      <Text size="sm" fw={600}>
        {t('bullying.evidence')}
      </Text>
      {f.evidence.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('bullying.noEvidence')}
        </Text>
      )}
      {f.evidence.map((e) => (
        <EvidenceItem key={e.id} c={c} e={e} canWork={canWork} />
      ))}
      {canWork && !open && (
        <Group>
          <Button size="compact-sm" variant="light" onClick={() => setOpen(true)} data-testid="bullying-evidence-open">
            {t('bullying.addEvidence')}
          </Button>
        </Group>
      )}
      {canWork && open && (
        <Stack gap="xs" key={key}>
          <Group grow align="flex-start">
            <TextInput label={t('bullying.field.platform')} required maxLength={100} value={platform} onChange={(e) => setPlatform(e.currentTarget.value)} data-testid="evidence-platform" />
            <DateText label={t('bullying.field.observedOn')} value={observedOn} onChange={setObservedOn} name="evidence-observed" />
          </Group>
          <Group grow align="flex-start">
            <Textarea label={t('bullying.field.accounts')} autosize minRows={2} value={accounts} onChange={(e) => setAccounts(e.currentTarget.value)} data-testid="evidence-accounts" />
            <Textarea label={t('bullying.field.links')} autosize minRows={2} value={links} onChange={(e) => setLinks(e.currentTarget.value)} data-testid="evidence-links" />
          </Group>
          <Textarea label={t('bullying.field.description')} autosize minRows={2} maxLength={4000} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <FormButtons
            onClose={() => setOpen(false)}
            disabled={!platform.trim()}
            loading={add.isPending}
            label={t('bullying.addEvidence')}
            onSave={() => add.mutate({ caseId: c.id, version: c.version, platform: platform.trim(), accounts: lines(accounts), links: lines(links), description: description.trim(), observedOn })}
          />
        </Stack>
      )}
    </Stack>
  );
}

function EvidenceItem({ c, e, canWork }: { c: CaseDetail; e: BullyingEvidence; canWork: boolean }) {
  const { t } = useTranslation();
  const [fileError, setFileError] = useState<string | null>(null);
  const [view, setView] = useState<string | null>(null);
  const upload = useFlowWrite('bullying.addScreenshot');
  const onFile = async (file: File | null) => {
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_SCREENSHOT_BYTES) {
      setFileError(t('errors.bullying.file_too_large'));
      return;
    }
    upload.mutate({ evidenceId: e.id, version: c.version, fileName: file.name, dataBase64: await fileToBase64(file) });
  };
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="bullying-evidence-item">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {e.platform ?? t('bullying.hidden')}
          {e.observedOn ? ` · ${showDate(e.observedOn)}` : ''}
        </Text>
        {e.accounts && e.accounts.length > 0 && <Text size="sm">{e.accounts.join(', ')}</Text>}
        {e.links?.map((l) => (
          <Text key={l} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {l}
          </Text>
        ))}
        {e.description && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {e.description}
          </Text>
        )}
        {e.files.map((x) => (
          <Group key={x.id} gap="xs">
            <IconPhoto size={14} />
            <Text size="sm">{x.fileName ?? t('bullying.hidden')}</Text>
            <Text size="xs" c="dimmed">
              {t('bullying.sizeKb', { n: Math.max(1, Math.round(x.sizeBytes / 1024)) })}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => setView(x.id)} data-testid="screenshot-open">
              {t('bullying.open')}
            </Button>
          </Group>
        ))}
        {canWork && (
          <Group gap="xs">
            <FileButton accept="image/png,image/jpeg,image/gif,image/webp" onChange={(f) => void onFile(f)}>
              {(props) => (
                <Button {...props} size="compact-sm" variant="light" leftSection={<IconUpload size={14} />} loading={upload.isPending} data-testid="screenshot-add">
                  {t('bullying.addScreenshot')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              {t('bullying.screenshotHint')}
            </Text>
          </Group>
        )}
        {(fileError ?? (upload.error ? errorText(t, upload.error) : null)) && (
          <Text c="red.9" size="sm" role="alert">
            {fileError ?? errorText(t, upload.error)}
          </Text>
        )}
      </Stack>
      {view && <ScreenshotModal id={view} onClose={() => setView(null)} />}
    </Paper>
  );
}

function ScreenshotModal({ id, onClose }: { id: string; onClose: () => void }) {
  // the image is shown from memory (a data: URL the CSP allows), never written to a file
  const shot = useApiQuery('bullying.getScreenshot', { id });
  const src = useMemo(() => (shot.data ? `data:${shot.data.mime};base64,${shot.data.dataBase64}` : null), [shot.data]);
  return (
    <Modal opened onClose={onClose} title={shot.data?.fileName ?? ''} size="xl" centered>
      {shot.isPending && <Loader size="sm" />}
      <ErrorAlert error={shot.error} />
      {src && <Image src={src} alt={shot.data?.fileName ?? ''} fit="contain" mah="70vh" data-testid="screenshot-image" />}
    </Modal>
  );
}

const STEP_FROM: Record<keyof BullyingSettings, 'start' | 'firstTalk' | 'stopped'> = {
  target_talk: 'start',
  initiator_talk: 'start',
  parents: 'start',
  platform_report: 'start',
  follow_up: 'firstTalk',
  monitoring: 'stopped',
};

function SettingsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const current = useApiQuery('bullying.settings', {});
  const [draft, setDraft] = useState<BullyingSettings | null>(null);
  const s = draft ?? current.data ?? null;
  const save = useApiMutation('bullying.setSettings', {
    onSuccess: async () => {
      await invalidate(qc, 'bullying.settings');
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
    },
  });
  const set = <K extends keyof BullyingSettings>(k: K, v: Partial<BullyingSettings[K]>) => s && setDraft({ ...s, [k]: { ...s[k], ...v } });
  return (
    <Modal opened onClose={onClose} title={t('bullying.settings')} size="lg" centered>
      <Stack gap="sm" data-testid="bullying-settings">
        <Text size="sm" c="dimmed">
          {t('bullying.settingsHint')}
        </Text>
        {s &&
          (Object.keys(STEP_FROM) as (keyof BullyingSettings)[]).map((k) => (
            <Group key={k} justify="space-between" wrap="nowrap">
              <Checkbox
                label={t(`bullying.kind.${k}`)}
                checked={s[k].enabled}
                disabled={k === 'target_talk'}
                onChange={(e) => k !== 'target_talk' && set(k, { enabled: e.currentTarget.checked })}
                style={{ flex: 1 }}
              />
              <Group gap="xs" wrap="nowrap">
                <NumberInput
                  aria-label={t('bullying.days')}
                  min={k === 'follow_up' || k === 'monitoring' ? 1 : 0}
                  max={k === 'monitoring' ? 120 : k === 'follow_up' ? 60 : k === 'target_talk' ? 3 : 14}
                  w={80}
                  value={s[k].offsetDays}
                  onChange={(v) => typeof v === 'number' && set(k, { offsetDays: v })}
                  data-testid={`bullying-offset-${k}`}
                />
                <Text size="xs" c="dimmed" w={170}>
                  {t('bullying.days')} {t(`bullying.from.${STEP_FROM[k]}`)}
                </Text>
              </Group>
            </Group>
          ))}
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!draft} loading={save.isPending} onClick={() => draft && save.mutate(draft)} data-testid="bullying-settings-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
