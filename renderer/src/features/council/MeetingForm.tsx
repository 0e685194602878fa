/**
 * A council meeting's number, date, time and place: the form of a new meeting and of a meeting's edit, checked by
 * the contract's own schema (`meetingInputSchema`, shared/council.ts). A new meeting may leave the number empty (the
 * core takes the next free one); an edit keeps one. The core's «number taken» lands on the number field.
 */
import { Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { meetingInputSchema } from '../../../../shared/council';
import { ErrorAlert } from '../../app/errors';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError, serverErrorPath, zodFormResolver, type ServerFieldMap } from '../../app/forms';
import { FormActions } from '../../app/FormActions';

export interface MeetingValues {
  /** '' = none typed (Mantine's NumberInput) */
  number: number | '';
  date: string;
  time: string;
  place: string;
}

const fields = meetingInputSchema.omit({ academicYear: true });
/** A new meeting: the number may stay empty. */
export const newMeetingFormSchema = fields.extend({ number: z.union([z.literal(''), fields.shape.number.unwrap()]) });
/** A meeting's edit: the number stays. */
export const editMeetingFormSchema = fields.required({ number: true });

const PLACE_MAX = meetingInputSchema.shape.place.maxLength ?? Number.POSITIVE_INFINITY;

export const MEETING_SERVER_FIELDS: ServerFieldMap = { codes: { 'council.number_taken': 'number' } };

export const validateMeeting = (t: TFunction, numberRequired: boolean) =>
  zodFormResolver<MeetingValues>(numberRequired ? editMeetingFormSchema : newMeetingFormSchema, t, {
    time: 'validation.invalid',
  });

/** The contract's input from the form's values (the number left out when empty). */
export function meetingInput(academicYear: number, v: MeetingValues): z.output<typeof meetingInputSchema> {
  const { number, ...rest } = v;
  return meetingInputSchema.parse({ academicYear, ...rest, ...(number === '' ? {} : { number }) });
}

export function MeetingForm({
  initialValues,
  academicYear,
  numberRequired,
  numberHint,
  testIdPrefix,
  submitTestId,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initialValues: MeetingValues;
  academicYear: number;
  numberRequired: boolean;
  numberHint?: string;
  testIdPrefix: string;
  submitTestId: string;
  pending: boolean;
  /** the last refusal of the core: shown as a whole unless it is about a field of this form */
  error: unknown;
  /** sends the parsed input; `fieldError` puts a refusal on its field and says whether it did */
  onSubmit: (input: z.output<typeof meetingInputSchema>, fieldError: (e: unknown) => boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<MeetingValues>({ mode: 'controlled', initialValues, validate: validateMeeting(t, numberRequired) });
  const place = form.getValues().place;
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => onSubmit(meetingInput(academicYear, v), (e) => applyServerFieldError(t, form, e, MEETING_SERVER_FIELDS)))}
    >
      <Stack>
        <NumberInput
          label={t('council.number')}
          description={numberHint}
          min={1}
          max={999}
          required={numberRequired}
          {...form.getInputProps('number')}
          data-testid={`${testIdPrefix}-number`}
        />
        <Group grow align="flex-start">
          <TextInput type="date" label={t('council.date')} required {...form.getInputProps('date')} data-testid={`${testIdPrefix}-date`} />
          <TextInput type="time" label={t('council.time')} required {...form.getInputProps('time')} data-testid={`${testIdPrefix}-time`} />
        </Group>
        <TextInput
          label={t('council.place')}
          required
          description={limitHint(t, place, PLACE_MAX)}
          {...form.getInputProps('place')}
          data-testid={`${testIdPrefix}-place`}
        />
        <ErrorAlert error={serverErrorPath(error, MEETING_SERVER_FIELDS) ? null : error} />
        <FormActions submitLabel={t('common.save')} onCancel={onCancel} loading={pending} submitTestId={submitTestId} />
      </Stack>
    </form>
  );
}
