/**
 * Records retention (README "Records retention"), the director's only: the archived pupils past the later of their
 * 21st birthday and 3 years after leaving; for one of them, what a purge deletes (counts by kind), a confirmation,
 * then the purge — one audited write in the core, refused if the counts changed since they were shown.
 */
import { Alert, Button, Checkbox, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PURGE_COUNT_KEYS, type PurgeDuePupil } from '../../../../shared/retention';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { usePupilNames } from '../../app/hideNames';

const day = (iso: string) => dayjs(iso).format('DD.MM.YYYY');

/** The button on the pupils screen: how many records are due, opening the list. */
export function RetentionButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const due = useApiQuery('retention.due', {});
  const count = due.data?.count ?? 0;
  return (
    <>
      <Button variant="default" color={count > 0 ? 'orange' : undefined} leftSection={<IconTrash size={18} />} onClick={() => setOpen(true)} data-testid="retention-open">
        {t('retention.open', { count })}
      </Button>
      {open && <RetentionModal onClose={() => setOpen(false)} />}
    </>
  );
}

export function RetentionModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const names = usePupilNames();
  const due = useApiQuery('retention.due', {});
  const [chosen, setChosen] = useState<PurgeDuePupil | null>(null);
  return (
    <Modal opened onClose={onClose} title={t('retention.title')} size="lg">
      {chosen ? (
        <PurgeConfirm pupil={chosen} onBack={() => setChosen(null)} />
      ) : (
        <Stack>
          <Text size="sm">{t('retention.intro')}</Text>
          {due.isPending && <Loader size="sm" />}
          {due.error && <ErrorAlert error={due.error} />}
          {due.data && (
            <>
              <Text size="sm" fw={600} data-testid="retention-count">
                {t('retention.count', { count: due.data.count })}
              </Text>
              {due.data.undated > 0 && (
                <Text size="sm" c="dimmed">
                  {t('retention.undated', { count: due.data.undated })}
                </Text>
              )}
              {due.data.pupils.length > 0 && (
                <Table withTableBorder data-testid="retention-list">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('pupils.name')}</Table.Th>
                      <Table.Th>{t('retention.left')}</Table.Th>
                      <Table.Th>{t('retention.dueOn')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {due.data.pupils.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td>{names.name(p)}</Table.Td>
                        <Table.Td>{day(p.archivedOn)}</Table.Td>
                        <Table.Td>{day(p.dueOn)}</Table.Td>
                        <Table.Td>
                          <Button size="xs" variant="light" color="red" onClick={() => setChosen(p)} aria-label={t('retention.purgeOf', { name: names.name(p) })} data-testid="retention-choose">
                            {t('retention.purge')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function PurgeConfirm({ pupil, onBack }: { pupil: PurgeDuePupil; onBack: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const names = usePupilNames();
  const [sure, setSure] = useState(false);
  const preview = useApiQuery('retention.preview', { pupilId: pupil.id });
  const purge = useApiMutation('retention.purge', {
    onSuccess: async () => {
      await invalidate(qc, 'retention.due', 'retention.preview', 'pupils.list', 'cases.list', 'documents.list');
      notifications.show({ color: 'green', message: t('retention.done') });
      onBack();
    },
    onError: () => void preview.refetch(),
  });
  const counts = preview.data?.counts;
  return (
    <Stack>
      <Text fw={600}>{names.name(pupil)}</Text>
      <Text size="sm">{t('retention.confirmIntro', { dueOn: day(pupil.dueOn) })}</Text>
      {preview.isPending && <Loader size="sm" />}
      {preview.error && <ErrorAlert error={preview.error} />}
      {counts && (
        <Table withTableBorder data-testid="retention-preview">
          <Table.Tbody>
            {PURGE_COUNT_KEYS.filter((k) => counts[k] > 0).map((k) => (
              <Table.Tr key={k}>
                <Table.Td>{t(`retention.counts.${k}`)}</Table.Td>
                <Table.Td ta="right">{counts[k]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Alert color="red" variant="light">
        {t('retention.warning')}
      </Alert>
      <Checkbox label={t('retention.sure')} checked={sure} onChange={(e) => setSure(e.currentTarget.checked)} data-testid="retention-sure" />
      {purge.error && <ErrorAlert error={purge.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack}>
          {t('common.back')}
        </Button>
        <Button
          color="red"
          disabled={!counts || !sure}
          loading={purge.isPending}
          onClick={() => counts && purge.mutate({ pupilId: pupil.id, expected: counts })}
          data-testid="retention-purge"
        >
          {t('retention.purgeConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}
