/**
 * "Documents" on the case screen (a `CASE_SECTIONS` entry): the case summary and the letter inviting a pupil's
 * parents to talk, each signed with the caller's own certificate and put in the register, and the list of the
 * documents issued for this case. The core checks access and builds both PDFs (electron/core/case-documents); the
 * summary never carries a confidential note, a letter names only its own pupil.
 */
import { Autocomplete, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileDescription, IconMail } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { meetingAtSchema, parentLetterInputSchema } from '../../../../shared/case-documents';
import type { CaseDetail } from '../../../../shared/cases';
import type { SignerInput } from '../../../../shared/documents';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { zodFormResolver } from '../../app/forms';
import { SignDialog } from '../plans/SignDialog';
import type { CaseSectionProps } from '../cases/sections';
import { DateText, showDate, today } from '../cases/parts';
import { FormActions } from '../../app/FormActions';

interface LetterFields {
  pupilId: string;
  addressee: string;
  date: string;
  time: string;
  place: string;
  contactPhone: string;
}

/**
 * The letter's own fields as `caseDocs.parentLetter` checks them; the meeting's date and time are typed apart and
 * checked as the one `meetingAt` the core takes, and a day already past is refused before signing, as the core does.
 */
const letterInput = parentLetterInputSchema.shape;
const letterFormSchema = z
  .object({ pupilId: letterInput.pupilId, addressee: letterInput.addressee, date: z.iso.date(), time: z.string(), place: letterInput.place, contactPhone: letterInput.contactPhone })
  .superRefine((v, ctx) => {
    if (!meetingAtSchema.safeParse(`${v.date}T${v.time}`).success) ctx.addIssue({ code: 'custom', path: ['time'], message: 'HH:MM', params: { i18n: 'cases.timeInvalid' } });
    if (v.date < today()) ctx.addIssue({ code: 'custom', path: ['date'], message: 'in the past', params: { i18n: 'errors.caseDocs.meeting_in_past' } });
  });

function LetterModal({ c, opened, onClose, onNext }: { c: CaseDetail; opened: boolean; onClose: () => void; onNext: (f: LetterFields) => void }) {
  const { t } = useTranslation();
  const form = useForm<LetterFields>({
    mode: 'controlled',
    initialValues: { pupilId: c.pupils[0]?.pupilId ?? '', addressee: '', date: '', time: '15:00', place: '', contactPhone: '' },
    validate: zodFormResolver<LetterFields>(letterFormSchema, t),
  });
  const f = form.values;
  const guardians = useApiQuery('guardians.list', { pupilId: f.pupilId }, { enabled: opened && f.pupilId !== '', retry: false });
  const dateError = form.errors.date;
  return (
    <Modal opened={opened} onClose={onClose} title={t('caseDocs.letter.title')} size="lg" centered>
      <form onSubmit={form.onSubmit((values) => onNext({ ...values, ...letterFormSchema.parse(values) }))} noValidate>
        <Stack data-testid="letter-form">
          <Text size="sm" c="dimmed">
            {t('caseDocs.letter.hint')}
          </Text>
          <Select
            label={t('caseDocs.letter.pupil')}
            allowDeselect={false}
            data={c.pupils.map((p) => ({ value: p.pupilId, label: `${p.lastName} ${p.firstName} · ${p.grade} ${p.classLetter}` }))}
            data-testid="letter-pupil"
            {...form.getInputProps('pupilId')}
            onChange={(v) => form.setValues({ pupilId: v ?? '', addressee: '' })}
          />
          <Autocomplete
            label={t('caseDocs.letter.addressee')}
            description={t('caseDocs.letter.addresseeHint')}
            data={[...new Set((guardians.data ?? []).map((g) => g.fullName))]}
            data-testid="letter-addressee"
            {...form.getInputProps('addressee')}
          />
          <Group align="flex-start" gap="md">
            <DateText
              label={t('caseDocs.letter.date')}
              value={f.date || null}
              onChange={(v) => form.setFieldValue('date', v ?? '')}
              name="letter-date"
              quick={[1, 3, 7]}
              required
              error={dateError}
            />
            <TextInput label={t('caseDocs.letter.time')} placeholder="15:00" w={120} data-testid="letter-time" {...form.getInputProps('time')} />
          </Group>
          <TextInput label={t('caseDocs.letter.place')} placeholder={t('caseDocs.letter.placeExample')} data-testid="letter-place" {...form.getInputProps('place')} />
          <TextInput label={t('caseDocs.letter.phone')} data-testid="letter-phone" {...form.getInputProps('contactPhone')} />
          <FormActions submitLabel={t('caseDocs.letter.next')} onCancel={onClose} submitTestId="letter-next" />
        </Stack>
      </form>
    </Modal>
  );
}

export function CaseDocumentsSection({ c }: CaseSectionProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const docs = useApiQuery('caseDocs.list', { caseId: c.id });
  const [signing, setSigning] = useState<null | 'summary' | 'letter'>(null);
  const [letterOpen, setLetterOpen] = useState(false);
  const [letter, setLetter] = useState<LetterFields | null>(null);
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorText(t, e) });
  const open = useApiMutation('documents.open', { onError });
  const done = async (doc: { registerNumber: string; documentId: string }) => {
    setSigning(null);
    setLetter(null);
    await invalidate(qc, 'caseDocs.list', 'documents.list');
    notifications.show({ color: 'green', message: t('caseDocs.signed', { number: doc.registerNumber }) });
    open.mutate({ id: doc.documentId });
  };
  const summary = useApiMutation('caseDocs.summary', { onSuccess: done });
  const parentLetter = useApiMutation('caseDocs.parentLetter', { onSuccess: done });
  const sign = (signer: SignerInput, language: 'kk' | 'ru') => {
    if (signing === 'summary') summary.mutate({ caseId: c.id, language, signer });
    else if (letter) {
      parentLetter.mutate({
        caseId: c.id,
        pupilId: letter.pupilId,
        language,
        addressee: letter.addressee,
        meetingAt: `${letter.date}T${letter.time}`,
        place: letter.place,
        contactPhone: letter.contactPhone,
        signer,
      });
    }
  };
  const pending = signing === 'summary' ? summary : parentLetter;
  return (
    <Paper withBorder radius="md" p="md" data-testid="case-documents">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>{t('caseDocs.title')}</Title>
          <Group gap="xs">
            <Button size="xs" variant="light" leftSection={<IconFileDescription size={14} />} onClick={() => setSigning('summary')} data-testid="case-summary-sign">
              {t('caseDocs.summary')}
            </Button>
            <Button size="xs" variant="light" leftSection={<IconMail size={14} />} onClick={() => setLetterOpen(true)} data-testid="parent-letter-open">
              {t('caseDocs.letter.button')}
            </Button>
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {t('caseDocs.hint')}
        </Text>
        {(docs.data ?? []).length > 0 && (
          <Table verticalSpacing={4} data-testid="case-documents-list">
            <Table.Tbody>
              {(docs.data ?? []).map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {d.registerNumber}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`documents.kind.${d.kind}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`languages.${d.language}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{showDate(d.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" onClick={() => open.mutate({ id: d.id })}>
                      {t('caseDocs.openPdf')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <LetterModal
        key={letterOpen ? 'open' : 'closed'}
        c={c}
        opened={letterOpen}
        onClose={() => setLetterOpen(false)}
        onNext={(f) => {
          setLetter(f);
          setLetterOpen(false);
          setSigning('letter');
        }}
      />
      <SignDialog
        opened={signing !== null}
        title={signing === 'summary' ? t('caseDocs.summary') : t('caseDocs.letter.title')}
        busy={pending.isPending}
        error={pending.error}
        onClose={() => setSigning(null)}
        onSign={sign}
      />
    </Paper>
  );
}
