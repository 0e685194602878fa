/**
 * Quarterly report «Жоспардың орындалуы туралы ақпарат» for the district: generate and sign it for a quarter
 * (due by the 10th of the month after the quarter), then save, open or print it from the register.
 */
import { Alert, Badge, Button, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileCertificate } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { otherLanguageCells, type Plan, type PlanDocument } from '../../../../shared/plans';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { getRouteApi } from '@tanstack/react-router';
import { useCan } from '../../app/capabilities';
import { DocumentActions } from './DocumentActions';
import { currentQuarter } from '../../../../shared/calendar';
import { todayIso } from './format';
import { SignDialog } from './SignDialog';

const planRoute = getRouteApi('/plan');

export function ReportsPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fromLink = planRoute.useSearch({ select: (s) => s.quarter });
  const canIssue = useCan('planReport');
  const calendar = useApiQuery('plans.calendar', { academicYear: plan.academicYear });
  const [quarterSel, setQuarter] = useState<number | null>(fromLink ?? null);
  const quarter = quarterSel ?? currentQuarter(calendar.data, todayIso());
  const due = useApiQuery('plans.reportsDue', {});
  const docs = useApiQuery('documents.list', { kind: 'plan_report', pageSize: 200, page: 0 });
  const [signing, setSigning] = useState(false);
  const [issued, setIssued] = useState<PlanDocument | null>(null);
  const issue = useApiMutation('plans.quarterlyReport', {
    onSuccess: async (doc) => {
      setIssued(doc);
      setSigning(false);
      await invalidate(qc, 'plans.reportsDue', 'documents.list');
      notifications.show({ color: 'green', message: t('plans.reports.issued', { number: doc.registerNumber ?? '' }) });
    },
  });
  const range = calendar.data?.quarters[quarter - 1];
  const dueHere = (due.data ?? []).filter((d) => d.planId === plan.id);
  const thisDue = dueHere.find((d) => d.quarter === quarter);
  const ours = (docs.data?.items ?? []).filter((d) => d.sourceId === plan.id);

  return (
    <Stack data-testid="reports-panel">
      <Paper withBorder radius="md" p="lg">
        <Title order={5}>{t('plans.reports.title')}</Title>
        <Text size="sm" c="dimmed" mt={4}>
          {t('plans.reports.intro')}
        </Text>
        <Group mt="md" gap="md" wrap="wrap">
          <SegmentedControl
            value={String(quarter)}
            onChange={(v) => setQuarter(Number(v))}
            data={[1, 2, 3, 4].map((q) => ({ value: String(q), label: t('plans.quarterN', { n: q }) }))}
            data-testid="report-quarter"
          />
          {range && (
            <Text size="sm" c="dimmed">
              {dayjs(range.start).format('L')} – {dayjs(range.end).format('L')}
            </Text>
          )}
        </Group>
        {thisDue && (
          <Alert mt="md" color={thisDue.state === 'overdue' ? 'red' : 'yellow'} variant="light">
            {t(thisDue.state === 'overdue' ? 'plans.reports.overdueHere' : 'plans.reports.dueHere', {
              date: dayjs(thisDue.dueDate).format('L'),
            })}
          </Alert>
        )}
        {plan.approvals.length === 0 ? (
          <Text size="sm" c="dimmed" mt="md">
            {t('plans.reports.needsApproval')}
          </Text>
        ) : canIssue ? (
          <Button mt="md" leftSection={<IconFileCertificate size={18} />} onClick={() => setSigning(true)} data-testid="report-issue">
            {t('plans.reports.issue', { n: quarter })}
          </Button>
        ) : (
          <Text size="sm" c="dimmed" mt="md">
            {t('plans.reports.onlyDirector')}
          </Text>
        )}
        {issued && (
          <Paper withBorder p="md" radius="sm" mt="md" bg="var(--mantine-color-green-0)" data-testid="report-issued">
            <Text size="sm" fw={600} mb="xs">
              {t('plans.reports.issuedDoc', { number: issued.registerNumber ?? '', lang: t(`languages.${issued.language}`) })}
            </Text>
            <DocumentActions documentId={issued.documentId} testId="report-issued" />
          </Paper>
        )}
      </Paper>

      <Paper withBorder radius="md" p="lg">
        <Title order={5} mb="sm">
          {t('plans.reports.issuedList')}
        </Title>
        {docs.isPending ? (
          <Loader size="sm" />
        ) : docs.error ? (
          <ErrorAlert error={docs.error} />
        ) : ours.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('plans.reports.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="sm">
              <Table.Tbody>
                {ours.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td w={140}>
                      <Badge variant="light" style={{ textTransform: 'none' }}>
                        {d.registerNumber}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.title}</Text>
                      <Text size="xs" c="dimmed">
                        {dayjs(d.createdAt).format('L LT')} · {t(`languages.${d.language}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <DocumentActions documentId={d.id} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <SignDialog
        opened={signing}
        title={t('plans.reports.signTitle', { n: quarter })}
        busy={issue.isPending}
        error={issue.error}
        onClose={() => {
          setSigning(false);
          issue.reset();
        }}
        onSign={(signer, language) => issue.mutate({ planId: plan.id, quarter, language, signer })}
        otherLanguageCells={(language) => otherLanguageCells(plan, language)}
      />
    </Stack>
  );
}
