/**
 * Adds the next signature to a document that waits for it (`documents.cosign`): the signer picks one of their own
 * certificates (or a school-shared one) and types its signing password. The stamp appears with the signature.
 */
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../../shared/documents';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { useSession } from '../../app/session';

export function CosignDialog({ doc, opened, onClose }: { doc: DocumentSummary; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const certs = useApiQuery('documents.certificates.list', { includeRetired: false }, { enabled: opened });
  const [certId, setCertId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  // opening or closing forgets the typed password (React's "adjust state when a prop changes", not an effect)
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    setPassword('');
  }
  const list = (certs.data ?? []).filter((c) => c.ownerAccountId === null || c.ownerAccountId === session.accountId);
  const chosen = certId ?? list[0]?.id ?? null;
  const cosign = useApiMutation('documents.cosign', {
    onSuccess: async () => {
      await invalidate(qc, 'documents.list');
      await invalidate(qc, 'documents.awaitingMine');
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.cosign.title', { number: doc.registerNumber })} centered>
      <Stack>
        <Text size="sm">{doc.title}</Text>
        <Text size="sm" c="dimmed">
          {t('documents.cosign.intro', { role: doc.awaiting?.roleLabel ?? '' })}
        </Text>
        {certs.isSuccess && list.length === 0 ? (
          <Alert color="yellow">{t('documents.cosign.noCertificate')}</Alert>
        ) : (
          <>
            <Select
              label={t('documents.cosign.certificate')}
              data={list.map((c) => ({ value: c.id, label: `${c.subjectName} — ${c.serialHex.slice(0, 8).toUpperCase()}` }))}
              value={chosen}
              onChange={setCertId}
              allowDeselect={false}
              data-testid="cosign-certificate"
            />
            <PasswordInput
              label={t('documents.cosign.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              data-testid="cosign-password"
            />
          </>
        )}
        <ErrorAlert error={cosign.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={cosign.isPending}
            disabled={!chosen || password.length === 0}
            onClick={() => chosen && cosign.mutate({ id: doc.id, signer: { certificateId: chosen, password } })}
            data-testid="cosign-submit"
          >
            {t('documents.cosign.sign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
