/**
 * The case list: ordered by risk (highest first), filtered by stage, risk and lead worker in the core (one page at a
 * time); the search looks in the cases' protected titles and summaries (decrypted in the core, never indexed).
 * Case workers open a case directly from here too (without a concern).
 */
import { Button, Group, Modal, MultiSelect, Pagination, Select, Stack, Switch, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFolderPlus, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STAGES, FORMS_OF_HARM, RISK_LEVELS, type CaseStage, type FormOfHarm, type Risk } from '../../../../shared/cases';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { errorText } from '../../app/errors';
import { useNavigate } from '@tanstack/react-router';
import { PupilPicker, RiskBadge, StageBadge, showDate, type Picked } from './parts';
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

function NewCaseModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [harm, setHarm] = useState<FormOfHarm | null>(null);
  const [risk, setRisk] = useState<Risk>('medium');
  const [pupils, setPupils] = useState<Picked[]>([]);
  const create = useApiMutation('cases.create', {
    onSuccess: async (c) => {
      await invalidate(qc, 'cases.list');
      onClose();
      void navigate({ to: '/case', search: { id: c.id } });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  return (
    <Modal opened onClose={onClose} title={t('cases.newCase')} size="lg">
      <Stack>
        <TextInput label={t('cases.title')} value={title} maxLength={200} onChange={(e) => setTitle(e.currentTarget.value)} required />
        <Textarea label={t('cases.summary')} autosize minRows={3} maxLength={4000} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} />
        <Group grow>
          <Select label={t('cases.formOfHarm')} data={FORMS_OF_HARM.map((h) => ({ value: h, label: t(`cases.harm.${h}`) }))} value={harm} onChange={(v) => setHarm(v)} required />
          <Select label={t('cases.riskLabel')} data={RISK_LEVELS.map((r) => ({ value: r, label: t(`cases.risk.${r}`) }))} value={risk} allowDeselect={false} onChange={(v) => v && setRisk(v)} />
        </Group>
        <PupilPicker value={pupils} onChange={setPupils} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!title.trim() || !harm || pupils.length === 0}
            loading={create.isPending}
            onClick={() =>
              harm &&
              create.mutate({ title: title.trim(), summary: summary.trim(), formOfHarm: harm, risk, leadId: null, pupils: pupils.map(({ pupilId, role }) => ({ pupilId, role })) })
            }
          >
            {t('cases.open')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
