/**
 * Backup samples (demo data only): backup.qorgan, the age identity that opens it (derived from the demo school's
 * recovery key), and the data key of the DB inside. District IT checks them with standard tools:
 *   age -d -i backup-identity.txt backup.qorgan | tar -x
 *   sha256sum keyring.json qorgan.db            (compare with manifest.json)
 *   sqlcipher qorgan.db  →  PRAGMA key = "x'<backup-db.key>'";  SELECT count(*) FROM pupils;
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackupJob } from '../../shared/backup';
import { parseRecoveryKey } from '../../electron/core/auth/recovery-key';
import { backupIdentityFromRecovery, backupRecipientFromRecovery } from '../../electron/core/backup/identity';
import type { SampleWriter } from './types';

async function call<T>(ctx: Parameters<SampleWriter>[0], method: string, input: unknown): Promise<T> {
  const r = await ctx.core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/backup: ${method} failed with ${r.error.code}`);
  return r.value as T;
}

export const writeBackupSamples: SampleWriter = async (ctx) => {
  const recovery = parseRecoveryKey(ctx.demo.recoveryKey);
  if (!recovery) throw new Error('samples/backup: the demo recovery key does not parse');
  const settings = await call<{ enabled: boolean }>(ctx, 'backup.getSettings', {});
  if (!settings.enabled) await call(ctx, 'backup.enable', { recoveryKey: ctx.demo.recoveryKey });
  const stick = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-sample-stick-'));
  // the core writes backups only where the person chose: answer its folder dialog with the temp folder
  const platform = ctx.core.state.platform;
  const chooseFolder = platform.chooseFolder;
  platform.chooseFolder = async () => stick;
  try {
    if ((await call<string | null>(ctx, 'backup.chooseFolder', {})) !== stick) throw new Error('samples/backup: the folder was not chosen');
    let job = await call<BackupJob>(ctx, 'backup.start', { targetDir: stick });
    while (job.phase !== 'done' && job.phase !== 'failed') {
      await new Promise((r) => setTimeout(r, 20));
      job = (await call<BackupJob | null>(ctx, 'backup.job', { id: job.id })) ?? job;
    }
    if (job.phase === 'failed' || !job.record?.fileName) throw new Error(`samples/backup: the backup failed (${job.error?.code ?? '?'})`);
    fs.copyFileSync(path.join(stick, job.record.fileName), path.join(ctx.outDir, 'backup.qorgan'));
  } finally {
    platform.chooseFolder = chooseFolder;
    fs.rmSync(stick, { recursive: true, force: true });
  }
  const identity = backupIdentityFromRecovery(recovery);
  const recipient = await backupRecipientFromRecovery(recovery);
  fs.writeFileSync(
    path.join(ctx.outDir, 'backup-identity.txt'),
    `# Qorgan demo school: the age identity of its backups, derived from the demo recovery key. DEMO ONLY.\n# public key: ${recipient}\n${identity}\n`,
    { mode: 0o600 },
  );
  fs.writeFileSync(path.join(ctx.outDir, 'backup-db.key'), ctx.core.state.withDataKey((k) => k.toString('hex')) + '\n', { mode: 0o600 });
  recovery.fill(0);
  return ['backup.qorgan', 'backup-identity.txt', 'backup-db.key'];
};
