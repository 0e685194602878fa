/** Picks a pupil by name (full-text search in the core, a page at a time); shows the chosen one by its given name. */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';

export function PupilPicker({
  value,
  valueLabel,
  onChange,
  label,
  testId,
  error,
}: {
  value: string | null;
  /** the chosen pupil's name as the meeting knows it (the search may not list it) */
  valueLabel: string | null;
  onChange: (id: string | null, name: string | null) => void;
  label?: string;
  testId?: string;
  /** a form's error for this field */
  error?: string | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const q = useApiQuery('pupils.list', { search: debounced || undefined, pageSize: 20 }, { enabled: debounced.trim().length >= 2 });
  const options = (q.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.lastName} ${p.firstName} (${p.grade} ${p.classLetter})`.trim() }));
  if (value && valueLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: valueLabel });
  return (
    <Select
      label={label ?? t('council.pupil')}
      placeholder={t('council.pupilSearch')}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      value={value}
      onChange={(v) => onChange(v, options.find((o) => o.value === v)?.label ?? null)}
      nothingFoundMessage={debounced.trim().length >= 2 ? t('common.nothingFound') : t('council.pupilSearchHint')}
      filter={({ options: o }) => o}
      error={error ?? undefined}
      data-testid={testId}
    />
  );
}
