/**
 * The home screen's list of key notices (electron/core/compartments/handlers.ts): protection roles granted and
 * resets of protection-role accounts, for the director until acknowledged, and grants waiting for a holder.
 * Acknowledging seals the keys this session holds to that account.
 */
import dayjs from 'dayjs';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { useCan } from '../../app/capabilities';

export function KeyNotices() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const holder = useCan('protectionRead');
  const list = useApiQuery('keys.notices', {}, { enabled: holder, retry: false });
  const ack = useApiMutation('keys.acknowledge', {
    onSuccess: () => invalidate(qc, 'keys.notices'),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  if (!holder || !list.data || list.data.length === 0) return null;
  return (
    <Alert color="grape" variant="light" icon={<IconKey size={18} />} title={t('keys.title')} data-testid="key-notices">
      <Stack gap="xs">
        {list.data.map((n) => (
          <Group key={`${n.accountId}-${n.id ?? 'pending'}`} justify="space-between" wrap="nowrap" data-testid="key-notice">
            <Text size="sm">
              {n.kind === 'pending'
                ? t('keys.pending', { name: n.accountName })
                : t(`keys.${n.kind}`, {
                    name: n.accountName,
                    by: n.byName ?? t('lock.resetByUnknown'),
                    at: n.at ? dayjs(n.at).format('DD.MM.YYYY HH:mm') : '',
                    roles: n.roles.map((r) => t(`roles.${r}`)).join(', '),
                  })}
              {n.waitsForPasswordChange && ` ${t('keys.waits')}`}
            </Text>
            <Button size="xs" variant="light" style={{ flexShrink: 0 }} loading={ack.isPending} onClick={() => ack.mutate({ accountId: n.accountId })} data-testid="key-acknowledge">
              {n.pending.length > 0 && !n.waitsForPasswordChange ? t('keys.grant') : t('keys.acknowledge')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
