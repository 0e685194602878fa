import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconDatabaseSearch, IconFileSearch, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditBackupCheck } from '../../../../shared/audit';
import { useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';

const baseName = (file: string) => file.split(/[\\/]/).at(-1) ?? file;

/**
 * Compares the log with the head written into a backup file the user picks (read with the recovery key): a copy of
 * the head outside the PC, which a rewrite of the whole log inside the database cannot reach.
 */
export function BackupCheckButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconDatabaseSearch size={18} />} onClick={() => setOpen(true)} data-testid="audit-check-backup">
        {t('audit.backupCheck.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('audit.backupCheck.title')} size="lg">
        {open && <BackupCheckForm />}
      </Modal>
    </>
  );
}

function BackupCheckForm() {
  const { t } = useTranslation();
  const [file, setFile] = useState<string | null>(null);
  const [recoveryKey, setRecoveryKey] = useState('');
  const choose = useApiMutation('backup.chooseFile', { onSuccess: (f) => f && setFile(f) });
  // the recovery key does not stay on screen once it has been used
  const check = useApiMutation('audit.checkBackup', { onSuccess: () => setRecoveryKey('') });
  return (
    <Stack>
      <Text size="sm">{t('audit.backupCheck.hint')}</Text>
      <Group>
        <Button variant="default" leftSection={<IconFileSearch size={18} />} onClick={() => choose.mutate({})} loading={choose.isPending} data-testid="audit-check-choose">
          {t('backup.restore.chooseFile')}
        </Button>
        <Text size="sm" c={file ? undefined : 'dimmed'}>
          {file ? baseName(file) : t('backup.restore.noFile')}
        </Text>
      </Group>
      <ErrorAlert error={choose.error} />
      <Textarea
        label={t('backup.restore.recoveryKey')}
        value={recoveryKey}
        onChange={(e) => setRecoveryKey(e.currentTarget.value)}
        autosize
        minRows={2}
        spellCheck={false}
        autoComplete="off"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
        data-testid="audit-check-recovery-key"
      />
      <Group justify="flex-end">
        <Button
          onClick={() => file && check.mutate({ file, recoveryKey: recoveryKey.trim() })}
          disabled={!file || recoveryKey.trim().length < 52}
          loading={check.isPending}
          data-testid="audit-check-submit"
        >
          {t('audit.backupCheck.submit')}
        </Button>
      </Group>
      <ErrorAlert error={check.error} />
      {check.data && <BackupCheckResult result={check.data} />}
    </Stack>
  );
}

function BackupCheckResult({ result }: { result: AuditBackupCheck }) {
  const { t } = useTranslation();
  const good = result.result === 'consistent';
  const neutral = result.result === 'no_head' || result.result === 'other_school';
  return (
    <Alert
      color={good ? 'green' : neutral ? 'yellow' : 'red'}
      variant="light"
      icon={good ? <IconShieldCheck size={18} /> : <IconShieldX size={18} />}
      data-testid="audit-check-result"
      data-result={result.result}
    >
      {t(`audit.backupCheck.result.${result.result}`, {
        date: dayjs(result.createdAt).format('DD.MM.YYYY HH:mm'),
        seq: result.seq ?? '—',
        from: result.from ?? '—',
        to: result.to ?? '—',
      })}
    </Alert>
  );
}
