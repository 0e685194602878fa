import { Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BackupJob } from '../../../../shared/backup';
import { formatBytes } from './format';

/** The progress bar of a running job: phase, percentage, bytes. */
export function JobProgress({ job }: { job: BackupJob }) {
  const { t } = useTranslation();
  const pct = Math.round(job.fraction * 100);
  return (
    <Stack gap={4} data-testid="backup-progress">
      <Group justify="space-between">
        <Text size="sm">{t(`backup.phase.${job.phase}`)}</Text>
        <Text size="sm" c="dimmed">
          {job.bytesTotal > 1 ? `${formatBytes(t, job.bytesDone)} / ${formatBytes(t, job.bytesTotal)} · ` : ''}
          {pct}%
        </Text>
      </Group>
      <Progress value={pct} animated={job.phase !== 'done' && job.phase !== 'failed' && job.phase !== 'ready'} aria-label={t(`backup.phase.${job.phase}`)} />
    </Stack>
  );
}
