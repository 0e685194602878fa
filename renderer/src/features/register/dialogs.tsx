/**
 * The register's dialogs: put on, edit, take off, review, a prevention-plan measure, an outside registration and
 * the school's list of grounds, each a form on its method's schema (./forms.ts) with the core's date rules. Every
 * write that edits an existing record sends the version the screen was opened with; the core refuses it when
 * someone changed the record meanwhile (`register.changed`), and the dialog says so. A refusal about one field
 * lands on that field; the rest show above the buttons.
 */
import { Button, Checkbox, Group, Modal, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useForm, type FormErrors } from '@mantine/form';
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
  type ExternalRegistration,
  type PreventionMeasure,
  type RegisterEntry,
  type RegisterGround,
} from '../../../../shared/register';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { DateField } from '../../app/DateField';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError, type FieldErrorTarget, type ServerFieldMap } from '../../app/forms';
import { groundLabel } from './labels';
import {
  REGISTER_LIMITS,
  REGISTER_SERVER_FIELDS,
  REGISTER_SERVER_FIELDS_GIVEN_PUPIL,
  editEntryFormSchema,
  editEntryValues,
  externalFormSchema,
  groundsFormSchema,
  measureFormSchema,
  newDecision,
  putOnFormSchema,
  reviewFormSchema,
  takeOffFormSchema,
  validateEditEntry,
  validateExternal,
  validateGrounds,
  validateMeasure,
  validatePutOn,
  validateReview,
  validateTakeOff,
  type DecisionDraft,
  type EditEntryFormValues,
  type ExternalFormValues,
  type GroundsFormValues,
  type MeasureFormValues,
  type PutOnFormValues,
  type ReviewFormValues,
  type TakeOffFormValues,
} from './forms';

const today = () => dayjs().format('YYYY-MM-DD');

/** Everything the register's screens show: refreshed after each write. */
const REGISTER_QUERIES: MethodName[] = ['register.list', 'register.forPupil', 'register.grounds', 'pupils.list', 'pupils.get'];

function useRegisterWrite<M extends MethodName>(method: M, onDone: () => void, form: FieldErrorTarget, fields: ServerFieldMap = REGISTER_SERVER_FIELDS) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [onField, setOnField] = useState(false);
  const m = useApiMutation(method, {
    onSuccess: async () => {
      await invalidate(qc, ...REGISTER_QUERIES);
      notifications.show({ color: 'green', message: t('register.saved') });
      onDone();
    },
    // someone changed the record meanwhile: the dialog says so, and the screen behind it shows the current state
    onError: async (e) => {
      setOnField(applyServerFieldError(t, form, e, fields));
      if (e.code === 'register.changed') await invalidate(qc, ...REGISTER_QUERIES);
    },
  });
  /** the refusal for the alert above the buttons: none when it is shown on its field */
  return { ...m, alert: onField ? null : m.error };
}

/** A form error as text (DateField takes a string). */
function errorAt(errors: FormErrors, path: string): string | undefined {
  const e = errors[path];
  return typeof e === 'string' ? e : undefined;
}

/** What the decision fields need of a form that holds `decision`. */
interface DecisionForm {
  getValues: () => { decision: DecisionDraft };
  getInputProps: (path: 'decision.number' | 'decision.body') => ReturnType<ReturnType<typeof useForm<{ decision: DecisionDraft }>>['getInputProps']>;
  setFieldValue: (path: 'decision.date', value: string | null) => void;
  errors: FormErrors;
}

function DecisionFields({ form, prefix }: { form: DecisionForm; prefix: string }) {
  const { t } = useTranslation();
  const d = form.getValues().decision;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <TextInput
        label={t('register.decisionNumber')}
        {...form.getInputProps('decision.number')}
        description={limitHint(t, d.number, REGISTER_LIMITS.decisionNumber)}
        maxLength={REGISTER_LIMITS.decisionNumber}
        required
        data-testid={`${prefix}-number`}
      />
      <DateField label={t('register.decisionDate')} value={d.date} onChange={(v) => form.setFieldValue('decision.date', v)} error={errorAt(form.errors, 'decision.date')} name={`${prefix}-date`} />
      <Select
        label={t('register.body')}
        data={(['council', 'director'] as const).map((b) => ({ value: b, label: t(`register.bodies.${b}`) }))}
        {...form.getInputProps('decision.body')}
        allowDeselect={false}
        data-testid={`${prefix}-body`}
      />
    </SimpleGrid>
  );
}

function GroundsSelect({ grounds, value, inputProps }: { grounds: RegisterGround[]; value: string[]; inputProps: object }) {
  const { t, i18n } = useTranslation();
  // retired grounds stay selectable only where they are already chosen
  const data = grounds.filter((g) => !g.retired || value.includes(g.id)).map((g) => ({ value: g.id, label: groundLabel(g, i18n.language) }));
  return <MultiSelect label={t('register.grounds')} data={data} {...inputProps} required searchable data-testid="register-grounds" />;
}

function StaffSelect({ label, inputProps, testId }: { label: string; inputProps: object; testId: string }) {
  const staff = useApiQuery('register.staff', {});
  return <Select label={label} data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))} {...inputProps} clearable searchable data-testid={testId} />;
}

function Notes({ value, inputProps, max, label, testId }: { value: string; inputProps: object; max: number; label: string; testId: string }) {
  const { t } = useTranslation();
  return <Textarea label={label} {...inputProps} description={limitHint(t, value, max)} autosize minRows={2} maxRows={6} maxLength={max} data-testid={testId} />;
}

function Buttons({ onClose, loading, testId, color, label }: { onClose: () => void; loading: boolean; testId?: string; color?: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" color={color} loading={loading} data-testid={testId}>
        {label ?? t('common.save')}
      </Button>
    </Group>
  );
}

/** Puts a pupil on the register; without `pupilId` the pupil is chosen by name first. */
export function PutOnModal({ pupilId, onClose }: { pupilId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useApiQuery('pupils.list', { search: debounced, pageSize: 20 }, { enabled: pupilId === null && debounced.length > 1 });
  const grounds = useApiQuery('register.grounds', {});
  const form = useForm<PutOnFormValues>({
    mode: 'controlled',
    initialValues: { pupilId, decision: newDecision(today()), groundIds: [], notes: '', curatorId: null, reviewMonths: 3 },
    validate: validatePutOn(t),
  });
  const put = useRegisterWrite('register.putOn', onClose, form, pupilId === null ? REGISTER_SERVER_FIELDS : REGISTER_SERVER_FIELDS_GIVEN_PUPIL);
  const v = form.getValues();
  return (
    <Modal opened onClose={onClose} title={t('register.putOn')} size="xl">
      <form onSubmit={form.onSubmit((x) => put.mutate(putOnFormSchema.parse(x)))} noValidate data-testid="register-put-on-form">
        <Stack>
          {pupilId === null && (
            <Group align="flex-start" grow>
              <TextInput label={t('register.findPupil')} placeholder={t('pupils.searchHint')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-testid="register-pupil-search" />
              <Select
                label={t('register.pupil')}
                data={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.lastName} ${p.firstName} — ${p.grade} ${p.classLetter}` }))}
                {...form.getInputProps('pupilId')}
                required
                nothingFoundMessage={t('pupils.none')}
                data-testid="register-pupil"
              />
            </Group>
          )}
          <DecisionFields form={form} prefix="register-on" />
          <GroundsSelect grounds={grounds.data ?? []} value={v.groundIds} inputProps={form.getInputProps('groundIds')} />
          <Notes label={t('register.notes')} value={v.notes} inputProps={form.getInputProps('notes')} max={REGISTER_LIMITS.notes} testId="register-notes" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <StaffSelect label={t('register.curator')} inputProps={form.getInputProps('curatorId')} testId="register-curator" />
            <NumberInput label={t('register.reviewMonths')} description={t('register.reviewMonthsHint')} {...form.getInputProps('reviewMonths')} min={1} max={12} allowDecimal={false} data-testid="register-review-months" />
          </SimpleGrid>
          <ErrorAlert error={put.alert} />
          <Buttons onClose={onClose} loading={put.isPending} testId="register-put-on-save" label={t('register.putOn')} />
        </Stack>
      </form>
    </Modal>
  );
}

export function EditEntryModal({ entry, onClose }: { entry: RegisterEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const grounds = useApiQuery('register.grounds', {});
  const form = useForm<EditEntryFormValues>({ mode: 'controlled', initialValues: editEntryValues(entry), validate: validateEditEntry(t, entry) });
  const save = useRegisterWrite('register.update', onClose, form);
  const v = form.getValues();
  return (
    <Modal opened onClose={onClose} title={t('register.editEntry')} size="xl">
      <form onSubmit={form.onSubmit((x) => save.mutate({ entryId: entry.id, version: entry.version, ...editEntryFormSchema.parse(x) }))} noValidate data-testid="register-edit-form">
        <Stack>
          <DecisionFields form={form} prefix="register-edit" />
          <GroundsSelect grounds={grounds.data ?? []} value={v.groundIds} inputProps={form.getInputProps('groundIds')} />
          <Notes label={t('register.notes')} value={v.notes} inputProps={form.getInputProps('notes')} max={REGISTER_LIMITS.notes} testId="register-edit-notes" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <StaffSelect label={t('register.curator')} inputProps={form.getInputProps('curatorId')} testId="register-edit-curator" />
            <NumberInput label={t('register.reviewMonths')} {...form.getInputProps('reviewMonths')} min={1} max={12} allowDecimal={false} />
            {entry.off === null && (
              <DateField label={t('register.nextReview')} value={v.nextReviewOn} onChange={(d) => form.setFieldValue('nextReviewOn', d)} error={errorAt(form.errors, 'nextReviewOn')} clearable name="register-next-review" />
            )}
          </SimpleGrid>
          <ErrorAlert error={save.alert} />
          <Buttons onClose={onClose} loading={save.isPending} testId="register-edit-save" />
        </Stack>
      </form>
    </Modal>
  );
}

export function TakeOffModal({ entry, onClose }: { entry: RegisterEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<TakeOffFormValues>({ mode: 'controlled', initialValues: { decision: newDecision(today()), reason: '' }, validate: validateTakeOff(t, entry) });
  const off = useRegisterWrite('register.takeOff', onClose, form);
  const v = form.getValues();
  return (
    <Modal opened onClose={onClose} title={t('register.takeOff')} size="xl">
      <form onSubmit={form.onSubmit((x) => off.mutate({ entryId: entry.id, version: entry.version, ...takeOffFormSchema.parse(x) }))} noValidate data-testid="register-take-off-form">
        <Stack>
          <DecisionFields form={form} prefix="register-off" />
          <Notes label={t('register.offReason')} value={v.reason} inputProps={form.getInputProps('reason')} max={REGISTER_LIMITS.offReason} testId="register-off-reason" />
          <ErrorAlert error={off.alert} />
          <Buttons onClose={onClose} loading={off.isPending} testId="register-take-off-save" color="orange" label={t('register.takeOff')} />
        </Stack>
      </form>
    </Modal>
  );
}

export function ReviewModal({ entry, onClose }: { entry: RegisterEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ReviewFormValues>({
    mode: 'controlled',
    initialValues: { reviewedOn: today(), outcome: 'no_change', note: '', auto: true, nextReviewOn: null },
    validate: validateReview(t, entry),
  });
  const review = useRegisterWrite('register.review', onClose, form);
  const v = form.getValues();
  return (
    <Modal opened onClose={onClose} title={t('register.review')} size="lg">
      <form onSubmit={form.onSubmit((x) => review.mutate({ entryId: entry.id, version: entry.version, ...reviewFormSchema.parse(x) }))} noValidate data-testid="register-review-form">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField label={t('register.reviewedOn')} value={v.reviewedOn} onChange={(d) => form.setFieldValue('reviewedOn', d)} error={errorAt(form.errors, 'reviewedOn')} name="register-reviewed-on" />
            <Select
              label={t('register.outcome')}
              data={REVIEW_OUTCOMES.map((o) => ({ value: o, label: t(`register.outcomes.${o}`) }))}
              {...form.getInputProps('outcome')}
              allowDeselect={false}
              data-testid="register-outcome"
            />
          </SimpleGrid>
          <Notes label={t('register.reviewNote')} value={v.note} inputProps={form.getInputProps('note')} max={REGISTER_LIMITS.reviewNote} testId="register-review-note" />
          <Checkbox label={t('register.nextReviewAuto', { months: entry.reviewMonths })} {...form.getInputProps('auto', { type: 'checkbox' })} data-testid="register-review-auto" />
          {!v.auto && (
            <DateField label={t('register.nextReview')} value={v.nextReviewOn} onChange={(d) => form.setFieldValue('nextReviewOn', d)} error={errorAt(form.errors, 'nextReviewOn')} clearable name="register-review-next" />
          )}
          <ErrorAlert error={review.alert} />
          <Buttons onClose={onClose} loading={review.isPending} testId="register-review-save" />
        </Stack>
      </form>
    </Modal>
  );
}

export function MeasureModal({ entry, measure, onClose }: { entry: RegisterEntry; measure: PreventionMeasure | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<MeasureFormValues>({
    mode: 'controlled',
    initialValues: {
      what: measure?.what ?? '',
      who: measure && measure.responsibleId === null && measure.responsibleText ? 'text' : 'account',
      responsibleId: measure?.responsibleId ?? null,
      responsibleText: measure?.responsibleText ?? '',
      dueOn: measure?.dueOn ?? null,
      doneOn: measure?.doneOn ?? null,
      result: measure?.result ?? '',
    },
    validate: validateMeasure(t, entry.on.date),
  });
  const save = useRegisterWrite('register.saveMeasure', onClose, form);
  const v = form.getValues();
  const submit = form.onSubmit((x) => save.mutate({ entryId: entry.id, ...(measure ? { id: measure.id, version: measure.version } : {}), ...measureFormSchema.parse(x) }));
  return (
    <Modal opened onClose={onClose} title={measure ? t('register.plan.edit') : t('register.plan.add')} size="lg">
      <form onSubmit={submit} noValidate data-testid="measure-form">
        <Stack>
          <Textarea
            label={t('register.plan.what')}
            {...form.getInputProps('what')}
            description={limitHint(t, v.what, REGISTER_LIMITS.what)}
            autosize
            minRows={2}
            maxRows={5}
            maxLength={REGISTER_LIMITS.what}
            required
            data-testid="measure-what"
          />
          <SegmentedControl
            {...form.getInputProps('who')}
            data={[
              { value: 'account', label: t('register.plan.responsibleAccount') },
              { value: 'text', label: t('register.plan.responsibleOther') },
            ]}
          />
          {v.who === 'account' ? (
            <StaffSelect label={t('register.plan.responsible')} inputProps={form.getInputProps('responsibleId')} testId="measure-responsible" />
          ) : (
            <TextInput
              label={t('register.plan.responsible')}
              {...form.getInputProps('responsibleText')}
              description={limitHint(t, v.responsibleText, REGISTER_LIMITS.responsibleText)}
              maxLength={REGISTER_LIMITS.responsibleText}
              data-testid="measure-responsible-text"
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField label={t('register.plan.due')} value={v.dueOn} onChange={(d) => form.setFieldValue('dueOn', d)} error={errorAt(form.errors, 'dueOn')} clearable name="measure-due" />
            <DateField label={t('register.plan.done')} value={v.doneOn} onChange={(d) => form.setFieldValue('doneOn', d)} error={errorAt(form.errors, 'doneOn')} clearable name="measure-done" />
          </SimpleGrid>
          {v.doneOn !== null && (
            <Textarea
              label={t('register.plan.result')}
              {...form.getInputProps('result')}
              description={limitHint(t, v.result, REGISTER_LIMITS.result)}
              autosize
              minRows={2}
              maxRows={5}
              maxLength={REGISTER_LIMITS.result}
              data-testid="measure-result"
            />
          )}
          <ErrorAlert error={save.alert} />
          <Buttons onClose={onClose} loading={save.isPending} testId="measure-save" />
        </Stack>
      </form>
    </Modal>
  );
}

export function ExternalModal({ pupilId, record, onClose }: { pupilId: string; record: ExternalRegistration | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ExternalFormValues>({
    mode: 'controlled',
    initialValues: { body: record?.body ?? 'juvenile_police', fromDate: record?.fromDate ?? today(), toDate: record?.toDate ?? null, note: record?.note ?? '' },
    validate: validateExternal(t),
  });
  const save = useRegisterWrite('register.saveExternal', onClose, form);
  const v = form.getValues();
  const submit = form.onSubmit((x) => save.mutate({ pupilId, ...(record ? { id: record.id, version: record.version } : {}), ...externalFormSchema.parse(x) }));
  return (
    <Modal opened onClose={onClose} title={t('register.external.title')} size="lg">
      <form onSubmit={submit} noValidate data-testid="external-form">
        <Stack>
          <Select
            label={t('register.external.body')}
            data={EXTERNAL_REGISTERS.map((b) => ({ value: b, label: t(`register.external.bodies.${b}`) }))}
            {...form.getInputProps('body')}
            allowDeselect={false}
            data-testid="external-body"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField label={t('register.external.from')} value={v.fromDate} onChange={(d) => form.setFieldValue('fromDate', d)} error={errorAt(form.errors, 'fromDate')} name="external-from" />
            <DateField label={t('register.external.to')} value={v.toDate} onChange={(d) => form.setFieldValue('toDate', d)} error={errorAt(form.errors, 'toDate')} clearable name="external-to" />
          </SimpleGrid>
          <Notes label={t('register.notes')} value={v.note} inputProps={form.getInputProps('note')} max={REGISTER_LIMITS.externalNote} testId="external-note" />
          <ErrorAlert error={save.alert} />
          <Buttons onClose={onClose} loading={save.isPending} testId="external-save" />
        </Stack>
      </form>
    </Modal>
  );
}

/** The school's list of grounds: edit labels, add, retire (a ground in use cannot be deleted). */
export function GroundsModal({ grounds, onClose }: { grounds: RegisterGround[]; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<GroundsFormValues>({
    mode: 'controlled',
    initialValues: { grounds: grounds.map((g) => ({ id: g.id, labelKk: g.labelKk, labelRu: g.labelRu, retired: g.retired })) },
    validate: validateGrounds(t),
  });
  const save = useRegisterWrite('register.saveGrounds', onClose, form);
  const rows = form.getValues().grounds;
  return (
    <Modal opened onClose={onClose} title={t('register.groundsTitle')} size="xl">
      <form onSubmit={form.onSubmit((x) => save.mutate(groundsFormSchema.parse(x)))} noValidate data-testid="grounds-form">
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
                    <TextInput aria-label={t('languages.kk')} {...form.getInputProps(`grounds.${i}.labelKk`)} maxLength={REGISTER_LIMITS.ground} size="xs" data-testid={`ground-kk-${i}`} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput aria-label={t('languages.ru')} {...form.getInputProps(`grounds.${i}.labelRu`)} maxLength={REGISTER_LIMITS.ground} size="xs" data-testid={`ground-ru-${i}`} />
                  </Table.Td>
                  <Table.Td>
                    {r.id ? (
                      <Checkbox aria-label={t('register.retired')} {...form.getInputProps(`grounds.${i}.retired`, { type: 'checkbox' })} />
                    ) : (
                      <Button size="xs" variant="subtle" color="red" onClick={() => form.removeListItem('grounds', i)}>
                        {t('register.removeRow')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {typeof form.errors.grounds === 'string' && (
            <Text size="sm" c="red">
              {form.errors.grounds}
            </Text>
          )}
          <Group justify="space-between">
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('grounds', { labelKk: '', labelRu: '', retired: false })} data-testid="ground-add">
              {t('register.addGround')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="grounds-save">
                {t('common.save')}
              </Button>
            </Group>
          </Group>
          <ErrorAlert error={save.alert} />
        </Stack>
      </form>
    </Modal>
  );
}
