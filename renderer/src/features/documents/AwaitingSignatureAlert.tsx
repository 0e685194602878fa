/**
 * Home screen: documents waiting for the logged-in account's signature (e.g. minutes the secretary issued), each
 * signed from here with the co-signing dialog (or from the documents register).
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../../shared/documents';
import { useApiQuery } from '../../api/hooks';
import { AnchorLink } from '../../app/links';
import { CosignDialog } from './CosignDialog';

export function AwaitingSignatureAlert() {
  const { t } = useTranslation();
  // always asked anew: the secretary's signature may have come in another login since the last look
  const q = useApiQuery('documents.awaitingMine', {}, { retry: false, refetchOnMount: 'always' });
  const [signing, setSigning] = useState<DocumentSummary | null>(null);
  const docs = q.data ?? [];
  if (docs.length === 0 && signing === null) return null;
  return (
    <Alert color="orange" icon={<IconSignature size={18} />} title={t('documents.awaitingMine.title', { count: docs.length })} data-testid="home-awaiting-signature">
      <Stack gap={4}>
        {docs.slice(0, 5).map((d) => (
          <Group key={d.id} justify="space-between" wrap="nowrap" data-testid="home-awaiting-row">
            <Text size="sm">
              {d.registerNumber} · {d.title}
            </Text>
            <Button size="compact-xs" variant="light" color="orange" leftSection={<IconSignature size={12} />} onClick={() => setSigning(d)} data-testid="home-cosign">
              {t('documents.cosign.sign')}
            </Button>
          </Group>
        ))}
        <AnchorLink size="sm" to="/documents">
          {t('documents.awaitingMine.open')}
        </AnchorLink>
      </Stack>
      {signing && <CosignDialog doc={signing} opened onClose={() => setSigning(null)} />}
    </Alert>
  );
}
