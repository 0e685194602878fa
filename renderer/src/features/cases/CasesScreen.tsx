/**
 * The case list: ordered by risk (highest first), filtered by stage, risk and lead worker in the core (one page at a
 * time); the search looks in the cases' protected titles and summaries (decrypted in the core, never indexed).
 * Case workers open a case directly from here too (without a concern).
 */
import { Button, Group, MultiSelect, Pagination, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFolderPlus, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STAGES, RISK_LEVELS, type CaseStage, type Risk } from '../../../../shared/cases';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { errorText } from '../../app/errors';
import { useNavigate } from '@tanstack/react-router';
import { RiskBadge, StageBadge, showDate } from './parts';
import { NewCaseModal } from './NewCaseModal';
import { TEXT_WARNING } from '../../app/theme';
import { useCan } from '../../app/capabilities';

const PAGE_SIZE = 50;
const OPEN: CaseStage[] = ['identified', 'assessment', 'plan', 'intervention', 'monitoring'];

export function CasesScreen() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const canWork = useCan('caseWork');
  const [stageFilter, setStageFilter] = useState<string>('open');
  const stages: CaseStage[] = stageFilter === 'open' ? OPEN : stageFilter === 'all' ? [] : [stageFilter as CaseStage];
  const [risks, setRisks] = useState<string[]>([]);
  const [lead, setLead] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const staff = useApiQuery('cases.staff', {});
  const list = useApiQuery('cases.list', {
    page: page - 1,
    pageSize: PAGE_SIZE,
    ...(stages.length ? { stages } : {}),
    ...(risks.length ? { risks: risks as Risk[] } : {}),
    ...(lead ? { leadId: lead } : {}),
    ...(debounced ? { search: debounced } : {}),
  });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const reset = () => setPage(1);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('cases.stageLabel')}
            data={[
              { value: 'open', label: t('cases.allOpen') },
              ...CASE_STAGES.map((s) => ({ value: s, label: t(`cases.stage.${s}`) })),
              { value: 'all', label: t('cases.allStages') },
            ]}
            value={stageFilter}
            allowDeselect={false}
            onChange={(v) => {
              setStageFilter(v ?? 'open');
              reset();
            }}
            w={230}
            data-testid="cases-stages"
          />
          <MultiSelect
            label={t('cases.riskLabel')}
            data={RISK_LEVELS.map((r) => ({ value: r, label: t(`cases.risk.${r}`) }))}
            value={risks}
            onChange={(v) => {
              setRisks(v);
              reset();
            }}
            clearable
            w={200}
          />
          <Select
            label={t('cases.lead')}
            data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
            value={lead}
            onChange={(v) => {
              setLead(v);
              reset();
            }}
            clearable
            searchable
            w={200}
          />
          <TextInput
            label={t('cases.search')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              reset();
            }}
            w={200}
            data-testid="cases-search"
          />
        </Group>
        {canWork && (
          <Button leftSection={<IconFolderPlus size={18} />} onClick={() => setCreating(true)} data-testid="case-new">
            {t('cases.newCase')}
          </Button>
        )}
      </Group>
      <QueryPanel query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Text p="lg" c="dimmed">
              {t('cases.none')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" highlightOnHover data-testid="cases-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>№</Table.Th>
                    <Table.Th>{t('cases.riskLabel')}</Table.Th>
                    <Table.Th miw={200}>{t('cases.title')}</Table.Th>
                    <Table.Th>{t('cases.stageLabel')}</Table.Th>
                    <Table.Th>{t('cases.lead')}</Table.Th>
                    <Table.Th visibleFrom="lg">{t('cases.pupilsShort')}</Table.Th>
                    <Table.Th visibleFrom="lg">{t('cases.tasksShort')}</Table.Th>
                    <Table.Th visibleFrom="lg">{t('cases.opened')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((c) => (
                    <Table.Tr key={c.id} onClick={() => void navigate({ to: '/case', search: { id: c.id } })} style={{ cursor: 'pointer' }} data-testid={`case-row-${c.number}`}>
                      <Table.Td>{c.number}</Table.Td>
                      <Table.Td>
                        <RiskBadge risk={c.risk} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600} lineClamp={2}>
                          {c.title ?? t('cases.hidden')}
                        </Text>
                        {c.formOfHarm && (
                          <Text size="xs" c="dimmed">
                            {t(`cases.harm.${c.formOfHarm}`)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <StageBadge stage={c.stage} />
                        {c.closurePending && (
                          <Text size="xs" c={TEXT_WARNING}>
                            {t('cases.closurePending')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{c.leadName ?? '—'}</Table.Td>
                      <Table.Td visibleFrom="lg">{c.pupilCount}</Table.Td>
                      <Table.Td visibleFrom="lg">{c.openTasks}</Table.Td>
                      <Table.Td visibleFrom="lg">{showDate(c.openedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryPanel>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('cases.total', { count: list.data?.total ?? 0 })}
        </Text>
        {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
      </Group>
      {creating && <NewCaseModal onClose={() => setCreating(false)} />}
      <ClosureApprovalSetting />
    </Stack>
  );
}

/** The school's choice: does closing a case need the director's approval? Shown to everyone, changed by the director. */
function ClosureApprovalSetting() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canSet = useCan('caseApproveClosure');
  const settings = useApiQuery('cases.settings', {});
  const save = useApiMutation('cases.setSettings', {
    onSuccess: () => invalidate(qc, 'cases.settings'),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  if (!settings.data) return null;
  return (
    <Switch
      label={t('cases.closureApprovalSetting')}
      checked={settings.data.closureApproval}
      disabled={!canSet || save.isPending}
      onChange={(e) => save.mutate({ closureApproval: e.currentTarget.checked })}
      data-testid="closure-approval-setting"
    />
  );
}
