/** What the screening section's parts share: the result's colour, the refresh after a write, pupils' names. */
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import type { ScreeningResult } from '../../../../shared/screening';
import type { ApiError } from '../../api/client';
import { invalidate } from '../../api/hooks';
import { errorText } from '../../app/errors';

export const RESULT_COLOR: Record<ScreeningResult, string> = { negative: 'gray', positive: 'orange', acute: 'red' };

export const nowLocal = () => dayjs().format('YYYY-MM-DDTHH:mm');

/** A refusal as a notification: the general message only (a notification never says anything of a screening). */
export function useNotifyError() {
  const { t } = useTranslation();
  return (e: ApiError) => notifications.show({ color: 'red', message: errorText(t, e) });
}

export function useRefresh() {
  const qc = useQueryClient();
  return () => invalidate(qc, 'screening.forCase', 'cases.get', 'cases.list', 'cases.myTasks', 'documents.list');
}

export function pupilName(c: CaseDetail, id: string): string {
  const p = c.pupils.find((x) => x.pupilId === id);
  return p ? `${p.lastName} ${p.firstName}` : '—';
}
