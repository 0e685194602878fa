/**
 * The yearly move up a grade: the preview (active pupils per grade, how many graduate), then one confirmed write.
 * The apply names the count the preview showed; a school that changed in between is refused and previewed again.
 * The top grade and date are a form on the contract's `pupils.promote` schema (a missing date refused on its field).
 */
import { Alert, Button, Group, Loader, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { pupilsMethods } from '../../../../shared/pupils';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { DateField } from '../../app/DateField';
import { applyServerFieldError, serverErrorPath, zodFormResolver } from '../../app/forms';

export interface PromoteValues {
  topGrade: 11 | 12;
  /** null = none chosen */
  date: string | null;
}

const promote = pupilsMethods['pupils.promote'].input;
/** The move's top grade and date as the form checks them (the contract's schema; `expected` comes from the preview). */
const promoteFormSchema = promote.omit({ expected: true });

export function PromoteModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<PromoteValues>({
    mode: 'controlled',
    initialValues: { topGrade: 11, date: dayjs().format('YYYY-MM-DD') },
    validate: zodFormResolver<PromoteValues>(promoteFormSchema, t),
  });
  const { topGrade, date } = form.getValues();
  const preview = useApiQuery('pupils.promotePreview', { topGrade });
  const apply = useApiMutation('pupils.promote', {
    onSuccess: async (r) => {
      await invalidate(qc, 'pupils.list', 'pupils.get', 'pupils.promotePreview', 'accounts.schoolClasses', 'accounts.classes');
      notifications.show({ color: 'green', message: t('pupils.promote.done', { moved: r.moved - r.graduating, graduated: r.graduating }) });
      onClose();
    },
    onError: (e) => {
      // a school that changed since the preview is previewed again
      if (!applyServerFieldError(t, form, e)) void preview.refetch();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('pupils.promote.title')} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => preview.data && apply.mutate(promote.parse({ ...promoteFormSchema.parse(v), expected: preview.data.moved })))}
      >
        <Stack>
          <Text size="sm">{t('pupils.promote.intro')}</Text>
          <Group align="flex-end">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('pupils.promote.topGrade')}
              </Text>
              <SegmentedControl value={String(topGrade)} onChange={(v) => form.setFieldValue('topGrade', v === '12' ? 12 : 11)} data={['11', '12']} />
            </Stack>
            <DateField
              label={t('pupils.promote.date')}
              value={date}
              onChange={(d) => form.setFieldValue('date', d)}
              name="promote"
              clearable
              error={typeof form.errors.date === 'string' ? form.errors.date : undefined}
            />
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
          <ErrorAlert error={onField(serverErrorPath(apply.error)) ? null : apply.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" disabled={!preview.data || preview.data.moved === 0} loading={apply.isPending} data-testid="promote-apply">
              {t('pupils.promote.apply', { count: preview.data?.moved ?? 0 })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Whether a refusal's field is one of the form's (shown there, not as a whole). */
function onField(path: string | null): boolean {
  return path === 'date' || path === 'topGrade';
}
