/**
 * Leaving the school: archive a pupil with the reason and the date (the record stays, read-only), or undo an
 * archive made in error. Shown to the pupils' editors on the pupil's form and card.
 */
import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ARCHIVE_REASONS, type ArchiveReason, type Pupil } from '../../../../shared/pupils';
import { useApiMutation } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { DateField } from '../../app/DateField';

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
  const [reason, setReason] = useState<ArchiveReason>('transferred');
  const [date, setDate] = useState<string | null>(dayjs().format('YYYY-MM-DD'));
  const done = async (message: string) => {
    // the pupil, the lists and the card's chronology all change
    await qc.invalidateQueries();
    notifications.show({ color: 'green', message });
    setOpen(false);
    onDone?.();
  };
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorText(t, e) });
  const archive = useApiMutation('pupils.archive', { onSuccess: () => done(t('pupils.archiveDone')), onError });
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
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <Select
          label={t('pupils.archiveReasonLabel')}
          data={ARCHIVE_REASONS.map((r) => ({ value: r, label: t(`pupils.archiveReason.${r}`) }))}
          value={reason}
          onChange={(v) => setReason((ARCHIVE_REASONS as readonly string[]).includes(v ?? '') ? (v as ArchiveReason) : 'other')}
          allowDeselect={false}
          w={240}
        />
        <DateField label={t('pupils.archiveDate')} value={date} onChange={setDate} name="archive" />
      </Group>
      <Group>
        <Button variant="default" size="xs" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
        <Button color="orange" size="xs" disabled={!date} loading={archive.isPending} onClick={() => date && archive.mutate({ id: pupil.id, reason, date })} data-testid="pupil-archive-confirm">
          {t('pupils.archiveConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}
