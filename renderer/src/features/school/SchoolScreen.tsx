import { Button, Group, Loader, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolProfile } from '../../../../shared/school';
import { queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { emptySchoolProfile, SchoolProfileFields, validateSchool, withoutError, type SchoolErrors } from './SchoolProfileFields';

export function SchoolScreen() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const school = useApiQuery('school.get', {});
  const [draft, setDraft] = useState<SchoolProfile>(emptySchoolProfile);
  const [errors, setErrors] = useState<SchoolErrors>({});
  const save = useApiMutation('school.update', {
    onSuccess: (saved) => {
      qc.setQueryData(queryKey('school.get', {}), saved);
      notifications.show({ color: 'green', message: t('common.saved') });
    },
  });

  useEffect(() => {
    if (school.data) setDraft(school.data);
  }, [school.data]);

  if (school.isPending) return <Loader />;
  if (school.error) return <ErrorAlert error={school.error} />;

  const submit = () => {
    const r = validateSchool(t, draft);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    save.mutate(r.value);
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack>
        <SchoolProfileFields
          value={draft}
          onChange={(v, key) => {
            setDraft(v);
            setErrors((e) => withoutError(e, key));
          }}
          errors={errors}
        />
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDraft(school.data)} disabled={save.isPending}>
            {t('common.reset')}
          </Button>
          <Button onClick={submit} loading={save.isPending} data-testid="school-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
