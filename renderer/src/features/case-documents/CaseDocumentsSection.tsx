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
import type { CaseDetail } from '../../../../shared/cases';
import type { SignerInput } from '../../../../shared/documents';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { SignDialog } from '../plans/SignDialog';
import type { CaseSectionProps } from '../cases/sections';
import { DateText, showDate, today } from '../cases/parts';

interface LetterFields {
  pupilId: string;
  addressee: string;
  date: string;
  time: string;
  place: string;
  contactPhone: string;
}

function LetterModal({ c, opened, onClose, onNext }: { c: CaseDetail; opened: boolean; onClose: () => void; onNext: (f: LetterFields) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<LetterFields>({ pupilId: c.pupils[0]?.pupilId ?? '', addressee: '', date: '', time: '15:00', place: '', contactPhone: '' });
  const guardians = useApiQuery('guardians.list', { pupilId: f.pupilId }, { enabled: opened && f.pupilId !== '', retry: false });
  const set = (patch: Partial<LetterFields>) => setF((x) => ({ ...x, ...patch }));
  const pastDate = f.date !== '' && f.date < today();
  const timeOk = /^([01]\d|2[0-3]):[0-5]\d$/u.test(f.time);
  const ready = f.pupilId && f.addressee.trim() && f.date && !pastDate && timeOk && f.place.trim();
  return (
    <Modal opened={opened} onClose={onClose} title={t('caseDocs.letter.title')} size="lg" centered>
      <Stack data-testid="letter-form">
        <Text size="sm" c="dimmed">
          {t('caseDocs.letter.hint')}
        </Text>
        <Select
          label={t('caseDocs.letter.pupil')}
          value={f.pupilId}
          onChange={(v) => set({ pupilId: v ?? '', addressee: '' })}
          allowDeselect={false}
          data={c.pupils.map((p) => ({ value: p.pupilId, label: `${p.lastName} ${p.firstName} · ${p.grade} ${p.classLetter}` }))}
          data-testid="letter-pupil"
        />
        <Autocomplete
          label={t('caseDocs.letter.addressee')}
          description={t('caseDocs.letter.addresseeHint')}
          value={f.addressee}
          onChange={(v) => set({ addressee: v })}
          data={[...new Set((guardians.data ?? []).map((g) => g.fullName))]}
          data-testid="letter-addressee"
        />
        <Group align="flex-start" gap="md">
          <DateText label={t('caseDocs.letter.date')} value={f.date || null} onChange={(v) => set({ date: v ?? '' })} name="letter-date" quick={[1, 3, 7]} required />
          <TextInput
            label={t('caseDocs.letter.time')}
            placeholder="15:00"
            value={f.time}
            onChange={(e) => set({ time: e.currentTarget.value })}
            error={timeOk ? undefined : t('cases.timeInvalid')}
            w={120}
            data-testid="letter-time"
          />
        </Group>
        {pastDate && (
          <Text size="sm" c="red.9">
            {t('errors.caseDocs.meeting_in_past')}
          </Text>
        )}
        <TextInput label={t('caseDocs.letter.place')} placeholder={t('caseDocs.letter.placeExample')} value={f.place} onChange={(e) => set({ place: e.currentTarget.value })} data-testid="letter-place" />
        <TextInput label={t('caseDocs.letter.phone')} value={f.contactPhone} onChange={(e) => set({ contactPhone: e.currentTarget.value })} data-testid="letter-phone" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!ready} onClick={() => onNext(f)} data-testid="letter-next">
            {t('caseDocs.letter.next')}
          </Button>
        </Group>
      </Stack>
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
        addressee: letter.addressee.trim(),
        meetingAt: `${letter.date}T${letter.time}`,
        place: letter.place.trim(),
        contactPhone: letter.contactPhone.trim(),
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
