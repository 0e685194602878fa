/**
 * The referrals' dialogs: a draft (new or edited), "sent" (date sent, answer due), a status change (with the
 * agency's answer when it came) and the answer alone. Every write on an existing referral sends the version the
 * screen was opened with; the core refuses it when someone changed the referral meanwhile (`referrals.changed`),
 * and the dialog says so while the screen behind it reloads. The core checks every rule again (legal moves, dates).
 */
import { Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm, type FormErrors } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodName } from '../../../../shared/api';
import type { CaseDetail } from '../../../../shared/cases';
import {
  addDaysIso,
  AGENCY_TYPES,
  DEFAULT_ANSWER_DAYS,
  DRAFT_SEND_DAYS,
  REFERRAL_TRANSITIONS,
  type Referral,
} from '../../../../shared/referrals';
import { invalidate, useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { DateField } from '../../app/DateField';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError, type FieldErrorTarget } from '../../app/forms';
import {
  REFERRAL_LIMITS,
  REFERRAL_SERVER_FIELDS,
  answerFormSchema,
  createReferralFormSchema,
  sendFormSchema,
  statusFormSchema,
  updateReferralFormSchema,
  validateAnswer,
  validateReferral,
  validateSend,
  validateStatus,
  type AnswerFormValues,
  type ReferralFormValues,
  type SendFormValues,
  type StatusFormValues,
} from './forms';
import { FormActions } from '../../app/FormActions';

const today = () => dayjs().format('YYYY-MM-DD');

/** Everything that shows referrals: refreshed after each write. */
const REFERRAL_QUERIES: MethodName[] = ['referrals.forCase', 'referrals.list', 'referrals.get', 'worklists.list', 'worklists.counts', 'chronology.list'];

function useReferralWrite<M extends MethodName>(method: M, onDone: () => void, form?: FieldErrorTarget) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [onField, setOnField] = useState(false);
  const m = useApiMutation(method, {
    onSuccess: async () => {
      await invalidate(qc, ...REFERRAL_QUERIES);
      notifications.show({ color: 'green', message: t('common.saved') });
      onDone();
    },
    onError: async (e) => {
      // a refusal about one field lands on it; the rest show above the buttons
      setOnField(form ? applyServerFieldError(t, form, e, REFERRAL_SERVER_FIELDS) : false);
      if (e.code === 'referrals.changed') await invalidate(qc, ...REFERRAL_QUERIES);
    },
  });
  return { ...m, alert: onField ? null : m.error };
}

/** A form error as text (DateField takes a string). */
function errorAt(errors: FormErrors, path: string): string | undefined {
  const e = errors[path];
  return typeof e === 'string' ? e : undefined;
}

function Footer({ busy, onClose, testId }: { busy: boolean; onClose: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <FormActions submitLabel={t('referrals.actions.save')} onCancel={onClose} loading={busy} submitTestId={testId} />
  );
}

/** A new draft for one pupil of the case, or the draft edited. */
export function ReferralFormModal({ c, referral, onClose }: { c: CaseDetail; referral: Referral | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ReferralFormValues>({
    mode: 'controlled',
    initialValues: {
      pupilId: referral?.pupilId ?? (c.pupils.length === 1 ? (c.pupils[0]?.pupilId ?? null) : null),
      agencyType: referral?.agencyType ?? null,
      agency: { name: referral?.agency?.name ?? '', address: referral?.agency?.address ?? '' },
      reason: referral?.reason ?? '',
      request: referral?.request ?? '',
      sendBy: referral ? referral.sendBy : addDaysIso(today(), DRAFT_SEND_DAYS),
    },
    validate: validateReferral(t, referral !== null),
  });
  const create = useReferralWrite('referrals.create', onClose, form);
  const update = useReferralWrite('referrals.update', onClose, form);
  const v = form.getValues();
  const submit = form.onSubmit((x) => {
    if (referral) update.mutate({ id: referral.id, version: referral.version, ...updateReferralFormSchema.parse(x) });
    else create.mutate({ caseId: c.id, ...createReferralFormSchema.parse(x) });
  });
  const alert = create.alert ?? update.alert;
  return (
    <Modal opened onClose={onClose} title={t(referral ? 'referrals.dialogs.edit' : 'referrals.dialogs.create')} size="lg" centered>
      <form onSubmit={submit} noValidate data-testid="referral-form">
        <Stack>
          <Select
            label={t('referrals.fields.pupil')}
            {...form.getInputProps('pupilId')}
            disabled={referral !== null}
            allowDeselect={false}
            data={c.pupils.map((p) => ({ value: p.pupilId, label: `${p.lastName} ${p.firstName} — ${p.grade} ${p.classLetter}` }))}
            required
            data-testid="referral-pupil"
          />
          <Select
            label={t('referrals.fields.agencyType')}
            {...form.getInputProps('agencyType')}
            allowDeselect={false}
            data={AGENCY_TYPES.map((a) => ({ value: a, label: t(`referrals.agency.${a}`) }))}
            required
            data-testid="referral-agency-type"
          />
          <TextInput
            label={t('referrals.fields.agencyName')}
            {...form.getInputProps('agency.name')}
            description={limitHint(t, v.agency.name, REFERRAL_LIMITS.agencyName)}
            maxLength={REFERRAL_LIMITS.agencyName}
            required
            data-testid="referral-agency-name"
          />
          <TextInput
            label={t('referrals.fields.agencyAddress')}
            {...form.getInputProps('agency.address')}
            description={limitHint(t, v.agency.address, REFERRAL_LIMITS.agencyAddress)}
            maxLength={REFERRAL_LIMITS.agencyAddress}
            data-testid="referral-agency-address"
          />
          <Textarea
            label={t('referrals.fields.reason')}
            {...form.getInputProps('reason')}
            description={limitHint(t, v.reason, REFERRAL_LIMITS.reason)}
            maxLength={REFERRAL_LIMITS.reason}
            autosize
            minRows={3}
            required
            data-testid="referral-reason"
          />
          <Textarea
            label={t('referrals.fields.request')}
            {...form.getInputProps('request')}
            description={limitHint(t, v.request, REFERRAL_LIMITS.request)}
            maxLength={REFERRAL_LIMITS.request}
            autosize
            minRows={2}
            data-testid="referral-request"
          />
          <DateField label={t('referrals.fields.sendBy')} value={v.sendBy} onChange={(d) => form.setFieldValue('sendBy', d)} error={errorAt(form.errors, 'sendBy')} clearable={referral !== null} name="referral-send-by" />
          {alert && <ErrorAlert error={alert} />}
          <Footer busy={create.isPending || update.isPending} onClose={onClose} testId="referral-save" />
        </Stack>
      </form>
    </Modal>
  );
}

/** The referral went out: the date sent and the date the answer is due (not before it). */
export function SendModal({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<SendFormValues>({
    mode: 'controlled',
    initialValues: { sentOn: today(), answerDueOn: addDaysIso(today(), DEFAULT_ANSWER_DAYS) },
    validate: validateSend(t),
  });
  const send = useReferralWrite('referrals.send', onClose, form);
  const v = form.getValues();
  return (
    <Modal opened onClose={onClose} title={t('referrals.dialogs.send')} centered>
      <form onSubmit={form.onSubmit((x) => send.mutate({ id: referral.id, version: referral.version, ...sendFormSchema.parse(x) }))} noValidate data-testid="referral-send-form">
        <Stack>
          <SimpleGrid cols={2}>
            <DateField label={t('referrals.fields.sentOn')} value={v.sentOn} onChange={(d) => form.setFieldValue('sentOn', d)} error={errorAt(form.errors, 'sentOn')} maxDate={today()} name="referral-sent-on" />
            <DateField label={t('referrals.fields.answerDueOn')} value={v.answerDueOn} onChange={(d) => form.setFieldValue('answerDueOn', d)} error={errorAt(form.errors, 'answerDueOn')} minDate={v.sentOn ?? undefined} name="referral-due" />
          </SimpleGrid>
          {send.alert && <ErrorAlert error={send.alert} />}
          <Footer busy={send.isPending} onClose={onClose} testId="referral-send-save" />
        </Stack>
      </form>
    </Modal>
  );
}

type Closing = 'accepted' | 'rejected' | 'done' | 'withdrawn';
const CLOSING: readonly Closing[] = ['accepted', 'rejected', 'done', 'withdrawn'];

/** A legal next status (only those are offered; the core refuses any other), with the answer when it came. */
export function StatusModal({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const { t } = useTranslation();
  const options = CLOSING.filter((s) => REFERRAL_TRANSITIONS[referral.status].includes(s));
  const form = useForm<StatusFormValues>({ mode: 'controlled', initialValues: { status: options[0] ?? null, answer: '', answeredOn: today() }, validate: validateStatus(t) });
  const write = useReferralWrite('referrals.setStatus', onClose, form);
  const v = form.getValues();
  return (
    <Modal opened onClose={onClose} title={t('referrals.dialogs.status')} centered size="lg">
      <form onSubmit={form.onSubmit((x) => write.mutate({ id: referral.id, version: referral.version, ...statusFormSchema.parse(x) }))} noValidate data-testid="referral-status-form">
        <Stack>
          <Select
            label={t('referrals.fields.status')}
            {...form.getInputProps('status')}
            allowDeselect={false}
            data={options.map((s) => ({ value: s, label: t(`referrals.status.${s}`) }))}
            data-testid="referral-status"
          />
          {v.status !== 'withdrawn' && (
            <>
              <Textarea
                label={t('referrals.fields.answer')}
                {...form.getInputProps('answer')}
                description={limitHint(t, v.answer, REFERRAL_LIMITS.answer)}
                maxLength={REFERRAL_LIMITS.answer}
                autosize
                minRows={2}
                data-testid="referral-status-answer"
              />
              <DateField
                label={t('referrals.fields.answeredOn')}
                value={v.answeredOn}
                onChange={(d) => form.setFieldValue('answeredOn', d)}
                error={errorAt(form.errors, 'answeredOn')}
                minDate={referral.sentOn ?? undefined}
                maxDate={today()}
                clearable
                name="referral-status-answered-on"
              />
            </>
          )}
          {write.alert && <ErrorAlert error={write.alert} />}
          <Footer busy={write.isPending} onClose={onClose} testId="referral-status-save" />
        </Stack>
      </form>
    </Modal>
  );
}

/** The agency's answer and the day it came, without a change of status. */
export function AnswerModal({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<AnswerFormValues>({
    mode: 'controlled',
    initialValues: { answer: referral.answer ?? '', answeredOn: referral.answeredOn ?? today() },
    validate: validateAnswer(t),
  });
  const write = useReferralWrite('referrals.answer', onClose, form);
  const v = form.getValues();
  return (
    <Modal opened onClose={onClose} title={t('referrals.dialogs.answer')} centered size="lg">
      <form onSubmit={form.onSubmit((x) => write.mutate({ id: referral.id, version: referral.version, ...answerFormSchema.parse(x) }))} noValidate data-testid="referral-answer-form">
        <Stack>
          <Textarea
            label={t('referrals.fields.answer')}
            {...form.getInputProps('answer')}
            description={limitHint(t, v.answer, REFERRAL_LIMITS.answer)}
            maxLength={REFERRAL_LIMITS.answer}
            autosize
            minRows={3}
            required
            data-testid="referral-answer"
          />
          <DateField
            label={t('referrals.fields.answeredOn')}
            value={v.answeredOn}
            onChange={(d) => form.setFieldValue('answeredOn', d)}
            error={errorAt(form.errors, 'answeredOn')}
            minDate={referral.sentOn ?? undefined}
            maxDate={today()}
            name="referral-answered-on"
          />
          {write.alert && <ErrorAlert error={write.alert} />}
          <Footer busy={write.isPending} onClose={onClose} testId="referral-answer-save" />
        </Stack>
      </form>
    </Modal>
  );
}
