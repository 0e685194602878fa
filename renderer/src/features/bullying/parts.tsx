/** What the bullying flow's parts share: a write that refreshes the flow, pupils' names, a form's buttons. */
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import type { ApiError } from '../../api/client';
import { invalidate, useApiMutation } from '../../api/hooks';
import { errorText } from '../../app/errors';

type Method = 'bullying.start' | 'bullying.complete' | 'bullying.skip' | 'bullying.scheduleFollowUp' | 'bullying.escalate' | 'bullying.addEvidence' | 'bullying.addScreenshot';

/**
 * A write of the flow: refreshes what shows it; a refusal goes on its field when `onField` puts it there (a form's
 * `applyServerFieldError`), else it is a notice.
 */
export function useFlowWrite<M extends Method>(method: M, onDone?: () => void, onField?: (e: ApiError) => boolean) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return useApiMutation(method, {
    onSuccess: async () => {
      await invalidate(qc, 'bullying.get', 'cases.get', 'cases.list', 'cases.myTasks', 'worklists.list', 'worklists.counts', 'chronology.list');
      onDone?.();
    },
    onError: (e: ApiError) => {
      if (!onField?.(e)) notifications.show({ color: 'red', message: errorText(t, e) });
    },
  });
}

export function pupilName(c: CaseDetail, id: string | null): string {
  const p = c.pupils.find((x) => x.pupilId === id);
  return p ? `${p.lastName} ${p.firstName} (${p.grade} ${p.classLetter})` : '';
}

/** A form error under a field that is not a Mantine input (a date typed as text), named `bullying-error-<field>`. */
export function fieldError(error: ReactNode, field: string): ReactNode {
  return error ? <span data-testid={`bullying-error-${field}`}>{error}</span> : undefined;
}

export function FormButtons({ onClose, loading, label }: { onClose: () => void; loading: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs">
      <Button size="xs" variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" size="xs" loading={loading} data-testid="bullying-form-save">
        {label}
      </Button>
    </Group>
  );
}
