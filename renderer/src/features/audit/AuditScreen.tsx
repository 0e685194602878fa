import { Alert, Badge, Button, Group, List, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { IconAlertTriangle, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditProblem, AuditVerifyResult } from '../../../../shared/audit';
import type { MethodInput } from '../../../../shared/api';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { ErrorAlert } from '../../app/errors';
import { BackupCheckButton } from './BackupCheck';
import { useCan } from '../../app/capabilities';

const PAGE_SIZE = 50;
const OUTCOMES = ['ok', 'denied', 'failed'] as const;
type Outcome = (typeof OUTCOMES)[number];
const OUTCOME_COLOR: Record<Outcome, string> = { ok: 'green', denied: 'orange', failed: 'red' };

export function AuditScreen() {
  const { t } = useTranslation();
  const canListAccounts = useCan('accountsRead');
  const [page, setPage] = useState(0);
  const [action, setAction] = useState<string | null>(null);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null]);

  const filters: MethodInput<'audit.list'> = { page, pageSize: PAGE_SIZE };
  if (action) filters.action = action;
  if (accountId) filters.accountId = accountId;
  if (outcome) filters.outcome = outcome;
  if (range[0]) filters.from = dayjs(range[0]).startOf('day').toISOString();
  if (range[1]) filters.to = dayjs(range[1]).endOf('day').toISOString();

  const list = useApiQuery('audit.list', filters, { placeholderData: (prev) => prev });
  const actions = useApiQuery('audit.actions', {});
  const accounts = useApiQuery('accounts.list', { includeDisabled: true }, { enabled: canListAccounts, retry: false });
  const qc = useQueryClient();
  // the list is read again with the check, so both show the log as it is now
  const verify = useApiMutation('audit.verify', { onSuccess: () => invalidate(qc, 'audit.list') });

  const actionLabel = (a: string) => t(`audit.action.${a}`, { defaultValue: a });
  const setFilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(0);
  };
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack>
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Select
            label={t('audit.filters.action')}
            placeholder={t('audit.filters.any')}
            data={(actions.data ?? []).map((a) => ({ value: a, label: actionLabel(a) }))}
            value={action}
            onChange={setFilter(setAction)}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="audit-filter-action"
          />
          {accounts.data && (
            <Select
              label={t('audit.filters.account')}
              placeholder={t('audit.filters.any')}
              data={accounts.data.map((a) => ({ value: a.id, label: `${a.displayName} (${a.login})` }))}
              value={accountId}
              onChange={setFilter(setAccountId)}
              searchable
              clearable
              nothingFoundMessage={t('common.nothingFound')}
            />
          )}
          <Select
            label={t('audit.filters.outcome')}
            placeholder={t('audit.filters.any')}
            data={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
            value={outcome}
            onChange={(v) => setFilter(setOutcome)(OUTCOMES.find((o) => o === v) ?? null)}
            clearable
            data-testid="audit-filter-outcome"
          />
          <DatePickerInput
            type="range"
            label={t('audit.filters.dates')}
            placeholder={t('audit.filters.anyDate')}
            value={range}
            onChange={setFilter(setRange)}
            clearable
            valueFormat="DD.MM.YYYY"
            allowSingleDateInRange
          />
        </SimpleGrid>
      </Paper>

      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" data-testid="audit-total">
          {t('audit.total', { n: total })}
        </Text>
        <Group gap="xs">
          <BackupCheckButton />
          <Button
            variant="light"
            leftSection={<IconShieldCheck size={18} />}
            onClick={() => verify.mutate({})}
            loading={verify.isPending}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
        </Group>
      </Group>
      {verify.data && <VerifyResult result={verify.data} />}
      <ErrorAlert error={verify.error} />

      <QueryPanel query={list}>
        {(data) =>
          (
          <Table.ScrollContainer minWidth={680}>
            <Table verticalSpacing="xs" striped highlightOnHover data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.columns.at')}</Table.Th>
                  <Table.Th>{t('audit.columns.account')}</Table.Th>
                  <Table.Th>{t('audit.columns.action')}</Table.Th>
                  <Table.Th>{t('audit.columns.entity')}</Table.Th>
                  <Table.Th>{t('audit.columns.outcome')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((e) => (
                  <AuditRow key={e.id} entry={e} actionLabel={actionLabel} />
                ))}
                {data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed" ta="center" py="md">
                        {t('audit.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
        }
      </QueryPanel>
      {pages > 1 && (
        <Group justify="center">
          <Pagination total={pages} value={page + 1} onChange={(p) => setPage(p - 1)} data-testid="audit-pagination" />
        </Group>
      )}
    </Stack>
  );
}

function AuditRow({ entry, actionLabel }: { entry: AuditEntry; actionLabel: (a: string) => string }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {dayjs(entry.at).format('DD.MM.YYYY HH:mm:ss')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {entry.login ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label={entry.action} openDelay={500}>
          <Text size="sm">{actionLabel(entry.action)}</Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        {entry.entityType ? (
          <Tooltip label={entry.entityId ?? '—'} openDelay={500} disabled={!entry.entityId}>
            <Text size="sm">{t(`audit.entity.${entry.entityType}`, { defaultValue: entry.entityType })}</Text>
          </Tooltip>
        ) : (
          <Text size="sm">—</Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Badge
          color={OUTCOME_COLOR[entry.outcome]}
          variant="light"
          style={{ textTransform: 'none' }}
          data-testid="audit-outcome"
        >
          {t(`audit.outcome.${entry.outcome}`)}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}

/** One line per problem verify found, translated with its numbers and date. */
function ProblemText({ problem }: { problem: AuditProblem }) {
  const { t } = useTranslation();
  const date = dayjs(problem.at).format('DD.MM.YYYY HH:mm');
  switch (problem.kind) {
    case 'missing_since_head':
      return <>{t(`audit.problem.missing_since_head.${problem.source}`, { from: problem.from, to: problem.to, ref: problem.ref, date })}</>;
    case 'diverged_from_head':
      return <>{t(`audit.problem.diverged_from_head.${problem.source}`, { seq: problem.seq, ref: problem.ref, date })}</>;
    case 'queue_tampered':
      return <>{t('audit.problem.queue_tampered', { date, id: problem.entryId, detail: t(`audit.tamper.${problem.detail}`) })}</>;
    case 'queue_restarted':
      return <>{t('audit.problem.queue_restarted', { date, id: problem.entryId })}</>;
  }
}

function ProblemList({ problems }: { problems: AuditProblem[] }) {
  return (
    <List size="sm" spacing={4} mt="xs" data-testid="audit-verify-problems">
      {problems.map((p, i) => (
        <List.Item key={`${p.kind}-${i}`} data-problem={p.kind}>
          <ProblemText problem={p} />
        </List.Item>
      ))}
    </List>
  );
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  const warnings = result.problems.filter((p) => p.kind === 'queue_restarted');
  const serious = result.problems.filter((p) => p.kind !== 'queue_restarted');
  // only for a log upgraded from the SHA-256 chain: says where the keyed part begins
  const macNote = result.macFrom !== null && result.macFrom > 1 && (
    <Text size="xs" c="dimmed" mt={4}>
      {t('audit.macFrom', { n: result.macFrom })}
    </Text>
  );
  if (result.ok) {
    return (
      <Stack gap="xs">
        <Alert color="green" variant="light" icon={<IconShieldCheck size={18} />} data-testid="audit-verify-result">
          {t('audit.verifyOk', { n: result.checked })}
          {macNote}
        </Alert>
        {warnings.length > 0 && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={t('audit.warningsTitle')} data-testid="audit-verify-warnings">
            <ProblemList problems={warnings} />
          </Alert>
        )}
      </Stack>
    );
  }
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconShieldX size={18} />}
      title={t('audit.verifyBrokenTitle')}
      data-testid="audit-verify-result"
    >
      {result.reason && (
        <Text size="sm" data-testid="audit-verify-reason">
          {t('audit.verifyBroken', { id: result.firstBrokenId ?? '—', checked: result.checked })}{' '}
          {t(`audit.verifyReason.${result.reason}`, { headId: result.headId, lastId: result.lastId })}
        </Text>
      )}
      {serious.length > 0 && (
        <>
          <Text size="sm" fw={500} mt={result.reason ? 'xs' : 0}>
            {t('audit.problemsTitle')}
          </Text>
          <ProblemList problems={serious} />
        </>
      )}
      {warnings.length > 0 && <ProblemList problems={warnings} />}
      {macNote}
    </Alert>
  );
}
