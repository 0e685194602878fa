/**
 * A free agenda item (not proposed by any source): its title and, if it concerns one, the pupil; checked by the
 * contract's `council.agenda.add` schema (features/council/forms.ts), the title's error and counter on its field.
 */
import { Button, Group, Paper, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { invalidate, useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError, serverErrorPath } from '../../app/forms';
import { FREE_ITEM_TITLE_MAX, freeItemInput, validateFreeItem, type FreeItemValues } from './forms';
import { PupilPicker } from './PupilPicker';

const EMPTY: FreeItemValues = { title: '', pupilId: null, pupilName: null };

export function FreeItemForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<FreeItemValues>({ mode: 'controlled', initialValues: EMPTY, validate: validateFreeItem(t) });
  const v = form.getValues();
  const add = useApiMutation('council.agenda.add', {
    onSuccess: async () => {
      form.reset();
      await invalidate(qc, 'council.meetings.get');
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const path = serverErrorPath(add.error);
  return (
    <Paper withBorder p="md">
      <form noValidate onSubmit={form.onSubmit((values) => add.mutate(freeItemInput(meetingId, values)))}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('council.freeItem')}
            {...form.getInputProps('title')}
            description={limitHint(t, v.title, FREE_ITEM_TITLE_MAX)}
            style={{ flex: 1, minWidth: 280 }}
            data-testid="free-item-title"
          />
          <PupilPicker value={v.pupilId} valueLabel={v.pupilName} onChange={(id, name) => form.setValues({ pupilId: id, pupilName: name })} testId="free-item-pupil" />
          <Button type="submit" leftSection={<IconPlus size={14} />} loading={add.isPending} data-testid="free-item-add">
            {t('council.addItem')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={path !== null && path in v ? null : add.error} />
    </Paper>
  );
}
