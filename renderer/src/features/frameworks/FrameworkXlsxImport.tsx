/**
 * A framework (e.g. the Concept "Children of Kazakhstan" 2026–2030) imported from an Excel workbook: what the
 * file holds, the fields to complete or correct (code, revision, kind, titles, years), the rows with problems,
 * then the import. An existing code and revision is refused.
 */
import {
  Alert,
  Button,
  Checkbox,
  FileButton,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_BYTES, type FrameworkXlsxPreview } from '../../../../shared/plans-io';
import { invalidate, useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { useNavigate } from '@tanstack/react-router';
import { currentLanguage } from '../../i18n';
import { fileToBase64, formatBytes } from '../plans/format';

/** the workbook's sheets (Latin names in the file), named in the UI language */
const SHEETS = ['framework', 'sections', 'items', 'abbreviations'];
const KINDS = ['decree', 'concept', 'order', 'programme', 'other'] as const;
type Kind = (typeof KINDS)[number];

interface Overrides {
  code?: string;
  revision?: number;
  kind?: Kind;
  titleKk?: string;
  titleRu?: string;
  yearFrom?: number;
  yearTo?: number;
}

export function FrameworkXlsxImport({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<FrameworkXlsxPreview | null>(null);
  const [o, setO] = useState<Overrides>({});
  const [acceptProblems, setAcceptProblems] = useState(false);
  const check = useApiMutation('plansIo.frameworkPreviewXlsx', { onSuccess: setPreview });
  const imp = useApiMutation('plansIo.frameworkImportXlsx', {
    onSuccess: async (f) => {
      await invalidate(qc, 'frameworks.list');
      notifications.show({ color: 'green', message: t('frameworks.imported', { n: f.itemCount }) });
      close();
      void navigate({ to: '/frameworks', search: { id: f.id } });
    },
  });

  const close = () => {
    setFile(null);
    setPreview(null);
    setO({});
    setFileError(null);
    setAcceptProblems(false);
    check.reset();
    imp.reset();
    onClose();
  };

  /** only the fields the user filled in */
  const overrides = (): Overrides => {
    const out: Overrides = {};
    if (o.code?.trim()) out.code = o.code.trim();
    if (o.revision) out.revision = o.revision;
    if (o.kind) out.kind = o.kind;
    if (o.titleKk?.trim()) out.titleKk = o.titleKk.trim();
    if (o.titleRu?.trim()) out.titleRu = o.titleRu.trim();
    if (o.yearFrom) out.yearFrom = o.yearFrom;
    if (o.yearTo) out.yearTo = o.yearTo;
    return out;
  };

  const onFile = async (f: File | null) => {
    setFileError(null);
    setPreview(null);
    if (!f) return;
    if (!f.name.toLowerCase().endsWith('.xlsx')) {
      setFileError(t('frameworks.xlsx.wrongType'));
      return;
    }
    if (f.size > MAX_IMPORT_BYTES) {
      setFileError(t('plans.import.tooLarge', { size: formatBytes(f.size, lang), max: formatBytes(MAX_IMPORT_BYTES, lang) }));
      return;
    }
    const base64 = await fileToBase64(f);
    setFile({ name: f.name, base64 });
    check.mutate({ fileBase64: base64, overrides: overrides() });
  };

  const problems = preview?.problems ?? [];
  const codeOk = !o.code || /^[a-z0-9][a-z0-9-]{1,62}$/.test(o.code.trim());

  return (
    <Modal opened={opened} onClose={close} title={t('plansIo.frameworkImport.title')} size="xl" centered>
      <Stack data-testid="framework-xlsx-import">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {file ? file.name : t('frameworks.xlsx.fileHint')}
          </Text>
          <FileButton accept=".xlsx" onChange={(f) => void onFile(f)}>
            {(props) => (
              <Button {...props} variant="light" leftSection={<IconUpload size={16} />} loading={check.isPending && !preview}>
                {t('frameworks.xlsx.choose')}
              </Button>
            )}
          </FileButton>
        </Group>
        {fileError && (
          <Alert color="red" variant="light">
            {fileError}
          </Alert>
        )}
        {check.error && <ErrorAlert error={check.error} />}
        {preview && (
          <>
            <Paper withBorder p="md" radius="sm">
              <Text size="sm" fw={600}>
                {preview.titleKk || preview.titleRu || t('frameworks.xlsx.noTitle')}
              </Text>
              <Text size="sm" mt={4}>
                {t('plansIo.frameworkImport.summary', { sections: preview.sections, items: preview.items, abbreviations: preview.abbreviations })}
              </Text>
              {!preview.valid && (
                <Alert color="orange" variant="light" mt="sm">
                  {t('plansIo.frameworkImport.invalid', { path: preview.invalidPath ?? '' })}
                </Alert>
              )}
            </Paper>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('frameworks.xlsx.code')}
                description={t('frameworks.xlsx.codeHint')}
                placeholder={preview.code ?? ''}
                value={o.code ?? ''}
                onChange={(e) => setO({ ...o, code: e.currentTarget.value })}
                error={codeOk ? undefined : t('frameworks.xlsx.badCode')}
              />
              <NumberInput
                label={t('plansIo.frameworkImport.revision')}
                placeholder={preview.revision ? String(preview.revision) : ''}
                min={1}
                max={10000}
                value={o.revision ?? ''}
                onChange={(v) => setO({ ...o, revision: typeof v === 'number' ? v : undefined })}
              />
              <TextInput label={t('frameworks.xlsx.titleKk')} placeholder={preview.titleKk ?? ''} value={o.titleKk ?? ''} onChange={(e) => setO({ ...o, titleKk: e.currentTarget.value })} />
              <TextInput label={t('frameworks.xlsx.titleRu')} placeholder={preview.titleRu ?? ''} value={o.titleRu ?? ''} onChange={(e) => setO({ ...o, titleRu: e.currentTarget.value })} />
              <Select
                label={t('plansIo.frameworkImport.kind')}
                value={o.kind ?? null}
                onChange={(v) => setO({ ...o, kind: (KINDS as readonly string[]).includes(v ?? '') ? (v as Kind) : undefined })}
                data={KINDS.map((k) => ({ value: k, label: t(`frameworks.kind.${k}`) }))}
                clearable
              />
              <Group grow>
                <NumberInput
                  label={t('plansIo.frameworkImport.yearFrom')}
                  min={2000}
                  max={2100}
                  value={o.yearFrom ?? ''}
                  onChange={(v) => setO({ ...o, yearFrom: typeof v === 'number' ? v : undefined })}
                />
                <NumberInput
                  label={t('plansIo.frameworkImport.yearTo')}
                  min={2000}
                  max={2100}
                  value={o.yearTo ?? ''}
                  onChange={(v) => setO({ ...o, yearTo: typeof v === 'number' ? v : undefined })}
                />
              </Group>
            </SimpleGrid>
            <Group>
              <Button variant="default" size="xs" disabled={!file || !codeOk} loading={check.isPending} onClick={() => file && check.mutate({ fileBase64: file.base64, overrides: overrides() })}>
                {t('frameworks.xlsx.recheck')}
              </Button>
            </Group>
            {problems.length > 0 && (
              <Paper withBorder p="md" radius="sm" bg="var(--mantine-color-red-0)">
                <Text size="sm" fw={600} mb={4}>
                  {t('frameworks.xlsx.problems', { n: problems.length })}
                </Text>
                <List size="sm" spacing={2}>
                  {problems.slice(0, 50).map((p, i) => (
                    <List.Item key={i}>
                      {t('frameworks.xlsx.problemLine', { sheet: SHEETS.includes(p.sheet) ? t(`frameworks.xlsx.sheets.${p.sheet}`) : p.sheet, row: p.row })}: {t(`plansIo.frameworkImport.problems.${p.reason}`)}
                    </List.Item>
                  ))}
                </List>
                <Checkbox
                  mt="sm"
                  color="orange"
                  checked={acceptProblems}
                  onChange={(e) => setAcceptProblems(e.currentTarget.checked)}
                  label={t('plansIo.frameworkImport.acceptProblems', { count: problems.length })}
                />
              </Paper>
            )}
            {imp.error && <ErrorAlert error={imp.error} />}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            leftSection={<IconFileSpreadsheet size={18} />}
            disabled={!file || !preview || !codeOk || (problems.length > 0 && !acceptProblems)}
            loading={imp.isPending}
            onClick={() => file && imp.mutate({ fileBase64: file.base64, overrides: overrides(), acceptProblems })}
          >
            {t('frameworks.xlsx.import')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
