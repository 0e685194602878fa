/**
 * Plans per academic year: the list, the reminder of quarterly reports due, and a new plan (from the template,
 * a copy of last year's plan, or empty).
 */
import { Badge, Button, Group, Modal, Radio, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconLock, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from '../../../../shared/plans';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { ErrorAlert } from '../../app/errors';
import { useNavigate } from '@tanstack/react-router';
import { TextLink } from '../../app/links';
import { useCan } from '../../app/capabilities';
import { currentLanguage } from '../../i18n';
import { currentAcademicYear, pick, statusOf, yearLabel } from './format';
import { FrameworkPlanChoice, type FrameworkChoice } from './FrameworkPlanChoice';
import { ImportPlanModal } from './ImportPlanModal';
import { ReportsDueAlert } from './ReportsDueAlert';
import { UpcomingItems } from './UpcomingItems';

export function PlansScreen() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const lang = currentLanguage();
  const list = useApiQuery('plans.list', {});
  const [year, setYear] = useState<string>('all');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const canCreate = useCan('planEdit');
  const canImport = useCan('planImport');

  const years = [...new Set((list.data ?? []).map((p) => p.academicYear))].sort((a, b) => b - a);
  const shown = (list.data ?? []).filter((p) => year === 'all' || String(p.academicYear) === year);

  return (
    <Stack>
      <ReportsDueAlert />
      <UpcomingItems />
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end">
          <Text c="dimmed" size="sm" maw={560}>
            {t('plans.intro')}
          </Text>
        </Group>
        <Group>
          {years.length > 1 && (
            <Select
              aria-label={t('plans.year')}
              value={year}
              onChange={(v) => setYear(v ?? 'all')}
              allowDeselect={false}
              w={180}
              data={[
                { value: 'all', label: t('plans.allYears') },
                ...years.map((y) => ({ value: String(y), label: yearLabel(y) })),
              ]}
            />
          )}
          {canImport && (
            <Button variant="light" leftSection={<IconFileImport size={18} />} onClick={() => setImporting(true)} data-testid="plan-import-open">
              {t('plans.import.button')}
            </Button>
          )}
          {canCreate && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="plan-new">
              {t('plans.new')}
            </Button>
          )}
        </Group>
      </Group>
      <QueryPanel query={list}>
        {() =>
          shown.length === 0 ? (
          <Text p="lg" c="dimmed" size="sm" data-testid="plans-empty">
            {t('plans.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="plans-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>{t('plans.year')}</Table.Th>
                  <Table.Th>{t('plans.title')}</Table.Th>
                  <Table.Th w={200}>{t('plans.statusLabel')}</Table.Th>
                  <Table.Th w={110}>{t('plans.items')}</Table.Th>
                  <Table.Th w={140}>{t('plans.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((p) => (
                  <Table.Tr
                    key={p.id}
                    style={{ cursor: 'pointer' }}
                    onClick={() => void navigate({ to: '/plan', search: { id: p.id } })}
                    data-testid={`plan-row-${p.academicYear}`}
                  >
                    <Table.Td>
                      {/* a real link: Tab reaches it, Enter opens the plan (the whole row opens it with a click) */}
                      <TextLink size="sm" fw={600} to="/plan" search={{ id: p.id }} className="qorgan-row-link" onClick={(e) => e.stopPropagation()}>
                        {yearLabel(p.academicYear)}
                      </TextLink>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'break-word' }}>
                        {pick(lang, p.titleKk, p.titleRu)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <PlanStatusBadge plan={p} />
                      {p.approvedOn && (
                        <Text size="xs" c="dimmed" mt={4}>
                          {t('plans.approvedOn', { date: dayjs(p.approvedOn).format('L') })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.itemCount}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{dayjs(p.updatedAt).format('L')}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
        }
      </QueryPanel>
      <NewPlanModal opened={creating} onClose={() => setCreating(false)} plans={list.data ?? []} />
      <ImportPlanModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}

export function PlanStatusBadge({ plan, size = 'md' }: { plan: Pick<PlanSummary, 'status' | 'revision'>; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  const s = statusOf(plan);
  return (
    <Badge
      color={s.color}
      variant="light"
      size={size}
      style={{ textTransform: 'none' }}
      leftSection={plan.status === 'approved' ? <IconLock size={12} aria-label={t('plans.status.locked')} /> : undefined}
      data-testid="plan-status"
    >
      {t(s.key, { n: plan.revision })}
      {plan.status === 'approved' && plan.revision > 1 ? ` · ${t('plans.status.revisionN', { n: plan.revision })}` : ''}
    </Badge>
  );
}

type Source = 'template' | 'framework' | 'copy' | 'empty';

function NewPlanModal({ opened, onClose, plans }: { opened: boolean; onClose: () => void; plans: PlanSummary[] }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const thisYear = currentAcademicYear();
  const [year, setYear] = useState(String(thisYear));
  const [source, setSource] = useState<Source>('template');
  const [titleKk, setTitleKk] = useState('');
  const [titleRu, setTitleRu] = useState('');
  const [choice, setChoice] = useState<FrameworkChoice | null>(null);
  const earlier = plans.filter((p) => p.academicYear < Number(year)).sort((a, b) => b.academicYear - a.academicYear);
  const create = useApiMutation('plans.create', {
    onSuccess: async (plan) => {
      await invalidate(qc, 'plans.list');
      notifications.show({ color: 'green', message: t('plans.created') });
      onClose();
      void navigate({ to: '/plan', search: { id: plan.id } });
    },
  });
  const submit = () => {
    create.mutate({
      academicYear: Number(year),
      ...(titleKk.trim() ? { titleKk: titleKk.trim() } : {}),
      ...(titleRu.trim() ? { titleRu: titleRu.trim() } : {}),
      from:
        source === 'template'
          ? { kind: 'template' }
          : source === 'framework' && choice
            ? { kind: 'framework', frameworkId: choice.frameworkId, numbers: choice.numbers, withTemplate: choice.withTemplate }
          : source === 'copy'
            ? { kind: 'copy', ...(earlier[0] ? { planId: earlier[0].id } : {}) }
            : { kind: 'empty' },
    });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('plans.new')} size="lg" centered>
      <Stack data-testid="plan-new-form">
        <Select
          label={t('plans.year')}
          value={year}
          onChange={(v) => setYear(v ?? String(thisYear))}
          allowDeselect={false}
          data={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: yearLabel(y) }))}
          data-testid="plan-new-year"
        />
        <Radio.Group label={t('plans.source.label')} value={source} onChange={(v) => setSource(v)}>
          <Stack gap="xs" mt="xs">
            <Radio.Card value="template" p="sm" radius="sm" data-testid="plan-source-template">
              <Group wrap="nowrap" align="flex-start">
                <Radio.Indicator mt={2} />
                <div>
                  <Text fw={600} size="sm">
                    {t('plans.source.template')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('plans.source.templateHint')}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
            <Radio.Card value="framework" p="sm" radius="sm" data-testid="plan-source-framework">
              <Group wrap="nowrap" align="flex-start">
                <Radio.Indicator mt={2} />
                <div>
                  <Text fw={600} size="sm">
                    {t('plans.source.framework')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('plans.source.frameworkHint')}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
            <Radio.Card value="copy" p="sm" radius="sm" disabled={earlier.length === 0} data-testid="plan-source-copy">
              <Group wrap="nowrap" align="flex-start">
                <Radio.Indicator mt={2} disabled={earlier.length === 0} />
                <div>
                  <Text fw={600} size="sm" c={earlier.length === 0 ? 'dimmed' : undefined}>
                    {t('plans.source.copy')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {earlier[0]
                      ? t('plans.source.copyHint', { year: yearLabel(earlier[0].academicYear) })
                      : t('plans.source.copyNone')}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
            <Radio.Card value="empty" p="sm" radius="sm" data-testid="plan-source-empty">
              <Group wrap="nowrap" align="flex-start">
                <Radio.Indicator mt={2} />
                <div>
                  <Text fw={600} size="sm">
                    {t('plans.source.empty')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('plans.source.emptyHint')}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          </Stack>
        </Radio.Group>
        {source === 'framework' && <FrameworkPlanChoice onChange={setChoice} />}
        <TextInput
          label={t('plans.titleKk')}
          description={t('plans.titleDefaultHint')}
          value={titleKk}
          onChange={(e) => setTitleKk(e.currentTarget.value)}
        />
        <TextInput label={t('plans.titleRu')} value={titleRu} onChange={(e) => setTitleRu(e.currentTarget.value)} />
        {create.error && <ErrorAlert error={create.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={create.isPending} disabled={source === 'framework' && !choice} data-testid="plan-new-submit">
            {t('plans.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
