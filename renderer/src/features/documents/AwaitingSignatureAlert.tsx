/** Home screen: documents waiting for the logged-in account's signature (e.g. minutes the secretary issued). */
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { href } from '../../app/router';

export function AwaitingSignatureAlert() {
  const { t } = useTranslation();
  // always asked anew: the secretary's signature may have come in another login since the last look
  const q = useApiQuery('documents.awaitingMine', {}, { retry: false, refetchOnMount: 'always' });
  const docs = q.data ?? [];
  if (docs.length === 0) return null;
  return (
    <Alert color="orange" icon={<IconSignature size={18} />} title={t('documents.awaitingMine.title', { count: docs.length })} data-testid="home-awaiting-signature">
      <Stack gap={2}>
        {docs.slice(0, 5).map((d) => (
          <Text size="sm" key={d.id}>
            {d.registerNumber} · {d.title}
          </Text>
        ))}
        <Anchor size="sm" href={href('/documents')}>
          {t('documents.awaitingMine.open')}
        </Anchor>
      </Stack>
    </Alert>
  );
}
