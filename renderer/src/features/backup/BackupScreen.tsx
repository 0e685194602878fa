/**
 * Backups: where to write (removable drives or any folder), «Back up now» with a progress bar, the history, the
 * settings (how many to keep, the reminder, the district's key), and restore over this school.
 */
import { ActionIcon, Alert, Badge, Button, Group, NumberInput, Paper, Radio, Stack, Table, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconFolder, IconRefresh, IconUsb } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ageRecipientSchema, backupMethods, type BackupRecord, type BackupSettings } from '../../../../shared/backup';
import { invalidate, queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { applyServerFieldError, serverErrorPath, zodFormResolver, type FieldMessages } from '../../app/forms';
import { useSession } from '../../app/session';
import { JobProgress } from './JobProgress';
import { DistrictReportOnStick } from './DistrictReportOnStick';
import { RestorePanel } from './RestorePanel';
import { baseName, formatBytes, formatWhen } from './format';
import { isFinal, useJob } from './useJob';

export function BackupScreen() {
  const settings = useApiQuery('backup.getSettings', {});
  return (
    <Stack maw={960}>
      <ErrorAlert error={settings.error} />
      {settings.data && !settings.data.enabled ? <EnableSection /> : <BackupNowSection />}
      <HistorySection />
      <SettingsSection />
      <RestoreSection />
    </Stack>
  );
}

function EnableSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [key, setKey] = useState('');
  const enable = useApiMutation('backup.enable', {
    onSuccess: async (s) => {
      qc.setQueryData(queryKey('backup.getSettings', {}), s);
      setKey('');
      await invalidate(qc, 'backup.status');
    },
  });
  return (
    <Paper withBorder radius="md" p="lg" data-testid="backup-enable">
      <Stack gap="sm">
        <Title order={4}>{t('backup.enable.title')}</Title>
        <Text size="sm">{t('backup.enable.text')}</Text>
        <Textarea
          label={t('backup.restore.recoveryKey')}
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          autosize
          minRows={2}
          spellCheck={false}
          autoComplete="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
          data-testid="backup-enable-key"
        />
        <ErrorAlert error={enable.error} />
        <Group justify="flex-end">
          <Button onClick={() => enable.mutate({ recoveryKey: key.trim() })} disabled={key.trim().length < 52} loading={enable.isPending} data-testid="backup-enable-submit">
            {t('backup.enable.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function BackupNowSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const drives = useApiQuery('backup.drives', {});
  const [custom, setCustom] = useState<string | null>(null);
  const [chosen, setTarget] = useState<string | null>(null);
  // the only drive, when exactly one stick is in and nothing else was chosen
  const target = chosen ?? (drives.data?.length === 1 ? (drives.data[0]?.mountPath ?? null) : null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const chooseFolder = useApiMutation('backup.chooseFolder', {
    onSuccess: (dir) => {
      if (dir) {
        setCustom(dir);
        setTarget(dir);
      }
    },
  });
  const start = useApiMutation('backup.start', { onSuccess: (j) => setJobId(j.id) });
  const running = jobId !== null && !isFinal(job);

  // when a job ends, refresh the history and the home screen's line
  useEffect(() => {
    if (job && isFinal(job)) void invalidate(qc, 'backup.history', 'backup.status');
  }, [job, qc]);

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('backup.now.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('backup.now.hint')}
        </Text>
        <Group justify="space-between">
          <Text fw={500}>{t('backup.now.where')}</Text>
          <Tooltip label={t('backup.now.refresh')}>
            <ActionIcon variant="subtle" onClick={() => void drives.refetch()} loading={drives.isFetching} aria-label={t('backup.now.refresh')}>
              <IconRefresh size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <ErrorAlert error={drives.error} />
        <Radio.Group value={target ?? ''} onChange={(v) => setTarget(v || null)}>
          <Stack gap="xs">
            {(drives.data ?? []).map((d) => (
              <Radio.Card key={d.mountPath} value={d.mountPath} p="sm" radius="md" disabled={running} data-testid="backup-drive">
                <Group wrap="nowrap">
                  <Radio.Indicator />
                  <IconUsb size={20} />
                  <div>
                    <Text fw={500}>{d.label}</Text>
                    <Text size="xs" c="dimmed">
                      {d.mountPath} · {d.freeBytes !== null ? t('backup.now.free', { free: formatBytes(t, d.freeBytes), size: formatBytes(t, d.sizeBytes) }) : formatBytes(t, d.sizeBytes)}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            ))}
            {custom && (
              <Radio.Card value={custom} p="sm" radius="md" disabled={running}>
                <Group wrap="nowrap">
                  <Radio.Indicator />
                  <IconFolder size={20} />
                  <div>
                    <Text fw={500}>{baseName(custom)}</Text>
                    <Text size="xs" c="dimmed">
                      {custom}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            )}
          </Stack>
        </Radio.Group>
        {drives.data?.length === 0 && !custom && (
          <Text size="sm" c="dimmed" data-testid="backup-no-drives">
            {t('backup.now.noDrives')}
          </Text>
        )}
        <DistrictReportOnStick target={target} finishedJobId={job?.phase === 'done' ? job.id : null} disabled={running} />
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconFolder size={18} />} onClick={() => chooseFolder.mutate({})} disabled={running} data-testid="backup-choose-folder">
            {t('backup.now.otherFolder')}
          </Button>
          <Button onClick={() => target && start.mutate({ targetDir: target })} disabled={!target || running} loading={start.isPending || running} data-testid="backup-start">
            {t('backup.now.start')}
          </Button>
        </Group>
        <ErrorAlert error={start.error ?? chooseFolder.error} />
        {job && !isFinal(job) && <JobProgress job={job} />}
        {job?.phase === 'done' && job.record && (
          <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} data-testid="backup-done">
            {t('backup.now.done', { file: job.record.fileName ?? '', size: formatBytes(t, job.record.sizeBytes) })}
          </Alert>
        )}
        {job?.phase === 'failed' && job.error && (
          <Alert color="red" variant="light" data-testid="backup-failed">
            {t(`errors.${job.error.code}`, { defaultValue: t('errors.internal') })}
            {!SAYS_SAFE.has(job.error.code) && ` ${t('backup.now.failedSafe')}`}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** error texts that already say the earlier backups are intact */
const SAYS_SAFE: ReadonlySet<string> = new Set(['backup.write_failed', 'backup.disk_full', 'backup.drive_removed']);

const STATUS_COLOR: Record<BackupRecord['status'], string> = { verified: 'green', failed: 'red', running: 'blue', interrupted: 'gray' };

function HistorySection() {
  const { t } = useTranslation();
  const history = useApiQuery('backup.history', { limit: 50 });
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('backup.history.title')}</Title>
        <ErrorAlert error={history.error} />
        {history.data?.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('backup.history.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" striped data-testid="backup-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('backup.history.when')}</Table.Th>
                  <Table.Th>{t('backup.history.file')}</Table.Th>
                  <Table.Th>{t('backup.history.size')}</Table.Th>
                  <Table.Th>{t('backup.history.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(history.data ?? []).map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{formatWhen(r.startedAt)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.fileName ?? '—'}</Text>
                      <Text size="xs" c="dimmed">
                        {r.targetDir}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatBytes(t, r.sizeBytes)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[r.status]} variant="light">
                        {t(`backup.history.${r.status}`)}
                      </Badge>
                      {r.errorCode && (
                        <Text size="xs" c="red.9">
                          {t(`errors.${r.errorCode}`, { defaultValue: t('errors.internal') })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

const settingsInput = backupMethods['backup.updateSettings'].input.shape;
/** The backup settings form, on `backup.updateSettings`' own fields; an empty district key means none. */
export const backupSettingsFormSchema = z.object({
  keepLast: settingsInput.keepLast.unwrap(),
  reminderDays: settingsInput.reminderDays.unwrap(),
  districtRecipient: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(ageRecipientSchema.nullable()),
});
const BACKUP_SETTINGS_MESSAGES: FieldMessages = {
  keepLast: ['validation.range', { min: 1, max: 100 }],
  reminderDays: ['validation.range', { min: 1, max: 90 }],
  districtRecipient: 'backup.settings.districtKeyInvalid',
};

function SettingsSection() {
  const { t } = useTranslation();
  const settings = useApiQuery('backup.getSettings', {});
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('backup.settings.title')}</Title>
        <ErrorAlert error={settings.error} />
        {settings.data && <BackupSettingsForm saved={settings.data} />}
      </Stack>
    </Paper>
  );
}

interface BackupSettingsValues {
  keepLast: number | string;
  reminderDays: number | string;
  districtRecipient: string;
}

/** Mounted once the settings have loaded: the stored ones are the form's initial values. */
export function BackupSettingsForm({ saved }: { saved: BackupSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<BackupSettingsValues>({
    mode: 'controlled',
    initialValues: { keepLast: saved.keepLast, reminderDays: saved.reminderDays, districtRecipient: saved.districtRecipient ?? '' },
    validate: zodFormResolver(backupSettingsFormSchema, t, BACKUP_SETTINGS_MESSAGES),
    validateInputOnChange: true,
  });
  const save = useApiMutation('backup.updateSettings', {
    onSuccess: async (stored) => {
      qc.setQueryData(queryKey('backup.getSettings', {}), stored);
      await invalidate(qc, 'backup.status');
      notifications.show({ color: 'green', message: t('common.saved') });
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const submit = form.onSubmit((values) => save.mutate(backupSettingsFormSchema.parse(values)));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <NumberInput label={t('backup.settings.keepLast')} description={t('backup.settings.keepLastHint')} {...form.getInputProps('keepLast')} min={1} max={100} allowDecimal={false} />
          <NumberInput label={t('backup.settings.reminderDays')} description={t('backup.settings.reminderDaysHint')} {...form.getInputProps('reminderDays')} min={1} max={90} allowDecimal={false} />
        </Group>
        <TextInput
          label={t('backup.settings.districtKey')}
          description={t('backup.settings.districtKeyHint')}
          placeholder="age1…"
          {...form.getInputProps('districtRecipient')}
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="backup-district-key"
        />
        <ErrorAlert error={serverErrorPath(save.error) ? null : save.error} />
        <Group justify="flex-end">
          <Button type="submit" disabled={!form.isValid()} loading={save.isPending} data-testid="backup-settings-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RestoreSection() {
  const { t } = useTranslation();
  const { lock } = useSession();
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('backup.restore.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('backup.restore.fromSettingsHint')}
        </Text>
        {open ? (
          <RestorePanel
            overExisting
            onCancel={() => setOpen(false)}
            onRestored={async () => {
              notifications.show({ color: 'green', message: t('backup.restore.restored'), autoClose: 10_000 });
              await lock();
            }}
          />
        ) : (
          <Group>
            <Button variant="default" color="red" onClick={() => setOpen(true)} data-testid="backup-restore-open">
              {t('backup.restore.open')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
