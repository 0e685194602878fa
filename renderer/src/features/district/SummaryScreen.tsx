/**
 * The district's consolidated view (issue 14, item 4): for a period with merged reports, the headline numbers per
 * school and for the district (a table, and a chart of the cases opened per school), then the cases opened by form
 * of harm across the district (chart and table). A school's "<3" and "x" stay as the school published them; a
 * district sum with such parts is a floor ("≥12"). Saved as XLSX (both languages) or PDF (the screen's language)
 * through the core's save dialog.
 */
import { BarChart } from '@mantine/charts';
import { Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISTRICT_HEADLINES, districtSumText, type DistrictSummary } from '../../../../shared/district';
import { FORMS_OF_HARM } from '../../../../shared/cases';
import type { Cell } from '../../../../shared/district-report';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { ChartCard } from '../../app/ChartCard';
import { QueryPanel } from '../../app/QueryPanel';
import { currentLanguage } from '../../i18n';

const NO_ANIMATION = { isAnimationActive: false } as const;
const asNumber = (c: Cell | undefined): number => (typeof c === 'number' ? c : 0);
const cellText = (c: Cell | undefined): string => (c === undefined ? '—' : String(c));

function Consolidated({ s }: { s: DistrictSummary }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const name = (l: DistrictSummary['lines'][number]) => (lang === 'ru' ? l.nameRu : l.nameKk);
  if (s.lines.length === 0) {
    return (
      <Text p="lg" c="dimmed">
        {t('district.summary.none')}
      </Text>
    );
  }
  const casesData = s.lines.map((l) => ({ school: name(l), cases: asNumber(l.cells['casesByStage:total:total']), children: asNumber(l.cells['childrenBySex:total:total']) }));
  const harmRows = FORMS_OF_HARM.map((f) => ({ form: f, cell: `casesByStage:${f}:total` }));
  const harmData = harmRows.map((r) => ({ form: t(`cases.harm.${r.form}`), cases: s.district[r.cell]?.value ?? 0 }));
  return (
    <Stack gap="lg" p="md">
      <Text size="sm" data-testid="district-summary-schools">
        {t('district.summary.schools', { count: s.lines.length })}
      </Text>
      <ChartCard
        minWidth={560}
        id="district-headlines"
        title={t('district.summary.headlinesTitle')}
        chart={
          <BarChart
            accessibilityLayer={false}
            h={Math.max(180, s.lines.length * 48)}
            data={casesData}
            dataKey="school"
            orientation="vertical"
            yAxisProps={{ width: 200, interval: 0 }}
            series={[
              { name: 'cases', label: t('district.summary.headline.casesOpened'), color: 'blue.6' },
              { name: 'children', label: t('district.summary.headline.children'), color: 'orange.6' },
            ]}
            barProps={NO_ANIMATION}
            withBarValueLabel
            withLegend
            gridAxis="none"
          />
        }
        table={
          <>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('district.summary.indicator')}</Table.Th>
                {s.lines.map((l) => (
                  <Table.Th key={l.schoolCode ?? ''} ta="right">
                    {name(l)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('district.summary.district')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {DISTRICT_HEADLINES.map((h) => (
                <Table.Tr key={h.key} data-testid={`district-row-${h.key}`}>
                  <Table.Td>{t(`district.summary.headline.${h.key}`)}</Table.Td>
                  {s.lines.map((l) => (
                    <Table.Td key={l.schoolCode ?? ''} ta="right">
                      {cellText(l.cells[h.cell])}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={600} data-testid={`district-total-${h.key}`}>
                    {districtSumText(s.district[h.cell])}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </>
        }
      />
      <ChartCard
        minWidth={560}
        id="district-harm"
        title={t('district.summary.harmChart')}
        chart={
          <BarChart
            accessibilityLayer={false}
            h={harmRows.length * 30}
            data={harmData}
            dataKey="form"
            orientation="vertical"
            yAxisProps={{ width: 220, interval: 0 }}
            series={[{ name: 'cases', label: t('district.summary.headline.casesOpened'), color: 'grape.6' }]}
            barProps={NO_ANIMATION}
            withBarValueLabel
            gridAxis="none"
          />
        }
        table={
          <>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('district.summary.harmTable')}</Table.Th>
                {s.lines.map((l) => (
                  <Table.Th key={l.schoolCode ?? ''} ta="right">
                    {name(l)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('district.summary.district')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {harmRows.map((r) => (
                <Table.Tr key={r.form}>
                  <Table.Td>{t(`cases.harm.${r.form}`)}</Table.Td>
                  {s.lines.map((l) => (
                    <Table.Td key={l.schoolCode ?? ''} ta="right">
                      {cellText(l.cells[r.cell])}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={600}>
                    {districtSumText(s.district[r.cell])}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </>
        }
      />
      <Text size="xs" c="dimmed">
        {t('district.summary.chartNote')} {t('district.summary.floorNote')}
      </Text>
    </Stack>
  );
}

export function DistrictSummaryScreen() {
  const { t } = useTranslation();
  const periods = useApiQuery('district.periods', {});
  const [chosen, setChosen] = useState<string | null>(null);
  const options = (periods.data ?? []).map((p) => ({
    value: `${p.academicYear}:${p.quarter ?? 0}`,
    label: `${p.academicYear}–${p.academicYear + 1}, ${p.quarter === null ? t('district.summary.wholeYear') : t('district.summary.quarterN', { n: p.quarter })} (${p.schools})`,
  }));
  const value = chosen ?? options[0]?.value ?? null;
  const [y, q] = (value ?? '0:0').split(':').map(Number) as [number, number];
  const period = { academicYear: y, quarter: q === 0 ? null : q };
  const summary = useApiQuery('district.summary', period, { enabled: value !== null, retry: false });
  const save = useApiMutation('district.saveSummary', {
    onSuccess: (r) =>
      notifications.show(r.path ? { color: 'green', message: `${t('district.summary.saved')}: ${r.path.split(/[\\/]/).pop() ?? ''}` } : { color: 'gray', message: t('plansIo.export.cancelled') }),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-end">
          <Select
            label={t('district.summary.quarter')}
            data={options}
            value={value}
            onChange={setChosen}
            allowDeselect={false}
            w={360}
            placeholder={t('district.summary.none')}
            data-testid="district-period"
          />
          <Group>
            <Button
              variant="default"
              leftSection={<IconFileSpreadsheet size={18} />}
              disabled={value === null}
              loading={save.isPending && save.variables?.format === 'xlsx'}
              onClick={() => save.mutate({ ...period, format: 'xlsx', language: currentLanguage() })}
              data-testid="district-save-xlsx"
            >
              {t('district.summary.xlsx')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconFileTypePdf size={18} />}
              disabled={value === null}
              loading={save.isPending && save.variables?.format === 'pdf'}
              onClick={() => save.mutate({ ...period, format: 'pdf', language: currentLanguage() })}
              data-testid="district-save-pdf"
            >
              {t('district.summary.pdf')}
            </Button>
          </Group>
        </Group>
      </Paper>
      {value === null ? (
        <QueryPanel query={periods}>
          {() => (
            <Text p="lg" c="dimmed">
              {t('district.summary.none')}
            </Text>
          )}
        </QueryPanel>
      ) : (
        <QueryPanel query={summary}>{(s) => <Consolidated s={s} />}</QueryPanel>
      )}
    </Stack>
  );
}
