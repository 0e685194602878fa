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
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseIin } from '../../../../shared/iin';
import { FAMILY_STATUSES, type Pupil } from '../../../../shared/pupils';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { ErrorAlert, errorText } from '../../app/errors';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError } from '../../app/forms';
import { usePupilNames } from '../../app/hideNames';
import { useNavigate } from '@tanstack/react-router';
import { RetentionButton } from '../retention/RetentionModal';
import { ArchivePanel, archiveLabel } from './ArchivePanel';
import { ImportClassListModal } from './ImportClassListModal';
import { PromoteModal } from './PromoteModal';
import { CLASS_LETTER_MAX, PUPIL_NAME_MAX, PUPIL_SERVER_FIELDS, emptyPupil, pupilFormSchema, pupilValues, validatePupil, type PupilFormValues } from './forms';
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
  return <PupilForm id={editId} pupil={pupil.data ?? null} initial={pupil.data ? pupilValues(pupil.data) : emptyPupil()} canEdit={canEdit && !pupil.data?.archived} canArchive={canEdit} onClose={onClose} />;
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
  initial: PupilFormValues;
  canEdit: boolean;
  canArchive: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const seesProtection = useCan('protectionRead');
  // the IIN is checked as it is typed (its problem, or the birth date and sex it gives); the rest on submit
  const form = useForm<PupilFormValues>({ mode: 'controlled', initialValues: initial, validate: validatePupil(t), validateInputOnChange: ['iin'] });
  const onDone = async () => {
    await invalidate(qc, 'pupils.list', 'pupils.get');
    notifications.show({ color: 'green', message: t('pupils.saved') });
    onClose();
  };
  // a refusal about one field (a duplicate IIN, a name too long) is shown on that field; others as a notice
  const onError = (e: unknown) => {
    if (!applyServerFieldError(t, form, e, PUPIL_SERVER_FIELDS)) notifications.show({ color: 'red', message: errorText(t, e) });
  };
  const create = useApiMutation('pupils.create', { onSuccess: onDone, onError });
  const update = useApiMutation('pupils.update', { onSuccess: onDone, onError });
  const v = form.getValues();
  const parsed = v.iin.trim() ? parseIin(v.iin.trim()) : null;
  const nameProps = (k: 'lastName' | 'firstName' | 'middleName') => ({
    ...form.getInputProps(k),
    maxLength: PUPIL_NAME_MAX,
    description: limitHint(t, v[k], PUPIL_NAME_MAX),
    disabled: !canEdit,
  });
  const submit = form.onSubmit((values) => {
    const input = pupilFormSchema.parse(values);
    if (id) update.mutate({ id, pupil: input });
    else create.mutate(input);
  });

  return (
    <Modal opened onClose={onClose} title={id ? t('pupils.edit') : t('pupils.add')} size="lg">
      <form onSubmit={submit} noValidate data-testid="pupil-form">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('pupils.lastName')} {...nameProps('lastName')} required data-testid="pupil-last-name" />
            <TextInput label={t('pupils.firstName')} {...nameProps('firstName')} required data-testid="pupil-first-name" />
            <TextInput label={t('pupils.middleName')} {...nameProps('middleName')} data-testid="pupil-middle-name" />
          </SimpleGrid>
          <TextInput
            label={t('pupils.iin')}
            {...form.getInputProps('iin')}
            description={parsed?.ok ? t('pupils.iinInfo', { date: dayjs(parsed.info.birthDate).format('LL'), sex: t(`pupils.sex.${parsed.info.sex}`) }) : t('pupils.iinHint')}
            onChange={(e) => form.setFieldValue('iin', e.currentTarget.value.replace(/\D/g, '').slice(0, 12))}
            inputMode="numeric"
            disabled={!canEdit}
            styles={{ input: { fontFamily: 'monospace' } }}
            data-testid="pupil-iin"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('pupils.grade')}
              data={GRADES.map((g) => ({ value: g, label: g === '0' ? t('pupils.preschool') : g }))}
              {...form.getInputProps('grade')}
              allowDeselect={false}
              disabled={!canEdit}
            />
            <TextInput
              label={t('pupils.classLetter')}
              {...form.getInputProps('classLetter')}
              maxLength={CLASS_LETTER_MAX}
              disabled={!canEdit}
            />
            <Select
              label={t('pupils.language')}
              data={(['kk', 'ru'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              {...form.getInputProps('instructionLanguage')}
              allowDeselect={false}
              disabled={!canEdit}
            />
          </SimpleGrid>
          {seesProtection && pupil?.familyStatus !== null && (
            <MultiSelect
              label={t('pupils.family')}
              data={FAMILY_STATUSES.map((s) => ({ value: s, label: t(`pupils.status.${s}`) }))}
              {...form.getInputProps('familyStatus')}
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
              // a wrong IIN (shown on its field as it is typed) keeps the save closed; other rules show on submit
              <Button type="submit" disabled={!form.isValid('iin')} loading={create.isPending || update.isPending} data-testid="pupil-save">
                {t('common.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
