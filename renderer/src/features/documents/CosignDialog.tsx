/**
 * Adds the next signature to a document that waits for it (`documents.cosign`): the signer picks one of their own
 * certificates (or a school-shared one) and types its signing password. The stamp appears with the signature. A form
 * on the signer's contract schema (signerForm.ts): a wrong signing password shows on the password field.
 */
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, SigningCertificate } from '../../../../shared/documents';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { FormActions } from '../../app/FormActions';
import { applyServerFieldError, serverErrorPath } from '../../app/forms';
import { useSession } from '../../app/session';
import { SIGNER_SERVER_FIELDS, signerOf, validateSigner, type SignerValues } from './signerForm';

export function CosignDialog({ doc, opened, onClose }: { doc: DocumentSummary; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const certs = useApiQuery('documents.certificates.list', { includeRetired: false }, { enabled: opened });
  const list = (certs.data ?? []).filter((c) => c.ownerAccountId === null || c.ownerAccountId === session.accountId);
  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.cosign.title', { number: doc.registerNumber })} centered>
      <Stack>
        <Text size="sm">{doc.title}</Text>
        <Text size="sm" c="dimmed">
          {t('documents.cosign.intro', { role: doc.awaiting?.roleLabel ?? '' })}
        </Text>
        {certs.isSuccess && list.length === 0 && (
          <>
            <Alert color="yellow">{t('documents.cosign.noCertificate')}</Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
            </Group>
          </>
        )}
        {certs.isSuccess && list.length > 0 && <CosignForm doc={doc} list={list} onClose={onClose} />}
        <ErrorAlert error={certs.error} />
      </Stack>
    </Modal>
  );
}

function CosignForm({ doc, list, onClose }: { doc: DocumentSummary; list: SigningCertificate[]; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<SignerValues>({
    mode: 'controlled',
    initialValues: { certificateId: list[0]?.id ?? null, password: '' },
    validate: validateSigner(t),
  });
  const cosign = useApiMutation('documents.cosign', {
    onSuccess: async () => {
      await invalidate(qc, 'documents.list');
      await invalidate(qc, 'documents.awaitingMine');
      onClose();
    },
    onError: (e) => applyServerFieldError(t, form, e, SIGNER_SERVER_FIELDS),
  });
  const submit = form.onSubmit((values) => cosign.mutate({ id: doc.id, signer: signerOf(values) }));
  return (
    <form onSubmit={submit} noValidate data-testid="cosign-form">
      <Stack>
        <Select
          label={t('documents.cosign.certificate')}
          data={list.map((c) => ({ value: c.id, label: `${c.subjectName} — ${c.serialHex.slice(0, 8).toUpperCase()}` }))}
          {...form.getInputProps('certificateId')}
          allowDeselect={false}
          data-testid="cosign-certificate"
        />
        <PasswordInput
          label={t('documents.cosign.password')}
          {...form.getInputProps('password')}
          data-testid="cosign-password"
          errorProps={{ 'data-testid': 'cosign-password-error' }}
        />
        <ErrorAlert error={serverErrorPath(cosign.error, SIGNER_SERVER_FIELDS) ? null : cosign.error} />
        <FormActions onCancel={onClose} submitLabel={t('documents.cosign.sign')} loading={cosign.isPending} submitTestId="cosign-submit" />
      </Stack>
    </form>
  );
}
