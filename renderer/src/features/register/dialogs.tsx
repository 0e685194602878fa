/**
 * The register's dialogs: put on, edit, take off, review, a prevention-plan measure, an outside registration and
 * the school's list of grounds. Every write that edits an existing record sends the version the screen was opened
 * with; the core refuses it when someone changed the record meanwhile (`register.changed`), and the dialog says so.
 */
import { Button, Checkbox, Group, Modal, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodName } from '../../../../shared/api';
import {
  EXTERNAL_REGISTERS,
  REVIEW_OUTCOMES,
  type Decision,
  type ExternalRegisterBody,
  type ExternalRegistration,
  type PreventionMeasure,
  type RegisterEntry,
  type RegisterGround,
  type ReviewOutcome,
} from '../../../../shared/register';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { DateField } from '../../app/DateField';
import { groundLabel } from './labels';

const today = () => dayjs().format('YYYY-MM-DD');

/** Everything the register's screens show: refreshed after each write. */
const REGISTER_QUERIES: MethodName[] = ['register.list', 'register.forPupil', 'register.grounds', 'pupils.list', 'pupils.get'];

function useRegisterWrite<M extends MethodName>(method: M, onDone: () => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return useApiMutation(method, {
    onSuccess: async () => {
      await invalidate(qc, ...REGISTER_QUERIES);
      notifications.show({ color: 'green', message: t('register.saved') });
      onDone();
    },
    // someone changed the record meanwhile: the dialog says so, and the screen behind it shows the current state
    onError: async (e) => {
      if (e.code === 'register.changed') await invalidate(qc, ...REGISTER_QUERIES);
    },
  });
}

function DecisionFields({ value, onChange, prefix }: { value: Decision; onChange: (d: Decision) => void; prefix: string }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <TextInput
        label={t('register.decisionNumber')}
        value={value.number}
        onChange={(e) => onChange({ ...value, number: e.currentTarget.value.slice(0, 40) })}
        required
        data-testid={`${prefix}-number`}
      />
      <DateField label={t('register.decisionDate')} value={value.date} onChange={(v) => onChange({ ...value, date: v ?? value.date })} name={`${prefix}-date`} />
      <Select
        label={t('register.body')}
        data={(['council', 'director'] as const).map((b) => ({ value: b, label: t(`register.bodies.${b}`) }))}
        value={value.body}
        onChange={(v) => onChange({ ...value, body: (v) ?? value.body })}
        allowDeselect={false}
        data-testid={`${prefix}-body`}
      />
    </SimpleGrid>
  );
}

function GroundsSelect({ grounds, value, onChange }: { grounds: RegisterGround[]; value: string[]; onChange: (v: string[]) => void }) {
  const { t, i18n } = useTranslation();
  // retired grounds stay selectable only where they are already chosen
  const data = grounds.filter((g) => !g.retired || value.includes(g.id)).map((g) => ({ value: g.id, label: groundLabel(g, i18n.language) }));
  return <MultiSelect label={t('register.grounds')} data={data} value={value} onChange={onChange} required searchable data-testid="register-grounds" />;
}

function StaffSelect({ label, value, onChange, testId }: { label: string; value: string | null; onChange: (v: string | null) => void; testId: string }) {
  const staff = useApiQuery('register.staff', {});
  return (
    <Select
      label={label}
      data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
      value={value}
      onChange={onChange}
      clearable
      searchable
      data-testid={testId}
    />
  );
}

/** Puts a pupil on the register; without `pupilId` the pupil is chosen by name first. */
export function PutOnModal({ pupilId, onClose }: { pupilId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [pupil, setPupil] = useState<string | null>(pupilId);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useApiQuery('pupils.list', { search: debounced, pageSize: 20 }, { enabled: pupilId === null && debounced.length > 1 });
  const grounds = useApiQuery('register.grounds', {});
  const [decision, setDecision] = useState<Decision>({ number: '', date: today(), body: 'council' });
  const [groundIds, setGroundIds] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const [curatorId, setCuratorId] = useState<string | null>(null);
  const [reviewMonths, setReviewMonths] = useState<number>(3);
  const put = useRegisterWrite('register.putOn', onClose);
  const valid = pupil !== null && decision.number.trim() !== '' && groundIds.length > 0;
  return (
    <Modal opened onClose={onClose} title={t('register.putOn')} size="xl">
      <Stack>
        {pupilId === null && (
          <Group align="flex-end" grow>
            <TextInput label={t('register.findPupil')} placeholder={t('pupils.searchHint')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-testid="register-pupil-search" />
            <Select
              label={t('register.pupil')}
              data={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.lastName} ${p.firstName} — ${p.grade} ${p.classLetter}` }))}
              value={pupil}
              onChange={setPupil}
              nothingFoundMessage={t('pupils.none')}
              data-testid="register-pupil"
            />
          </Group>
        )}
        <DecisionFields value={decision} onChange={setDecision} prefix="register-on" />
        <GroundsSelect grounds={grounds.data ?? []} value={groundIds} onChange={setGroundIds} />
        <Textarea label={t('register.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} maxRows={6} maxLength={4000} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <StaffSelect label={t('register.curator')} value={curatorId} onChange={setCuratorId} testId="register-curator" />
          <NumberInput label={t('register.reviewMonths')} description={t('register.reviewMonthsHint')} value={reviewMonths} onChange={(v) => setReviewMonths(typeof v === 'number' ? v : 3)} min={1} max={12} />
        </SimpleGrid>
        <ErrorAlert error={put.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!valid}
            loading={put.isPending}
            onClick={() => pupil && put.mutate({ pupilId: pupil, decision: { ...decision, number: decision.number.trim() }, groundIds, notes, curatorId, reviewMonths })}
            data-testid="register-put-on-save"
          >
            {t('register.putOn')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function EditEntryModal({ entry, onClose }: { entry: RegisterEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const grounds = useApiQuery('register.grounds', {});
  const [decision, setDecision] = useState<Decision>(entry.on);
  const [groundIds, setGroundIds] = useState<string[]>(entry.groundIds ?? []);
  const [notes, setNotes] = useState(entry.notes ?? '');
  const [curatorId, setCuratorId] = useState<string | null>(entry.curatorId);
  const [reviewMonths, setReviewMonths] = useState<number>(entry.reviewMonths);
  const [nextReviewOn, setNextReviewOn] = useState<string | null>(entry.nextReviewOn);
  const save = useRegisterWrite('register.update', onClose);
  return (
    <Modal opened onClose={onClose} title={t('register.editEntry')} size="xl">
      <Stack>
        <DecisionFields value={decision} onChange={setDecision} prefix="register-edit" />
        <GroundsSelect grounds={grounds.data ?? []} value={groundIds} onChange={setGroundIds} />
        <Textarea label={t('register.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} maxRows={6} maxLength={4000} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <StaffSelect label={t('register.curator')} value={curatorId} onChange={setCuratorId} testId="register-edit-curator" />
          <NumberInput label={t('register.reviewMonths')} value={reviewMonths} onChange={(v) => setReviewMonths(typeof v === 'number' ? v : 3)} min={1} max={12} />
          {entry.off === null && <DateField label={t('register.nextReview')} value={nextReviewOn} onChange={setNextReviewOn} clearable name="register-next-review" />}
        </SimpleGrid>
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={decision.number.trim() === '' || groundIds.length === 0}
            loading={save.isPending}
            onClick={() => save.mutate({ entryId: entry.id, version: entry.version, decision, groundIds, notes, curatorId, reviewMonths, nextReviewOn })}
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function TakeOffModal({ entry, onClose }: { entry: RegisterEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<Decision>({ number: '', date: today(), body: 'council' });
  const [reason, setReason] = useState('');
  const off = useRegisterWrite('register.takeOff', onClose);
  return (
    <Modal opened onClose={onClose} title={t('register.takeOff')} size="xl">
      <Stack>
        <DecisionFields value={decision} onChange={setDecision} prefix="register-off" />
        <Textarea label={t('register.offReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} maxRows={6} maxLength={4000} />
        <ErrorAlert error={off.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="orange"
            disabled={decision.number.trim() === ''}
            loading={off.isPending}
            onClick={() => off.mutate({ entryId: entry.id, version: entry.version, decision: { ...decision, number: decision.number.trim() }, reason })}
            data-testid="register-take-off-save"
          >
            {t('register.takeOff')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function ReviewModal({ entry, onClose }: { entry: RegisterEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const [reviewedOn, setReviewedOn] = useState<string>(today());
  const [outcome, setOutcome] = useState<ReviewOutcome>('no_change');
  const [note, setNote] = useState('');
  const [auto, setAuto] = useState(true);
  const [next, setNext] = useState<string | null>(null);
  const review = useRegisterWrite('register.review', onClose);
  return (
    <Modal opened onClose={onClose} title={t('register.review')} size="lg">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('register.reviewedOn')} value={reviewedOn} onChange={(v) => setReviewedOn(v ?? reviewedOn)} name="register-reviewed-on" />
          <Select
            label={t('register.outcome')}
            data={REVIEW_OUTCOMES.map((o) => ({ value: o, label: t(`register.outcomes.${o}`) }))}
            value={outcome}
            onChange={(v) => setOutcome((v) ?? outcome)}
            allowDeselect={false}
            data-testid="register-outcome"
          />
        </SimpleGrid>
        <Textarea label={t('register.reviewNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxRows={6} maxLength={4000} />
        <Checkbox label={t('register.nextReviewAuto', { months: entry.reviewMonths })} checked={auto} onChange={(e) => setAuto(e.currentTarget.checked)} />
        {!auto && <DateField label={t('register.nextReview')} value={next} onChange={setNext} clearable name="register-review-next" />}
        <ErrorAlert error={review.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={review.isPending}
            onClick={() => review.mutate({ entryId: entry.id, version: entry.version, reviewedOn, outcome, note, ...(auto ? {} : { nextReviewOn: next }) })}
            data-testid="register-review-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function MeasureModal({ entryId, measure, onClose }: { entryId: string; measure: PreventionMeasure | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [what, setWhat] = useState(measure?.what ?? '');
  const [who, setWho] = useState<'account' | 'text'>(measure && measure.responsibleId === null && measure.responsibleText ? 'text' : 'account');
  const [responsibleId, setResponsibleId] = useState<string | null>(measure?.responsibleId ?? null);
  const [responsibleText, setResponsibleText] = useState(measure?.responsibleText ?? '');
  const [dueOn, setDueOn] = useState<string | null>(measure?.dueOn ?? null);
  const [doneOn, setDoneOn] = useState<string | null>(measure?.doneOn ?? null);
  const [result, setResult] = useState(measure?.result ?? '');
  const save = useRegisterWrite('register.saveMeasure', onClose);
  return (
    <Modal opened onClose={onClose} title={measure ? t('register.plan.edit') : t('register.plan.add')} size="lg">
      <Stack>
        <Textarea label={t('register.plan.what')} value={what} onChange={(e) => setWhat(e.currentTarget.value)} autosize minRows={2} maxRows={5} maxLength={2000} required data-testid="measure-what" />
        <SegmentedControl
          value={who}
          onChange={(v) => setWho(v === 'text' ? 'text' : 'account')}
          data={[
            { value: 'account', label: t('register.plan.responsibleAccount') },
            { value: 'text', label: t('register.plan.responsibleOther') },
          ]}
        />
        {who === 'account' ? (
          <StaffSelect label={t('register.plan.responsible')} value={responsibleId} onChange={setResponsibleId} testId="measure-responsible" />
        ) : (
          <TextInput label={t('register.plan.responsible')} value={responsibleText} onChange={(e) => setResponsibleText(e.currentTarget.value.slice(0, 300))} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('register.plan.due')} value={dueOn} onChange={setDueOn} clearable name="measure-due" />
          <DateField label={t('register.plan.done')} value={doneOn} onChange={setDoneOn} clearable name="measure-done" />
        </SimpleGrid>
        {doneOn !== null && <Textarea label={t('register.plan.result')} value={result} onChange={(e) => setResult(e.currentTarget.value)} autosize minRows={2} maxRows={5} maxLength={2000} />}
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={what.trim() === ''}
            loading={save.isPending}
            onClick={() =>
              save.mutate({
                entryId,
                ...(measure ? { id: measure.id, version: measure.version } : {}),
                what: what.trim(),
                responsibleId: who === 'account' ? responsibleId : null,
                responsibleText: who === 'text' ? responsibleText.trim() : '',
                dueOn,
                doneOn,
                result: doneOn !== null ? result : '',
              })
            }
            data-testid="measure-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function ExternalModal({ pupilId, record, onClose }: { pupilId: string; record: ExternalRegistration | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState<ExternalRegisterBody>(record?.body ?? 'juvenile_police');
  const [fromDate, setFromDate] = useState<string>(record?.fromDate ?? today());
  const [toDate, setToDate] = useState<string | null>(record?.toDate ?? null);
  const [note, setNote] = useState(record?.note ?? '');
  const save = useRegisterWrite('register.saveExternal', onClose);
  return (
    <Modal opened onClose={onClose} title={t('register.external.title')} size="lg">
      <Stack>
        <Select
          label={t('register.external.body')}
          data={EXTERNAL_REGISTERS.map((b) => ({ value: b, label: t(`register.external.bodies.${b}`) }))}
          value={body}
          onChange={(v) => setBody((v) ?? body)}
          allowDeselect={false}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('register.external.from')} value={fromDate} onChange={(v) => setFromDate(v ?? fromDate)} name="external-from" />
          <DateField label={t('register.external.to')} value={toDate} onChange={setToDate} clearable name="external-to" />
        </SimpleGrid>
        <Textarea label={t('register.notes')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxRows={5} maxLength={2000} />
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate({ pupilId, ...(record ? { id: record.id, version: record.version } : {}), body, fromDate, toDate, note })}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface GroundDraft {
  id?: string;
  labelKk: string;
  labelRu: string;
  retired: boolean;
}

/** The school's list of grounds: edit labels, add, retire (a ground in use cannot be deleted). */
export function GroundsModal({ grounds, onClose }: { grounds: RegisterGround[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<GroundDraft[]>(grounds.map((g) => ({ id: g.id, labelKk: g.labelKk, labelRu: g.labelRu, retired: g.retired })));
  const save = useRegisterWrite('register.saveGrounds', onClose);
  const set = (i: number, patch: Partial<GroundDraft>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const valid = rows.length > 0 && rows.every((r) => r.labelKk.trim() !== '' && r.labelRu.trim() !== '');
  return (
    <Modal opened onClose={onClose} title={t('register.groundsTitle')} size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('register.groundsHint')}
        </Text>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('languages.kk')}</Table.Th>
              <Table.Th>{t('languages.ru')}</Table.Th>
              <Table.Th w={120}>{t('register.retired')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.id ?? `new-${i}`}>
                <Table.Td>
                  <TextInput value={r.labelKk} onChange={(e) => set(i, { labelKk: e.currentTarget.value.slice(0, 300) })} size="xs" />
                </Table.Td>
                <Table.Td>
                  <TextInput value={r.labelRu} onChange={(e) => set(i, { labelRu: e.currentTarget.value.slice(0, 300) })} size="xs" />
                </Table.Td>
                <Table.Td>
                  {r.id ? (
                    <Checkbox checked={r.retired} onChange={(e) => set(i, { retired: e.currentTarget.checked })} />
                  ) : (
                    <Button size="xs" variant="subtle" color="red" onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>
                      {t('register.removeRow')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setRows((r) => [...r, { labelKk: '', labelRu: '', retired: false }])}>
            {t('register.addGround')}
          </Button>
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button disabled={!valid} loading={save.isPending} onClick={() => save.mutate({ grounds: rows.map((r) => ({ ...r, labelKk: r.labelKk.trim(), labelRu: r.labelRu.trim() })) })}>
              {t('common.save')}
            </Button>
          </Group>
        </Group>
        <ErrorAlert error={save.error} />
      </Stack>
    </Modal>
  );
}
