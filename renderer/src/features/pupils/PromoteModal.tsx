/**
 * The yearly move up a grade: the preview (active pupils per grade, how many graduate), then one confirmed write.
 * The apply names the count the preview showed; a school that changed in between is refused and previewed again.
 */
import { Alert, Button, Group, Loader, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { DateField } from '../../app/DateField';

export function PromoteModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [topGrade, setTopGrade] = useState<11 | 12>(11);
  const [date, setDate] = useState<string | null>(dayjs().format('YYYY-MM-DD'));
  const preview = useApiQuery('pupils.promotePreview', { topGrade });
  const apply = useApiMutation('pupils.promote', {
    onSuccess: async (r) => {
      await invalidate(qc, 'pupils.list', 'pupils.get', 'pupils.promotePreview', 'accounts.schoolClasses', 'accounts.classes');
      notifications.show({ color: 'green', message: t('pupils.promote.done', { moved: r.moved - r.graduating, graduated: r.graduating }) });
      onClose();
    },
    onError: () => void preview.refetch(),
  });
  return (
    <Modal opened onClose={onClose} title={t('pupils.promote.title')} size="lg">
      <Stack>
        <Text size="sm">{t('pupils.promote.intro')}</Text>
        <Group align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('pupils.promote.topGrade')}
            </Text>
            <SegmentedControl value={String(topGrade)} onChange={(v) => setTopGrade(v === '12' ? 12 : 11)} data={['11', '12']} />
          </Stack>
          <DateField label={t('pupils.promote.date')} value={date} onChange={setDate} name="promote" />
        </Group>
        {preview.isPending && <Loader size="sm" />}
        {preview.error && <ErrorAlert error={preview.error} />}
        {preview.data && (
          <Table withTableBorder data-testid="promote-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pupils.promote.from')}</Table.Th>
                <Table.Th>{t('pupils.promote.to')}</Table.Th>
                <Table.Th>{t('pupils.promote.pupils')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.data.byGrade.map((g) => (
                <Table.Tr key={g.grade}>
                  <Table.Td>{g.grade === 0 ? t('pupils.preschool') : g.grade}</Table.Td>
                  <Table.Td>{g.grade === topGrade ? t('pupils.promote.graduates') : g.grade + 1}</Table.Td>
                  <Table.Td>{g.pupils}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {preview.data?.lastPromotion && (
          <Text size="sm" c="dimmed">
            {t('pupils.promote.last', { date: dayjs(preview.data.lastPromotion).format('DD.MM.YYYY') })}
          </Text>
        )}
        {preview.data && preview.data.graduating > 0 && (
          <Alert color="blue" variant="light">
            {t('pupils.promote.graduating', { count: preview.data.graduating })}
          </Alert>
        )}
        {apply.error && <ErrorAlert error={apply.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="orange"
            disabled={!preview.data || preview.data.moved === 0 || !date}
            loading={apply.isPending}
            onClick={() => preview.data && date && apply.mutate({ topGrade, expected: preview.data.moved, date })}
            data-testid="promote-apply"
          >
            {t('pupils.promote.apply', { count: preview.data?.moved ?? 0 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
