import type { BackupJob } from '../../../../shared/backup';
import { useApiQuery } from '../../api/hooks';

const FINAL: readonly BackupJob['phase'][] = ['done', 'failed', 'ready'];

/** Polls a backup or restore job until it is done, failed or ready. */
export function useJob(id: string | null): BackupJob | null {
  const q = useApiQuery(
    'backup.job',
    { id: id ?? '00000000-0000-4000-8000-000000000000' },
    {
      enabled: id !== null,
      refetchInterval: (query) => (query.state.data && FINAL.includes(query.state.data.phase) ? false : 250),
      refetchIntervalInBackground: true,
      gcTime: 0,
    },
  );
  return id !== null ? (q.data ?? null) : null;
}

export const isFinal = (job: BackupJob | null): boolean => job !== null && FINAL.includes(job.phase);
