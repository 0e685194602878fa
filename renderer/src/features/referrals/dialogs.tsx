/**
 * The referrals' dialogs: a draft (new or edited), "sent" (date sent, answer due), a status change (with the
 * agency's answer when it came) and the answer alone. Every write on an existing referral sends the version the
 * screen was opened with; the core refuses it when someone changed the referral meanwhile (`referrals.changed`),
 * and the dialog says so while the screen behind it reloads. The core checks every rule again (legal moves, dates).
 */
import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
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
  type AgencyType,
  type Referral,
} from '../../../../shared/referrals';
import { invalidate, useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { DateField } from '../../app/DateField';

const today = () => dayjs().format('YYYY-MM-DD');

/** Everything that shows referrals: refreshed after each write. */
const REFERRAL_QUERIES: MethodName[] = ['referrals.forCase', 'referrals.list', 'referrals.get', 'worklists.list', 'worklists.counts', 'chronology.list'];

function useReferralWrite<M extends MethodName>(method: M, onDone: () => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return useApiMutation(method, {
    onSuccess: async () => {
      await invalidate(qc, ...REFERRAL_QUERIES);
      notifications.show({ color: 'green', message: t('common.saved') });
      onDone();
    },
    onError: async (e) => {
      if (e.code === 'referrals.changed') await invalidate(qc, ...REFERRAL_QUERIES);
    },
  });
}

function Footer({ busy, onClose, onSave, disabled, testId }: { busy: boolean; onClose: () => void; onSave: () => void; disabled?: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button onClick={onSave} loading={busy} disabled={disabled ?? false} data-testid={testId}>
        {t('referrals.actions.save')}
      </Button>
    </Group>
  );
}

/** A new draft for one pupil of the case, or the draft edited. */
export function ReferralFormModal({ c, referral, onClose }: { c: CaseDetail; referral: Referral | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [pupilId, setPupilId] = useState<string | null>(referral?.pupilId ?? (c.pupils.length === 1 ? (c.pupils[0]?.pupilId ?? null) : null));
  const [agencyType, setAgencyType] = useState<AgencyType | null>(referral?.agencyType ?? null);
  const [name, setName] = useState(referral?.agency?.name ?? '');
  const [address, setAddress] = useState(referral?.agency?.address ?? '');
  const [reason, setReason] = useState(referral?.reason ?? '');
  const [request, setRequest] = useState(referral?.request ?? '');
  const [sendBy, setSendBy] = useState<string | null>(referral ? referral.sendBy : addDaysIso(today(), DRAFT_SEND_DAYS));
  const create = useReferralWrite('referrals.create', onClose);
  const update = useReferralWrite('referrals.update', onClose);
  const ready = pupilId !== null && agencyType !== null && name.trim() !== '' && reason.trim() !== '';
  const save = () => {
    if (!ready || pupilId === null || agencyType === null) return;
    const agency = { name: name.trim(), address: address.trim() };
    if (referral) update.mutate({ id: referral.id, version: referral.version, agencyType, agency, reason, request, sendBy });
    else create.mutate({ caseId: c.id, pupilId, agencyType, agency, reason, request, ...(sendBy ? { sendBy } : {}) });
  };
  return (
    <Modal opened onClose={onClose} title={t(referral ? 'referrals.dialogs.edit' : 'referrals.dialogs.create')} size="lg" centered>
      <Stack>
        <Select
          label={t('referrals.fields.pupil')}
          value={pupilId}
          onChange={setPupilId}
          disabled={referral !== null}
          allowDeselect={false}
          data={c.pupils.map((p) => ({ value: p.pupilId, label: `${p.lastName} ${p.firstName} — ${p.grade} ${p.classLetter}` }))}
          required
          data-testid="referral-pupil"
        />
        <Select
          label={t('referrals.fields.agencyType')}
          value={agencyType}
          onChange={(v) => setAgencyType(AGENCY_TYPES.find((a) => a === v) ?? null)}
          allowDeselect={false}
          data={AGENCY_TYPES.map((a) => ({ value: a, label: t(`referrals.agency.${a}`) }))}
          required
          data-testid="referral-agency-type"
        />
        <TextInput label={t('referrals.fields.agencyName')} value={name} onChange={(e) => setName(e.currentTarget.value.slice(0, 300))} required data-testid="referral-agency-name" />
        <TextInput label={t('referrals.fields.agencyAddress')} value={address} onChange={(e) => setAddress(e.currentTarget.value.slice(0, 400))} data-testid="referral-agency-address" />
        <Textarea label={t('referrals.fields.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value.slice(0, 4000))} autosize minRows={3} required data-testid="referral-reason" />
        <Textarea label={t('referrals.fields.request')} value={request} onChange={(e) => setRequest(e.currentTarget.value.slice(0, 2000))} autosize minRows={2} data-testid="referral-request" />
        <DateField label={t('referrals.fields.sendBy')} value={sendBy} onChange={setSendBy} clearable={referral !== null} name="referral-send-by" />
        {(create.error ?? update.error) && <ErrorAlert error={create.error ?? update.error} />}
        <Footer busy={create.isPending || update.isPending} onClose={onClose} onSave={save} disabled={!ready} testId="referral-save" />
      </Stack>
    </Modal>
  );
}

/** The referral went out: the date sent and the date the answer is due (not before it). */
export function SendModal({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const { t } = useTranslation();
  const [sentOn, setSentOn] = useState<string | null>(today());
  const [due, setDue] = useState<string | null>(addDaysIso(today(), DEFAULT_ANSWER_DAYS));
  const send = useReferralWrite('referrals.send', onClose);
  return (
    <Modal opened onClose={onClose} title={t('referrals.dialogs.send')} centered>
      <Stack>
        <SimpleGrid cols={2}>
          <DateField label={t('referrals.fields.sentOn')} value={sentOn} onChange={setSentOn} maxDate={today()} name="referral-sent-on" />
          <DateField label={t('referrals.fields.answerDueOn')} value={due} onChange={setDue} minDate={sentOn ?? undefined} name="referral-due" />
        </SimpleGrid>
        {send.error && <ErrorAlert error={send.error} />}
        <Footer
          busy={send.isPending}
          onClose={onClose}
          disabled={!sentOn || !due}
          onSave={() => sentOn && due && send.mutate({ id: referral.id, version: referral.version, sentOn, answerDueOn: due })}
          testId="referral-send-save"
        />
      </Stack>
    </Modal>
  );
}

type Closing = 'accepted' | 'rejected' | 'done' | 'withdrawn';
const CLOSING: readonly Closing[] = ['accepted', 'rejected', 'done', 'withdrawn'];

/** A legal next status (only those are offered; the core refuses any other), with the answer when it came. */
export function StatusModal({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const { t } = useTranslation();
  const options = CLOSING.filter((s) => REFERRAL_TRANSITIONS[referral.status].includes(s));
  const [status, setStatus] = useState<Closing | null>(options[0] ?? null);
  const [answer, setAnswer] = useState('');
  const [answeredOn, setAnsweredOn] = useState<string | null>(today());
  const write = useReferralWrite('referrals.setStatus', onClose);
  const withAnswer = status !== 'withdrawn' && answer.trim() !== '';
  return (
    <Modal opened onClose={onClose} title={t('referrals.dialogs.status')} centered size="lg">
      <Stack>
        <Select
          label={t('referrals.fields.status')}
          value={status}
          onChange={(v) => setStatus(CLOSING.find((s) => s === v) ?? null)}
          allowDeselect={false}
          data={options.map((s) => ({ value: s, label: t(`referrals.status.${s}`) }))}
          data-testid="referral-status"
        />
        {status !== 'withdrawn' && (
          <>
            <Textarea label={t('referrals.fields.answer')} value={answer} onChange={(e) => setAnswer(e.currentTarget.value.slice(0, 4000))} autosize minRows={2} data-testid="referral-status-answer" />
            <DateField label={t('referrals.fields.answeredOn')} value={answeredOn} onChange={setAnsweredOn} minDate={referral.sentOn ?? undefined} maxDate={today()} name="referral-status-answered-on" />
          </>
        )}
        {write.error && <ErrorAlert error={write.error} />}
        <Footer
          busy={write.isPending}
          onClose={onClose}
          disabled={status === null || (withAnswer && !answeredOn)}
          onSave={() =>
            status &&
            write.mutate({
              id: referral.id,
              version: referral.version,
              status,
              ...(withAnswer && answeredOn ? { answer: answer.trim(), answeredOn } : {}),
            })
          }
          testId="referral-status-save"
        />
      </Stack>
    </Modal>
  );
}

/** The agency's answer and the day it came, without a change of status. */
export function AnswerModal({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState(referral.answer ?? '');
  const [answeredOn, setAnsweredOn] = useState<string | null>(referral.answeredOn ?? today());
  const write = useReferralWrite('referrals.answer', onClose);
  return (
    <Modal opened onClose={onClose} title={t('referrals.dialogs.answer')} centered size="lg">
      <Stack>
        <Textarea label={t('referrals.fields.answer')} value={answer} onChange={(e) => setAnswer(e.currentTarget.value.slice(0, 4000))} autosize minRows={3} required data-testid="referral-answer" />
        <DateField label={t('referrals.fields.answeredOn')} value={answeredOn} onChange={setAnsweredOn} minDate={referral.sentOn ?? undefined} maxDate={today()} name="referral-answered-on" />
        {write.error && <ErrorAlert error={write.error} />}
        <Footer
          busy={write.isPending}
          onClose={onClose}
          disabled={answer.trim() === '' || !answeredOn}
          onSave={() => answeredOn && write.mutate({ id: referral.id, version: referral.version, answer: answer.trim(), answeredOn })}
          testId="referral-answer-save"
        />
      </Stack>
    </Modal>
  );
}
