/**
 * Import of a class list (CSV or XLSX from the e-journal): choose the file → check what each column holds (the
 * core suggests; the user may change it) → look at every row with its problems → accept. Nothing is written before
 * "Import"; the rows with problems are left out and counted, never dropped silently.
 */
import { Alert, Badge, Button, FileButton, Group, Loader, Modal, ScrollArea, Select, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLASS_LIST_FIELDS, MAX_CLASS_LIST_BYTES, type ClassListField, type ClassListPreview, type ClassListRow } from '../../../../shared/pupils-import';
import type { Language } from '../../../../shared/roles';
import { invalidate, useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { fileToBase64 } from '../plans/format';

const SHOWN_ROWS = 500;

export function ImportClassListModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [fileBase64, setFileBase64] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [language, setLanguage] = useState<Language>('kk');
  const [preview, setPreview] = useState<ClassListPreview | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);

  const load = useApiMutation('pupilsImport.preview', { onSuccess: (p) => setPreview(p) });
  const commit = useApiMutation('pupilsImport.commit', {
    onSuccess: async (r) => {
      await invalidate(qc, 'pupils.list', 'pupils.get', 'accounts.schoolClasses');
      notifications.show({ color: 'green', message: t('pupilsImport.done', { created: r.created, skipped: r.skipped }) });
      close();
    },
  });

  const close = () => {
    setFileBase64(null);
    setFileName('');
    setPreview(null);
    setFileError(null);
    load.reset();
    commit.reset();
    onClose();
  };

  const onFile = async (file: File | null) => {
    setFileError(null);
    setPreview(null);
    commit.reset();
    if (!file) return;
    if (file.size > MAX_CLASS_LIST_BYTES) {
      setFileError(t('errors.import.too_large'));
      return;
    }
    const b64 = await fileToBase64(file);
    setFileBase64(b64);
    setFileName(file.name);
    load.mutate({ fileBase64: b64, instructionLanguage: language });
  };

  const reload = (change: { mapping?: (ClassListField | null)[]; language?: Language }) => {
    if (!fileBase64) return;
    load.mutate({
      fileBase64,
      instructionLanguage: change.language ?? language,
      ...(change.mapping ? { mapping: change.mapping } : preview && !preview.suggested ? { mapping: preview.mapping } : {}),
    });
  };

  const manySheets = preview ? new Set(preview.rows.map((r) => r.sheet)).size > 1 : false;
  const rows = preview ? (onlyProblems ? preview.rows.filter((r) => r.problems.length > 0) : preview.rows) : [];

  return (
    <Modal opened={opened} onClose={close} title={t('pupilsImport.title')} size="90%" data-testid="class-list-import">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('pupilsImport.intro')}
        </Text>
        <Group align="flex-end">
          <FileButton onChange={(f) => void onFile(f)} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} />} variant={preview ? 'default' : 'filled'} data-testid="class-list-file">
                {fileName ? t('pupilsImport.otherFile') : t('pupilsImport.chooseFile')}
              </Button>
            )}
          </FileButton>
          {fileName && (
            <Text size="sm" fw={600}>
              {fileName}
            </Text>
          )}
          <Select
            label={t('pupilsImport.language')}
            data={(['kk', 'ru'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            value={language}
            onChange={(v) => {
              const l = v === 'ru' ? 'ru' : 'kk';
              setLanguage(l);
              reload({ language: l });
            }}
            allowDeselect={false}
            w={200}
          />
        </Group>
        {fileError && <Alert color="red">{fileError}</Alert>}
        {load.isPending && <Loader size="sm" />}
        {load.error && <ErrorAlert error={load.error} />}
        {preview && !load.isPending && (
          <>
            {preview.encoding === 'windows-1251' && (
              <Alert color="blue" variant="light">
                {t('pupilsImport.decodedCp1251')}
              </Alert>
            )}
            <Text fw={600}>{t('pupilsImport.columns')}</Text>
            <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }} data-testid="class-list-mapping">
              {preview.headers.map((h, i) => (
                <Select
                  key={i}
                  label={h || t('pupilsImport.column', { n: i + 1 })}
                  data={[{ value: '', label: t('pupilsImport.ignore') }, ...CLASS_LIST_FIELDS.map((f) => ({ value: f, label: t(`pupilsImport.field.${f}`) }))]}
                  value={preview.mapping[i] ?? ''}
                  onChange={(v) => {
                    const next = preview.headers.map((_x, k) => (k === i ? ((v || null)) : (preview.mapping[k] ?? null)));
                    reload({ mapping: next });
                  }}
                  allowDeselect={false}
                  data-testid={`class-list-map-${i}`}
                />
              ))}
            </SimpleGrid>
            {preview.missing.length > 0 && (
              <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
                {preview.missing.map((m) => t(`pupilsImport.missing.${m}`)).join(' ')}
              </Alert>
            )}
            <Group justify="space-between">
              <Group gap="xs">
                <Badge color="green" variant="light" size="lg" style={{ textTransform: 'none' }} data-testid="class-list-ready">
                  {t('pupilsImport.ready', { count: preview.counts.ready })}
                </Badge>
                {preview.counts.withProblems > 0 && (
                  <Badge color="red" variant="light" size="lg" style={{ textTransform: 'none' }} data-testid="class-list-problems">
                    {t('pupilsImport.withProblems', { count: preview.counts.withProblems })}
                  </Badge>
                )}
              </Group>
              <SegmentedControl
                size="xs"
                value={onlyProblems ? 'problems' : 'all'}
                onChange={(v) => setOnlyProblems(v === 'problems')}
                data={[
                  { value: 'all', label: t('pupilsImport.showAll') },
                  { value: 'problems', label: t('pupilsImport.showProblems') },
                ]}
              />
            </Group>
            <ScrollArea.Autosize mah="45vh" type="auto">
              <Table striped verticalSpacing={4} fz="sm" stickyHeader data-testid="class-list-rows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('pupilsImport.line')}</Table.Th>
                    <Table.Th>{t('pupils.name')}</Table.Th>
                    <Table.Th>{t('pupils.iin')}</Table.Th>
                    <Table.Th>{t('pupilsImport.field.birthDate')}</Table.Th>
                    <Table.Th>{t('pupils.class')}</Table.Th>
                    <Table.Th>{t('pupilsImport.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.slice(0, SHOWN_ROWS).map((r) => (
                    <PreviewRow key={`${r.sheet ?? ''}:${r.line}`} row={r} showSheet={manySheets} />
                  ))}
                </Table.Tbody>
              </Table>
              {rows.length > SHOWN_ROWS && (
                <Text size="sm" c="dimmed" p="xs">
                  {t('pupilsImport.moreRows', { count: rows.length - SHOWN_ROWS })}
                </Text>
              )}
            </ScrollArea.Autosize>
          </>
        )}
        {commit.error && <ErrorAlert error={commit.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!preview || !fileBase64 || preview.counts.ready === 0 || preview.missing.length > 0 || load.isPending}
            loading={commit.isPending}
            onClick={() =>
              preview &&
              fileBase64 &&
              commit.mutate({
                source: { fileBase64, instructionLanguage: language, ...(preview.suggested ? {} : { mapping: preview.mapping }) },
                expected: preview.counts.ready,
              })
            }
            data-testid="class-list-accept"
          >
            {t('pupilsImport.accept', { count: preview?.counts.ready ?? 0 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PreviewRow({ row, showSheet }: { row: ClassListRow; showSheet: boolean }) {
  const { t } = useTranslation();
  const bad = row.problems.length > 0;
  return (
    <Table.Tr data-problem={bad ? 'yes' : 'no'}>
      <Table.Td c="dimmed">{showSheet && row.sheet ? `${row.sheet}: ${row.line}` : row.line}</Table.Td>
      <Table.Td>
        {row.lastName} {row.firstName} {row.middleName}
      </Table.Td>
      <Table.Td ff="monospace">{row.iin ?? ''}</Table.Td>
      <Table.Td>{row.birthDate ?? ''}</Table.Td>
      <Table.Td>{row.grade === null ? '' : `${row.grade} ${row.classLetter}`}</Table.Td>
      <Table.Td>
        {bad ? (
          <Group gap={4}>
            {row.problems.map((p) => (
              <Badge key={p} color={p === 'already_in_school' ? 'gray' : 'red'} variant="light" size="sm" style={{ textTransform: 'none' }}>
                {t(`pupilsImport.problem.${p}`)}
              </Badge>
            ))}
          </Group>
        ) : (
          <Badge color="green" variant="light" size="sm" style={{ textTransform: 'none' }}>
            {t('pupilsImport.ok')}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
