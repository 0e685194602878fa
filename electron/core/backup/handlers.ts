import crypto from 'node:crypto';
import fs from 'node:fs';
import { BACKUP_ROLES, type BackupJob, type BackupRecord, type RestorePreview } from '../../../shared/backup';
import type { ErrorCode } from '../../../shared/errors';
import { parseRecoveryKey } from '../auth/recovery-key';
import { recordExternalHead } from '../audit/log';
import { unwrapWithRecovery } from '../db/keyring';
import { AppError, isAppError } from '../errors';
import type { Platform } from '../platform';
import type { HandlersFor } from '../registry';
import { cleanWorkDirs, completeSnapshot, dropSnapshot, finishBackup, pinSnapshot, type PinnedSnapshot } from './create';
import type { BackupFs } from './fsio';
import { isX25519Recipient, parseX25519Identity } from './identity';
import { jobsOf } from './jobs';
import { backupStatus, insertRecord, listHistory, publicSettings, readSettings, rememberBackupRecipient, writeSettings } from './queries';
import { cleanStaging, stageRestore, swapIn, type RestoreSecret } from './restore';

/** Tests replace the target drive's file operations (a stick pulled out or full in the middle of a write). */
export const backupTestHooks: { fs: BackupFs | null } = { fs: null };

/**
 * Restore (and following its job) is open to anyone on a fresh install (nothing to protect yet); over a school, to
 * its administrators. Declared here, enforced by the registry's access gate.
 */
const RESTORE_ACCESS = { beforeSetUp: 'public', afterSetUp: BACKUP_ROLES } as const;

function errorOf(e: unknown, platform: Platform, event: string): { code: ErrorCode; message: string } {
  if (isAppError(e)) return { code: e.code, message: e.message };
  platform.log.error(event, { name: e instanceof Error ? e.name : typeof e, errno: String((e as { code?: unknown }).code ?? '') });
  return { code: 'internal', message: 'an internal error occurred' };
}

export const backupHandlers: HandlersFor<'backup'> = {
  // Files go only where the user chose: a backup is written only to a drive the core listed or a folder chosen in
  // its own dialog, and a restore reads only a file chosen in its own dialog — never a path the renderer made up.
  'backup.drives': {
    access: BACKUP_ROLES,
    kind: 'read',
    handler: async ({ core, platform }) => {
      const drives = await platform.listRemovableDrives();
      for (const d of drives) jobsOf(core).allowTarget(d.mountPath);
      return drives;
    },
  },
  'backup.chooseFolder': {
    access: BACKUP_ROLES,
    kind: 'read',
    handler: async ({ core, platform }) => {
      const dir = await platform.chooseFolder({ title: 'Qorgan' });
      if (dir) jobsOf(core).allowTarget(dir);
      return dir;
    },
  },
  'backup.chooseFile': {
    access: RESTORE_ACCESS,
    kind: 'read',
    handler: async ({ core, platform }) => {
      const file = await platform.chooseOpenFile({ title: 'Qorgan', filters: [{ name: 'Qorgan', extensions: ['qorgan'] }] });
      if (file) jobsOf(core).allowFile(file);
      return file;
    },
  },
  'backup.getSettings': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }) => publicSettings(await readSettings(db)),
  },
  'backup.enable': {
    access: BACKUP_ROLES,
    kind: 'write',
    entity: 'backup_settings',
    handler: async ({ db, core, now }, input) => {
      const bytes = parseRecoveryKey(input.recoveryKey);
      const key = bytes ? unwrapWithRecovery(core.keyring(), bytes) : null;
      if (!bytes || !key) throw new AppError('auth.wrong_recovery_key', 'the recovery key does not open this school');
      key.fill(0);
      try {
        await rememberBackupRecipient(db, bytes, now);
      } finally {
        bytes.fill(0);
      }
      return publicSettings(await readSettings(db));
    },
  },
  'backup.updateSettings': {
    access: BACKUP_ROLES,
    kind: 'write',
    entity: 'backup_settings',
    handler: async ({ db, now }, input) => {
      if (input.districtRecipient && !isX25519Recipient(input.districtRecipient)) {
        throw new AppError('validation', 'the district key is not a valid age public key', { path: 'districtRecipient' });
      }
      return publicSettings(
        await writeSettings(
          db,
          {
            ...(input.keepLast !== undefined ? { keepLast: input.keepLast } : {}),
            ...(input.reminderDays !== undefined ? { reminderDays: input.reminderDays } : {}),
            ...(input.districtRecipient !== undefined ? { districtRecipient: input.districtRecipient } : {}),
          },
          now,
        ),
      );
    },
  },
  'backup.start': {
    access: BACKUP_ROLES,
    // an audited action without a transaction: the snapshot (VACUUM INTO) cannot run inside one
    kind: 'sensitive',
    entity: 'backup',
    entityId: (_input, output) => output?.id ?? null,
    handler: async ({ core, platform, now, session }, input): Promise<BackupJob> => {
      const jobs = jobsOf(core);
      if (jobs.busy()) throw new AppError('backup.busy', 'a backup or restore is already running');
      const settings = await readSettings(core.db);
      if (!settings.recoveryRecipient) throw new AppError('backup.recovery_key_needed', 'enter the recovery key once to enable backups');
      if (!jobs.isAllowedTarget(input.targetDir)) {
        throw new AppError('validation', 'choose a listed drive or a folder in the dialog first', { path: 'targetDir' });
      }
      try {
        if (!fs.statSync(input.targetDir).isDirectory()) throw new Error('not a folder');
      } catch {
        throw new AppError('backup.drive_removed', 'the backup folder is not there');
      }
      const school = await core.db.selectFrom('school').select(['number', 'name_kk', 'name_ru']).where('id', '=', 1).executeTakeFirst();
      if (!school) throw new AppError('setup.not_done', 'no school profile');
      cleanWorkDirs(core.dataDir);
      const key = core.withDataKey((k) => Buffer.from(k));
      // the one synchronous step on the core's thread: the DB file pinned (a checkpoint and a read transaction, a few
      // ms); the copy, its checks, the writing and the read-back run in the background (create.ts)
      let pinned: PinnedSnapshot;
      try {
        pinned = pinSnapshot(core.sqlite, core.dbFile, core.dataDir, key, platform.nativeBinding);
      } catch (e) {
        key.fill(0);
        throw e;
      }
      const id = crypto.randomUUID();
      const started = Date.now();
      const toDistrict = settings.districtRecipient !== null;
      try {
        // the head this backup carries is recorded: verify compares the log with it later
        if (pinned.auditHead) await recordExternalHead(core.db, { kind: 'backup', ref: id, at: now.toISOString(), ...pinned.auditHead });
        await insertRecord(core.db, { id, started_at: now.toISOString(), account_id: session?.accountId ?? null, target_dir: input.targetDir, to_district: toDistrict ? 1 : 0 });
      } catch (e) {
        dropSnapshot(pinned);
        key.fill(0);
        throw e;
      }
      jobs.create('backup', id);
      jobs.progress(id, 'snapshot', 0, 1);
      const base: BackupRecord = {
        id,
        startedAt: now.toISOString(),
        finishedAt: null,
        targetDir: input.targetDir,
        fileName: null,
        sizeBytes: null,
        sha256: null,
        toDistrict,
        status: 'running',
        errorCode: null,
        durationMs: null,
      };
      void (async () => {
        try {
          const snapshot = await completeSnapshot(pinned, key, platform.nativeBinding);
          jobs.progress(id, 'writing', 0, 1);
          const out = await finishBackup({
            snapshot,
            school: { number: school.number, nameKk: school.name_kk, nameRu: school.name_ru },
            recipients: [settings.recoveryRecipient as string, ...(settings.districtRecipient ? [settings.districtRecipient] : [])],
            targetDir: input.targetDir,
            now,
            keepLast: settings.keepLast,
            ...(backupTestHooks.fs ? { fs: backupTestHooks.fs } : {}),
            progress: (phase, done, total) => jobs.progress(id, phase, done, total),
          });
          const u = {
            finished_at: platform.now().toISOString(),
            status: 'verified' as const,
            file_name: out.fileName,
            size_bytes: out.sizeBytes,
            sha256: out.sha256,
            error_code: null,
            duration_ms: Date.now() - started,
          };
          jobs.finish(id, { phase: 'done', record: { ...base, finishedAt: u.finished_at, status: 'verified', fileName: u.file_name, sizeBytes: u.size_bytes, sha256: u.sha256, durationMs: u.duration_ms } });
          platform.log.info('backup.done', { bytes: out.sizeBytes, ms: u.duration_ms, pruned: out.pruned.length });
          await jobs.record(core, id, u);
        } catch (e) {
          const error = errorOf(e, platform, 'backup.failed');
          const u = { finished_at: platform.now().toISOString(), status: 'failed' as const, file_name: null, size_bytes: null, sha256: null, error_code: error.code, duration_ms: Date.now() - started };
          jobs.finish(id, { phase: 'failed', error, record: { ...base, finishedAt: u.finished_at, status: 'failed', errorCode: error.code, durationMs: u.duration_ms } });
          platform.log.warn('backup.failed', { code: error.code });
          await jobs.record(core, id, u).catch(() => undefined);
        } finally {
          key.fill(0);
        }
      })();
      const view = jobs.get(id);
      if (!view) throw new Error('backup job vanished');
      return view;
    },
  },
  'backup.job': {
    access: RESTORE_ACCESS,
    kind: 'read',
    handler: async ({ core }, input) => {
      await jobsOf(core).flush(core);
      return jobsOf(core).get(input.id);
    },
  },
  'backup.history': {
    access: BACKUP_ROLES,
    kind: 'read',
    handler: async ({ core, db }, input) => {
      const jobs = jobsOf(core);
      await jobs.flush(core);
      return listHistory(db, input.limit, jobs.runningIds());
    },
  },
  'backup.status': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ core, db, now }) => {
      await jobsOf(core).flush(core);
      return backupStatus(db, now);
    },
  },
  'backup.checkRestore': {
    access: RESTORE_ACCESS,
    kind: 'read',
    handler: async ({ core, platform }, input): Promise<BackupJob> => {
      const jobs = jobsOf(core);
      if (jobs.busy()) throw new AppError('backup.busy', 'a backup or restore is already running');
      let secret: RestoreSecret;
      if (input.secret.kind === 'recovery') {
        const recovery = parseRecoveryKey(input.secret.recoveryKey);
        if (!recovery) throw new AppError('auth.wrong_recovery_key', 'the recovery key is mistyped');
        secret = { kind: 'recovery', recovery };
      } else {
        const identity = parseX25519Identity(input.secret.identity);
        if (!identity) throw new AppError('backup.wrong_key', 'the district key is not an age identity');
        secret = { kind: 'district', identity, login: input.secret.login, password: input.secret.password };
      }
      if (!jobs.isAllowedFile(input.file)) throw new AppError('validation', 'choose the backup file in the dialog first', { path: 'file' });
      if (!fs.existsSync(input.file)) throw new AppError('not_found', 'the backup file is not there');
      cleanStaging(core.dataDir);
      const id = crypto.randomUUID();
      jobs.create('restore', id);
      void (async () => {
        try {
          const staged = await stageRestore({
            dataDir: core.dataDir,
            file: input.file,
            secret,
            ...(platform.nativeBinding ? { nativeBinding: platform.nativeBinding } : {}),
            onBytes: (done, total) => jobs.progress(id, 'reading', done, total),
            onChecking: () => jobs.progress(id, 'checking', 0, 1),
          });
          const m = staged.manifest;
          const preview: RestorePreview = {
            fileName: input.file.split(/[\\/]/).at(-1) ?? '',
            sizeBytes: staged.sizeBytes,
            createdAt: m.createdAt,
            schoolNumber: m.school.number,
            schoolNameKk: m.school.nameKk,
            schoolNameRu: m.school.nameRu,
            appVersion: m.app.version,
            counts: m.counts,
          };
          jobs.finish(id, { phase: 'ready', preview }, staged);
        } catch (e) {
          jobs.finish(id, { phase: 'failed', error: errorOf(e, platform, 'restore.failed') });
          platform.log.warn('restore.check_failed', { code: isAppError(e) ? e.code : 'internal' });
        } finally {
          if (secret.kind === 'recovery') secret.recovery.fill(0);
        }
      })();
      const view = jobs.get(id);
      if (!view) throw new Error('restore job vanished');
      return view;
    },
  },
  'backup.restore': {
    access: RESTORE_ACCESS,
    kind: 'auth',
    entity: 'backup',
    entityId: (input) => input.jobId,
    handler: async ({ core, platform }, input) => {
      const jobs = jobsOf(core);
      const job = jobs.get(input.jobId);
      const staged = jobs.staged(input.jobId);
      if (!job || job.kind !== 'restore' || job.phase !== 'ready' || !staged) {
        throw new AppError('not_found', 'no checked backup is waiting to be restored');
      }
      if (core.isUnlocked) await core.lock('restore');
      let previousDir: string | null;
      try {
        ({ previousDir } = swapIn(core.dataDir, staged, platform.now()));
      } catch (e) {
        if (isAppError(e)) throw e;
        // everything was put back as it was (see swapIn); say so with a code the screen translates
        platform.log.error('restore.swap_failed', { errno: String((e as { code?: unknown }).code ?? '') });
        throw new AppError('backup.write_failed', 'the restored files could not be moved into the data folder', { where: 'data_folder' });
      }
      jobs.finish(input.jobId, { phase: 'done' });
      platform.log.info('restore.done', { keptAside: previousDir !== null });
      return { previousKeptAside: previousDir !== null };
    },
  },
  'backup.cancelRestore': {
    access: RESTORE_ACCESS,
    kind: 'read',
    handler: async ({ core }, input) => {
      const jobs = jobsOf(core);
      const staged = jobs.staged(input.jobId);
      if (staged) fs.rmSync(staged.stageDir, { recursive: true, force: true });
      jobs.forget(input.jobId);
      return null;
    },
  },
};

