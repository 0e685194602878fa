/**
 * A new recovery key, for a lost printout or a set-up that ended before the key was stored: the director or the
 * administrator confirms with their password, the new key is shown once, printed and confirmed. Backups made from
 * then on open with the new key; older ones still need the old key (the text says so).
 */
import { Alert, Button, Checkbox, Group, Modal, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconKey, IconPrinter } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authMethods } from '../../../shared/auth';
import { invalidate, useApiMutation, useApiQuery } from '../api/hooks';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from './errors';
import { RecoveryKeyView } from './RecoveryKeyView';
import { useSession } from './session';
import { useCan } from './capabilities';
import { applyServerFieldError, zodFormResolver, type ServerFieldMap } from './forms';
import { FormActions } from './FormActions';

/** `auth.newRecoveryKey`: the caller's own password, checked by the core; a wrong one is said on the field. */
const confirmSchema = authMethods['auth.newRecoveryKey'].input;
const CONFIRM_SERVER_FIELDS: ServerFieldMap = { codes: { 'auth.wrong_password': 'currentPassword' } };

export function NewRecoveryKeyButton({ variant = 'default' }: { variant?: 'default' | 'filled' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} leftSection={<IconKey size={18} />} onClick={() => setOpen(true)} data-testid="new-recovery-key">
        {t('recoveryKey.make')}
      </Button>
      {open && <NewRecoveryKeyModal onClose={() => setOpen(false)} />}
    </>
  );
}

/** On the home screen while the recovery key has not been confirmed as stored. */
export function RecoveryKeyNotice() {
  const { t } = useTranslation();
  const { status } = useSession();
  const canMake = useCan('recoveryKeyMake');
  if (status.recoveryKeyConfirmed !== false) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('recoveryKey.noticeTitle')} data-testid="recovery-key-notice">
      <Stack gap="sm">
        <Text size="sm">{canMake ? t('recoveryKey.noticeText') : t('recoveryKey.noticeAskDirector')}</Text>
        {canMake && (
          <Group>
            <NewRecoveryKeyButton variant="filled" />
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function NewRecoveryKeyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [stored, setStored] = useState(false);
  const school = useApiQuery('school.get', {});
  const form = useForm({ mode: 'controlled', initialValues: { currentPassword: '' }, validate: zodFormResolver<{ currentPassword: string }>(confirmSchema, t) });
  const make = useApiMutation('auth.newRecoveryKey', {
    onError: (e) => {
      if (applyServerFieldError(t, form, e, CONFIRM_SERVER_FIELDS)) form.setFieldValue('currentPassword', '');
    },
  });
  const fieldError = Boolean(form.errors.currentPassword);
  const confirm = useApiMutation('auth.confirmRecoveryStored', {
    onSuccess: async () => {
      await invalidate(qc, 'auth.status');
      onClose();
    },
  });
  const key = make.data?.recoveryKey ?? null;
  const schoolName = school.data ? (currentLanguage() === 'ru' ? school.data.nameRu : school.data.nameKk) : '';

  return (
    <Modal opened onClose={key ? () => undefined : onClose} withCloseButton={!key} title={t('recoveryKey.title')} size="lg">
      {!key ? (
        <form onSubmit={form.onSubmit((values) => make.mutate(confirmSchema.parse(values)))} noValidate>
          <Stack>
            <Text size="sm">{t('recoveryKey.explain')}</Text>
            <PasswordInput
              label={t('recoveryKey.password')}
              autoComplete="current-password"
              data-testid="new-recovery-key-password"
              {...form.getInputProps('currentPassword')}
            />
            {!fieldError && <ErrorAlert error={make.error} />}
            <FormActions submitLabel={t('recoveryKey.make')} onCancel={onClose} loading={make.isPending} submitTestId="new-recovery-key-make" />
          </Stack>
        </form>
      ) : (
        <Stack>
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
            {t('setup.keyWarning')}
          </Alert>
          <Paper withBorder radius="md" p="lg" bg="var(--mantine-color-gray-0)">
            <RecoveryKeyView value={key} testId="new-recovery-key-value" />
          </Paper>
          <Text size="sm">{t('recoveryKey.oldBackups')}</Text>
          <Group>
            <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={() => window.print()}>
              {t('setup.print')}
            </Button>
          </Group>
          <Checkbox checked={stored} onChange={(e) => setStored(e.currentTarget.checked)} label={t('setup.storedCheckbox')} data-testid="new-recovery-key-stored" />
          <ErrorAlert error={confirm.error} />
          <Group justify="flex-end">
            <Button disabled={!stored} loading={confirm.isPending} onClick={() => confirm.mutate({})} data-testid="new-recovery-key-done">
              {t('common.save')}
            </Button>
          </Group>
          <div className="qorgan-print-only">
            <h2>{t('setup.printTitle')}</h2>
            <p>{schoolName}</p>
            <p>{t('setup.printDate', { date: dayjs().format('LL') })}</p>
            <RecoveryKeyView value={key} />
            <p>{t('setup.printText')}</p>
          </div>
        </Stack>
      )}
    </Modal>
  );
}
