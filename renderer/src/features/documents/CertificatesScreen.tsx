/**
 * Signing keys: the list, the school's own certificate (created here), a .p12 / .pfx added with its password.
 * Only the roles that sign (the `documentSign` capability) add keys, each in their own account's name.
 */
import { Alert, Badge, Button, Checkbox, FileButton, Group, Modal, PasswordInput, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconKey, IconPlus, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/auth';
import type { SigningCertificate } from '../../../../shared/documents';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { ApiError } from '../../api/client';
import { ErrorAlert, errorText } from '../../app/errors';
import { useSession } from '../../app/session';
import { fileToBase64 } from './files';
import { useCan } from '../../app/capabilities';
import { FormActions } from '../../app/FormActions';
import { applyServerFieldError, serverErrorPath } from '../../app/forms';
import { currentLanguage } from '../../i18n';
import {
  IMPORT_SERVER_FIELDS,
  importCertificateFormSchema,
  newCertificateOf,
  validateImportCertificate,
  validateNewCertificate,
  type ImportCertificateValues,
  type NewCertificateValues,
} from './signerForm';

export function CertificatesScreen() {
  const { t } = useTranslation();
  const list = useApiQuery('documents.certificates.list', {});
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const signs = useCan('documentSign');
  return (
    <Stack>
      {signs ? (
        <Group>
          <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="certificates-create">
            {t('documents.certificates.create.title')}
          </Button>
          <Button variant="light" leftSection={<IconUpload size={18} />} onClick={() => setImporting(true)} data-testid="certificates-import">
            {t('documents.certificates.import.title')}
          </Button>
        </Group>
      ) : (
        <Text c="dimmed" size="sm" data-testid="certificates-not-signer">
          {t('documents.certificates.signingRolesOnly')}
        </Text>
      )}
      <QueryPanel query={list}>
        {(data) =>
          (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" striped data-testid="certificates-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('documents.certificates.columns.name')}</Table.Th>
                  <Table.Th>{t('documents.certificates.columns.position')}</Table.Th>
                  <Table.Th>{t('documents.certificates.columns.issuer')}</Table.Th>
                  <Table.Th>{t('documents.certificates.columns.validUntil')}</Table.Th>
                  <Table.Th>{t('documents.certificates.columns.origin')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((c) => (
                  <CertificateRow key={c.id} cert={c} />
                ))}
                {data.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text c="dimmed" size="sm" p="sm">
                        {t('documents.certificates.empty')}
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
      <CreateDialog opened={creating} onClose={() => setCreating(false)} />
      <ImportDialog opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}

function CertificateRow({ cert }: { cert: SigningCertificate }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const expired = dayjs(cert.notAfter).isBefore(dayjs());
  const isRetirer = useCan('certificatesRetireAny');
  const canRetire = session?.accountId === cert.ownerAccountId || isRetirer;
  const retire = useApiMutation('documents.certificates.retire', {
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('documents.certificates.retired') });
      void invalidate(qc, 'documents.certificates.list');
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  return (
    <Table.Tr data-testid="certificates-row">
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <IconKey size={16} />
          <div>
            <Text size="sm">{cert.subjectName}</Text>
            {/* the fingerprint is what «Verify document» matches: compare it there */}
            <Text size="xs" c="dimmed" ff="monospace" title={`SHA-256 ${cert.fingerprintSha256.toUpperCase()}`}>
              {t('documents.certificates.fingerprint', { value: cert.fingerprintSha256.slice(0, 16).toUpperCase().replace(/(.{4})(?!$)/g, '$1 ') })}
            </Text>
          </div>
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{cert.position}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{cert.issuerName}</Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {dayjs(cert.notAfter).format('DD.MM.YYYY')}
        {expired && (
          <Badge color="red" ml="xs" variant="light">
            {t('documents.certificates.expired')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{t(`documents.certificates.origin.${cert.origin}`)}</Table.Td>
      <Table.Td>
        {canRetire && (
          <Button size="xs" variant="subtle" color="gray" leftSection={<IconArchive size={14} />} loading={retire.isPending} onClick={() => retire.mutate({ id: cert.id })}>
            {t('documents.certificates.retire')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function CreateDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const school = useApiQuery('school.get', {}, { enabled: opened, retry: false });
  const organization = (currentLanguage() === 'ru' ? school.data?.nameRu : school.data?.nameKk) ?? '';
  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.certificates.create.title')} centered>
      {!school.isPending && <CreateForm organization={organization} onClose={onClose} />}
    </Modal>
  );
}

/** A new certificate in the account's own name (`documents.certificates.create`): position, school, a password. */
function CreateForm({ organization, onClose }: { organization: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const form = useForm<NewCertificateValues>({
    mode: 'controlled',
    initialValues: { position: '', organization, password: '', repeat: '' },
    validate: validateNewCertificate(t),
  });
  const create = useApiMutation('documents.certificates.create', {
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('documents.certificates.create.done') });
      void invalidate(qc, 'documents.certificates.list');
      onClose();
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const submit = form.onSubmit((values) => create.mutate(newCertificateOf(values)));
  return (
    <form onSubmit={submit} noValidate data-testid="certificates-create-form">
      <Stack>
        <TextInput
          label={t('documents.certificates.create.commonName')}
          description={t('documents.certificates.create.commonNameHint')}
          value={session.displayName}
          readOnly
          name="certName"
        />
        <TextInput label={t('documents.certificates.create.position')} {...form.getInputProps('position')} required data-autofocus />
        <TextInput label={t('documents.certificates.create.organization')} {...form.getInputProps('organization')} required />
        <PasswordInput
          label={t('documents.certificates.create.password')}
          description={t('documents.certificates.create.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          {...form.getInputProps('password')}
          required
        />
        <PasswordInput label={t('plans.sign.repeatPassword')} autoComplete="new-password" {...form.getInputProps('repeat')} required />
        <ErrorAlert error={serverErrorPath(create.error) ? null : create.error} />
        <FormActions onCancel={onClose} submitLabel={t('documents.certificates.create.submit')} loading={create.isPending} submitTestId="certificates-create-submit" />
      </Stack>
    </form>
  );
}

function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.certificates.import.title')} centered>
      <ImportForm onClose={onClose} />
    </Modal>
  );
}

/** A .p12 / .pfx file and its password (`documents.certificates.import`). */
function ImportForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const form = useForm<ImportCertificateValues>({
    mode: 'controlled',
    initialValues: { file: null, password: '', confirmName: false },
    validate: validateImportCertificate(t),
  });
  const imp = useApiMutation('documents.certificates.import', {
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('documents.certificates.import.done') });
      void invalidate(qc, 'documents.certificates.list');
      onClose();
    },
    onError: (e) => applyServerFieldError(t, form, e, IMPORT_SERVER_FIELDS),
  });
  // the name in the file is not the account's: the director may confirm it is another spelling of their own name
  const mayConfirm = imp.error instanceof ApiError && imp.error.code === 'documents.certificate_name_mismatch' && imp.error.details?.directorMayConfirm === true;
  const submit = form.onSubmit(async (values) => {
    const { file, password, confirmName } = importCertificateFormSchema.parse(values);
    imp.mutate({ p12Base64: await fileToBase64(file), password, confirmName: mayConfirm && confirmName });
  });
  const { file } = form.getValues();
  return (
    <form onSubmit={submit} noValidate data-testid="certificates-import-form">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('documents.certificates.import.rsaOnly')}
        </Text>
        <Stack gap={4}>
          <Group>
            <FileButton onChange={(f) => form.setFieldValue('file', f)} accept=".p12,.pfx,application/x-pkcs12">
              {(props) => (
                <Button variant="light" leftSection={<IconUpload size={16} />} {...props}>
                  {t('documents.certificates.import.file')}
                </Button>
              )}
            </FileButton>
            {file && <Text size="sm">{file.name}</Text>}
          </Group>
          {form.errors.file && (
            <Text c="red.9" size="sm" data-testid="certificates-import-file-error">
              {form.errors.file}
            </Text>
          )}
        </Stack>
        <PasswordInput
          label={t('documents.certificates.import.password')}
          {...form.getInputProps('password')}
          errorProps={{ 'data-testid': 'certificates-import-password-error' }}
        />
        <Text size="xs" c="dimmed">
          {t('documents.certificates.import.nameRule', { name: session.displayName })}
        </Text>
        <ErrorAlert error={serverErrorPath(imp.error, IMPORT_SERVER_FIELDS) ? null : imp.error} />
        {mayConfirm && (
          <Alert color="orange" variant="light" data-testid="certificates-import-confirm">
            <Checkbox
              {...form.getInputProps('confirmName', { type: 'checkbox' })}
              label={t('documents.certificates.import.confirmName', { name: session.displayName })}
            />
          </Alert>
        )}
        <FormActions onCancel={onClose} submitLabel={t('documents.certificates.import.submit')} loading={imp.isPending} />
      </Stack>
    </form>
  );
}
