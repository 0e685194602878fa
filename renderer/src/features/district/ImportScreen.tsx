/**
 * Importing schools' report files (issue 14, item 4): one or many files at once; the core opens them and checks
 * each signature in the parse worker against the school's registered certificate, then merges each once. Every file
 * gets its line: merged (green) or refused (red) with its translated reason (errors.district.<outcome>): not a
 * report, too large, a newer schema, an unknown school, a broken signature, another key, already merged.
 * A file over the per-file limit is not even read here; a selection over the total limit is refused whole.
 */
import { Alert, Badge, Button, FileButton, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconFileImport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_TOTAL_BYTES, MAX_REPORT_FILE_BYTES, type ImportResult } from '../../../../shared/district';
import { DISTRICT_REPORT_SCHEMA_VERSION } from '../../../../shared/district-report';
import { invalidate, useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { fileToBase64 } from '../documents/files';

export function DistrictImportScreen() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [results, setResults] = useState<ImportResult[] | null>(null);
  const [tooMuch, setTooMuch] = useState(false);
  const [reading, setReading] = useState(false);
  const imp = useApiMutation('district.import', {
    onSuccess: async (r) => {
      setResults([...r, ...localRef.current]);
      await invalidate(qc, 'district.summary', 'district.periods', 'district.schools');
    },
  });
  // the lines of the files refused here (over the per-file limit), shown after the core's answer
  const localRef = useRef<ImportResult[]>([]);

  const onFiles = async (files: File[]) => {
    if (files.length === 0) return;
    setResults(null);
    setTooMuch(false);
    imp.reset();
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total > MAX_IMPORT_TOTAL_BYTES) {
      setTooMuch(true);
      return;
    }
    // a file over the per-file limit is not read at all: its line says why
    const big = files.filter((f) => f.size > MAX_REPORT_FILE_BYTES);
    const small = files.filter((f) => f.size <= MAX_REPORT_FILE_BYTES);
    const local: ImportResult[] = big.map((f) => ({ name: f.name, outcome: 'too_large', schoolCode: null, academicYear: null, quarter: null }));
    if (small.length === 0) {
      setResults(local);
      return;
    }
    setReading(true);
    try {
      const payload = await Promise.all(small.map(async (f) => ({ name: f.name.slice(0, 260), base64: await fileToBase64(f) })));
      localRef.current = local;
      imp.mutate({ files: payload });
    } finally {
      setReading(false);
    }
  };

  const merged = results?.filter((r) => r.outcome === 'merged').length ?? 0;
  const refused = (results?.length ?? 0) - merged;
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Text size="sm" c="dimmed" maw={760}>
            {t('district.import.hint')}
          </Text>
          <Group>
            <FileButton multiple onChange={(f) => void onFiles(f)} accept=".json,application/json">
              {(props) => (
                <Button {...props} leftSection={<IconFileImport size={18} />} loading={reading || imp.isPending} data-testid="district-import-pick">
                  {t('district.import.pick')}
                </Button>
              )}
            </FileButton>
          </Group>
          {tooMuch && (
            <Alert color="red" variant="light" data-testid="district-import-too-much">
              {t('district.import.tooManyBytes')}
            </Alert>
          )}
          <ErrorAlert error={imp.error} />
        </Stack>
      </Paper>
      {results && (
        <Paper withBorder radius="md" p="md" data-testid="district-import-results">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('district.import.results')}
            </Title>
            <Text size="sm" fw={500} data-testid="district-import-summary">
              {t('district.import.summary', { merged, refused })}
            </Text>
          </Group>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('district.import.file')}</Table.Th>
                  <Table.Th>{t('district.import.school')}</Table.Th>
                  <Table.Th>{t('district.import.period')}</Table.Th>
                  <Table.Th>{t('district.import.result')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.map((r, i) => (
                  <Table.Tr key={`${i}-${r.name}`} data-testid="district-import-row" data-outcome={r.outcome}>
                    <Table.Td style={{ wordBreak: 'break-all' }}>{r.name}</Table.Td>
                    <Table.Td>{r.schoolCode ?? '—'}</Table.Td>
                    <Table.Td>
                      {r.academicYear === null
                        ? '—'
                        : `${r.academicYear}–${r.academicYear + 1}${r.quarter === null ? '' : `, ${t('district.summary.quarterN', { n: r.quarter })}`}`}
                    </Table.Td>
                    <Table.Td>
                      {r.outcome === 'merged' ? (
                        <Badge color="green" variant="light" leftSection={<IconCircleCheck size={14} />} style={{ textTransform: 'none' }}>
                          {t('district.import.merged')}
                        </Badge>
                      ) : (
                        <Stack gap={4}>
                          <Badge color="red" variant="filled" leftSection={<IconCircleX size={14} />} style={{ textTransform: 'none' }}>
                            {t('district.import.refused')}
                          </Badge>
                          <Text size="sm" c="red.8" data-testid="district-import-reason">
                            {t(`errors.district.${r.outcome}`, { version: `${DISTRICT_REPORT_SCHEMA_VERSION + 1}+` })}
                          </Text>
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
