/**
 * One plan: its title and status, and the tabs — the plan itself (editor), approval and signing, execution,
 * quarterly reports. Reached from the plans list as #/plan?id=…&tab=…
 */
import { ActionIcon, Alert, Button, Group, Loader, Paper, Stack, Tabs, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCheck, IconChecklist, IconFileImport, IconFileCertificate, IconLock, IconPencil, IconRubberStamp, IconTable, IconTrash, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../shared/plans';
import { invalidate, queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { Navigate, getRouteApi, useNavigate } from '@tanstack/react-router';
import { PLAN_TABS, oneOf } from '../../app/search';
import { AnchorLink } from '../../app/links';
import { useCan } from '../../app/capabilities';
import { currentLanguage } from '../../i18n';
import { ApprovalPanel } from './ApprovalPanel';
import { ImportPlanModal } from './ImportPlanModal';
import { ConfirmIcon } from './ConfirmButton';
import { ExecutionPanel } from './ExecutionPanel';
import { pick, yearLabel } from './format';
import { PlanEditor } from './PlanEditor';
import { PlanStatusBadge } from './PlansScreen';
import { ReportsDueAlert } from './ReportsDueAlert';
import { ReportsPanel } from './ReportsPanel';

const planRoute = getRouteApi('/plan');

export function PlanScreen() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const search = planRoute.useSearch();
  const id = search.id;
  const tab = search.tab ?? 'plan';
  const valid = /^[0-9a-f-]{36}$/i.test(id);
  const plan = useApiQuery('plans.get', { id }, { enabled: valid });

  // no plan id in the link: the list of plans (a redirect, never a navigation during render)
  if (!valid) return <Navigate to="/plans" replace />;
  if (plan.isPending) return <Loader size="sm" />;
  if (plan.error) {
    return (
      <Stack>
        <ErrorAlert error={plan.error} />
        <AnchorLink to="/plans">{t('plans.backToList')}</AnchorLink>
      </Stack>
    );
  }
  const p = plan.data;
  return (
    <Stack data-testid="plan-screen">
      <PlanHeader plan={p} />
      <ReportsDueAlert planId={p.id} />
      <Tabs
        value={tab}
        onChange={(v) => void navigate({ to: '/plan', search: { id: p.id, tab: oneOf(PLAN_TABS, v) } })}
        keepMounted={false}
        variant="outline"
      >
        <Tabs.List>
          <Tabs.Tab value="plan" leftSection={<IconTable size={16} />} data-testid="tab-plan">
            {t('plans.tabs.plan')}
          </Tabs.Tab>
          <Tabs.Tab value="approval" leftSection={<IconRubberStamp size={16} />} data-testid="tab-approval">
            {t('plans.tabs.approval')}
          </Tabs.Tab>
          <Tabs.Tab value="execution" leftSection={<IconChecklist size={16} />} data-testid="tab-execution">
            {t('plans.tabs.execution')}
          </Tabs.Tab>
          <Tabs.Tab value="reports" leftSection={<IconFileCertificate size={16} />} data-testid="tab-reports">
            {t('plans.tabs.reports')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="plan" pt="md">
          <PlanTab plan={p} />
        </Tabs.Panel>
        <Tabs.Panel value="approval" pt="md">
          <ApprovalPanel plan={p} />
        </Tabs.Panel>
        <Tabs.Panel value="execution" pt="md">
          <ExecutionPanel plan={p} />
        </Tabs.Panel>
        <Tabs.Panel value="reports" pt="md">
          <ReportsPanel plan={p} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function PlanTab({ plan }: { plan: Plan }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const canEdit = useCan('planEdit');
  const canRevise = useCan('planRevise');
  const canExecute = useCan('planExecute');
  const editable = canEdit && plan.status === 'draft';
  const [importing, setImporting] = useState(false);
  return (
    <Stack>
      {plan.status === 'approved' && (
        <Alert color="green" variant="light" icon={<IconLock size={18} />} data-testid="plan-locked-hint">
          {canRevise ? (
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Text size="sm">{t('plans.editor.lockedHint')}</Text>
              <Button size="xs" variant="light" onClick={() => void navigate({ to: '/plan', search: { id: plan.id, tab: 'approval' } })}>
                {t('plans.editor.toApproval')}
              </Button>
            </Group>
          ) : (
            // told only what this account can do: read it, and mark its own items done if it executes the plan
            <Text size="sm">{t(canExecute ? 'plans.editor.lockedExecutor' : 'plans.editor.lockedReadOnly')}</Text>
          )}
        </Alert>
      )}
      {!canEdit && plan.status === 'draft' && (
        <Text size="sm" c="dimmed">
          {t('plans.editor.readOnly')}
        </Text>
      )}
      <PlanEditor plan={plan} editable={editable} />
      {editable && (
        <Group>
          <Button variant="subtle" leftSection={<IconFileImport size={18} />} onClick={() => setImporting(true)} data-testid="plan-import-into">
            {t('plans.import.intoThis')}
          </Button>
        </Group>
      )}
      <ImportPlanModal opened={importing} onClose={() => setImporting(false)} draftPlan={{ id: plan.id, academicYear: plan.academicYear }} />
    </Stack>
  );
}

function PlanHeader({ plan }: { plan: Plan }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const canEdit = useCan('planEdit');
  const [editing, setEditing] = useState(false);
  const [kk, setKk] = useState(plan.titleKk);
  const [ru, setRu] = useState(plan.titleRu);
  const update = useApiMutation('plans.update', {
    onSuccess: async (next) => {
      qc.setQueryData(queryKey('plans.get', { id: plan.id }), next);
      await invalidate(qc, 'plans.list');
      setEditing(false);
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  const remove = useApiMutation('plans.delete', {
    onSuccess: async () => {
      await invalidate(qc, 'plans.list');
      void navigate({ to: '/plans' });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <AnchorLink to="/plans" size="sm">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} />
              {t('plans.backToList')}
            </Group>
          </AnchorLink>
          {editing ? (
            <Stack gap={6}>
              <TextInput label={t('plans.titleKk')} value={kk} onChange={(e) => setKk(e.currentTarget.value)} />
              <TextInput label={t('plans.titleRu')} value={ru} onChange={(e) => setRu(e.currentTarget.value)} />
            </Stack>
          ) : (
            <Title order={4} style={{ overflowWrap: 'break-word' }} data-testid="plan-title">
              {pick(lang, plan.titleKk, plan.titleRu)}
            </Title>
          )}
          <Group gap="sm">
            <Text size="sm" fw={600}>
              {t('plans.yearN', { year: yearLabel(plan.academicYear) })}
            </Text>
            <PlanStatusBadge plan={plan} />
            <Text size="sm" c="dimmed" data-testid="plan-item-count">
              {t('plans.itemsN', { n: plan.items.length })}
            </Text>
          </Group>
        </Stack>
        {canEdit && plan.status === 'draft' && (
          <Group gap={4} wrap="nowrap">
            {editing ? (
              <>
                <Tooltip label={t('common.save')}>
                  <ActionIcon
                    variant="filled"
                    loading={update.isPending}
                    disabled={!kk.trim() || !ru.trim()}
                    onClick={() => update.mutate({ id: plan.id, titleKk: kk.trim(), titleRu: ru.trim() })}
                    aria-label={t('common.save')}
                  >
                    <IconCheck size={18} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('common.cancel')}>
                  <ActionIcon variant="subtle" color="gray" onClick={() => setEditing(false)} aria-label={t('common.cancel')}>
                    <IconX size={18} />
                  </ActionIcon>
                </Tooltip>
              </>
            ) : (
              <Tooltip label={t('plans.editTitle')}>
                <ActionIcon
                  variant="subtle"
                  onClick={() => {
                    setKk(plan.titleKk);
                    setRu(plan.titleRu);
                    setEditing(true);
                  }}
                  aria-label={t('plans.editTitle')}
                >
                  <IconPencil size={18} />
                </ActionIcon>
              </Tooltip>
            )}
            {plan.approvals.length === 0 && (
              <ConfirmIcon
                label={t('plans.deletePlan')}
                question={t('plans.deletePlanQuestion')}
                confirmLabel={t('plans.editor.delete')}
                icon={<IconTrash size={18} />}
                onConfirm={() => remove.mutate({ id: plan.id })}
              />
            )}
          </Group>
        )}
      </Group>
    </Paper>
  );
}
