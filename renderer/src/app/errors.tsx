import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, toApiError } from '../api/client';

/** The translated message of an error code: `errors.<code>` in kk.json / ru.json. */
export function errorText(t: TFunction, error: unknown): string {
  const e = error instanceof ApiError ? error : toApiError(error);
  // Only `migration` (db.migration_failed names the step) and the dates of a period (`start`, `end`: a date
  // outside its quarter) are interpolated: other details never reach the text.
  const migration = typeof e.details?.migration === 'string' ? e.details.migration : '';
  const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayjs(v).format('L') : '');
  return t(`errors.${e.code}`, { defaultValue: t('errors.internal'), migration, start: date(e.details?.start), end: date(e.details?.end) });
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title} data-testid="error-alert">
      {errorText(t, error)}
    </Alert>
  );
}
