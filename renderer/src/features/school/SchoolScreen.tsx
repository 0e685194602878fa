import { Button, Group, Loader, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { schoolProfileSchema, type SchoolProfile } from '../../../../shared/school';
import { queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { applyServerFieldError, serverErrorPath } from '../../app/forms';
import { SchoolProfileFields, useSchoolForm } from './SchoolProfileFields';

export function SchoolScreen() {
  const school = useApiQuery('school.get', {});
  if (school.isPending) return <Loader />;
  if (school.error) return <ErrorAlert error={school.error} />;
  return <SchoolForm saved={school.data} />;
}

/** The form starts from the stored profile (mounted once it has loaded) and takes each saved profile as its new start. */
export function SchoolForm({ saved }: { saved: SchoolProfile }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchoolForm(saved);
  const save = useApiMutation('school.update', {
    onSuccess: (stored) => {
      qc.setQueryData(queryKey('school.get', {}), stored);
      form.setInitialValues(stored);
      form.setValues(stored);
      notifications.show({ color: 'green', message: t('common.saved') });
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });

  const submit = form.onSubmit((values) => save.mutate(schoolProfileSchema.parse(values)));

  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SchoolProfileFields form={form} />
          <ErrorAlert error={serverErrorPath(save.error) ? null : save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => form.reset()} disabled={save.isPending}>
              {t('common.reset')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="school-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
