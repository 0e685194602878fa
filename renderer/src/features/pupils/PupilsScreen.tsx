/**
 * Pupils: a paged list searched and filtered in the core (forgiving name search, IIN prefix, Kazakh order), and a
 * form to add or edit a pupil with IIN checking (birth date and sex are derived from a valid IIN). A row opens the
 * pupil's card (`#/pupil?id=…`, an audited view), where the same form edits the profile. Names follow the "hide
 * names" switch.
 */
import { Badge, Button, Checkbox, Group, Loader, Modal, MultiSelect, Pagination, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBigUpLines, IconFileImport, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseIin } from '../../../../shared/iin';
import { FAMILY_STATUSES, type Pupil } from '../../../../shared/pupils';
import type { Language } from '../../../../shared/roles';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { ErrorAlert, errorText } from '../../app/errors';
import { errorField, limitHint } from '../../app/fieldErrors';
import { usePupilNames } from '../../app/hideNames';
import { useNavigate } from '@tanstack/react-router';
import { RetentionButton } from '../retention/RetentionModal';
import { ArchivePanel, archiveLabel } from './ArchivePanel';
import { ImportClassListModal } from './ImportClassListModal';
import { PromoteModal } from './PromoteModal';
import { useCan } from '../../app/capabilities';

const PAGE_SIZE = 50;
const GRADES = Array.from({ length: 12 }, (_, i) => String(i));

type Dialog = { kind: 'create' } | { kind: 'edit'; id: string } | null;

export function PupilsScreen() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const canEdit = useCan('pupilsEdit');
  // a class teacher (no wider pupil role) sees no protection fields and may not filter by them
  const seesProtection = useCan('protectionRead');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [grade, setGrade] = useState<string | null>(null);
  const [onRegister, setOnRegister] = useState(false);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const names = usePupilNames();
  const canImport = useCan('pupilsImport');
  const canPromote = useCan('pupilsPromote');
  const canPurge = useCan('recordsPurge');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [importing, setImporting] = useState(false);
  const [promoting, setPromoting] = useState(false);

  const list = useApiQuery('pupils.list', {
    page: page - 1,
    pageSize: PAGE_SIZE,
    ...(debounced ? { search: debounced } : {}),
    ...(grade !== null ? { grade: Number(grade) } : {}),
    ...(onRegister && seesProtection ? { onRegister: true } : {}),
    ...(includeArchived ? { includeArchived: true } : {}),
  });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('pupils.search')}
            placeholder={t('pupils.searchHint')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            data-testid="pupils-search"
            w={280}
          />
          <Select
            label={t('pupils.grade')}
            placeholder={t('pupils.allGrades')}
            data={GRADES.map((g) => ({ value: g, label: g === '0' ? t('pupils.preschool') : g }))}
            value={grade}
            onChange={(v) => {
              setGrade(v);
              setPage(1);
            }}
            clearable
            w={200}
          />
          {seesProtection && (
            <Checkbox
              label={t('pupils.onRegisterOnly')}
              checked={onRegister}
              onChange={(e) => {
                setOnRegister(e.currentTarget.checked);
                setPage(1);
              }}
              mb={8}
            />
          )}
          <Checkbox
            label={t('pupils.includeArchived')}
            checked={includeArchived}
            onChange={(e) => {
              setIncludeArchived(e.currentTarget.checked);
              setPage(1);
            }}
            mb={8}
            data-testid="pupils-include-archived"
          />
        </Group>
        <Group>
          {canPurge && <RetentionButton />}
          {canPromote && (
            <Button variant="default" leftSection={<IconArrowBigUpLines size={18} />} onClick={() => setPromoting(true)} data-testid="pupils-promote">
              {t('pupils.promote.open')}
            </Button>
          )}
          {canImport && (
            <Button variant="default" leftSection={<IconFileImport size={18} />} onClick={() => setImporting(true)} data-testid="pupils-import">
              {t('pupilsImport.open')}
            </Button>
          )}
          {canEdit && (
            <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDialog({ kind: 'create' })} data-testid="pupil-add">
              {t('pupils.add')}
            </Button>
          )}
        </Group>
      </Group>
      <QueryPanel query={list}>
        {(data) =>
          data.items.length === 0 ? (
          <Text p="lg" c="dimmed">
            {t('pupils.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="pupils-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pupils.name')}</Table.Th>
                  <Table.Th>{t('pupils.class')}</Table.Th>
                  <Table.Th>{t('pupils.language')}</Table.Th>
                  {seesProtection && <Table.Th>{t('pupils.family')}</Table.Th>}
                  {seesProtection && <Table.Th>{t('pupils.register')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((p) => (
                  <Table.Tr key={p.id} onClick={() => void navigate({ to: '/pupil', search: { id: p.id } })} style={{ cursor: 'pointer' }} data-testid="pupil-row">
                    <Table.Td>
                      <Group gap={6}>
                        {/* the row opens with a click; its name is the button Tab reaches and Enter opens */}
                        <Text
                          size="sm"
                          fw={600}
                          c={p.archived ? 'dimmed' : undefined}
                          component="button"
                          type="button"
                          className="qorgan-row-link"
                          data-testid="pupil-open"
                        >
                          {names.name(p)}
                        </Text>
                        {p.archived && (
                          <Badge color="gray" variant="light" size="sm" style={{ textTransform: 'none' }} data-testid="pupil-archived-badge">
                            {archiveLabel(t, p)}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {p.grade} {p.classLetter}
                    </Table.Td>
                    <Table.Td>{t(`languages.${p.instructionLanguage}`)}</Table.Td>
                    {seesProtection && (
                      <Table.Td>
                        <Group gap={4}>
                          {(p.familyStatus ?? []).map((s) => (
                            <Badge key={s} variant="light" size="sm" style={{ textTransform: 'none' }}>
                              {t(`pupils.status.${s}`)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                    )}
                    {seesProtection && (
                      <Table.Td>{p.onRegister ? <Badge color="orange" style={{ textTransform: 'none' }}>{t('pupils.onRegister')}</Badge> : null}</Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
        }
      </QueryPanel>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('pupils.total', { count: list.data?.total ?? 0 })}
        </Text>
        {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
      </Group>
      {dialog && <PupilModal dialog={dialog} canEdit={canEdit} onClose={() => setDialog(null)} />}
      <ImportClassListModal opened={importing} onClose={() => setImporting(false)} />
      {promoting && <PromoteModal onClose={() => setPromoting(false)} />}
    </Stack>
  );
}

/** Names keep at most this many characters (shared/pupils.ts). */
const NAME_MAX = 100;

interface Draft {
  lastName: string;
  firstName: string;
  middleName: string;
  iin: string;
  grade: string;
  classLetter: string;
  instructionLanguage: Language;
  /** null: hidden (the session does not hold the protection compartment) */
  familyStatus: string[] | null;
}

const EMPTY: Draft = { lastName: '', firstName: '', middleName: '', iin: '', grade: '1', classLetter: '', instructionLanguage: 'kk', familyStatus: [] };

function toDraft(p: Pupil): Draft {
  return {
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName,
    iin: p.iin ?? '',
    grade: String(p.grade),
    classLetter: p.classLetter,
    instructionLanguage: p.instructionLanguage,
    familyStatus: p.familyStatus ?? [],
  };
}

export function PupilModal({ dialog, canEdit, onClose }: { dialog: NonNullable<Dialog>; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const editId = dialog.kind === 'edit' ? dialog.id : null;
  // opening a pupil is a view of a sensitive record: the core audits it
  const pupil = useApiQuery('pupils.get', { id: editId ?? '' }, { enabled: editId !== null });
  if (editId && pupil.isPending) {
    return (
      <Modal opened onClose={onClose} title={t('pupils.edit')}>
        <Loader size="sm" />
      </Modal>
    );
  }
  if (editId && pupil.error) {
    return (
      <Modal opened onClose={onClose} title={t('pupils.edit')}>
        <ErrorAlert error={pupil.error} />
      </Modal>
    );
  }
  // an archived pupil is read-only (the core refuses writes with pupils.archived)
  return <PupilForm id={editId} pupil={pupil.data ?? null} initial={pupil.data ? toDraft(pupil.data) : EMPTY} canEdit={canEdit && !pupil.data?.archived} canArchive={canEdit} onClose={onClose} />;
}

function PupilForm({
  id,
  pupil,
  initial,
  canEdit,
  canArchive,
  onClose,
}: {
  id: string | null;
  pupil: Pupil | null;
  initial: Draft;
  canEdit: boolean;
  canArchive: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(initial);
  const seesProtection = useCan('protectionRead');
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const iin = d.iin.trim();
  const parsed = iin ? parseIin(iin) : null;
  const onDone = async () => {
    await invalidate(qc, 'pupils.list', 'pupils.get');
    notifications.show({ color: 'green', message: t('pupils.saved') });
    onClose();
  };
  // an error about one field (a duplicate IIN, a name too long) is shown on that field; others as a notice
  const onError = (e: Parameters<typeof errorText>[1]) => {
    if (!errorField(e)) notifications.show({ color: 'red', message: errorText(t, e) });
  };
  const create = useApiMutation('pupils.create', { onSuccess: onDone, onError });
  const update = useApiMutation('pupils.update', { onSuccess: onDone, onError });
  const saveError = create.error ?? update.error;
  const field = errorField(saveError);
  const fieldError = (name: string) => (field === name && !create.isPending && !update.isPending ? errorText(t, saveError) : undefined);
  // editing a field clears the refusal it was marked with
  const edit = (k: 'lastName' | 'firstName' | 'middleName' | 'iin', v: string) => {
    set(k, v);
    if (create.error) create.reset();
    if (update.error) update.reset();
  };
  const nameProps = (k: 'lastName' | 'firstName' | 'middleName') => ({
    value: d[k],
    onChange: (e: { currentTarget: { value: string } }) => edit(k, e.currentTarget.value),
    maxLength: NAME_MAX,
    description: limitHint(t, d[k], NAME_MAX),
    error: fieldError(k),
    disabled: !canEdit,
  });
  const input = {
    iin: iin || null,
    lastName: d.lastName.trim(),
    firstName: d.firstName.trim(),
    middleName: d.middleName.trim(),
    grade: Number(d.grade),
    classLetter: d.classLetter.trim(),
    instructionLanguage: d.instructionLanguage,
    familyStatus: (d.familyStatus ?? []).filter((s): s is (typeof FAMILY_STATUSES)[number] => (FAMILY_STATUSES as readonly string[]).includes(s)),
  };
  const valid = input.lastName !== '' && input.firstName !== '' && (!parsed || parsed.ok);
  const save = () => (id ? update.mutate({ id, pupil: input }) : create.mutate(input));

  return (
    <Modal opened onClose={onClose} title={id ? t('pupils.edit') : t('pupils.add')} size="lg">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('pupils.lastName')} {...nameProps('lastName')} required data-testid="pupil-last-name" />
          <TextInput label={t('pupils.firstName')} {...nameProps('firstName')} required data-testid="pupil-first-name" />
          <TextInput label={t('pupils.middleName')} {...nameProps('middleName')} data-testid="pupil-middle-name" />
        </SimpleGrid>
        <TextInput
          label={t('pupils.iin')}
          description={parsed?.ok ? t('pupils.iinInfo', { date: dayjs(parsed.info.birthDate).format('LL'), sex: t(`pupils.sex.${parsed.info.sex}`) }) : t('pupils.iinHint')}
          error={parsed && !parsed.ok ? t(`pupils.iinProblem.${parsed.problem}`) : fieldError('iin')}
          value={d.iin}
          onChange={(e) => edit('iin', e.currentTarget.value.replace(/\D/g, '').slice(0, 12))}
          disabled={!canEdit}
          styles={{ input: { fontFamily: 'monospace' } }}
          data-testid="pupil-iin"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label={t('pupils.grade')} data={GRADES.map((g) => ({ value: g, label: g === '0' ? t('pupils.preschool') : g }))} value={d.grade} onChange={(v) => set('grade', v ?? '1')} allowDeselect={false} disabled={!canEdit} />
          <TextInput label={t('pupils.classLetter')} value={d.classLetter} onChange={(e) => set('classLetter', e.currentTarget.value.slice(0, 4))} disabled={!canEdit} />
          <Select
            label={t('pupils.language')}
            data={(['kk', 'ru'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            value={d.instructionLanguage}
            onChange={(v) => set('instructionLanguage', v === 'ru' ? 'ru' : 'kk')}
            allowDeselect={false}
            disabled={!canEdit}
          />
        </SimpleGrid>
        {seesProtection && d.familyStatus !== null && (
          <MultiSelect
            label={t('pupils.family')}
            data={FAMILY_STATUSES.map((s) => ({ value: s, label: t(`pupils.status.${s}`) }))}
            value={d.familyStatus}
            onChange={(v) => set('familyStatus', v)}
            disabled={!canEdit}
            clearable
          />
        )}
        {pupil && <ArchivePanel pupil={pupil} canEdit={canArchive} onDone={onClose} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {canEdit && (
            <Button onClick={save} disabled={!valid} loading={create.isPending || update.isPending} data-testid="pupil-save">
              {t('common.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
