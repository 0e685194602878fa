import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

export function formatBytes(t: TFunction, n: number | null): string {
  if (n === null) return '—';
  if (n >= 1024 ** 3) return t('backup.units.gb', { n: (n / 1024 ** 3).toFixed(1) });
  if (n >= 1024 ** 2) return t('backup.units.mb', { n: (n / 1024 ** 2).toFixed(1) });
  return t('backup.units.kb', { n: Math.max(1, Math.round(n / 1024)) });
}

export const formatWhen = (iso: string | null): string => (iso ? dayjs(iso).format('DD.MM.YYYY HH:mm') : '—');

/** The last part of a path, for showing a chosen file or folder without the whole path. */
export const baseName = (p: string): string => p.split(/[\\/]/).filter(Boolean).at(-1) ?? p;
