/**
 * The execution mark of one plan item in one quarter (done / partly / not done, what was done, the day, reach) and
 * its evidence files, checked by the contract's own schema (`plans.setExecution`, shared/plans.ts). The day it was
 * carried out lies within the quarter (`dateInQuarter`, shared/calendar.ts — the core's rule): a day outside is
 * refused on the date field before anything is sent, and the core's own refusal lands there too.
 */
import { ActionIcon, Alert, Button, FileButton, Group, Modal, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPaperclip, IconTrash, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { dateInQuarter } from '../../../../shared/calendar';
import {
  EXECUTION_STATUSES,
  MAX_EVIDENCE_BYTES,
  plansMethods,
  type EvidenceInfo,
  type ExecutionMark,
  type ExecutionStatus,
  type PlanItem,
} from '../../../../shared/plans';
import { invalidate, useApiMutation } from '../../api/hooks';
import { DateField } from '../../app/DateField';
import { ErrorAlert, errorText } from '../../app/errors';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError, serverErrorPath, zodFormResolver } from '../../app/forms';
import { currentLanguage } from '../../i18n';
import { PlanItemMeetings } from '../council/PlanLinks';
import { fileToBase64, formatBytes, pick, todayIso } from './format';
import { FormActions } from '../../app/FormActions';

export interface QuarterRange {
  start: string;
  end: string;
}

export interface MarkValues {
  status: ExecutionStatus;
  doneText: string;
  doneOn: string | null;
  /** '' = emptied (Mantine's NumberInput): sent as 0, the contract's default */
  reachPupils: number | '';
  reachParents: number | '';
  reachTeachers: number | '';
}

const setExecution = plansMethods['plans.setExecution'].input;
const fields = setExecution.omit({ itemId: true, quarter: true });
/** An emptied count is none (the contract's default 0). */
const count = <S extends z.ZodType>(s: S) => z.preprocess((v) => (v === '' ? undefined : v), s);

/** What was done keeps at most this many characters (from the contract). */
export const DONE_TEXT_MAX = fields.shape.doneText.unwrap().maxLength ?? Number.POSITIVE_INFINITY;

/** The mark's fields as the form checks them: the contract's, with the day inside the quarter when it is known. */
export function markFormSchema(range: QuarterRange | undefined) {
  return fields
    .extend({
      reachPupils: count(fields.shape.reachPupils),
      reachParents: count(fields.shape.reachParents),
      reachTeachers: count(fields.shape.reachTeachers),
    })
    .superRefine((v, ctx) => {
      if (range && v.doneOn !== null && !dateInQuarter(v.doneOn, range)) {
        ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'outside the quarter' });
      }
    });
}

export const validateMark = (t: TFunction, range: QuarterRange | undefined) =>
  zodFormResolver<MarkValues>(markFormSchema(range), t, {
    'doneOn:custom': range ? ['plans.exec.dateOutside', { start: dayjs(range.start).format('L'), end: dayjs(range.end).format('L') }] : 'validation.invalid',
  });

/** The form's first values: the saved mark, else done today (or on the quarter's last day once it has ended). */
export function initialMark(mark: ExecutionMark | null, range: QuarterRange | undefined, today: string): MarkValues {
  const inRange = (d: string) => !range || dateInQuarter(d, range);
  return {
    status: mark?.status ?? 'done',
    doneText: mark?.doneText ?? '',
    doneOn: mark ? mark.doneOn : inRange(today) ? today : range && range.end < today ? range.end : null,
    reachPupils: mark?.reachPupils ?? 0,
    reachParents: mark?.reachParents ?? 0,
    reachTeachers: mark?.reachTeachers ?? 0,
  };
}

export function ExecutionMarkModal({
  item,
  academicYear,
  quarter,
  range,
  mark,
  onClose,
}: {
  item: PlanItem;
  /** the plan's year (an item the council carries out lists the year's meetings it points to) */
  academicYear: number;
  quarter: number;
  /** the quarter's dates: the day it was carried out lies within them */
  range: QuarterRange | undefined;
  mark: ExecutionMark | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const validate = validateMark(t, range);
  const initialValues = initialMark(mark, range, todayIso());
  // a saved day the calendar has since left outside the quarter shows at once on its field
  const initialDateError = validate(initialValues).doneOn;
  const form = useForm<MarkValues>({
    mode: 'controlled',
    initialValues,
    initialErrors: initialDateError ? { doneOn: initialDateError } : {},
    validate,
    validateInputOnChange: ['doneOn'],
  });
  const f = form.getValues();
  /** whether a refusal's field is one of this form's (then it is shown there, not as a whole) */
  const onField = (path: string | null) => path !== null && (path.split('.')[0] ?? path) in f;
  const [fileError, setFileError] = useState<string | null>(null);
  const refresh = () => invalidate(qc, 'plans.executions', 'plans.progress', 'plans.overdue');
  const save = useApiMutation('plans.setExecution', {
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
    },
    // a refusal about one field (a day outside the quarter, a text too long) is shown on that field
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const [added, setAdded] = useState<EvidenceInfo[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const upload = useApiMutation('plans.addEvidence', {
    onSuccess: async (info) => {
      setAdded((a) => [...a, info]);
      await refresh();
      notifications.show({ color: 'green', message: t('plans.exec.fileAdded') });
    },
    onError: (e) => setFileError(errorText(t, e)),
  });
  const remove = useApiMutation('plans.deleteEvidence', {
    onSuccess: async (_r, input) => {
      setRemoved((r) => [...r, input.id]);
      await refresh();
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  // files added before the mark is saved are kept with the item and quarter; show them at once
  const evidence = [...(mark?.evidence ?? []), ...added]
    .filter((e, i, all) => all.findIndex((x) => x.id === e.id) === i)
    .filter((e) => !removed.includes(e.id));

  const onFile = async (file: File | null) => {
    setFileError(null);
    if (!file) return;
    // the file is read into memory only when the core would keep it
    if (file.size > MAX_EVIDENCE_BYTES) {
      setFileError(t('plans.exec.fileTooLarge', { size: formatBytes(file.size, lang), max: formatBytes(MAX_EVIDENCE_BYTES, lang) }));
      return;
    }
    if (file.size === 0) {
      setFileError(t('plans.exec.fileEmpty'));
      return;
    }
    upload.mutate({
      itemId: item.id,
      quarter,
      fileName: file.name,
      mime: file.type || 'application/octet-stream',
      dataBase64: await fileToBase64(file),
    });
  };

  const submit = form.onSubmit((v) => save.mutate(setExecution.parse({ itemId: item.id, quarter, ...markFormSchema(range).parse(v) })));

  return (
    <Modal opened onClose={onClose} title={t('plans.exec.markTitle', { n: item.number, q: quarter })} size="xl" centered>
      <form onSubmit={submit} noValidate>
        <Stack data-testid="mark-form">
          <Text size="sm" style={{ overflowWrap: 'break-word' }}>
            {pick(lang, item.measureKk, item.measureRu)}
          </Text>
          <SegmentedControl
            value={f.status}
            onChange={(v) => form.setFieldValue('status', v)}
            data={EXECUTION_STATUSES.map((s) => ({ value: s, label: t(`plans.exec.statuses.${s}`) }))}
            data-testid="mark-status"
            fullWidth
          />
          <Textarea
            label={t('plans.exec.whatDone')}
            autosize
            minRows={3}
            maxRows={10}
            {...form.getInputProps('doneText')}
            description={limitHint(t, f.doneText, DONE_TEXT_MAX)}
            name="doneText"
          />
          <SimpleGrid cols={4} spacing="sm">
            <DateField
              label={t('plans.exec.date')}
              value={f.doneOn}
              onChange={(v) => form.setFieldValue('doneOn', v)}
              name="doneOn"
              clearable
              minDate={range?.start}
              maxDate={range?.end}
              error={typeof form.errors.doneOn === 'string' ? form.errors.doneOn : undefined}
            />
            <NumberInput label={t('plans.exec.reachPupils')} min={0} max={100000} {...form.getInputProps('reachPupils')} data-testid="mark-reachPupils" />
            <NumberInput label={t('plans.exec.reachParents')} min={0} max={100000} {...form.getInputProps('reachParents')} data-testid="mark-reachParents" />
            <NumberInput label={t('plans.exec.reachTeachers')} min={0} max={100000} {...form.getInputProps('reachTeachers')} data-testid="mark-reachTeachers" />
          </SimpleGrid>
          <Paper withBorder p="sm" radius="sm">
            <Group justify="space-between" mb={evidence.length ? 'xs' : 0}>
              <div>
                <Text size="sm" fw={600}>
                  {t('plans.exec.evidence')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('plans.exec.evidenceHint', { max: formatBytes(MAX_EVIDENCE_BYTES, lang) })}
                </Text>
              </div>
              <FileButton onChange={(file) => void onFile(file)}>
                {(props) => (
                  <Button {...props} size="xs" variant="light" leftSection={<IconUpload size={14} />} loading={upload.isPending} data-testid="evidence-upload">
                    {t('plans.exec.addFile')}
                  </Button>
                )}
              </FileButton>
            </Group>
            {evidence.map((e) => (
              <Group key={e.id} justify="space-between" wrap="nowrap">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <IconPaperclip size={14} />
                  <Text size="sm" truncate>
                    {e.fileName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatBytes(e.sizeBytes, lang)}
                  </Text>
                </Group>
                <ActionIcon variant="subtle" color="red" size="sm" onClick={() => remove.mutate({ id: e.id })} aria-label={t('plans.editor.delete')}>
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            {fileError && (
              <Alert color="red" variant="light" mt="xs" data-testid="evidence-error">
                {fileError}
              </Alert>
            )}
          </Paper>
          {item.responsibleRoles.includes('council') && <PlanItemMeetings planItemId={item.id} academicYear={academicYear} />}
          <ErrorAlert error={onField(serverErrorPath(save.error)) ? null : save.error} />
          <FormActions submitLabel={t('common.save')} onCancel={onClose} loading={save.isPending} submitTestId="mark-save" />
        </Stack>
      </form>
    </Modal>
  );
}
