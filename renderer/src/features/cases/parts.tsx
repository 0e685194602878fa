/**
 * Small pieces the case screens share: risk and stage badges, a typed date field (ДД.ММ.ЖЖЖЖ, with quick choices),
 * dates as the school writes them, and the pupil picker with roles (targeted / initiator / witness).
 */
import { ActionIcon, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PUPIL_ROLES, type CaseStage, type InvolvedPupil, type Risk } from '../../../../shared/cases';
import { useApiQuery } from '../../api/hooks';

export const RISK_COLOR: Record<Risk, string> = { none: 'gray', low: 'teal', medium: 'yellow', high: 'orange', acute: 'red' };

export function RiskBadge({ risk }: { risk: Risk }) {
  const { t } = useTranslation();
  return (
    <Badge color={RISK_COLOR[risk]} variant={risk === 'acute' ? 'filled' : 'light'} style={{ textTransform: 'none' }} data-testid={`risk-${risk}`}>
      {t(`cases.risk.${risk}`)}
    </Badge>
  );
}

export function StageBadge({ stage }: { stage: CaseStage }) {
  const { t } = useTranslation();
  return (
    <Badge color={stage === 'closed' ? 'gray' : 'blue'} variant="outline" style={{ textTransform: 'none' }}>
      {t(`cases.stage.${stage}`)}
    </Badge>
  );
}

/** 2026-11-30 or an ISO time → 30.11.2026 (and the time when there is one) */
export function showDate(iso: string | null, withTime = false): string {
  if (!iso) return '';
  const d = dayjs(iso.length === 16 ? `${iso}:00` : iso);
  return d.isValid() ? d.format(withTime && iso.length > 10 ? 'DD.MM.YYYY HH:mm' : 'DD.MM.YYYY') : iso;
}

/** ДД.ММ.ЖЖЖЖ → YYYY-MM-DD, or null when it is not a real date */
export function parseDotted(text: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/u.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = dayjs(iso);
  return d.isValid() && d.format('YYYY-MM-DD') === iso ? iso : null;
}

export function today(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** A date typed as ДД.ММ.ЖЖЖЖ; `value` is YYYY-MM-DD or null; quick choices add days to today. */
export function DateText({
  label,
  value,
  onChange,
  name,
  quick = [],
  required = false,
  error,
}: {
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
  name: string;
  quick?: number[];
  required?: boolean;
  /** a form's error for this field (its own "not a date" comes first) */
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ? dayjs(value).format('DD.MM.YYYY') : '');
  const invalid = text.trim() !== '' && parseDotted(text) === null;
  const set = (iso: string | null) => {
    setText(iso ? dayjs(iso).format('DD.MM.YYYY') : '');
    onChange(iso);
  };
  return (
    <Stack gap={4}>
      <TextInput
        label={label}
        placeholder={t('cases.datePlaceholder')}
        value={text}
        required={required}
        onChange={(e) => {
          setText(e.currentTarget.value);
          onChange(parseDotted(e.currentTarget.value));
        }}
        error={invalid ? t('cases.dateInvalid') : error}
        data-testid={`date-${name}`}
        w={180}
      />
      {quick.length > 0 && (
        <Group gap={4}>
          {quick.map((days) => (
            <Button key={days} size="compact-xs" variant="subtle" onClick={() => set(dayjs().add(days, 'day').format('YYYY-MM-DD'))} data-testid={`date-${name}-plus-${days}`}>
              {t('cases.inDays', { count: days })}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}

interface Picked extends InvolvedPupil {
  label: string;
}

/** Pupils found by name (the core's search, limited to what the session may list) and their role in the matter. */
export function PupilPicker({ value, onChange, error }: { value: Picked[]; onChange: (v: Picked[]) => void; error?: ReactNode }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useApiQuery('pupils.list', { search: debounced, pageSize: 20 }, { enabled: debounced.length >= 2 });
  // only the answer to what is typed now: never a list left over from the previous search
  const settled = debounced === search.trim() && debounced.length >= 2;
  const options = (settled ? (found.data?.items ?? []) : [])
    .filter((p) => !value.some((v) => v.pupilId === p.id))
    .map((p) => ({ value: p.id, label: `${p.lastName} ${p.firstName} · ${p.grade} ${p.classLetter}` }));
  const roleData = PUPIL_ROLES.map((r) => ({ value: r, label: t(`cases.role.${r}`) }));
  return (
    <Stack gap="xs">
      <Select
        label={t('cases.pupilsInvolved')}
        placeholder={t('cases.pupilSearch')}
        searchable
        data={options}
        searchValue={search}
        onSearchChange={setSearch}
        value={null}
        nothingFoundMessage={!settled ? t('cases.typeTwoLetters') : found.isPending ? '…' : t('cases.noPupilFound')}
        filter={({ options: o }) => o}
        error={error}
        onChange={(id) => {
          const o = options.find((x) => x.value === id);
          if (o) onChange([...value, { pupilId: o.value, role: value.length === 0 ? 'targeted' : 'witness', label: o.label }]);
          setSearch('');
        }}
        data-testid="pupil-picker"
      />
      {value.length > 0 && (
        <Table withRowBorders={false} verticalSpacing={4} data-testid="picked-pupils">
          <Table.Tbody>
            {value.map((p, i) => (
              <Table.Tr key={p.pupilId}>
                <Table.Td>
                  <Text size="sm">{p.label}</Text>
                </Table.Td>
                <Table.Td w={190}>
                  <Select
                    size="xs"
                    data={roleData}
                    value={p.role}
                    allowDeselect={false}
                    onChange={(r) => onChange(value.map((x, j) => (j === i && r ? { ...x, role: r } : x)))}
                    aria-label={t('cases.roleLabel')}
                    data-testid={`picked-role-${i}`}
                  />
                </Table.Td>
                <Table.Td w={40}>
                  <ActionIcon variant="subtle" color="gray" aria-label={t('cases.remove')} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export type { Picked };
