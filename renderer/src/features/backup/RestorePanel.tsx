/**
 * Restore, shared by the first screen of a fresh install and the backup screen: pick the file → the recovery key
 * (or the district's key and an account of the school) → the core checks everything → confirm → swap in.
 */
import { Alert, Button, FileButton, Group, Paper, PasswordInput, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconFileSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestorePreview } from '../../../../shared/backup';
import { invoke } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { currentLanguage } from '../../i18n';
import { JobProgress } from './JobProgress';
import { baseName, formatBytes, formatWhen } from './format';
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
  const [file, setFile] = useState<string | null>(null);
  const [mode, setMode] = useState<'recovery' | 'district'>('recovery');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [identity, setIdentity] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const choose = useApiMutation('backup.chooseFile', { onSuccess: (f) => f && (setFile(f), setJobId(null)) });
  const check = useApiMutation('backup.checkRestore', { onSuccess: (j) => setJobId(j.id) });
  const restore = useApiMutation('backup.restore', { onSuccess: () => void onRestored() });
  const running = jobId !== null && (!job || (job.phase !== 'failed' && job.phase !== 'ready' && job.phase !== 'done'));

  const secretReady = mode === 'recovery' ? recoveryKey.trim().length >= 52 : identity.trim().length > 0 && login.trim().length > 0 && password.length > 0;
  const start = () => {
    if (!file) return;
    setJobId(null);
    check.mutate({
      file,
      secret: mode === 'recovery' ? { kind: 'recovery', recoveryKey: recoveryKey.trim() } : { kind: 'district', identity, login: login.trim(), password },
    });
  };
  const cancel = async () => {
    if (jobId) await invoke('backup.cancelRestore', { jobId }).catch(() => undefined);
    setJobId(null);
    onCancel?.();
  };

  return (
    <Stack data-testid="restore-panel">
      <Group>
        <Button variant="default" leftSection={<IconFileSearch size={18} />} onClick={() => choose.mutate({})} loading={choose.isPending} disabled={running} data-testid="restore-choose-file">
          {t('backup.restore.chooseFile')}
        </Button>
        <Text size="sm" c={file ? undefined : 'dimmed'} data-testid="restore-file">
          {file ? baseName(file) : t('backup.restore.noFile')}
        </Text>
      </Group>
      <ErrorAlert error={choose.error} />

      <SegmentedControl
        value={mode}
        onChange={(v) => setMode(v === 'district' ? 'district' : 'recovery')}
        data={[
          { value: 'recovery', label: t('backup.restore.withRecoveryKey') },
          { value: 'district', label: t('backup.restore.withDistrictKey') },
        ]}
        disabled={running}
      />
      {mode === 'recovery' ? (
        <Textarea
          label={t('backup.restore.recoveryKey')}
          description={t('backup.restore.recoveryKeyHint')}
          value={recoveryKey}
          onChange={(e) => setRecoveryKey(e.currentTarget.value)}
          autosize
          minRows={2}
          spellCheck={false}
          autoComplete="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
          data-testid="restore-recovery-key"
        />
      ) : (
        <Stack gap="xs">
          <Group align="flex-end">
            <Textarea
              label={t('backup.restore.districtKey')}
              description={t('backup.restore.districtKeyHint')}
              value={identity}
              onChange={(e) => setIdentity(e.currentTarget.value)}
              autosize
              minRows={2}
              spellCheck={false}
              autoComplete="off"
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <FileButton accept=".txt,.key,text/plain" onChange={(f) => void f?.text().then(setIdentity)}>
              {(props) => (
                <Button variant="default" {...props}>
                  {t('backup.restore.loadKeyFile')}
                </Button>
              )}
            </FileButton>
          </Group>
          <Group grow>
            <TextInput label={t('backup.restore.login')} value={login} onChange={(e) => setLogin(e.currentTarget.value)} autoComplete="off" />
            <PasswordInput label={t('backup.restore.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="off" />
          </Group>
        </Stack>
      )}

      <Group justify="flex-end">
        {onCancel && (
          <Button variant="subtle" onClick={() => void cancel()} disabled={restore.isPending}>
            {t('common.cancel')}
          </Button>
        )}
        <Button onClick={start} disabled={!file || !secretReady || running} loading={check.isPending || running} data-testid="restore-check">
          {t('backup.restore.check')}
        </Button>
      </Group>
      <ErrorAlert error={check.error} />
      {job && job.phase !== 'ready' && job.phase !== 'failed' && <JobProgress job={job} />}
      {job?.phase === 'failed' && job.error && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="restore-failed">
          {t(`errors.${job.error.code}`, { defaultValue: t('errors.internal') })} {t('backup.restore.nothingChanged')}
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
  );
}
