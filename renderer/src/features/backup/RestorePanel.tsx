/**
 * Restore, shared by the first screen of a fresh install and the backup screen: pick the file → the recovery key
 * (or the district's key and an account of the school) → the core checks everything → confirm → swap in.
 */
import { Alert, Button, FileButton, Group, Paper, PasswordInput, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconFileSearch } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestorePreview } from '../../../../shared/backup';
import { ApiError, invoke } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { applyServerFieldError, serverErrorPath } from '../../app/forms';
import { currentLanguage } from '../../i18n';
import { JobProgress } from './JobProgress';
import { baseName, formatBytes, formatWhen } from './format';
import { emptyRestore, restoreInputOf, restoreServerFields, validateRestore, type RestoreValues } from './restoreForm';
import { useJob } from './useJob';

function Preview({ preview }: { preview: RestorePreview }) {
  const { t } = useTranslation();
  const name = currentLanguage() === 'ru' ? preview.schoolNameRu : preview.schoolNameKk;
  const rows: [string, string][] = [
    [t('backup.restore.school'), name],
    [t('backup.restore.made'), formatWhen(preview.createdAt)],
    [t('backup.restore.pupils'), String(preview.counts.pupils ?? 0)],
    [t('backup.restore.accounts'), String(preview.counts.accounts ?? 0)],
    [t('backup.restore.size'), formatBytes(t, preview.sizeBytes)],
    [t('backup.restore.version'), preview.appVersion],
  ];
  return (
    <Paper withBorder p="md" radius="md" data-testid="restore-preview">
      <SimpleGrid cols={2} spacing={4} verticalSpacing={4}>
        {rows.map(([k, v]) => [
          <Text key={`${k}-k`} size="sm" c="dimmed">
            {k}
          </Text>,
          <Text key={`${k}-v`} size="sm" fw={500}>
            {v}
          </Text>,
        ])}
      </SimpleGrid>
    </Paper>
  );
}

export function RestorePanel({ overExisting, onRestored, onCancel }: { overExisting: boolean; onRestored: () => void | Promise<void>; onCancel?: () => void }) {
  const { t } = useTranslation();
  const form = useForm<RestoreValues>({ mode: 'controlled', initialValues: emptyRestore, validate: validateRestore(t) });
  const values = form.getValues();
  const serverFields = restoreServerFields(values.kind);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const choose = useApiMutation('backup.chooseFile', {
    onSuccess: (f) => {
      if (!f) return;
      form.setFieldValue('file', f);
      setJobId(null);
    },
  });
  const check = useApiMutation('backup.checkRestore', {
    onSuccess: (j) => setJobId(j.id),
    // what was typed stays: a mistyped key is corrected in place
    onError: (e) => applyServerFieldError(t, form, e, serverFields),
  });
  const restore = useApiMutation('backup.restore', { onSuccess: () => void onRestored() });
  const running = jobId !== null && (!job || (job.phase !== 'failed' && job.phase !== 'ready' && job.phase !== 'done'));
  // a key that does not open the backup is found by the check job: it goes onto the key's field, once per job
  // (React's "adjust state when a prop changes", not an effect); other failures stay in the alert below
  const jobError = job?.phase === 'failed' ? job.error : null;
  const jobErrorOnField = jobError ? serverErrorPath(new ApiError(jobError), serverFields) : null;
  const [seenJobError, setSeenJobError] = useState<string | null>(null);
  const jobErrorKey = jobError && jobId ? `${jobId}:${jobError.code}` : null;
  if (jobErrorKey !== seenJobError) {
    setSeenJobError(jobErrorKey);
    if (jobError && jobErrorOnField) applyServerFieldError(t, form, new ApiError(jobError), serverFields);
  }

  const start = form.onSubmit((v) => {
    setJobId(null);
    check.mutate(restoreInputOf(v));
  });
  const cancel = async () => {
    if (jobId) await invoke('backup.cancelRestore', { jobId }).catch(() => undefined);
    setJobId(null);
    onCancel?.();
  };

  return (
    <form onSubmit={start} noValidate data-testid="restore-panel">
      <Stack>
        <Stack gap={4}>
          <Group>
            <Button variant="default" leftSection={<IconFileSearch size={18} />} onClick={() => choose.mutate({})} loading={choose.isPending} disabled={running} data-testid="restore-choose-file">
              {t('backup.restore.chooseFile')}
            </Button>
            <Text size="sm" c={values.file ? undefined : 'dimmed'} data-testid="restore-file">
              {values.file ? baseName(values.file) : t('backup.restore.noFile')}
            </Text>
          </Group>
          {form.errors.file && (
            <Text c="red.9" size="sm" data-testid="restore-file-error">
              {form.errors.file}
            </Text>
          )}
        </Stack>
        <ErrorAlert error={choose.error} />

        <SegmentedControl
          {...form.getInputProps('kind')}
          data={[
            { value: 'recovery', label: t('backup.restore.withRecoveryKey') },
            { value: 'district', label: t('backup.restore.withDistrictKey') },
          ]}
          disabled={running}
        />
        {values.kind === 'recovery' ? (
          <Textarea
            label={t('backup.restore.recoveryKey')}
            description={t('backup.restore.recoveryKeyHint')}
            {...form.getInputProps('recoveryKey')}
            autosize
            minRows={2}
            spellCheck={false}
            autoComplete="off"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
            data-testid="restore-recovery-key"
            errorProps={{ 'data-testid': 'restore-recovery-key-error' }}
          />
        ) : (
          <Stack gap="xs">
            <Group align="flex-end">
              <Textarea
                label={t('backup.restore.districtKey')}
                description={t('backup.restore.districtKeyHint')}
                {...form.getInputProps('identity')}
                autosize
                minRows={2}
                spellCheck={false}
                autoComplete="off"
                style={{ flex: 1 }}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <FileButton accept=".txt,.key,text/plain" onChange={(f) => void f?.text().then((text) => form.setFieldValue('identity', text))}>
                {(props) => (
                  <Button variant="default" {...props}>
                    {t('backup.restore.loadKeyFile')}
                  </Button>
                )}
              </FileButton>
            </Group>
            <Group grow align="flex-start">
              <TextInput label={t('backup.restore.login')} {...form.getInputProps('login')} autoComplete="off" />
              <PasswordInput label={t('backup.restore.password')} {...form.getInputProps('password')} autoComplete="off" />
            </Group>
          </Stack>
        )}

        <Group justify="flex-end">
          {onCancel && (
            <Button variant="subtle" onClick={() => void cancel()} disabled={restore.isPending}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" disabled={running} loading={check.isPending || running} data-testid="restore-check">
            {t('backup.restore.check')}
          </Button>
        </Group>
        <ErrorAlert error={serverErrorPath(check.error, serverFields) ? null : check.error} />
        {job && job.phase !== 'ready' && job.phase !== 'failed' && <JobProgress job={job} />}
        {jobError && !jobErrorOnField && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="restore-failed">
            {t(`errors.${jobError.code}`, { defaultValue: t('errors.internal') })} {t('backup.restore.nothingChanged')}
          </Alert>
        )}
        {job?.phase === 'ready' && job.preview && (
          <Stack>
            <Text fw={600}>{t('backup.restore.checked')}</Text>
            <Preview preview={job.preview} />
            <Alert color="yellow" variant="light">
              {overExisting ? t('backup.restore.warnExisting') : t('backup.restore.warnFresh')}
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void cancel()} disabled={restore.isPending}>
                {t('common.cancel')}
              </Button>
              <Button color={overExisting ? 'red' : undefined} onClick={() => jobId && restore.mutate({ jobId })} loading={restore.isPending} data-testid="restore-confirm">
                {t('backup.restore.confirm')}
              </Button>
            </Group>
            <ErrorAlert error={restore.error} />
          </Stack>
        )}
      </Stack>
    </form>
  );
}
