/**
 * The period fields of the statistics screen, shared with its district-report section: the academic year (this one
 * and the ones before it) and the quarter of the school calendar — for the report, with "the whole year" beside the
 * four quarters.
 */
import { SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** The academic year: this one and `back - 1` before it, labelled "2026–2027". */
export function AcademicYearSelect({ thisYear, back, value, onChange, testId }: { thisYear: number; back: number; value: number; onChange: (year: number) => void; testId: string }) {
  const { t } = useTranslation();
  const years = Array.from({ length: back }, (_, i) => thisYear - i).map((y) => ({ value: String(y), label: t('statistics.yearLabel', { y, next: y + 1 }) }));
  return <Select label={t('statistics.academicYear')} data={years} value={String(value)} onChange={(v) => v && onChange(Number(v))} allowDeselect={false} w={150} data-testid={testId} />;
}

/** The quarter, '1' to '4' (and, with `wholeYear`, one more choice: 'year' with that label). */
export function QuarterControl({ value, onChange, wholeYear, testId }: { value: string; onChange: (v: string) => void; wholeYear?: string; testId: string }) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {t('statistics.quarter')}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value}
        onChange={onChange}
        data={[...[1, 2, 3, 4].map((n) => ({ value: String(n), label: t('statistics.quarterN', { n }) })), ...(wholeYear ? [{ value: 'year', label: wholeYear }] : [])]}
        data-testid={testId}
      />
    </Stack>
  );
}
