/**
 * Asks for a signature: which of the school's certificates and its signing password. When the school has no
 * certificate yet, the director can create one here (RSA, in the signed-in account's own name; the position as
 * on documents).
 */
import { Alert, Button, Group, Input, Modal, PasswordInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCertificate } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordError } from '../accounts/forms';
import type { SignerInput } from '../../../../shared/documents';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { useSession } from '../../app/session';
import { currentLanguage } from '../../i18n';

export function SignDialog({
  opened,
  title,
  busy,
  error,
  onClose,
  onSign,
  withLanguage = true,
  otherLanguageCells,
}: {
  opened: boolean;
  title: string;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onSign: (signer: SignerInput, language: 'kk' | 'ru') => void;
  withLanguage?: boolean;
  /**
   * how many cells the document would print in the other language (marked "(текст на казахском языке)") when
   * signed in `language`; more than none warns before signing
   */
  otherLanguageCells?: (language: 'kk' | 'ru') => number;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const certs = useApiQuery('documents.certificates.list', { includeRetired: false }, { enabled: opened });
  const school = useApiQuery('school.get', {}, { enabled: opened, retry: false });
  const [certId, setCertId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<'kk' | 'ru'>(currentLanguage());
  const [creating, setCreating] = useState(false);
  /** the position as typed; until then the director's, as printed on documents */
  const [typedPosition, setNewPosition] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [newRepeat, setNewRepeat] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  // opening or closing forgets the typed password (React's "adjust state when a prop changes", not an effect)
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    setPassword('');
    setLocalError(null);
  }

  const { session } = useSession();
  // only the signer's own certificates (or the school's shared ones) may sign
  const list = (certs.data ?? []).filter((c) => c.ownerAccountId === null || c.ownerAccountId === session.accountId);
  const chosen = certId ?? list[0]?.id ?? null;
  const showCreate = creating || (certs.isSuccess && list.length === 0);

  // a new certificate is for the director as printed on documents
  const directorPosition = school.data ? (currentLanguage() === 'ru' ? school.data.directorPositionRu : school.data.directorPositionKk) : '';
  const newPosition = typedPosition ?? directorPosition;


  const create = useApiMutation('documents.certificates.create', {
    onSuccess: async (c) => {
      await invalidate(qc, 'documents.certificates.list');
      setCertId(c.id);
      setPassword(newPassword);
      setCreating(false);
    },
  });

  const submitCreate = () => {
    const pw = passwordError(t, newPassword);
    if (pw) return setLocalError(pw);
    if (newPassword !== newRepeat) return setLocalError(t('validation.passwordMismatch'));
    if (!newPosition.trim()) return setLocalError(t('validation.required'));
    setLocalError(null);
    create.mutate({
      position: newPosition.trim(),
      organization: (currentLanguage() === 'ru' ? school.data?.nameRu : school.data?.nameKk) ?? newPosition.trim(),
      password: newPassword,
      validYears: 3,
    });
  };


  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" centered>
      {showCreate ? (
        <Stack data-testid="cert-create-form">
          <Alert color="blue" variant="light" icon={<IconCertificate size={18} />}>
            {list.length === 0 ? t('plans.sign.noCertificate') : t('plans.sign.createHint')}
          </Alert>
          <TextInput label={t('plans.sign.certName')} description={t('documents.certificates.create.commonNameHint')} value={session.displayName} readOnly name="certName" />
          <TextInput
            label={t('plans.sign.certPosition')}
            value={newPosition}
            onChange={(e) => setNewPosition(e.currentTarget.value)}
            name="certPosition"
          />
          <PasswordInput
            label={t('plans.sign.newPassword')}
            description={t('plans.sign.newPasswordHint')}
            value={newPassword}
            onChange={(e) => setNewPassword(e.currentTarget.value)}
            name="certPassword"
          />
          <PasswordInput
            label={t('plans.sign.repeatPassword')}
            value={newRepeat}
            onChange={(e) => setNewRepeat(e.currentTarget.value)}
            name="certRepeat"
          />
          {localError && (
            <Text c="red.9" size="sm">
              {localError}
            </Text>
          )}
          {create.error && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={list.length ? () => setCreating(false) : onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={submitCreate} loading={create.isPending} data-testid="cert-create-submit">
              {t('plans.sign.createCertificate')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack data-testid="sign-form">
          <Select
            label={t('plans.sign.certificate')}
            value={chosen}
            onChange={setCertId}
            allowDeselect={false}
            data={list.map((c) => ({ value: c.id, label: `${c.subjectName} — ${c.position}` }))}
            description={(() => {
              const c = list.find((x) => x.id === chosen);
              return c ? t('plans.sign.validUntil', { date: dayjs(c.notAfter).format('L') }) : undefined;
            })()}
            data-testid="sign-certificate"
          />
          <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setCreating(true)}>
            {t('plans.sign.createAnother')}
          </Button>
          <PasswordInput
            label={t('plans.sign.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            name="signPassword"
            data-testid="sign-password"
          />
          {withLanguage && (
            <Input.Wrapper label={t('plans.sign.language')}>
              <SegmentedControl
                display="flex"
                w="fit-content"
                value={language}
                onChange={(v) => setLanguage(v === 'ru' ? 'ru' : 'kk')}
                data={[
                  { value: 'kk', label: t('languages.kk') },
                  { value: 'ru', label: t('languages.ru') },
                ]}
                data-testid="sign-language"
              />
            </Input.Wrapper>
          )}
          {(() => {
            const n = otherLanguageCells ? otherLanguageCells(language) : 0;
            return n > 0 ? (
              <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="sign-other-language">
                {t(language === 'ru' ? 'plans.sign.kazakhCells' : 'plans.sign.russianCells', { count: n })}
              </Alert>
            ) : null;
          })()}
          {Boolean(error) && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={!chosen || !password}
              loading={busy}
              onClick={() => chosen && onSign({ certificateId: chosen, password }, language)}
              data-testid="sign-submit"
            >
              {t('plans.sign.sign')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
