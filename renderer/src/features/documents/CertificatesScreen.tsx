/**
 * Signing keys: the list, the school's own certificate (created here), a .p12 / .pfx added with its password.
 * Only the roles that sign (the `documentSign` capability) add keys, each in their own account's name.
 */
import { Alert, Badge, Button, Checkbox, FileButton, Group, Modal, PasswordInput, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconKey, IconPlus, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordProblem } from '../../../../shared/auth';
import type { SigningCertificate } from '../../../../shared/documents';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { ApiError } from '../../api/client';
import { ErrorAlert, errorText } from '../../app/errors';
import { useSession } from '../../app/session';
import { fileToBase64 } from './files';
import { useCan } from '../../app/capabilities';

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
  const qc = useQueryClient();
  const school = useApiQuery('school.get', {}, { enabled: opened, retry: false });
  const { session } = useSession();
  const [position, setPosition] = useState('');
  const [organization, setOrganization] = useState('');
  const [password, setPassword] = useState('');
  const create = useApiMutation('documents.certificates.create', {
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('documents.certificates.create.done') });
      void invalidate(qc, 'documents.certificates.list');
      setPassword('');
      onClose();
    },
  });
  const org = organization || school.data?.nameKk || '';
  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.certificates.create.title')} centered>
      <Stack>
        <TextInput
          label={t('documents.certificates.create.commonName')}
          description={t('documents.certificates.create.commonNameHint')}
          value={session.displayName}
          readOnly
          name="certName"
        />
        <TextInput label={t('documents.certificates.create.position')} value={position} onChange={(e) => setPosition(e.currentTarget.value)} required data-autofocus />
        <TextInput label={t('documents.certificates.create.organization')} value={org} onChange={(e) => setOrganization(e.currentTarget.value)} required />
        <PasswordInput
          label={t('documents.certificates.create.password')}
          description={t('documents.certificates.create.passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          required
        />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={create.isPending}
            disabled={!position.trim() || !org.trim() || passwordProblem(password) !== null}
            onClick={() => create.mutate({ position: position.trim(), organization: org.trim(), password })}
          >
            {t('documents.certificates.create.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [confirmName, setConfirmName] = useState(false);
  const { session } = useSession();
  const imp = useApiMutation('documents.certificates.import', {
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('documents.certificates.import.done') });
      void invalidate(qc, 'documents.certificates.list');
      setPassword('');
      setFile(null);
      setConfirmName(false);
      onClose();
    },
  });
  // the name in the file is not the account's: the director may confirm it is another spelling of their own name
  const mayConfirm = imp.error instanceof ApiError && imp.error.code === 'documents.certificate_name_mismatch' && imp.error.details?.directorMayConfirm === true;
  const submit = async () => {
    if (!file) return;
    imp.mutate({ p12Base64: await fileToBase64(file), password, confirmName: mayConfirm && confirmName });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.certificates.import.title')} centered>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('documents.certificates.import.rsaOnly')}
        </Text>
        <Group>
          <FileButton onChange={setFile} accept=".p12,.pfx,application/x-pkcs12">
            {(props) => (
              <Button variant="light" leftSection={<IconUpload size={16} />} {...props}>
                {t('documents.certificates.import.file')}
              </Button>
            )}
          </FileButton>
          {file && <Text size="sm">{file.name}</Text>}
        </Group>
        <PasswordInput label={t('documents.certificates.import.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
        <Text size="xs" c="dimmed">
          {t('documents.certificates.import.nameRule', { name: session.displayName })}
        </Text>
        <ErrorAlert error={imp.error} />
        {mayConfirm && (
          <Alert color="orange" variant="light" data-testid="certificates-import-confirm">
            <Checkbox
              checked={confirmName}
              onChange={(e) => setConfirmName(e.currentTarget.checked)}
              label={t('documents.certificates.import.confirmName', { name: session.displayName })}
            />
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={imp.isPending} disabled={!file} onClick={() => void submit()}>
            {t('documents.certificates.import.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
