/**
 * Signing and issuing a council document — the minutes, an extract of one agenda item, or an invitation to a pupil's
 * parents — on the contract's schemas (`council.minutes.issue`, `council.extract.issue`, `council.invitation.issue`):
 * the language, the invitation's pupil and reason, and the signer (`signerInputSchema`: certificate and password).
 * A wrong signing password or an unusable certificate is said on its field (features/documents/signerForm.ts).
 */
import { Alert, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { councilMethods, type MeetingDetail } from '../../../../shared/council';
import type { SigningCertificate } from '../../../../shared/documents';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { hintWithLimit } from '../../app/fieldErrors';
import { applyServerFieldError, maxLengthOf, zodFormResolver } from '../../app/forms';
import { QueryPanel } from '../../app/QueryPanel';
import { useSession } from '../../app/session';
import { currentLanguage } from '../../i18n';
import { SIGNER_SERVER_FIELDS, signerFormSchema } from '../documents/signerForm';
import { PupilPicker } from './PupilPicker';
import { FormActions } from '../../app/FormActions';

const invitationInput = councilMethods['council.invitation.issue'].input;
const minutesInput = councilMethods['council.minutes.issue'].input;
const REASON_MAX = maxLengthOf(invitationInput.shape.reason);

/** The document's own fields and the signer, as the form keeps them (the signer flat, like the sign dialog's). */
const documentFormSchema = z.object({ lang: minutesInput.shape.lang, ...signerFormSchema.shape });
const invitationFormSchema = documentFormSchema.extend({ pupilId: invitationInput.shape.pupilId, reason: invitationInput.shape.reason });

interface IssueValues {
  lang: 'kk' | 'ru';
  certificateId: string | null;
  password: string;
  pupilId: string | null;
  reason: string;
}

type Mode = 'minutes' | 'extract' | 'invitation';

export function IssueMinutesModal({ meeting, itemId, invitation, onClose }: { meeting: MeetingDetail; itemId?: string; invitation?: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const certs = useApiQuery('documents.certificates.list', { includeRetired: false });
  const mode: Mode = invitation ? 'invitation' : itemId ? 'extract' : 'minutes';
  return (
    <Modal opened onClose={onClose} title={t(`council.issue.${mode}.title`)} centered>
      <Stack>
        <Text size="sm" c="dimmed">
          {t(`council.issue.${mode}.intro`)}
        </Text>
        <QueryPanel query={certs}>
          {(all) => (
            <IssueForm
              meeting={meeting}
              itemId={itemId}
              mode={mode}
              certificates={all.filter((c) => c.ownerAccountId === null || c.ownerAccountId === session.accountId)}
              onClose={onClose}
            />
          )}
        </QueryPanel>
      </Stack>
    </Modal>
  );
}

function IssueForm({ meeting, itemId, mode, certificates, onClose }: { meeting: MeetingDetail; itemId?: string; mode: Mode; certificates: SigningCertificate[]; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [pupilName, setPupilName] = useState<string | null>(null);
  const schema = mode === 'invitation' ? invitationFormSchema : documentFormSchema;
  const form = useForm<IssueValues>({
    mode: 'controlled',
    initialValues: { lang: currentLanguage() === 'ru' ? 'ru' : 'kk', certificateId: certificates[0]?.id ?? null, password: '', pupilId: null, reason: '' },
    validate: zodFormResolver<IssueValues>(schema, t),
  });
  const handlers = {
    onSuccess: async () => {
      await invalidate(qc, 'council.meetings.get', 'council.meetings.list', 'documents.list');
      onClose();
    },
    onError: (e: unknown) => {
      if (applyServerFieldError(t, form, e, SIGNER_SERVER_FIELDS)) form.setFieldValue('password', '');
    },
  };
  const minutes = useApiMutation('council.minutes.issue', handlers);
  const extract = useApiMutation('council.extract.issue', handlers);
  const invite = useApiMutation('council.invitation.issue', handlers);
  const issue = mode === 'invitation' ? invite : mode === 'extract' ? extract : minutes;
  const submit = (values: IssueValues) => {
    const signer = signerFormSchema.parse({ certificateId: values.certificateId, password: values.password });
    if (mode === 'invitation') {
      const v = invitationFormSchema.parse(values);
      invite.mutate({ meetingId: meeting.id, pupilId: v.pupilId, reason: v.reason, lang: v.lang, signer });
    } else if (mode === 'extract' && itemId) extract.mutate({ meetingId: meeting.id, itemId, lang: values.lang, signer });
    else minutes.mutate({ meetingId: meeting.id, lang: values.lang, signer });
  };
  const fieldError = Boolean(form.errors.password ?? form.errors.certificateId);
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        {mode === 'invitation' && (
          <>
            <PupilPicker
              value={form.values.pupilId}
              valueLabel={pupilName}
              onChange={(id, name) => {
                form.setFieldValue('pupilId', id);
                setPupilName(name);
              }}
              error={typeof form.errors.pupilId === 'string' ? form.errors.pupilId : null}
              testId="invitation-pupil"
            />
            <TextInput
              label={t('council.invitationReason')}
              description={hintWithLimit(t, t('council.invitationReasonHint'), form.values.reason, REASON_MAX)}
              data-testid="invitation-reason"
              {...form.getInputProps('reason')}
            />
          </>
        )}
        <Select
          label={t('council.minutesLanguage')}
          data={[
            { value: 'kk', label: 'Қазақ тілі' },
            { value: 'ru', label: 'Русский язык' },
          ]}
          allowDeselect={false}
          data-testid="minutes-language"
          {...form.getInputProps('lang')}
        />
        {certificates.length === 0 ? (
          <Alert color="yellow">{t('documents.cosign.noCertificate')}</Alert>
        ) : (
          <>
            <Select
              label={t('documents.cosign.certificate')}
              data={certificates.map((c) => ({ value: c.id, label: `${c.subjectName} — ${c.serialHex.slice(0, 8).toUpperCase()}` }))}
              allowDeselect={false}
              data-testid="minutes-certificate"
              {...form.getInputProps('certificateId')}
            />
            <PasswordInput label={t('documents.cosign.password')} autoComplete="off" data-testid="minutes-password" {...form.getInputProps('password')} />
          </>
        )}
        {!fieldError && <ErrorAlert error={issue.error} />}
        <FormActions submitLabel={t('council.signAndIssue')} onCancel={onClose} loading={issue.isPending} disabled={certificates.length === 0} submitTestId="minutes-sign" />
      </Stack>
    </form>
  );
}
