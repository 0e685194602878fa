/** «Restore from a backup» on the first screen of a fresh install: a dialog with the restore steps. */
import { Button, Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRestore } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidate } from '../../api/hooks';
import { RestorePanel } from './RestorePanel';

export function RestoreFromBackupButton() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="subtle" leftSection={<IconRestore size={18} />} onClick={() => setOpen(true)} data-testid="setup-restore">
        {t('backup.restore.fromBackup')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('backup.restore.title')} size="lg" closeOnClickOutside={false}>
        <RestorePanel
          overExisting={false}
          onCancel={() => setOpen(false)}
          onRestored={async () => {
            setOpen(false);
            notifications.show({ color: 'green', message: t('backup.restore.restored'), autoClose: 10_000 });
            await invalidate(qc, 'auth.status');
          }}
        />
      </Modal>
    </>
  );
}
