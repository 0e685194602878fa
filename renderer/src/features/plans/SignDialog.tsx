/**
 * Asks for a signature: which of the school's certificates and its signing password. When the school has no
 * certificate yet, the director can create one here (RSA, in the signed-in account's own name; the position as
 * on documents). Both are forms on the contract's schemas (features/documents/signerForm.ts): a wrong signing
 * password, refused by the core, shows on the password field.
 */
import { Alert, Button, Input, Modal, PasswordInput, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCertificate } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/auth';
import type { SignerInput, SigningCertificate } from '../../../../shared/documents';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { FormActions } from '../../app/FormActions';
import { applyServerFieldError, serverErrorPath } from '../../app/forms';
import { useSession } from '../../app/session';
import { currentLanguage } from '../../i18n';
import {
  newCertificateOf,
  SIGNER_SERVER_FIELDS,
  signerOf,
  validateNewCertificate,
  validateSigner,
  type NewCertificateValues,
  type SignerValues,
} from '../documents/signerForm';

export function SignDialog({
  opened,
  title,
  busy,
  error,
  onClose,
  onSign,
  withLanguage = true,
  otherLanguageCells,
}: {
  opened: boolean;
  title: string;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onSign: (signer: SignerInput, language: 'kk' | 'ru') => void;
  withLanguage?: boolean;
  /**
   * how many cells the document would print in the other language (marked "(текст на казахском языке)") when
   * signed in `language`; more than none warns before signing
   */
  otherLanguageCells?: (language: 'kk' | 'ru') => number;
}) {
  const certs = useApiQuery('documents.certificates.list', { includeRetired: false }, { enabled: opened });
  const school = useApiQuery('school.get', {}, { enabled: opened, retry: false });
  const { session } = useSession();
  const [creating, setCreating] = useState(false);
  /** the certificate just created here and its password: the sign form opens with them */
  const [created, setCreated] = useState<{ id: string; password: string } | null>(null);
  // opening or closing forgets a created certificate's password (React's "adjust state when a prop changes")
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    setCreated(null);
    setCreating(false);
  }

  // only the signer's own certificates (or the school's shared ones) may sign
  const list = (certs.data ?? []).filter((c) => c.ownerAccountId === null || c.ownerAccountId === session.accountId);
  const showCreate = creating || (certs.isSuccess && list.length === 0);
  // a new certificate is for the director as printed on documents
  const ru = currentLanguage() === 'ru';
  const newInitial = {
    position: (ru ? school.data?.directorPositionRu : school.data?.directorPositionKk) ?? '',
    organization: (ru ? school.data?.nameRu : school.data?.nameKk) ?? '',
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" centered>
      {showCreate ? (
        !school.isPending && (
          <NewCertificateForm
            initial={newInitial}
            firstOne={list.length === 0}
            onCancel={list.length ? () => setCreating(false) : onClose}
            onCreated={(c, password) => {
              setCreated({ id: c.id, password });
              setCreating(false);
            }}
          />
        )
      ) : (
        certs.isSuccess && (
          <SignForm
            key={created?.id ?? ''}
            list={list}
            initial={created}
            busy={busy}
            error={error}
            withLanguage={withLanguage}
            otherLanguageCells={otherLanguageCells}
            onSign={onSign}
            onClose={onClose}
            onCreate={() => setCreating(true)}
          />
        )
      )}
    </Modal>
  );
}

function NewCertificateForm({
  initial,
  firstOne,
  onCancel,
  onCreated,
}: {
  initial: { position: string; organization: string };
  firstOne: boolean;
  onCancel: () => void;
  onCreated: (cert: SigningCertificate, password: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const form = useForm<NewCertificateValues>({
    mode: 'controlled',
    initialValues: { ...initial, password: '', repeat: '' },
    validate: validateNewCertificate(t),
  });
  const create = useApiMutation('documents.certificates.create', {
    onSuccess: async (c, input) => {
      await invalidate(qc, 'documents.certificates.list');
      onCreated(c, input.password);
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const submit = form.onSubmit((values) => create.mutate(newCertificateOf(values)));

  return (
    <form onSubmit={submit} noValidate data-testid="cert-create-form">
      <Stack>
        <Alert color="blue" variant="light" icon={<IconCertificate size={18} />}>
          {firstOne ? t('plans.sign.noCertificate') : t('plans.sign.createHint')}
        </Alert>
        <TextInput label={t('plans.sign.certName')} description={t('documents.certificates.create.commonNameHint')} value={session.displayName} readOnly name="certName" />
        <TextInput label={t('plans.sign.certPosition')} {...form.getInputProps('position')} name="certPosition" required />
        <TextInput label={t('documents.certificates.create.organization')} {...form.getInputProps('organization')} name="certOrganization" required />
        <PasswordInput
          label={t('plans.sign.newPassword')}
          description={t('plans.sign.newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          {...form.getInputProps('password')}
          name="certPassword"
          required
        />
        <PasswordInput label={t('plans.sign.repeatPassword')} autoComplete="new-password" {...form.getInputProps('repeat')} name="certRepeat" required />
        <ErrorAlert error={serverErrorPath(create.error) ? null : create.error} />
        <FormActions onCancel={onCancel} submitLabel={t('plans.sign.createCertificate')} loading={create.isPending} submitTestId="cert-create-submit" />
      </Stack>
    </form>
  );
}

function SignForm({
  list,
  initial,
  busy,
  error,
  withLanguage,
  otherLanguageCells,
  onSign,
  onClose,
  onCreate,
}: {
  list: SigningCertificate[];
  initial: { id: string; password: string } | null;
  busy: boolean;
  error: unknown;
  withLanguage: boolean;
  otherLanguageCells?: (language: 'kk' | 'ru') => number;
  onSign: (signer: SignerInput, language: 'kk' | 'ru') => void;
  onClose: () => void;
  onCreate: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<SignerValues>({
    mode: 'controlled',
    initialValues: { certificateId: initial?.id ?? list[0]?.id ?? null, password: initial?.password ?? '' },
    validate: validateSigner(t),
  });
  const [language, setLanguage] = useState<'kk' | 'ru'>(currentLanguage());
  // the caller's refusal (its own mutation) about the certificate or its password goes onto that field, once per
  // refusal: React's "adjust state when a prop changes", not an effect; typing again clears it
  const [seenError, setSeenError] = useState(error);
  if (error !== seenError) {
    setSeenError(error);
    if (error) applyServerFieldError(t, form, error, SIGNER_SERVER_FIELDS);
  }
  const general = serverErrorPath(error, SIGNER_SERVER_FIELDS) ? null : error;
  const chosen = list.find((c) => c.id === form.getValues().certificateId);
  const n = otherLanguageCells ? otherLanguageCells(language) : 0;
  const submit = form.onSubmit((values) => onSign(signerOf(values), language));

  return (
    <form onSubmit={submit} noValidate data-testid="sign-form">
      <Stack>
        <Select
          label={t('plans.sign.certificate')}
          {...form.getInputProps('certificateId')}
          allowDeselect={false}
          data={list.map((c) => ({ value: c.id, label: `${c.subjectName} — ${c.position}` }))}
          description={chosen ? t('plans.sign.validUntil', { date: dayjs(chosen.notAfter).format('L') }) : undefined}
          data-testid="sign-certificate"
        />
        <Button variant="subtle" size="compact-sm" w="fit-content" onClick={onCreate}>
          {t('plans.sign.createAnother')}
        </Button>
        <PasswordInput
          label={t('plans.sign.password')}
          {...form.getInputProps('password')}
          name="signPassword"
          data-testid="sign-password"
          errorProps={{ 'data-testid': 'sign-password-error' }}
        />
        {withLanguage && (
          <Input.Wrapper label={t('plans.sign.language')}>
            <SegmentedControl
              display="flex"
              w="fit-content"
              value={language}
              onChange={(v) => setLanguage(v === 'ru' ? 'ru' : 'kk')}
              data={[
                { value: 'kk', label: t('languages.kk') },
                { value: 'ru', label: t('languages.ru') },
              ]}
              data-testid="sign-language"
            />
          </Input.Wrapper>
        )}
        {n > 0 && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="sign-other-language">
            {t(language === 'ru' ? 'plans.sign.kazakhCells' : 'plans.sign.russianCells', { count: n })}
          </Alert>
        )}
        {Boolean(general) && <ErrorAlert error={general} />}
        <FormActions onCancel={onClose} submitLabel={t('plans.sign.sign')} loading={busy} submitTestId="sign-submit" />
      </Stack>
    </form>
  );
}
