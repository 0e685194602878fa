/**
 * The classes an account is tied to ("7 Ә"): chosen from the classes that have pupils, or typed in (a class with no
 * pupil yet). A class teacher lists and opens only the pupils of these classes.
 */
import { Button, Group, Modal, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ClassRef } from '../../../../shared/accounts';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';

export function classLabel(c: ClassRef): string {
  return c.letter ? `${c.grade} ${c.letter}` : String(c.grade);
}

/** "7 Ә", "7Ә", "7-ә", "11" → a class; anything else → null. */
export function parseClass(text: string): ClassRef | null {
  const m = /^\s*(\d{1,2})\s*[-\s]?\s*(\p{L}{0,4})\s*$/u.exec(text);
  if (!m) return null;
  const grade = Number(m[1]);
  if (grade > 12) return null;
  return { grade, letter: (m[2] ?? '').toLocaleUpperCase('kk') };
}

export function ClassesModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const current = useApiQuery('accounts.classes', { id: account.id });
  const school = useApiQuery('accounts.schoolClasses', {});
  /** the classes as edited here; until the first edit, the account's stored classes (null while they load) */
  const [edited, setValue] = useState<string[] | null>(null);
  const value = edited ?? current.data?.map(classLabel) ?? null;
  const [error, setError] = useState<string | undefined>(undefined);
  const save = useApiMutation('accounts.setClasses', {
    onSuccess: async () => {
      await invalidate(qc, 'accounts.classes');
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
    },
  });

  const submit = () => {
    const parsed = (value ?? []).map(parseClass);
    if (parsed.some((c) => c === null)) {
      setError(t('accounts.classesInvalid'));
      return;
    }
    setError(undefined);
    save.mutate({ id: account.id, classes: parsed.filter((c): c is ClassRef => c !== null) });
  };

  return (
    <Modal opened onClose={onClose} title={t('accounts.classesTitle')} centered>
      <Stack data-testid="account-classes-form">
        <Text size="sm">
          {account.displayName}{' '}
          <Text span c="dimmed" ff="monospace">
            ({account.login})
          </Text>
        </Text>
        <Text size="sm" c="dimmed">
          {t('accounts.classesHint')}
        </Text>
        <TagsInput
          label={t('accounts.classesLabel')}
          placeholder={t('accounts.classesPlaceholder')}
          data={(school.data ?? []).map(classLabel)}
          value={value ?? []}
          onChange={(v) => {
            // "8ә" is shown as the school writes it, "8 Ә"; duplicates collapse
            setValue([
              ...new Set(
                v.map((x) => {
                  const c = parseClass(x);
                  return c ? classLabel(c) : x;
                }),
              ),
            ]);
            setError(undefined);
          }}
          error={error}
          disabled={value === null}
          clearable
          data-testid="account-classes-input"
        />
        <ErrorAlert error={current.error ?? school.error ?? save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending} disabled={value === null} data-testid="account-classes-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
