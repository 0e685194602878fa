/** The home screen's line about backups: when the last verified one was made, and a reminder when one is due. */
import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { AnchorLink } from '../../app/links';
import { useCan } from '../../app/capabilities';
import { formatWhen } from './format';

export function BackupReminder() {
  const { t } = useTranslation();
  const status = useApiQuery('backup.status', {}, { retry: false });
  const canBackup = useCan('backupRun');
  if (!status.data) return null;
  const s = status.data;
  const when = s.lastVerifiedAt ? t('backup.home.last', { when: formatWhen(s.lastVerifiedAt), days: s.daysSinceLast ?? 0 }) : t('backup.home.never');
  if (!s.due) {
    return (
      <Text size="sm" c="dimmed" data-testid="backup-reminder">
        <IconShieldCheck size={16} style={{ verticalAlign: 'text-bottom' }} /> {when}
      </Text>
    );
  }
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('backup.home.dueTitle')} data-testid="backup-reminder">
      {when} {t('backup.home.dueText', { days: s.reminderDays })}{' '}
      {canBackup ? <AnchorLink to="/backup">{t('backup.home.go')}</AnchorLink> : t('backup.home.askAdmin')}
    </Alert>
  );
}
