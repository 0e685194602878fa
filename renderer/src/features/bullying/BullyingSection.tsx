/**
 * The bullying / cyberbullying flow on the case screen (a `CaseSection`, cases/sections.ts): the steps as a checklist
 * timeline — due, done (with its record), skipped (with its reason), overdue in red — each opened into its own form;
 * the follow-up's date; the escalation to the prevention council and whether its agenda took it up; for
 * cyberbullying, the evidence and its screenshots. "Overdue" and "today" are the core's (its clock), not the
 * browser's. Every write names the case version this screen read. Each form is its own file, on the contract's
 * schemas (forms.ts).
 */
import { Alert, Badge, Button, Divider, FileButton, Group, Image, Loader, Modal, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock, IconPhoto, IconPlayerSkipForward, IconSettings, IconUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SCREENSHOT_BYTES, type BullyingEvidence, type BullyingFlow, type BullyingStep } from '../../../../shared/bullying';
import type { CaseDetail } from '../../../../shared/cases';
import { useApiQuery } from '../../api/hooks';
import { useCan } from '../../app/capabilities';
import { ErrorAlert, errorText } from '../../app/errors';
import { AnchorLink } from '../../app/links';
import { showDate } from '../cases/parts';
import type { CaseSectionProps } from '../cases/sections';
import { fileToBase64 } from '../documents/files';
import { EscalateForm } from './EscalateForm';
import { EvidenceForm } from './EvidenceForm';
import { ScheduleFollowUpForm } from './ScheduleFollowUpForm';
import { SettingsModal } from './SettingsForm';
import { SkipForm } from './SkipForm';
import { StepRecordForm } from './StepRecordForm';
import { pupilName, useFlowWrite } from './parts';

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
      {open === 'record' && <StepRecordForm c={c} f={f} s={s} onClose={() => setOpen(null)} />}
      {open === 'skip' && <SkipForm c={c} s={s} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

/** The follow-up date's form, fresh after each save (its date is then the open follow-up's new one). */
function ScheduleFollowUp({ c, f }: { c: CaseDetail; f: BullyingFlow }) {
  const [key, setKey] = useState(0);
  return <ScheduleFollowUpForm key={key} c={c} f={f} onDone={() => setKey((k) => k + 1)} />;
}

function Council({ c, f, canWork }: { c: CaseDetail; f: BullyingFlow; canWork: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
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
      {canWork && open && <EscalateForm c={c} onClose={() => setOpen(false)} />}
    </Stack>
  );
}

function Evidence({ c, f, canWork }: { c: CaseDetail; f: BullyingFlow; canWork: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
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
      {canWork && open && <EvidenceForm c={c} onClose={() => setOpen(false)} />}
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
