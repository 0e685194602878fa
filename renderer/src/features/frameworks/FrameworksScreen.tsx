/**
 * The framework browser: national plans a school's plan answers to (Decree 748 …): sections, items with the
 * decree's own numbers, every column, search, and the abbreviations with their full names.
 */
import {
  Badge,
  Button,
  FileButton,
  Group,
  Loader,
  Pagination,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconFileSpreadsheet, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework, FrameworkColumnKey, FrameworkItem } from '../../../../shared/frameworks';
import type { Language } from '../../../../shared/roles';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { useNavigate, getRouteApi } from '@tanstack/react-router';
import { useCan } from '../../app/capabilities';
import { currentLanguage } from '../../i18n';
import { isFallback, pick } from '../plans/format';
import { AbbrText, useAbbrIndex, type AbbrIndex } from './AbbrText';
import { FrameworkXlsxImport } from './FrameworkXlsxImport';

const frameworksRoute = getRouteApi('/frameworks');

const PAGE = 100;

export function FrameworksScreen() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const search = frameworksRoute.useSearch();
  const lang = currentLanguage();
  const list = useApiQuery('frameworks.list', { includeOld: false });
  const selectedId = search.id ?? list.data?.[0]?.id ?? null;
  const canImport = useCan('frameworkImport');
  const [xlsx, setXlsx] = useState(false);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Text c="dimmed" size="sm" maw={720}>
          {t('frameworks.intro')}
        </Text>
        {canImport && (
          <Group gap="xs">
            <Button variant="light" leftSection={<IconFileSpreadsheet size={18} />} onClick={() => setXlsx(true)} data-testid="framework-xlsx-open">
              {t('frameworks.xlsx.open')}
            </Button>
            <ImportButton />
          </Group>
        )}
      </Group>
      {list.isPending ? (
        <Loader size="sm" />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : (
        <>
          {list.data.length > 1 && (
            <SegmentedControl
              data-testid="framework-switch"
              value={selectedId ?? ''}
              onChange={(id) => void navigate({ to: '/frameworks', search: { id: id } })}
              data={list.data.map((f, i, all) => {
                const label = (x: typeof f) => pick(lang, x.shortTitleKk ?? x.titleKk, x.shortTitleRu ?? x.titleRu) || x.code;
                // two frameworks with the same title (e.g. a corrected copy) are told apart by their place
                const twins = all.filter((x) => label(x) === label(f));
                return { value: f.id, label: twins.length > 1 ? `${label(f)} (${twins.indexOf(f) + 1})` : label(f) };
              })}
              styles={{ label: { whiteSpace: 'normal' } }}
            />
          )}
          {selectedId && <FrameworkView id={selectedId} />}
        </>
      )}
      <FrameworkXlsxImport opened={xlsx} onClose={() => setXlsx(false)} />
    </Stack>
  );
}

/** Saves the framework as an Excel workbook where the user chooses (the same layout the Excel import reads). */
function SaveXlsxButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const save = useApiMutation('plansIo.frameworkSaveXlsx', {
    onSuccess: (r) => {
      if (r.path) notifications.show({ color: 'green', message: t('frameworks.xlsx.saved') });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  return (
    <Button
      size="xs"
      variant="subtle"
      leftSection={<IconFileSpreadsheet size={16} />}
      loading={save.isPending}
      onClick={() => save.mutate({ id })}
      data-testid="framework-save-xlsx"
    >
      {t('frameworks.xlsx.save')}
    </Button>
  );
}

function ImportButton() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const imp = useApiMutation('frameworks.import', {
    onSuccess: async (f) => {
      await invalidate(qc, 'frameworks.list');
      notifications.show({ color: 'green', message: t('frameworks.imported', { n: f.itemCount }) });
      void navigate({ to: '/frameworks', search: { id: f.id } });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  return (
    <FileButton
      accept="application/json,.json"
      onChange={(file) => {
        if (!file) return;
        void file.text().then((json) => imp.mutate({ json }));
      }}
    >
      {(props) => (
        <Button {...props} variant="light" leftSection={<IconFileImport size={18} />} loading={imp.isPending}>
          {t('frameworks.import')}
        </Button>
      )}
    </FileButton>
  );
}

/** text of an item's column in the UI language; `fallback` when only the other language is there */
export function itemCell(item: FrameworkItem, key: FrameworkColumnKey, lang: Language): { text: string; fallback: boolean } {
  const both = (kk: string | null, ru: string | null) => {
    const text = pick(lang, kk, ru);
    const chosen = lang === 'ru' ? ru : kk;
    return { text, fallback: Boolean(text) && !chosen };
  };
  switch (key) {
    case 'number':
      return { text: item.number, fallback: false };
    case 'measure':
      return both(item.measureKk, item.measureRu);
    case 'completionForm':
      return both(item.completionFormKk, item.completionFormRu);
    case 'deadline':
      return both(item.deadlineKk, item.deadlineRu);
    case 'responsible':
      return { text: item.responsibleKk ?? '', fallback: lang === 'ru' && Boolean(item.responsibleKk) };
    case 'cost':
      return { text: item.costKk ?? '', fallback: lang === 'ru' && Boolean(item.costKk) };
    case 'funding':
      return { text: item.fundingKk ?? '', fallback: lang === 'ru' && Boolean(item.fundingKk) };
  }
}

function matches(item: FrameworkItem, q: string): boolean {
  if (!q) return true;
  const needle = q.toLocaleLowerCase('kk');
  if (/^\d+(\.\d+)*$/.test(q)) return item.number === q;
  return [
    item.measureKk,
    item.measureRu,
    item.completionFormKk,
    item.completionFormRu,
    item.deadlineKk,
    item.deadlineRu,
    item.responsibleKk,
    item.costKk,
    item.fundingKk,
  ].some((s) => s?.toLocaleLowerCase('kk').includes(needle));
}

function FrameworkView({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const fw = useApiQuery('frameworks.get', { id });
  const [tab, setTab] = useState<'items' | 'abbr'>('items');
  const abbr = useAbbrIndex(fw.data?.abbreviations, lang);
  if (fw.isPending) return <Loader size="sm" />;
  if (fw.error) return <ErrorAlert error={fw.error} />;
  const f = fw.data;
  return (
    <Stack data-testid="framework-view">
      <Paper withBorder radius="md" p="lg">
        <Title order={4} style={{ overflowWrap: 'break-word' }}>
          {pick(lang, f.titleKk, f.titleRu)}
        </Title>
        <Group gap="xs" mt="xs">
          <Badge variant="light" style={{ textTransform: 'none' }}>
            {t(`frameworks.kind.${f.kind}`)}
          </Badge>
          <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
            {f.yearFrom}–{f.yearTo}
          </Badge>
          {f.issuedNumber && (
            <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
              № {f.issuedNumber}
              {f.issuedOn ? ` · ${f.issuedOn.split('-').reverse().join('.')}` : ''}
            </Badge>
          )}
          <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
            {t('frameworks.itemCount', { n: f.itemCount })}
          </Badge>
          <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
            {t('frameworks.revision', { n: f.revision })}
          </Badge>
          <SaveXlsxButton id={f.id} />
        </Group>
        {f.reporting && pick(lang, f.reporting.kk, f.reporting.ru) && (
          <Text size="sm" mt="sm">
            <Text span fw={600}>
              {t('frameworks.reporting')}:
            </Text>{' '}
            {pick(lang, f.reporting.kk, f.reporting.ru)}
          </Text>
        )}
      </Paper>
      <SegmentedControl
        w="fit-content"
        value={tab}
        onChange={(v) => setTab(v === 'abbr' ? 'abbr' : 'items')}
        data={[
          { value: 'items', label: t('frameworks.items') },
          { value: 'abbr', label: t('frameworks.abbreviations', { n: f.abbreviations.length }) },
        ]}
        data-testid="framework-tabs"
      />
      {tab === 'items' ? <ItemsTable framework={f} abbr={abbr} /> : <AbbreviationsTable framework={f} />}
    </Stack>
  );
}

function ItemsTable({ framework: f, abbr }: { framework: Framework; abbr: AbbrIndex }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const otherLang = lang === 'ru' ? 'kk' : 'ru';
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const q = query.trim();
  const filtered = useMemo(() => f.items.filter((i) => matches(i, q)), [f.items, q]);
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
  const shown = filtered.slice((Math.min(page, pages) - 1) * PAGE, Math.min(page, pages) * PAGE);
  const sections = new Map(f.sections.map((s) => [s.code, s]));
  const columns = f.columns;

  const rows: ReactNode[] = [];
  let lastSection: string | null = null;
  for (const item of shown) {
    if (item.section !== lastSection && f.sections.length > 0) {
      lastSection = item.section;
      const s = sections.get(item.section);
      const title = s ? pick(lang, s.titleKk, s.titleRu) : '';
      rows.push(
        <Table.Tr key={`s-${item.section}-${item.id}`} bg="var(--mantine-color-gray-1)">
          <Table.Td colSpan={columns.length}>
            <Group gap="xs" wrap="nowrap">
              <Text fw={700} size="sm" lang={s && isFallback(lang, s.titleKk, s.titleRu) ? otherLang : undefined}>
                {item.section}. {title}
              </Text>
              {s && isFallback(lang, s.titleKk, s.titleRu) && (
                <Badge size="xs" variant="outline" color="gray" style={{ textTransform: 'none', flexShrink: 0 }}>
                  {t(lang === 'ru' ? 'plans.editor.onlyKk' : 'plans.editor.onlyRu')}
                </Badge>
              )}
            </Group>
          </Table.Td>
        </Table.Tr>,
      );
    }
    rows.push(
      <Table.Tr key={item.id} data-testid={`fw-item-${item.number}`}>
        {columns.map((c) => {
          const cell = itemCell(item, c.key, lang);
          return (
            <Table.Td key={c.key} style={{ verticalAlign: 'top' }}>
              <Text
                size="sm"
                fw={c.key === 'number' ? 700 : undefined}
                style={c.key === 'number' ? { whiteSpace: 'nowrap' } : { overflowWrap: 'break-word' }}
                // the other language's text, marked so that a screen reader reads it in that language
                lang={cell.fallback ? otherLang : undefined}
              >
                <AbbrText text={cell.text} index={abbr} />
              </Text>
              {cell.fallback && (
                <Badge size="xs" variant="outline" color="gray" mt={4} style={{ textTransform: 'none' }}>
                  {t(lang === 'ru' ? 'plans.editor.onlyKk' : 'plans.editor.onlyRu')}
                </Badge>
              )}
            </Table.Td>
          );
        })}
      </Table.Tr>,
    );
  }

  return (
    <Stack gap="sm">
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('frameworks.search')}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setPage(1);
        }}
        maw={520}
        data-testid="framework-search"
      />
      <Text size="xs" c="dimmed">
        {t('frameworks.found', { n: filtered.length, total: f.items.length })}
      </Text>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" horizontalSpacing={8} withColumnBorders layout="fixed" data-testid="framework-items">
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th
                    key={c.key}
                    w={WIDTHS[c.key]}
                    style={{ verticalAlign: 'bottom', whiteSpace: c.key === 'number' ? 'nowrap' : undefined }}
                  >
                    <Text size="xs" fw={700} style={{ overflowWrap: 'break-word' }}>
                      {lang === 'ru' ? c.ru : c.kk}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length ? (
                rows
              ) : (
                <Table.Tr>
                  <Table.Td colSpan={columns.length}>
                    <Text c="dimmed" size="sm">
                      {t('common.nothingFound')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {pages > 1 && <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} />}
    </Stack>
  );
}

const WIDTHS: Record<FrameworkColumnKey, number | string | undefined> = {
  number: 60,
  measure: '22%',
  completionForm: '13%',
  deadline: '12%',
  responsible: '14%',
  cost: '15%',
  funding: '16%',
};

function AbbreviationsTable({ framework: f }: { framework: Framework }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Paper withBorder radius="md">
      <Table verticalSpacing="xs" data-testid="framework-abbreviations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={140}>{t('frameworks.abbr')}</Table.Th>
            <Table.Th>{t('frameworks.fullName')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {f.abbreviations.map((a) => (
            <Fragment key={a.abbr}>
              <Table.Tr>
                <Table.Td>
                  <Text fw={700} size="sm">
                    {a.abbr}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {pick(lang, a.fullKk, a.fullRu) ? (
                    <Text size="sm">{pick(lang, a.fullKk, a.fullRu)}</Text>
                  ) : (
                    <Text size="sm" c="dimmed" fs="italic">
                      {t('frameworks.fullUnknown')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
