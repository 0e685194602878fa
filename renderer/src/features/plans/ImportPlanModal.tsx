/**
 * Import of an existing plan from a Word table or an Excel sheet: choose the file, check the table, the header
 * row and what each column holds, look at every row (rows that do not parse are shown with the reason, never
 * dropped silently), then import into a new plan or into this draft plan.
 */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  Loader,
  Modal,
  Paper,
  Radio,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_FIELDS,
  MAX_IMPORT_BYTES,
  type ImportField,
  type ImportFileKind,
  type ImportPreview,
  type ImportRow,
} from '../../../../shared/plans-io';
import { invalidate, useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { useNavigate } from '@tanstack/react-router';
import { currentLanguage } from '../../i18n';
import { currentAcademicYear, fileToBase64, formatBytes, yearLabel } from './format';

interface Source {
  kind: ImportFileKind;
  fileBase64: string;
  fileName: string;
}

const PREVIEW_ROWS = 300;

export function ImportPlanModal({
  opened,
  onClose,
  draftPlan,
}: {
  opened: boolean;
  onClose: () => void;
  /** a draft plan to add the rows to (import from its editor); absent = a new plan only */
  draftPlan?: { id: string; academicYear: number };
}) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const [source, setSource] = useState<Source | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [target, setTarget] = useState<'new' | 'plan'>(draftPlan ? 'plan' : 'new');
  const thisYear = currentAcademicYear();
  const [year, setYear] = useState(String(draftPlan?.academicYear ?? thisYear));
  const [acceptProblems, setAcceptProblems] = useState(false);

  const load = useApiMutation('plansIo.importPreview', { onSuccess: (p) => setPreview(p) });
  const commit = useApiMutation('plansIo.importCommit', {
    onSuccess: async (r) => {
      await invalidate(qc, 'plans.list', 'plans.get');
      notifications.show({ color: 'green', message: t('plansIo.import.done', { sections: r.sectionsCreated, items: r.itemsCreated }) });
      close();
      void navigate({ to: '/plan', search: { id: r.planId } });
    },
  });

  const close = () => {
    setSource(null);
    setPreview(null);
    setFileError(null);
    setAcceptProblems(false);
    load.reset();
    commit.reset();
    onClose();
  };

  const onFile = async (file: File | null) => {
    setFileError(null);
    setPreview(null);
    if (!file) return;
    const ext = file.name.toLowerCase().split('.').pop();
    if (ext !== 'docx' && ext !== 'xlsx') {
      setFileError(t('plans.import.wrongType'));
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setFileError(t('plans.import.tooLarge', { size: formatBytes(file.size, lang), max: formatBytes(MAX_IMPORT_BYTES, lang) }));
      return;
    }
    const s: Source = { kind: ext, fileBase64: await fileToBase64(file), fileName: file.name };
    setSource(s);
    load.mutate({ kind: s.kind, fileBase64: s.fileBase64 });
  };

  const reload = (change: { table?: number; headerRow?: number | null; mapping?: ImportField[] }) => {
    if (!source || !preview) return;
    load.mutate({
      kind: source.kind,
      fileBase64: source.fileBase64,
      table: change.table ?? preview.table,
      headerRow: change.headerRow !== undefined ? change.headerRow : preview.headerRow,
      ...(change.table === undefined ? { mapping: change.mapping ?? preview.mapping } : {}),
    });
  };

  const problems = preview?.counts.problems ?? 0;
  const doCommit = () => {
    if (!source || !preview) return;
    commit.mutate({
      source: { kind: source.kind, fileBase64: source.fileBase64, table: preview.table, headerRow: preview.headerRow, mapping: preview.mapping },
      target:
        target === 'plan' && draftPlan
          ? { kind: 'plan', planId: draftPlan.id }
          : {
              kind: 'new',
              academicYear: Number(year),
              ...(preview.titles ? { titleKk: preview.titles.kk, titleRu: preview.titles.ru } : {}),
            },
      acceptProblems,
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={t('plansIo.import.title')} size="95%" centered>
      <Stack data-testid="plan-import">
        <Paper withBorder p="md" radius="sm">
          <Group justify="space-between" wrap="wrap">
            <div>
              <Text fw={600} size="sm">
                1. {t('plansIo.import.stepFile')}
              </Text>
              <Text size="xs" c="dimmed">
                {source ? source.fileName : t('plansIo.import.fileHint')}
              </Text>
            </div>
            <FileButton accept=".docx,.xlsx" onChange={(f) => void onFile(f)}>
              {(props) => (
                <Button {...props} variant="light" leftSection={<IconUpload size={16} />} loading={load.isPending && !preview} data-testid="plan-import-file">
                  {t('plansIo.import.chooseFile')}
                </Button>
              )}
            </FileButton>
          </Group>
          {fileError && (
            <Alert color="red" variant="light" mt="sm">
              {fileError}
            </Alert>
          )}
          {load.error && (
            <div style={{ marginTop: 8 }}>
              <ErrorAlert error={load.error} />
            </div>
          )}
        </Paper>

        {preview && (
          <>
            <Paper withBorder p="md" radius="sm">
              <Text fw={600} size="sm" mb="xs">
                2. {t('plansIo.import.stepMapping')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                {preview.tables.length > 1 && (
                  <Select
                    label={preview.kind === 'xlsx' ? t('plansIo.import.sheet') : t('plansIo.import.table')}
                    value={String(preview.table)}
                    onChange={(v) => v !== null && reload({ table: Number(v) })}
                    allowDeselect={false}
                    data={preview.tables.map((tb) => ({
                      value: String(tb.index),
                      label: tb.name ?? t('plansIo.import.tableOption', { index: tb.index + 1, rows: tb.rows, columns: tb.columns }),
                    }))}
                  />
                )}
                <Select
                  label={t('plansIo.import.headerRow')}
                  value={preview.headerRow === null ? 'none' : String(preview.headerRow)}
                  onChange={(v) => reload({ headerRow: v === 'none' || v === null ? null : Number(v) })}
                  allowDeselect={false}
                  data={[
                    { value: 'none', label: t('plansIo.import.noHeaderRow') },
                    ...Array.from({ length: Math.min(10, preview.tables.find((x) => x.index === preview.table)?.rows ?? 10) }, (_, i) => ({
                      value: String(i),
                      label: t('plansIo.import.row', { row: i + 1 }),
                    })),
                  ]}
                />
                <div>
                  <Text size="sm" fw={500}>
                    {t('plansIo.import.detectedLanguage')}
                  </Text>
                  <Text size="sm">{t(`languages.${preview.language}`)}</Text>
                </div>
              </SimpleGrid>
              {preview.title && (
                <Text size="sm" mt="sm">
                  <Text span fw={500}>
                    {t('plansIo.import.detectedTitle')}:
                  </Text>{' '}
                  {preview.title}
                </Text>
              )}
              <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" mt="sm">
                {Array.from({ length: preview.columns }, (_, c) => (
                  <Select
                    key={c}
                    size="xs"
                    label={`${t('plansIo.import.column', { index: c + 1 })}${preview.headers[c] ? ` — ${preview.headers[c]}` : ''}`}
                    value={preview.mapping[c] ?? 'ignore'}
                    onChange={(v) => {
                      const mapping = [...preview.mapping];
                      while (mapping.length < preview.columns) mapping.push('ignore');
                      mapping[c] = v ?? 'ignore';
                      reload({ mapping });
                    }}
                    allowDeselect={false}
                    data={IMPORT_FIELDS.map((f) => ({ value: f, label: t(`plansIo.import.fields.${f}`) }))}
                    styles={{ label: { whiteSpace: 'normal' } }}
                    data-testid={`import-map-${c}`}
                  />
                ))}
              </SimpleGrid>
            </Paper>

            <Paper withBorder p="md" radius="sm">
              <Group justify="space-between" mb="xs">
                <Text fw={600} size="sm">
                  3. {t('plansIo.import.stepPreview')}
                </Text>
                {load.isPending && <Loader size="xs" />}
              </Group>
              <Text size="sm" mb="xs" data-testid="import-counts">
                {t('plansIo.import.counts', preview.counts)}
              </Text>
              <ScrollArea.Autosize mah="40vh" type="auto">
                <Table verticalSpacing={4} fz="sm" data-testid="import-rows">
                  <Table.Tbody>
                    {preview.rows.slice(0, PREVIEW_ROWS).map((r) => (
                      <ImportRowView key={r.row} row={r} />
                    ))}
                  </Table.Tbody>
                </Table>
                {preview.rows.length > PREVIEW_ROWS && (
                  <Text size="xs" c="dimmed" mt="xs">
                    {t('plans.import.moreRows', { n: preview.rows.length - PREVIEW_ROWS })}
                  </Text>
                )}
              </ScrollArea.Autosize>
            </Paper>

            <Paper withBorder p="md" radius="sm">
              <Text fw={600} size="sm" mb="xs">
                4. {t('plansIo.import.stepTarget')}
              </Text>
              <Group align="flex-end" wrap="wrap">
                <Radio.Group value={target} onChange={(v) => setTarget(v === 'plan' ? 'plan' : 'new')}>
                  <Group>
                    <Radio value="new" label={t('plansIo.import.targetNew')} />
                    {draftPlan && <Radio value="plan" label={t('plansIo.import.targetPlan')} />}
                  </Group>
                </Radio.Group>
                {target === 'new' && (
                  <Select
                    label={t('plansIo.import.academicYear')}
                    value={year}
                    onChange={(v) => setYear(v ?? String(thisYear))}
                    allowDeselect={false}
                    w={180}
                    data={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: yearLabel(y) }))}
                  />
                )}
              </Group>
              {problems > 0 && (
                <Checkbox
                  mt="sm"
                  checked={acceptProblems}
                  onChange={(e) => setAcceptProblems(e.currentTarget.checked)}
                  label={t('plansIo.import.acceptProblems', { count: problems })}
                  color="orange"
                />
              )}
              {commit.error && (
                <div style={{ marginTop: 8 }}>
                  <ErrorAlert error={commit.error} />
                </div>
              )}
            </Paper>
          </>
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            leftSection={<IconFileImport size={18} />}
            disabled={!preview || preview.counts.items === 0 || (problems > 0 && !acceptProblems) || load.isPending}
            loading={commit.isPending}
            onClick={doCommit}
            data-testid="plan-import-commit"
          >
            {t('plansIo.import.commit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ImportRowView({ row }: { row: ImportRow }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const color = row.kind === 'item' ? 'green' : row.kind === 'section' ? 'blue' : row.kind === 'problem' ? 'red' : 'gray';
  let text: string;
  let note: string | null = null;
  if (row.kind === 'item') {
    const i = row.item;
    text = (lang === 'ru' ? i.measureRu || i.measureKk : i.measureKk || i.measureRu) || '';
    note = [lang === 'ru' ? i.deadlineRu || i.deadlineKk : i.deadlineKk || i.deadlineRu, [...i.responsibleBodies].join(', ')]
      .filter(Boolean)
      .join(' · ');
  } else if (row.kind === 'section') {
    text = `${row.section.printedNumber ? `${row.section.printedNumber}. ` : ''}${(lang === 'ru' ? row.section.titleRu || row.section.titleKk : row.section.titleKk || row.section.titleRu) || ''}`;
  } else if (row.kind === 'problem') {
    text = row.cells.filter(Boolean).join(' | ');
    note = t(`plansIo.import.problems.${row.reason}`);
  } else {
    text = row.cells.filter(Boolean).join(' | ');
    note = t(`plansIo.import.skips.${row.reason}`);
  }
  return (
    <Table.Tr bg={row.kind === 'problem' ? 'var(--mantine-color-red-0)' : undefined} data-testid={`import-row-${row.kind}`}>
      <Table.Td w={70} style={{ verticalAlign: 'top' }}>
        <Text size="xs" c="dimmed">
          {t('plansIo.import.row', { row: row.row })}
        </Text>
      </Table.Td>
      <Table.Td w={110} style={{ verticalAlign: 'top' }}>
        <Badge color={color} variant="light" size="sm" style={{ textTransform: 'none' }}>
          {t(`plansIo.import.kinds.${row.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <Text size="sm" fw={row.kind === 'section' ? 700 : undefined} c={row.kind === 'skipped' ? 'dimmed' : undefined} lineClamp={3}>
          {text}
        </Text>
        {note && (
          <Text size="xs" c={row.kind === 'problem' ? 'red' : 'dimmed'}>
            {note}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
