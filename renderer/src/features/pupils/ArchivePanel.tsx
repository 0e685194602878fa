/**
 * Leaving the school: archive a pupil with the reason and the date (the record stays, read-only), or undo an
 * archive made in error. Shown to the pupils' editors on the pupil's form and card. The reason and date are a form
 * on the contract's `pupils.archive` schema: a missing date is refused on its field.
 */
import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useForm } from '@mantine/form';
import { ARCHIVE_REASONS, pupilsMethods, type ArchiveReason, type Pupil } from '../../../../shared/pupils';
import { useApiMutation } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { DateField } from '../../app/DateField';
import { applyServerFieldError, serverErrorPath, zodFormResolver } from '../../app/forms';

/** The archive badge's text: "Archived: graduated, 01.06.2027". */
export function archiveLabel(t: TFunction, p: Pick<Pupil, 'archiveReason' | 'archivedOn'>): string {
  const reason = p.archiveReason ? t(`pupils.archiveReason.${p.archiveReason}`) : '';
  const date = p.archivedOn ? dayjs(p.archivedOn).format('DD.MM.YYYY') : '';
  return [t('pupils.archivedBadge'), [reason, date].filter(Boolean).join(', ')].filter(Boolean).join(': ');
}

export function ArchivePanel({ pupil, canEdit, onDone }: { pupil: Pupil; canEdit: boolean; onDone?: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const done = async (message: string) => {
    // the pupil, the lists and the card's chronology all change
    await qc.invalidateQueries();
    notifications.show({ color: 'green', message });
    setOpen(false);
    onDone?.();
  };
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorText(t, e) });
  const restore = useApiMutation('pupils.restore', { onSuccess: () => done(t('pupils.restoreDone')), onError });

  if (pupil.archived) {
    return (
      <Alert color="gray" icon={<IconArchive size={18} />} data-testid="pupil-archived">
        <Group justify="space-between">
          <Text size="sm">
            {archiveLabel(t, pupil)}. {t('pupils.archivedReadOnly')}
          </Text>
          {canEdit && (
            <Button size="xs" variant="default" loading={restore.isPending} onClick={() => restore.mutate({ id: pupil.id })}>
              {t('pupils.restore')}
            </Button>
          )}
        </Group>
      </Alert>
    );
  }
  if (!canEdit) return null;
  if (!open) {
    return (
      <Group>
        <Button variant="subtle" color="gray" size="xs" leftSection={<IconArchive size={16} />} onClick={() => setOpen(true)} data-testid="pupil-archive">
          {t('pupils.archive')}
        </Button>
      </Group>
    );
  }
  return <ArchiveForm pupilId={pupil.id} onCancel={() => setOpen(false)} onArchived={() => done(t('pupils.archiveDone'))} />;
}

export interface ArchiveValues {
  reason: ArchiveReason;
  /** null = none chosen */
  date: string | null;
}

/** `pupils.archive`'s reason and date as the form checks them (the contract's own schema). */
const archiveFormSchema = pupilsMethods['pupils.archive'].input.omit({ id: true });

/** The reason and the day the pupil left; today to begin with. */
function ArchiveForm({ pupilId, onCancel, onArchived }: { pupilId: string; onCancel: () => void; onArchived: () => Promise<void> }) {
  const { t } = useTranslation();
  const form = useForm<ArchiveValues>({
    mode: 'controlled',
    initialValues: { reason: 'transferred', date: dayjs().format('YYYY-MM-DD') },
    validate: zodFormResolver<ArchiveValues>(archiveFormSchema, t),
  });
  const v = form.getValues();
  const archive = useApiMutation('pupils.archive', { onSuccess: onArchived, onError: (e) => applyServerFieldError(t, form, e) });
  const path = serverErrorPath(archive.error);
  return (
    <form noValidate onSubmit={form.onSubmit((values) => archive.mutate({ id: pupilId, ...archiveFormSchema.parse(values) }))}>
      <Stack gap="xs">
        <Group align="flex-start">
          <Select
            label={t('pupils.archiveReasonLabel')}
            data={ARCHIVE_REASONS.map((r) => ({ value: r, label: t(`pupils.archiveReason.${r}`) }))}
            allowDeselect={false}
            {...form.getInputProps('reason')}
            w={240}
            data-testid="archive-reason"
          />
          <DateField
            label={t('pupils.archiveDate')}
            value={v.date}
            onChange={(d) => form.setFieldValue('date', d)}
            name="archive"
            clearable
            error={typeof form.errors.date === 'string' ? form.errors.date : undefined}
          />
        </Group>
        <ErrorAlert error={path !== null && path in v ? null : archive.error} />
        <Group>
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="orange" size="xs" loading={archive.isPending} data-testid="pupil-archive-confirm">
            {t('pupils.archiveConfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
