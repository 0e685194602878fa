/**
 * The guardians of a pupil, as a section of the pupil card: name, relation, phones, legal representative for every
 * reader; the IIN and "lives with the pupil" only for the protection compartment's holders (others see a dash). The
 * pupils' editors add, change and remove; a change made from a stale screen is refused ("changed since you opened
 * it") and the list is reloaded. An archived pupil's guardians are read-only.
 */
import { ActionIcon, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Guardian } from '../../../../shared/guardians';
import type { ApiError } from '../../api/client';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { errorText } from '../../app/errors';
import { ConfirmIcon } from '../plans/ConfirmButton';
import { useCan } from '../../app/capabilities';
import { GuardianForm } from './GuardianForm';

export function GuardiansSection({ pupilId, archived }: { pupilId: string; archived: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canEdit = useCan('guardiansEdit') && !archived;
  const list = useApiQuery('guardians.list', { pupilId });
  const [editing, setEditing] = useState<Guardian | 'new' | null>(null);
  const onError = async (e: ApiError) => {
    notifications.show({ color: 'red', message: errorText(t, e) });
    if (e.code === 'guardians.stale') await invalidate(qc, 'guardians.list');
  };
  const remove = useApiMutation('guardians.remove', {
    onSuccess: async () => {
      await qc.invalidateQueries();
      notifications.show({ color: 'green', message: t('guardians.removed') });
    },
    onError: (e) => void onError(e),
  });
  return (
    <Stack gap="xs" data-testid="guardians-section">
      <QueryPanel query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('guardians.none')}
            </Text>
          ) : (
            <Table verticalSpacing={6} data-testid="guardians-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('guardians.fullName')}</Table.Th>
                  <Table.Th>{t('guardians.relationLabel')}</Table.Th>
                  <Table.Th>{t('guardians.phones')}</Table.Th>
                  <Table.Th>{t('guardians.livesWith')}</Table.Th>
                  {canEdit && <Table.Th w={80} aria-label={t('common.actions')} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm" fw={600}>
                          {g.fullName}
                        </Text>
                        {g.legalRepresentative && (
                          <Badge size="xs" variant="light" style={{ textTransform: 'none' }}>
                            {t('guardians.legalRepresentative')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{t(`guardians.relation.${g.relation}`)}</Table.Td>
                    <Table.Td>
                      {g.phones.map((p) => (
                        <Text key={p} size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                          {p}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>{g.livesWithPupil === null ? '—' : g.livesWithPupil ? t('guardians.yes') : t('guardians.no')}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <Tooltip label={t('guardians.edit')}>
                            <ActionIcon variant="subtle" aria-label={t('guardians.edit')} onClick={() => setEditing(g)}>
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <ConfirmIcon
                            label={t('guardians.remove')}
                            question={t('guardians.removeQuestion', { name: g.fullName })}
                            confirmLabel={t('guardians.remove')}
                            icon={<IconTrash size={16} />}
                            onConfirm={() => remove.mutate({ id: g.id, version: g.version })}
                          />
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryPanel>
      {canEdit && (
        <Group>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="guardian-add">
            {t('guardians.add')}
          </Button>
        </Group>
      )}
      {editing && <GuardianForm key={editing === 'new' ? 'new' : editing.id} pupilId={pupilId} guardian={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onError={onError} />}
    </Stack>
  );
}
