/**
 * Backup to a USB stick (or any folder) and restore — the contract. A backup is an age-encrypted archive that
 * the school's recovery key opens (and, when configured, the district's age identity).
 */
import { z } from 'zod';
import { method } from './contract';
import { recoveryKeySchema } from './auth';
import type { ErrorCode } from './errors';
import type { Role } from './roles';

/** Who may make backups, change their settings and restore over an existing school. */
export const BACKUP_ROLES: readonly Role[] = ['administrator', 'director'];

export interface BackupDrive {
  mountPath: string;
  label: string;
  sizeBytes: number;
  freeBytes: number | null;
}

export interface BackupSettings {
  /** true once the recovery key's backup recipient is known (set up, or entered once on the backup screen) */
  enabled: boolean;
  keepLast: number;
  reminderDays: number;
  /** the district's age public key (`age1…`), or null */
  districtRecipient: string | null;
}

export type BackupRecordStatus = 'running' | 'verified' | 'failed' | 'interrupted';

export interface BackupRecord {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  targetDir: string;
  fileName: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  toDistrict: boolean;
  status: BackupRecordStatus;
  errorCode: ErrorCode | null;
  durationMs: number | null;
}

export interface BackupStatus {
  enabled: boolean;
  lastVerifiedAt: string | null;
  lastVerifiedFile: string | null;
  reminderDays: number;
  /** no verified backup yet, or the last is older than reminderDays */
  due: boolean;
  daysSinceLast: number | null;
}

export interface RestorePreview {
  fileName: string;
  sizeBytes: number;
  createdAt: string;
  schoolNumber: string;
  schoolNameKk: string;
  schoolNameRu: string;
  appVersion: string;
  /** rows per table in the backup */
  counts: Record<string, number>;
}

export type BackupJobKind = 'backup' | 'restore';
/** backup: snapshot → writing → verifying → done | failed; restore: reading → checking → ready → done | failed */
export type BackupJobPhase = 'snapshot' | 'writing' | 'verifying' | 'reading' | 'checking' | 'ready' | 'done' | 'failed';

export interface BackupJob {
  id: string;
  kind: BackupJobKind;
  phase: BackupJobPhase;
  bytesDone: number;
  bytesTotal: number;
  /** 0…1 over the whole job */
  fraction: number;
  error: { code: ErrorCode; message: string } | null;
  /** backup: the history record when finished */
  record: BackupRecord | null;
  /** restore: what the checked backup holds (phase ready) */
  preview: RestorePreview | null;
}

export const ageRecipientSchema = z
  .string()
  .trim()
  .regex(/^age1[02-9ac-hj-np-z]{58}$/, 'an age X25519 public key (age1…)');
/** the district's identity: an `AGE-SECRET-KEY-1…` line, or the text of an age identity file */
export const ageIdentityTextSchema = z.string().trim().min(20).max(4000);
const pathSchema = z.string().trim().min(1).max(4096);
const jobIdSchema = z.string().uuid();

export const restoreSecretSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recovery'), recoveryKey: recoveryKeySchema }).strict(),
  z
    .object({
      kind: z.literal('district'),
      identity: ageIdentityTextSchema,
      /** an account of the backup: its password opens the DB for the integrity check */
      login: z.string().trim().min(1).max(64),
      password: z.string().min(1).max(256),
    })
    .strict(),
]);

export const backupMethods = {
  'backup.drives': method<BackupDrive[]>()(z.object({}).strict()),
  /** folder dialog: any folder (a network share, a second disk) */
  'backup.chooseFolder': method<string | null>()(z.object({}).strict()),
  /** open dialog for a .qorgan file (restore) */
  'backup.chooseFile': method<string | null>()(z.object({}).strict()),
  'backup.getSettings': method<BackupSettings>()(z.object({}).strict()),
  /** Enables backups on a school set up before backups existed: the recovery key yields the backup recipient. */
  'backup.enable': method<BackupSettings>()(z.object({ recoveryKey: recoveryKeySchema }).strict()),
  'backup.updateSettings': method<BackupSettings>()(
    z
      .object({
        keepLast: z.number().int().min(1).max(100).optional(),
        reminderDays: z.number().int().min(1).max(90).optional(),
        districtRecipient: ageRecipientSchema.nullable().optional(),
      })
      .strict(),
  ),
  /** Takes the snapshot, then writes and verifies in the background: poll `backup.job`. */
  'backup.start': method<BackupJob>()(z.object({ targetDir: pathSchema }).strict()),
  /** progress of a backup or restore job (null when unknown) */
  'backup.job': method<BackupJob | null>()(z.object({ id: jobIdSchema }).strict()),
  'backup.history': method<BackupRecord[]>()(z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict()),
  /** the home screen's line: last verified backup, reminder */
  'backup.status': method<BackupStatus>()(z.object({}).strict()),
  /** Restore, step 1: decrypts and checks everything in the background (poll `backup.job` until ready). */
  'backup.checkRestore': method<BackupJob>()(z.object({ file: pathSchema, secret: restoreSecretSchema }).strict()),
  /** Restore, step 2: swaps the checked backup in (the previous DB is kept aside) and locks: log in again. */
  'backup.restore': method<{ previousKeptAside: boolean }>()(z.object({ jobId: jobIdSchema }).strict()),
  'backup.cancelRestore': method<null>()(z.object({ jobId: jobIdSchema }).strict()),
} as const;
