/**
 * Each pupil's safety plan on the case: the six steps of the newest version, its versions, "Print for the pupil"
 * (kk / ru); "New version" opens the form (SafetyPlanForm.tsx).
 */
import { Alert, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import { SAFETY_PLAN_STEPS, type SafetyPlan } from '../../../../shared/screening';
import { useApiMutation } from '../../api/hooks';
import { showDate } from '../cases/parts';
import { DocumentActions } from '../plans/DocumentActions';
import { SafetyPlanForm } from './SafetyPlanForm';
import { useNotifyError, useRefresh } from './parts';

export function SafetyPlans({ c, plans, canWork, defaultPupil }: { c: CaseDetail; plans: SafetyPlan[]; canWork: boolean; defaultPupil: string | null }) {
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
        <PlanView key={`${pupilId}:${plan?.version ?? 0}`} c={c} pupilId={pupilId} plan={plan} canWork={canWork} />
      </Stack>
    </Paper>
  );
}

function PlanView({ c, pupilId, plan, canWork }: { c: CaseDetail; pupilId: string; plan: SafetyPlan | null; canWork: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const onError = useNotifyError();
  const [editing, setEditing] = useState(false);
  const [printed, setPrinted] = useState<{ documentId: string; registerNumber: string } | null>(null);
  const print = useApiMutation('safetyPlan.print', {
    onSuccess: async (r) => {
      setPrinted({ documentId: r.documentId, registerNumber: r.registerNumber });
      await refresh();
    },
    onError,
  });
  if (editing) return <SafetyPlanForm caseId={c.id} pupilId={pupilId} plan={plan} onDone={() => setEditing(false)} />;
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
