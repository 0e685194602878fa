/**
 * What the case screen's forms share: a write that names the version the screen read (on `cases.stale` a bar offers
 * to reload), a refusal about one field shown on that field, and the section frame.
 */
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { invalidate, useApiMutation } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { applyServerFieldError, type FieldErrorTarget, type ServerFieldMap } from '../../app/forms';

export type CaseWriteMethod = 'cases.update' | 'cases.addTask' | 'cases.addNote' | 'cases.addContact' | 'cases.close' | 'cases.decideClosure' | 'cases.reopen';

export function useCaseWrite<M extends CaseWriteMethod>(method: M, opts: { onDone?: () => void; form?: FieldErrorTarget; fields?: ServerFieldMap } = {}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [stale, setStale] = useState(false);
  const m = useApiMutation(method, {
    onSuccess: async () => {
      setStale(false);
      await invalidate(qc, 'cases.get', 'cases.list', 'cases.forPupil', 'cases.myTasks');
      opts.onDone?.();
    },
    onError: (e: ApiError) => {
      if (e.code === 'cases.stale') setStale(true);
      // a refusal about one field lands on it; the rest as a notice (the form keeps what was typed)
      if (!opts.form || !applyServerFieldError(t, opts.form, e, opts.fields)) notifications.show({ color: 'red', message: errorText(t, e) });
    },
  });
  return { ...m, stale, setStale };
}

export function StaleBar({ show }: { show: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  if (!show) return null;
  return (
    <Alert color="orange" variant="light" data-testid="case-stale">
      <Group justify="space-between">
        <Text size="sm">{t('errors.cases.stale')}</Text>
        <Button size="compact-sm" variant="light" leftSection={<IconRefresh size={14} />} onClick={() => void invalidate(qc, 'cases.get')}>
          {t('cases.reload')}
        </Button>
      </Group>
    </Alert>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap="sm">
        <Title order={5}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}
