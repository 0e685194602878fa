/**
 * The school's report to the district (issue 14, item 3), a section of the statistics screen for the director and
 * the deputy: choose the academic year and the quarter (or the whole year), the school's code in the district,
 * then sign it (certificate, password, language of the PDF) → the signed PDF goes into the register and the signed
 * JSON and the XLSX are kept beside it; each issued report's three files are saved through the core's save dialog.
 * The quarter that is due or overdue (the home's reminder, Decree 748 §2) is chosen first and said above the button.
 */
import { Alert, Badge, Button, Group, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileCertificate } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { academicYearOf, isoDate } from '../../../../shared/calendar';
import type { DistrictReportListItem } from '../../../../shared/district';
import { schoolCodeSchema } from '../../../../shared/district-report';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { SignDialog } from '../plans/SignDialog';
import { AcademicYearSelect, QuarterControl } from './PeriodFields';

const FORMATS = ['pdf', 'json', 'xlsx'] as const;

function periodLabel(t: TFunction, academicYear: number, quarter: number | null): string {
  const year = t('statistics.yearLabel', { y: academicYear, next: academicYear + 1 });
  return quarter === null ? year : `${year}, ${t('statistics.quarterN', { n: quarter })}`;
}

function SaveButtons({ item }: { item: DistrictReportListItem }) {
  const { t } = useTranslation();
  const save = useApiMutation('districtReport.save', {
    onSuccess: (r) =>
      notifications.show(
        r.path ? { color: 'green', message: t('districtReport.saved', { name: r.path.split(/[\\/]/).pop() ?? '' }) } : { color: 'gray', message: t('plansIo.export.cancelled') },
      ),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  return (
    <Group gap="xs" wrap="nowrap">
      {FORMATS.map((format) => (
        <Button
          key={format}
          size="compact-sm"
          variant="default"
          leftSection={<IconDownload size={14} />}
          loading={save.isPending && save.variables?.format === format}
          onClick={() => save.mutate({ id: item.id, format })}
          data-testid={`district-save-${format}`}
          aria-label={`${t(`districtReport.format.${format}`)}: ${periodLabel(t, item.academicYear, item.quarter)}`}
        >
          {t(`districtReport.format.${format}`)}
        </Button>
      ))}
    </Group>
  );
}

export function DistrictReportSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const thisYear = academicYearOf(isoDate(new Date()));
  const home = useApiQuery('overview.home', {}, { retry: false });
  const settings = useApiQuery('district.settings', {}, { retry: false });
  const reports = useApiQuery('district.reports', {}, { retry: false });
  const due = home.data?.districtReport?.due ?? [];
  const [year, setYear] = useState<number | null>(null);
  const [quarter, setQuarter] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);

  // the oldest quarter due (or overdue) is chosen first; else the current year's first quarter
  const first = due[0];
  const academicYear = year ?? first?.academicYear ?? thisYear;
  const quarterValue = quarter ?? String(first?.quarter ?? 1);
  const schoolCode = code ?? settings.data?.schoolCode ?? '';
  const codeOk = schoolCodeSchema.safeParse(schoolCode).success;
  const q = quarterValue === 'year' ? null : Number(quarterValue);
  const thisDue = due.find((d) => d.academicYear === academicYear && d.quarter === q);

  const issue = useApiMutation('district.issue', {
    onSuccess: async (r) => {
      setSigning(false);
      await invalidate(qc, 'district.reports', 'district.settings', 'overview.home', 'documents.list');
      notifications.show({ color: 'green', message: t('districtReport.issued', { number: r.document.registerNumber }) });
    },
  });

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="district-report-title" data-testid="district-report-section">
      <Title order={2} size="h5" id="district-report-title">
        {t('districtReport.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={4} maw={760}>
        {t('districtReport.intro')}
      </Text>
      <Group align="flex-end" gap="md" mt="md" wrap="wrap">
        <AcademicYearSelect thisYear={thisYear} back={3} value={academicYear} onChange={setYear} testId="district-year" />
        <QuarterControl value={quarterValue} onChange={setQuarter} wholeYear={t('districtReport.wholeYear')} testId="district-quarter" />
        <TextInput
          label={t('districtReport.schoolCode')}
          description={t('districtReport.schoolCodeHint')}
          value={schoolCode}
          onChange={(e) => setCode(e.currentTarget.value.trim())}
          error={schoolCode !== '' && !codeOk ? t('errors.district.no_school_code') : undefined}
          inputMode="numeric"
          maxLength={12}
          w={220}
          data-testid="district-school-code"
        />
      </Group>
      {thisDue && (
        <Alert mt="md" color={thisDue.state === 'overdue' ? 'red' : 'yellow'} variant="light" data-testid="district-due-alert">
          {t(thisDue.state === 'overdue' ? 'districtReport.overdueHere' : 'districtReport.dueHere', { date: dayjs(thisDue.dueDate).format('L') })}
        </Alert>
      )}
      <Button mt="md" leftSection={<IconFileCertificate size={18} />} disabled={!codeOk} onClick={() => setSigning(true)} data-testid="district-issue">
        {t('districtReport.issue')}
      </Button>

      <Title order={3} size="h6" mt="lg" mb="xs">
        {t('districtReport.issuedList')}
      </Title>
      {reports.error ? (
        <ErrorAlert error={reports.error} />
      ) : (reports.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="district-none">
          {t('districtReport.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid="district-reports">
            <Table.Tbody>
              {(reports.data ?? []).map((r) => (
                <Table.Tr key={r.id} data-testid="district-report-row">
                  <Table.Td>
                    <Text size="sm">{periodLabel(t, r.academicYear, r.quarter)}</Text>
                    <Text size="xs" c="dimmed">
                      {dayjs(r.createdAt).format('L LT')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" style={{ textTransform: 'none' }}>
                      {t(`languages.${r.language}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <SaveButtons item={r} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SignDialog
        opened={signing}
        title={t('districtReport.signTitle', { period: periodLabel(t, academicYear, q) })}
        busy={issue.isPending}
        error={issue.error}
        onClose={() => {
          setSigning(false);
          issue.reset();
        }}
        onSign={(signer, language) => issue.mutate({ academicYear, quarter: q, language, schoolCode, signer })}
      />
    </Paper>
  );
}
