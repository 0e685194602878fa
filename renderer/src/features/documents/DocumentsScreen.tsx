/**
 * The register of issued documents: search (title, register number), kind filter, pages; open, save a copy, print.
 * A signer whose certificate the school has since retired is marked so, with the date.
 * A document that waits for another signature says whose; its signer adds it here (`documents.cosign`).
 */
import { ActionIcon, Badge, Button, Grid, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconEye, IconPrinter, IconSearch } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/api';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentSummary, type SigningCertificate } from '../../../../shared/documents';
import { invoke } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { errorText } from '../../app/errors';
import { CosignDialog } from './CosignDialog';
import { TEXT_WARNING } from '../../app/theme';

const PAGE_SIZE = 50;

export function DocumentsScreen() {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [kind, setKind] = useState<DocumentKind | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
  const input: MethodInput<'documents.list'> = { page, pageSize: PAGE_SIZE };
  if (debounced.trim()) input.search = debounced.trim();
  if (kind) input.kind = kind;
  if (year) input.year = year;
  // asked anew on each visit: other screens and other logins issue and co-sign documents
  const list = useApiQuery('documents.list', input, { placeholderData: (prev) => prev, refetchOnMount: 'always' });
  const certs = useApiQuery('documents.certificates.list', { includeRetired: true });
  const certById = new Map((certs.data ?? []).map((c) => [c.id, c]));
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack>
      <Paper withBorder radius="md" p="md">
        {/* the search takes half the row: its placeholder is read whole at 1024 px in both languages */}
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('documents.register.search')}
              aria-label={t('documents.register.search')}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(0);
              }}
              data-testid="documents-search"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <Select
              placeholder={t('documents.register.kindAll')}
              aria-label={t('documents.register.columns.kind')}
              data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kind.${k}`) }))}
              value={kind}
              onChange={(v) => {
                setKind(DOCUMENT_KINDS.find((k) => k === v) ?? null);
                setPage(0);
              }}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <Select
              placeholder={t('documents.register.yearAll')}
              aria-label={t('documents.register.yearAll')}
              data={years}
              value={year ? String(year) : null}
              onChange={(v) => {
                setYear(v ? Number(v) : null);
                setPage(0);
              }}
              clearable
            />
          </Grid.Col>
        </Grid>
      </Paper>
      <Text size="sm" c="dimmed" data-testid="documents-total">
        {t('documents.register.total', { count: total })}
      </Text>
      <QueryPanel query={list}>
        {(data) =>
          (
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="xs" striped highlightOnHover data-testid="documents-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('documents.register.columns.number')}</Table.Th>
                  <Table.Th>{t('documents.register.columns.title')}</Table.Th>
                  <Table.Th visibleFrom="lg">{t('documents.register.columns.kind')}</Table.Th>
                  <Table.Th>{t('documents.register.columns.signers')}</Table.Th>
                  <Table.Th>{t('documents.register.columns.date')}</Table.Th>
                  <Table.Th>{t('documents.register.columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((d) => (
                  <DocumentRow key={d.id} doc={d} certById={certById} />
                ))}
                {data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text c="dimmed" size="sm" p="sm">
                        {t('documents.register.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
        }
      </QueryPanel>
      {pages > 1 && <Pagination total={pages} value={page + 1} onChange={(p) => setPage(p - 1)} />}
    </Stack>
  );
}

function DocumentRow({ doc, certById }: { doc: DocumentSummary; certById: Map<string, SigningCertificate> }) {
  const { t } = useTranslation();
  const [opening, setOpening] = useState(false);
  const [cosigning, setCosigning] = useState(false);
  const next = doc.awaiting ?? null;
  // the core says whether the waiting signature is this session's (the rule co-signing itself applies)
  const mine = next?.mine === true;
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorText(t, e) });
  const save = useApiMutation('documents.saveCopy', {
    onSuccess: (r) => {
      if (r.saved) notifications.show({ color: 'green', message: t('documents.register.saved') });
    },
    onError,
  });
  const print = useApiMutation('documents.print', {
    onSuccess: () => notifications.show({ color: 'green', message: t('documents.register.printed') }),
    onError,
  });
  // the core shows the register copy in the shell's PDF window (an audited view)
  const open = async () => {
    setOpening(true);
    try {
      await invoke('documents.open', { id: doc.id });
    } catch (e) {
      onError(e);
    } finally {
      setOpening(false);
    }
  };
  return (
    <Table.Tr data-testid="documents-row">
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text fw={600} size="sm">
          {doc.registerNumber}
        </Text>
      </Table.Td>
      <Table.Td>
        {doc.purgedAt ? (
          <Stack gap={2} align="flex-start" data-testid="documents-purged">
            <Badge size="sm" color="gray" variant="outline" style={{ textTransform: 'none' }}>
              {t('documents.register.purged', { date: dayjs(doc.purgedAt).format('DD.MM.YYYY') })}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('documents.register.purgedReason')}
            </Text>
          </Stack>
        ) : (
          <Text size="sm">{doc.title}</Text>
        )}
        <Text size="xs" c="dimmed" hiddenFrom="lg">
          {t(`documents.kind.${doc.kind}`)}
        </Text>
      </Table.Td>
      <Table.Td visibleFrom="lg">
        <Text size="sm">{t(`documents.kind.${doc.kind}`)}</Text>
      </Table.Td>
      <Table.Td>
        {doc.signers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('documents.register.unsigned')}
          </Text>
        ) : (
          doc.signers.map((s) => {
            const retiredAt = s.certificateId ? certById.get(s.certificateId)?.retiredAt : null;
            return (
              <Group gap={6} key={`${s.serialHex}-${s.signedAt}`} wrap="nowrap">
                <Text size="sm">{s.name}</Text>
                {retiredAt && (
                  <Badge size="xs" color="orange" variant="light" data-testid="documents-signer-retired">
                    {t('documents.verify.trust.school_retired', { date: dayjs(retiredAt).format('DD.MM.YYYY') })}
                  </Badge>
                )}
              </Group>
            );
          })
        )}
        {next && (
          <Stack gap={4} mt={4} align="flex-start">
            <Text size="xs" c={TEXT_WARNING} fw={600} data-testid="documents-awaiting">
              {t('documents.register.awaiting', { role: next.roleLabel })}
            </Text>
            {mine && (
              <Button size="compact-xs" onClick={() => setCosigning(true)} data-testid="documents-cosign">
                {t('documents.cosign.sign')}
              </Button>
            )}
          </Stack>
        )}
        {mine && <CosignDialog doc={doc} opened={cosigning} onClose={() => setCosigning(false)} />}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{dayjs(doc.createdAt).format('DD.MM.YYYY')}</Text>
        <Text size="xs" c="dimmed">
          {dayjs(doc.createdAt).format('HH:mm')}
        </Text>
      </Table.Td>
      <Table.Td>
        {doc.purgedAt ? (
          <Text size="xs" c="dimmed">
            {t('documents.register.purgedNoFile')}
          </Text>
        ) : (
          <Group gap={4} wrap="nowrap">
            <Tooltip label={t('documents.register.open')}>
              <ActionIcon variant="light" loading={opening} onClick={() => void open()} aria-label={t('documents.register.open')} data-testid="documents-open">
                <IconEye size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('documents.register.save')}>
              <ActionIcon variant="light" loading={save.isPending} onClick={() => save.mutate({ id: doc.id })} aria-label={t('documents.register.save')}>
                <IconDeviceFloppy size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('documents.register.print')}>
              <ActionIcon variant="light" loading={print.isPending} onClick={() => print.mutate({ id: doc.id })} aria-label={t('documents.register.print')}>
                <IconPrinter size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
