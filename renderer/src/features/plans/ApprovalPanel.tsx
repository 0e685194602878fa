/**
 * Approval: the status, «Бекітемін» by the director (name, date), a new revision of an approved plan with the
 * list of what changed, signing the approved revision (kk / ru) into the register, saving and printing it, and
 * an unsigned preview of the PDF at any time.
 */
import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconGitBranch, IconLock, IconSignature, IconRubberStamp } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { otherLanguageCells, plansMethods, type Plan, type PlanChange, type PlanDocument } from '../../../../shared/plans';
import type { SchoolProfile } from '../../../../shared/school';
import { invalidate, queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { applyServerFieldError, zodFormResolver } from '../../app/forms';
import { QueryPanel } from '../../app/QueryPanel';
import { useCan } from '../../app/capabilities';
import { currentLanguage } from '../../i18n';
import { DateField } from '../../app/DateField';
import { DocumentActions } from './DocumentActions';
import { todayIso } from './format';
import { PlanStatusBadge } from './PlansScreen';
import { PlanFileExports } from './PlanFileExports';
import { SignDialog } from './SignDialog';

export function ChangeList({ changes }: { changes: PlanChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('plans.approval.noChanges')}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={4} data-testid="plan-changes">
      {changes.map((c, i) => (
        <List.Item key={i}>
          {t(`plans.changes.${c.kind}`, { ref: c.ref ?? '' })}
          {c.fields.length > 0 && (
            <Text span c="dimmed" size="sm">
              {' '}
              ({c.fields.map((f) => t(`plans.fields.${f}`, { defaultValue: t('plans.fields.other') })).join(', ')})
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

export function ApprovalPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const canApprove = useCan('planApprove');
  const canSign = useCan('planSign');
  const canRevise = useCan('planRevise');
  const [approving, setApproving] = useState(false);
  const [signing, setSigning] = useState(false);
  const [signed, setSigned] = useState<PlanDocument | null>(null);
  const pending = useApiQuery('plans.pendingChanges', { id: plan.id }, { enabled: plan.status === 'draft' && plan.revision > 1 });
  const current = plan.approvals.find((a) => a.revision === plan.revision && plan.status === 'approved');

  const applied = async (next: Plan) => {
    qc.setQueryData(queryKey('plans.get', { id: plan.id }), next);
    await invalidate(qc, 'plans.list', 'plans.pendingChanges', 'plans.reportsDue');
  };
  const startRevision = useApiMutation('plans.startRevision', {
    onSuccess: async (next) => {
      await applied(next);
      notifications.show({ color: 'green', message: t('plans.approval.revisionStarted', { n: next.revision }) });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  const sign = useApiMutation('plans.signPdf', {
    onSuccess: async (doc) => {
      setSigned(doc);
      setSigning(false);
      await invalidate(qc, 'plans.get', 'documents.list');
      notifications.show({ color: 'green', message: t('plans.approval.signedNote', { number: doc.registerNumber ?? '' }) });
    },
  });
  const view = useApiMutation('documents.view', {
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  // the unsigned preview opens in the app's PDF viewer window (the screen cannot frame a PDF)
  const previewPdf = useApiMutation('plans.previewPdf', {
    onSuccess: (r, input) =>
      view.mutate({ title: t('plans.approval.previewTitle', { lang: t(`languages.${input.language}`) }), pdfBase64: r.pdfBase64 }),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });

  return (
    <Stack data-testid="approval-panel">
      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={6}>
            <Group gap="sm">
              <PlanStatusBadge plan={plan} size="lg" />
              {!(plan.status === 'approved' && plan.revision > 1) && (
                <Badge variant="outline" color="gray" size="lg" style={{ textTransform: 'none' }}>
                  {t('plans.status.revisionN', { n: plan.revision })}
                </Badge>
              )}
            </Group>
            {current ? (
              <Text size="sm" data-testid="approval-line">
                {t('plans.approval.approvedBy', {
                  name: current.approverName,
                  position: lang === 'ru' ? current.approverPositionRu : current.approverPositionKk,
                  date: dayjs(current.approvedOn).format('L'),
                })}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t(plan.revision > 1 ? 'plans.approval.draftRevisionHint' : 'plans.approval.draftHint')}
              </Text>
            )}
          </Stack>
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconEye size={16} />}
              loading={previewPdf.isPending && previewPdf.variables?.language === 'kk'}
              onClick={() => previewPdf.mutate({ id: plan.id, language: 'kk' })}
              data-testid="plan-preview-kk"
            >
              {t('plans.approval.preview', { lang: t('languages.kk') })}
            </Button>
            <Button
              variant="default"
              leftSection={<IconEye size={16} />}
              loading={previewPdf.isPending && previewPdf.variables?.language === 'ru'}
              onClick={() => previewPdf.mutate({ id: plan.id, language: 'ru' })}
              data-testid="plan-preview-ru"
            >
              {t('plans.approval.preview', { lang: t('languages.ru') })}
            </Button>
          </Group>
        </Group>
        <Divider my="md" />
        {plan.status === 'draft' ? (
          <Stack gap="sm">
            {plan.revision > 1 && (
              <>
                <Title order={5}>{t('plans.approval.pendingTitle', { n: plan.revision })}</Title>
                {pending.isPending ? <Loader size="sm" /> : pending.error ? <ErrorAlert error={pending.error} /> : <ChangeList changes={pending.data} />}
              </>
            )}
            {canApprove ? (
              <Group>
                <Button
                  size="md"
                  leftSection={<IconRubberStamp size={20} />}
                  onClick={() => setApproving(true)}
                  disabled={plan.items.length === 0}
                  data-testid="plan-approve"
                >
                  {t('plans.approval.approveButton')}
                </Button>
                {plan.items.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('plans.approval.emptyCannot')}
                  </Text>
                )}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('plans.approval.onlyDirector')}
              </Text>
            )}
          </Stack>
        ) : (
          <Stack gap="sm">
            <Alert color="green" variant="light" icon={<IconLock size={18} />}>
              {canSign ? t('plans.approval.lockedHint') : t('plans.approval.lockedHintReader')}
            </Alert>
            <Group>
              {canSign && (
                <Button leftSection={<IconSignature size={18} />} onClick={() => setSigning(true)} data-testid="plan-sign">
                  {t('plans.approval.signButton')}
                </Button>
              )}
              {canRevise && (
                <Button
                  variant="light"
                  color="orange"
                  leftSection={<IconGitBranch size={18} />}
                  loading={startRevision.isPending}
                  onClick={() => startRevision.mutate({ id: plan.id })}
                  data-testid="plan-start-revision"
                >
                  {t('plans.approval.startRevision', { n: plan.revision + 1 })}
                </Button>
              )}
            </Group>
            {signed && (
              <Paper withBorder p="md" radius="sm" bg="var(--mantine-color-green-0)" data-testid="plan-signed">
                <Text size="sm" fw={600} mb="xs">
                  {t('plans.approval.signedDoc', { number: signed.registerNumber ?? '', lang: t(`languages.${signed.language}`) })}
                </Text>
                <DocumentActions documentId={signed.documentId} testId="plan-signed" />
              </Paper>
            )}
          </Stack>
        )}
      </Paper>

      <PlanFileExports plan={plan} />

      <Paper withBorder radius="md" p="lg">
        <Title order={5} mb="sm">
          {t('plans.approval.history')}
        </Title>
        {plan.approvals.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('plans.approval.noHistory')}
          </Text>
        ) : (
          <Timeline active={plan.approvals.length} bulletSize={22} lineWidth={2} data-testid="approval-history">
            {[...plan.approvals]
              .sort((a, b) => b.revision - a.revision)
              .map((a) => (
                <Timeline.Item key={a.revision} title={t('plans.approval.historyItem', { n: a.revision, date: dayjs(a.approvedOn).format('L') })}>
                  <Text size="sm" c="dimmed">
                    {a.approverName} · {lang === 'ru' ? a.approverPositionRu : a.approverPositionKk}
                  </Text>
                  {a.revision > 1 && (
                    <Stack gap={4} mt={6}>
                      <Text size="sm" fw={600}>
                        {t('plans.approval.changesOfRevision')}
                      </Text>
                      <ChangeList changes={a.changes} />
                    </Stack>
                  )}
                  {a.documents.length > 0 && (
                    <Stack gap={6} mt="sm">
                      {a.documents.map((d) => (
                        <Group key={d.documentId} gap="sm" wrap="wrap">
                          <Badge variant="light" style={{ textTransform: 'none' }}>
                            {d.registerNumber ?? '—'} · {t(`languages.${d.language}`)}
                          </Badge>
                          <DocumentActions documentId={d.documentId} />
                        </Group>
                      ))}
                    </Stack>
                  )}
                </Timeline.Item>
              ))}
          </Timeline>
        )}
      </Paper>

      {approving && <ApproveModal plan={plan} onClose={() => setApproving(false)} onDone={applied} />}
      <SignDialog
        opened={signing}
        title={t('plans.approval.signTitle')}
        busy={sign.isPending}
        error={sign.error}
        onClose={() => {
          setSigning(false);
          sign.reset();
        }}
        onSign={(signer, language) => sign.mutate({ id: plan.id, language, signer })}
        otherLanguageCells={(language) => otherLanguageCells(plan, language)}
      />
    </Stack>
  );
}

const KK_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];

/** the date under «Бекітемін» as documents write it: "2026 жылғы 26 қараша" / "26 ноября 2026 г." */
function approvalDate(lang: 'kk' | 'ru', iso: string): string {
  const d = dayjs(iso);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !d.isValid()) return '';
  return lang === 'ru' ? d.locale('ru').format('D MMMM YYYY [г.]') : `${d.year()} жылғы ${d.date()} ${KK_MONTHS[d.month()]}`;
}

/** `plans.approve` as the form checks it: the date and the name under «Бекітемін» (the name required here: it is printed). */
const approveFormSchema = plansMethods['plans.approve'].input.pick({ approvedOn: true }).extend({ approverName: plansMethods['plans.approve'].input.shape.approverName.unwrap() });
type ApproveValues = { approvedOn: string; approverName: string };

export function ApproveModal({ plan, onClose, onDone }: { plan: Plan; onClose: () => void; onDone: (p: Plan) => Promise<void> }) {
  const { t } = useTranslation();
  const school = useApiQuery('school.get', {}, { retry: false });
  return (
    <Modal opened onClose={onClose} title={t('plans.approval.approveTitle')} size="lg" centered>
      <QueryPanel query={school}>{(s) => <ApproveForm plan={plan} school={s} onClose={onClose} onDone={onDone} />}</QueryPanel>
    </Modal>
  );
}

function ApproveForm({ plan, school, onClose, onDone }: { plan: Plan; school: SchoolProfile; onClose: () => void; onDone: (p: Plan) => Promise<void> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const form = useForm<ApproveValues>({
    mode: 'controlled',
    initialValues: { approvedOn: todayIso(), approverName: school.directorName },
    validate: zodFormResolver<ApproveValues>(approveFormSchema, t),
  });
  const approve = useApiMutation('plans.approve', {
    onSuccess: async (next) => {
      await onDone(next);
      notifications.show({ color: 'green', message: t('plans.approval.approvedNote') });
      onClose();
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const position = lang === 'ru' ? school.directorPositionRu : school.directorPositionKk;
  const submit = (values: ApproveValues) => approve.mutate({ id: plan.id, ...approveFormSchema.parse(values) });
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack data-testid="approve-form">
        <Text size="sm">{t('plans.approval.approveText', { n: plan.revision })}</Text>
        <Paper withBorder p="md" radius="sm" style={{ fontFamily: '"PT Serif", "Times New Roman", serif' }}>
          <Stack gap={2} align="flex-end">
            <Text fw={700}>{t('plans.approval.stampWord')}</Text>
            <Text size="sm">{position}</Text>
            <Text size="sm">______________ {form.values.approverName}</Text>
            <Text size="sm">{approvalDate(lang, form.values.approvedOn)}</Text>
          </Stack>
        </Paper>
        <Group grow align="flex-start">
          <TextInput label={t('plans.approval.approverName')} name="approverName" {...form.getInputProps('approverName')} />
          <DateField
            label={t('plans.approval.approvedOnLabel')}
            name="approvedOn"
            value={form.values.approvedOn}
            onChange={(v) => form.setFieldValue('approvedOn', v ?? '')}
            error={typeof form.errors.approvedOn === 'string' ? form.errors.approvedOn : undefined}
          />
        </Group>
        {approve.error && !form.errors.approvedOn && !form.errors.approverName && <ErrorAlert error={approve.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" leftSection={<IconRubberStamp size={18} />} loading={approve.isPending} data-testid="plan-approve-confirm">
            {t('plans.approval.approveConfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
