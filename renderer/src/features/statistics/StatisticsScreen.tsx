/**
 * The school's statistics (issue 14, item 2; laid out to fit, issue 15): a period (a quarter of the school calendar,
 * an academic year, or a custom range), then one tile per subject with its headline numbers — the tiles are tabs —
 * and the chosen subject's charts (@mantine/charts: bar, line, donut) with kk/ru labels, each with the same numbers
 * as a table one click away (and always there for screen readers: the charts themselves are hidden from them). One core call (`statistics.get`); "Save to Excel" writes the same numbers through the
 * core's save dialog. What each number counts is said under its topic (shared/statistics.ts).
 */
import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import { Alert, Badge, Button, ColorSwatch, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { academicYearOf, isoDate } from '../../../../shared/calendar';
import { monthLabelKey, statisticsLabelKey, type Count, type MonthRow, type Statistics, type StatisticsDimension, type StatisticsPeriod } from '../../../../shared/statistics';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { ChartCard } from '../../app/ChartCard';
import { QueryPanel } from '../../app/QueryPanel';
import { DistrictReportSection } from './DistrictReportSection';
import { AcademicYearSelect, QuarterControl } from './PeriodFields';
import { currentLanguage } from '../../i18n';
import { useCan } from '../../app/capabilities';

const PALETTE = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'red.6', 'cyan.6', 'lime.7', 'pink.6', 'indigo.6', 'yellow.7', 'gray.6', 'violet.6', 'green.7'];
const SERIES_COLORS: Record<string, string> = {
  logged: 'blue.6',
  opened: 'blue.6',
  closed: 'teal.6',
  on: 'orange.6',
  off: 'teal.6',
  meetings: 'indigo.6',
  decisions: 'grape.6',
  sent: 'cyan.6',
  done: 'teal.6',
  partly: 'yellow.7',
  notDone: 'red.6',
  unmarked: 'gray.6',
};
const NO_ANIMATION = { isAnimationActive: false } as const;

type Kind = StatisticsPeriod['kind'];

function useLabel() {
  const { t } = useTranslation();
  return {
    t,
    count: (dimension: StatisticsDimension, key: string) => t(statisticsLabelKey(dimension, key), { n: key }),
    month: (m: string) => `${t(monthLabelKey(m)).slice(0, 3)} ${m.slice(2, 4)}`,
    monthLong: (m: string) => `${t(monthLabelKey(m))} ${m.slice(0, 4)}`,
    series: (s: string) => t(`statistics.series.${s}`),
  };
}

function CountsChart({ id, title, dimension, counts, donut, hideZero }: { id: string; title: string; dimension: StatisticsDimension; counts: Count[]; donut?: boolean; hideZero?: boolean }) {
  const l = useLabel();
  const shown = hideZero ? counts.filter((c) => c.count > 0) : counts;
  const total = counts.reduce((s, c) => s + c.count, 0);
  const data = shown.map((c, i) => ({ name: l.count(dimension, c.key), value: c.count, color: PALETTE[i % PALETTE.length]! }));
  return (
    <ChartCard
      id={id}
      title={title}
      table={
        <>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{l.t('statistics.columns.key')}</Table.Th>
              <Table.Th ta="right">{l.t('statistics.columns.count')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((c) => (
              <Table.Tr key={c.key}>
                <Table.Td>{l.count(dimension, c.key)}</Table.Td>
                <Table.Td ta="right">{c.count}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td fw={600}>{l.t('statistics.columns.total')}</Table.Td>
              <Table.Td ta="right" fw={600} data-testid={`total-${id}`}>
                {total}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </>
      }
      chart={
        <>
          {total === 0 ? (
            <Text size="sm" c="dimmed">
              {l.t('statistics.noData')}
            </Text>
          ) : donut ? (
            <Stack gap="xs" align="center">
              <DonutChart accessibilityLayer={false} data={data.filter((d) => d.value > 0)} withLabels withLabelsLine labelsType="value" chartLabel={total} size={170} thickness={28} pieProps={NO_ANIMATION} />
              {/* the colours' names (the table, one click away, has them too) */}
              <Group gap="sm" justify="center">
                {data
                  .filter((d) => d.value > 0)
                  .map((d) => (
                    <Group gap={4} key={d.name} wrap="nowrap">
                      <ColorSwatch color={`var(--mantine-color-${d.color.replace('.', '-')})`} size={10} withShadow={false} />
                      <Text size="xs">
                        {d.name}: {d.value}
                      </Text>
                    </Group>
                  ))}
              </Group>
            </Stack>
          ) : (
            <BarChart
              accessibilityLayer={false}
              h={Math.max(160, shown.length * 28)}
              data={data.map((d) => ({ name: d.name, count: d.value }))}
              dataKey="name"
              orientation="vertical"
              yAxisProps={{ width: 190, interval: 0 }}
              series={[{ name: 'count', label: l.t('statistics.series.count'), color: 'blue.6' }]}
              barProps={NO_ANIMATION}
              withBarValueLabel
              gridAxis="none"
            />
          )}
        </>
      }
    />
  );
}

function MonthlyChart<S extends string>({ id, title, series, rows: all }: { id: string; title: string; series: readonly S[]; rows: MonthRow<S>[] }) {
  const l = useLabel();
  // months still to come are not zeros: the trend stops at this month
  const thisMonth = isoDate(new Date()).slice(0, 7);
  const rows = all.filter((r) => r.month <= thisMonth);
  const data = rows.map((r) => ({ month: l.month(r.month), ...r.values }));
  return (
    <ChartCard
      id={id}
      title={title}
      table={
        <>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{l.t('statistics.columns.month')}</Table.Th>
              {series.map((s) => (
                <Table.Th key={s} ta="right">
                  {l.series(s)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.month}>
                <Table.Td>{l.monthLong(r.month)}</Table.Td>
                {series.map((s) => (
                  <Table.Td key={s} ta="right">
                    {r.values[s]}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </>
      }
      chart={
        <>
          <LineChart
            accessibilityLayer={false}
            h={220}
            data={data}
            dataKey="month"
            series={series.map((s) => ({ name: s, label: l.series(s), color: SERIES_COLORS[s] ?? 'blue.6' }))}
            curveType="linear"
            withLegend
            lineProps={NO_ANIMATION}
            yAxisProps={{ allowDecimals: false }}
          />
        </>
      }
    />
  );
}

type TopicId = 'cases' | 'concerns' | 'register' | 'council' | 'plan' | 'referrals';
/** The subjects, in the order of their tiles; the first opens with the screen. */
const TOPICS: readonly TopicId[] = ['cases', 'concerns', 'register', 'council', 'plan', 'referrals'];

/** A tile's headline numbers: [label, value, test id]. */
function Totals({ items }: { items: [string, string | number, string][] }) {
  return (
    <Group gap="md" component="span" wrap="wrap" align="flex-start">
      {items.map(([label, value, id]) => (
        <Stack gap={0} component="span" key={id} style={{ textAlign: 'start' }}>
          <Text fw={700} size="xl" component="span" data-testid={`stat-${id}`}>
            {value}
          </Text>
          <Text size="xs" component="span" maw={140} style={{ whiteSpace: 'normal' }}>
            {label}
          </Text>
        </Stack>
      ))}
    </Group>
  );
}

/** A subject's tab content: what its numbers count, then its charts (under a heading for screen readers' outline). */
function Topic({ id, note, children }: { id: TopicId; note: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid={`topic-${id}`}>
      <VisuallyHidden>
        <Title order={2}>{t('statistics.chartsOf', { topic: t(`statistics.topics.${id}`) })}</Title>
      </VisuallyHidden>
      {note !== '' && (
        <Text size="sm" c="dimmed">
          {note}
        </Text>
      )}
      {children}
    </Stack>
  );
}

/** Each subject's headline numbers, shown on its tile (the period's answer at a glance). */
function headlines(s: Statistics, t: TFunction): Record<TopicId, [string, string | number, string][]> {
  const tr = (key: string, value: number, id: string): [string, number, string] => [t(key), value, id];
  const planQuarters = s.plan.hasPlan ? s.plan.total.filter((q) => q.due > 0) : [];
  return {
    cases: [tr('statistics.totals.opened', s.cases.opened, 'cases-opened'), tr('statistics.totals.closed', s.cases.closed, 'cases-closed'), tr('statistics.totals.openAtEnd', s.cases.openAtEnd, 'cases-open-at-end')],
    concerns: [tr('statistics.totals.logged', s.concerns.logged, 'concerns-logged')],
    register: [tr('statistics.totals.on', s.register.on, 'register-on'), tr('statistics.totals.off', s.register.off, 'register-off'), tr('statistics.totals.onAtEnd', s.register.onAtEnd, 'register-on-at-end')],
    council: [tr('statistics.totals.meetings', s.council.meetings, 'council-meetings'), tr('statistics.totals.decisions', s.council.decisions, 'council-decisions')],
    // the core's own percent per quarter (done + half of partly, over what was due)
    plan: planQuarters.length === 0 ? [[t('statistics.noPlan', { year: s.plan.academicYear }), '—', 'plan-none']] : planQuarters.map((q) => [t('statistics.quarterN', { n: q.quarter }), `${q.percent} %`, `plan-q${q.quarter}`]),
    referrals: s.referrals ? [tr('statistics.totals.referrals', s.referrals.total, 'referrals-total')] : [[t('statistics.referralsNotWired'), '—', 'referrals-none']],
  };
}

function PlanTopic({ s }: { s: Statistics['plan'] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (!s.hasPlan) return <Text size="sm">{t('statistics.noPlan', { year: s.academicYear })}</Text>;
  const quarters = [1, 2, 3, 4];
  const bySection = s.sections.map((sec) => ({
    name: sec.number,
    ...Object.fromEntries(quarters.map((q) => [t('statistics.quarterN', { n: q }), sec.quarters[q - 1]!.percent])),
  }));
  const byQuarter = s.total.map((q) => ({ name: t('statistics.quarterN', { n: q.quarter }), done: q.done, partly: q.partly, notDone: q.notDone, unmarked: q.unmarked }));
  const cell = (x: { due: number; percent: number }) => (x.due === 0 ? '—' : `${x.percent} %`);
  return (
    <Stack gap="sm">
      {!s.approved && <Badge color="gray">{t('statistics.planDraft')}</Badge>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ChartCard
          id="plan-sections"
          title={t('statistics.charts.planBySection')}
          table={
            <>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('statistics.columns.section')}</Table.Th>
                  {quarters.map((q) => (
                    <Table.Th key={q} ta="right">
                      {t('statistics.quarterN', { n: q })}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">{t('statistics.columns.total')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.sections.map((sec) => (
                  <Table.Tr key={sec.number}>
                    <Table.Td>
                      {sec.number}. {lang === 'ru' ? sec.titleRu : sec.titleKk}
                    </Table.Td>
                    {sec.quarters.map((q) => (
                      <Table.Td key={q.quarter} ta="right">
                        {cell(q)}
                      </Table.Td>
                    ))}
                    <Table.Td ta="right" fw={600}>
                      {cell(sec.total)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </>
          }
          chart={
            <>
              <BarChart
                accessibilityLayer={false}
                h={240}
                data={bySection}
                dataKey="name"
                series={quarters.map((q, i) => ({ name: t('statistics.quarterN', { n: q }), color: PALETTE[i]! }))}
                barProps={NO_ANIMATION}
                withLegend
                yAxisProps={{ domain: [0, 100] }}
                unit=" %"
              />
            </>
          }
        />
        <ChartCard
          id="plan-quarters"
          title={t('statistics.charts.planByQuarter')}
          table={
            <>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('statistics.columns.quarter')}</Table.Th>
                  {(['due', 'done', 'partly', 'notDone', 'unmarked'] as const).map((k) => (
                    <Table.Th key={k} ta="right">
                      {t(`statistics.series.${k}`)}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">%</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.total.map((q) => (
                  <Table.Tr key={q.quarter}>
                    <Table.Td>{t('statistics.quarterN', { n: q.quarter })}</Table.Td>
                    {([q.due, q.done, q.partly, q.notDone, q.unmarked] as const).map((v, i) => (
                      <Table.Td key={i} ta="right">
                        {v}
                      </Table.Td>
                    ))}
                    <Table.Td ta="right">{cell(q)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </>
          }
          chart={
            <>
              <BarChart
                accessibilityLayer={false}
                h={240}
                data={byQuarter}
                dataKey="name"
                type="stacked"
                series={(['done', 'partly', 'notDone', 'unmarked'] as const).map((k) => ({ name: k, label: t(`statistics.series.${k}`), color: SERIES_COLORS[k]! }))}
                barProps={NO_ANIMATION}
                withLegend
              />
            </>
          }
        />
      </SimpleGrid>
    </Stack>
  );
}

/**
 * The period's numbers: one tile per subject with its headline numbers (the director's questions answered at a
 * glance), and the tiles are the tabs — choosing one shows that subject's charts below, each with its table one
 * click away (ChartCard). Tabs follow the WAI-ARIA tabs pattern (arrow keys move between them).
 */
function Report({ s }: { s: Statistics }) {
  const { t } = useTranslation();
  const [topic, setTopic] = useState<TopicId>(TOPICS[0]!);
  const heads = headlines(s, t);
  return (
    <Tabs value={topic} onChange={(v) => setTopic(TOPICS.find((x) => x === v) ?? TOPICS[0]!)} keepMounted={false} variant="outline" data-testid="statistics-topics">
      <Tabs.List aria-label={t('statistics.topicsLabel')}>
        {TOPICS.map((id) => (
          <Tabs.Tab key={id} value={id} data-testid={`statistics-tab-${id}`} style={{ height: 'auto', alignItems: 'flex-start' }}>
            <Stack gap={4} component="span" align="flex-start">
              <Text fw={600} size="sm" component="span">
                {t(`statistics.topics.${id}`)}
              </Text>
              <Totals items={heads[id]} />
            </Stack>
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="cases" pt="md">
        <Topic id="cases" note={t('statistics.notes.cases')}>
          <MonthlyChart id="cases-monthly" title={t('statistics.charts.casesMonthly')} series={['opened', 'closed'] as const} rows={s.cases.monthly} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <CountsChart id="cases-harm" title={t('statistics.charts.casesByHarm')} dimension="harm" counts={s.cases.byHarm} />
            <CountsChart id="cases-risk" title={t('statistics.charts.casesByRisk')} dimension="risk" counts={s.cases.byRisk} donut />
            <CountsChart id="cases-stage" title={t('statistics.charts.casesByStage')} dimension="stage" counts={s.cases.byStage} />
            <CountsChart id="cases-closure" title={t('statistics.charts.casesByClosure')} dimension="closure" counts={s.cases.byClosure} donut />
            <CountsChart id="cases-grade" title={t('statistics.charts.casesByGrade')} dimension="grade" counts={s.cases.byGrade} hideZero />
            <CountsChart id="cases-sex" title={t('statistics.charts.casesBySex')} dimension="sex" counts={s.cases.bySex} donut />
          </SimpleGrid>
        </Topic>
      </Tabs.Panel>
      <Tabs.Panel value="concerns" pt="md">
        <Topic id="concerns" note={t('statistics.notes.concerns')}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <CountsChart id="concerns-harm" title={t('statistics.charts.concernsByHarm')} dimension="harm" counts={s.concerns.byHarm} hideZero />
            <CountsChart id="concerns-status" title={t('statistics.charts.concernsByStatus')} dimension="concernStatus" counts={s.concerns.byStatus} donut />
          </SimpleGrid>
          <MonthlyChart id="concerns-monthly" title={t('statistics.charts.concernsMonthly')} series={['logged'] as const} rows={s.concerns.monthly} />
        </Topic>
      </Tabs.Panel>
      <Tabs.Panel value="register" pt="md">
        <Topic id="register" note={t('statistics.notes.register')}>
          <MonthlyChart id="register-monthly" title={t('statistics.charts.registerMonthly')} series={['on', 'off'] as const} rows={s.register.monthly} />
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
            <CountsChart id="register-body" title={t('statistics.charts.registerByBody')} dimension="body" counts={s.register.byBody} donut />
            <CountsChart id="register-grade" title={t('statistics.charts.registerByGrade')} dimension="grade" counts={s.register.byGrade} hideZero />
            <CountsChart id="register-sex" title={t('statistics.charts.registerBySex')} dimension="sex" counts={s.register.bySex} donut />
          </SimpleGrid>
        </Topic>
      </Tabs.Panel>
      <Tabs.Panel value="council" pt="md">
        <Topic id="council" note={t('statistics.notes.council')}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <CountsChart id="council-status" title={t('statistics.charts.councilByStatus')} dimension="meetingStatus" counts={s.council.byStatus} donut />
            <CountsChart id="council-decisions" title={t('statistics.charts.councilByDecision')} dimension="decision" counts={s.council.byDecision} />
          </SimpleGrid>
          <MonthlyChart id="council-monthly" title={t('statistics.charts.councilMonthly')} series={['meetings', 'decisions'] as const} rows={s.council.monthly} />
        </Topic>
      </Tabs.Panel>
      <Tabs.Panel value="plan" pt="md">
        <Topic id="plan" note={t('statistics.notes.plan')}>
          <PlanTopic s={s.plan} />
        </Topic>
      </Tabs.Panel>
      <Tabs.Panel value="referrals" pt="md">
        <Topic id="referrals" note="">
          {s.referrals ? (
            <>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <CountsChart id="referrals-agency" title={t('statistics.charts.referralsByAgency')} dimension="agency" counts={s.referrals.byAgency} />
                <CountsChart id="referrals-status" title={t('statistics.charts.referralsByStatus')} dimension="referralStatus" counts={s.referrals.byStatus} donut />
              </SimpleGrid>
              <MonthlyChart id="referrals-monthly" title={t('statistics.charts.referralsMonthly')} series={['sent'] as const} rows={s.referrals.monthly} />
            </>
          ) : (
            <Text size="sm" c="dimmed" data-testid="referrals-not-wired">
              {t('statistics.referralsNotWired')}
            </Text>
          )}
        </Topic>
      </Tabs.Panel>
    </Tabs>
  );
}

export function StatisticsScreen() {
  const { t } = useTranslation();
  const today = isoDate(new Date());
  const thisYear = academicYearOf(today);
  const [kind, setKind] = useState<Kind>('year');
  const [year, setYear] = useState(thisYear);
  const [quarter, setQuarter] = useState(1);
  const [from, setFrom] = useState(`${thisYear}-09-01`);
  const [to, setTo] = useState(today);
  const period: StatisticsPeriod | null = useMemo(() => {
    if (kind === 'quarter') return { kind, academicYear: year, quarter };
    if (kind === 'year') return { kind, academicYear: year };
    return /^\d{4}-\d{2}-\d{2}$/u.test(from) && /^\d{4}-\d{2}-\d{2}$/u.test(to) && from <= to ? { kind, from, to } : null;
  }, [kind, year, quarter, from, to]);
  const q = useApiQuery('statistics.get', { period: period ?? { kind: 'year', academicYear: year } }, { enabled: period !== null, retry: false });
  const save = useApiMutation('statistics.saveXlsx', {
    onSuccess: (r) =>
      notifications.show(
        r.path ? { color: 'green', message: t('statistics.exported', { path: r.path.split(/[\\/]/).pop() ?? '' }) } : { color: 'gray', message: t('plansIo.export.cancelled') },
      ),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  const canReport = useCan('districtReport');

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={760}>
          {t('statistics.intro')}
        </Text>
        <Button
          leftSection={<IconFileSpreadsheet size={18} />}
          variant="default"
          disabled={period === null}
          loading={save.isPending}
          onClick={() => period && save.mutate({ period, language: currentLanguage() })}
          data-testid="statistics-export"
        >
          {t('statistics.export')}
        </Button>
      </Group>
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" gap="md">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="statistics-period-label">
              {t('statistics.period')}
            </Text>
            <SegmentedControl
              aria-labelledby="statistics-period-label"
              value={kind}
              onChange={setKind}
              data={(['quarter', 'year', 'custom'] as const).map((k) => ({ value: k, label: t(`statistics.periodKinds.${k}`) }))}
              data-testid="statistics-kind"
            />
          </Stack>
          {kind !== 'custom' && <AcademicYearSelect thisYear={thisYear} back={6} value={year} onChange={setYear} testId="statistics-year" />}
          {kind === 'quarter' && <QuarterControl value={String(quarter)} onChange={(v) => setQuarter(Number(v))} testId="statistics-quarter" />}
          {kind === 'custom' && (
            <>
              <TextInput type="date" label={t('statistics.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="statistics-from" />
              <TextInput type="date" label={t('statistics.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="statistics-to" />
            </>
          )}
        </Group>
        {q.data && (
          <Text size="sm" mt="sm" data-testid="statistics-range">
            {t('statistics.periodRange', { from: q.data.period.from, to: q.data.period.to })}
          </Text>
        )}
        <VisuallyHidden aria-live="polite">{q.isFetching ? '' : q.data ? t('statistics.periodRange', { from: q.data.period.from, to: q.data.period.to }) : ''}</VisuallyHidden>
      </Paper>
      {period === null ? (
        <Alert color="orange">{t('statistics.badRange')}</Alert>
      ) : (
        <QueryPanel query={q}>{(s) => <Report s={s} />}</QueryPanel>
      )}
      {/* the district's report after the school's numbers: its reminder is on the director's home page too */}
      {canReport && <DistrictReportSection />}
    </Stack>
  );
}
