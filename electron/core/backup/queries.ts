import type { BackupRecord, BackupSettings, BackupStatus } from '../../../shared/backup';
import { ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import type { BackupsTable } from '../db/schema';
import type { Db } from '../db/types';
import { backupRecipientFromRecovery } from './identity';

export interface StoredSettings extends BackupSettings {
  recoveryRecipient: string | null;
}

export async function readSettings(db: Db): Promise<StoredSettings> {
  const row = await db.selectFrom('backup_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  return {
    enabled: Boolean(row?.recovery_recipient),
    recoveryRecipient: row?.recovery_recipient ?? null,
    districtRecipient: row?.district_recipient ?? null,
    keepLast: row?.keep_last ?? 5,
    reminderDays: row?.reminder_days ?? 7,
  };
}

export function publicSettings(s: StoredSettings): BackupSettings {
  return { enabled: s.enabled, keepLast: s.keepLast, reminderDays: s.reminderDays, districtRecipient: s.districtRecipient };
}

export async function writeSettings(
  db: Db,
  patch: Partial<{ recoveryRecipient: string; districtRecipient: string | null; keepLast: number; reminderDays: number }>,
  now: Date,
): Promise<StoredSettings> {
  const cur = await readSettings(db);
  const next = {
    id: 1,
    recovery_recipient: patch.recoveryRecipient ?? cur.recoveryRecipient,
    district_recipient: patch.districtRecipient === undefined ? cur.districtRecipient : patch.districtRecipient,
    keep_last: patch.keepLast ?? cur.keepLast,
    reminder_days: patch.reminderDays ?? cur.reminderDays,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('backup_settings')
    .values(next)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        recovery_recipient: next.recovery_recipient,
        district_recipient: next.district_recipient,
        keep_last: next.keep_last,
        reminder_days: next.reminder_days,
        updated_at: next.updated_at,
      }),
    )
    .execute();
  return readSettings(db);
}

/**
 * Stores the public backup recipient derived from the recovery key. Call it wherever the recovery key is in hand:
 * at set-up (auth.setup), after auth.recover, and from backup.enable.
 */
export async function rememberBackupRecipient(db: Db, recovery: Buffer, now: Date): Promise<void> {
  await writeSettings(db, { recoveryRecipient: await backupRecipientFromRecovery(recovery) }, now);
}

function toRecord(r: BackupsTable, running: ReadonlySet<string>): BackupRecord {
  const code = r.error_code && (ERROR_CODES as readonly string[]).includes(r.error_code) ? (r.error_code as ErrorCode) : r.error_code ? 'internal' : null;
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    targetDir: r.target_dir,
    fileName: r.file_name,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    toDistrict: r.to_district === 1,
    // a row still "running" without a live job was cut off (the app closed, or it came back with a restore)
    status: r.status === 'running' && !running.has(r.id) ? 'interrupted' : r.status,
    errorCode: code,
    durationMs: r.duration_ms,
  };
}

export async function insertRecord(db: Db, r: Pick<BackupsTable, 'id' | 'started_at' | 'account_id' | 'target_dir' | 'to_district'>): Promise<void> {
  await db
    .insertInto('backups')
    .values({ ...r, finished_at: null, file_name: null, size_bytes: null, sha256: null, status: 'running', error_code: null, duration_ms: null })
    .execute();
}

export type RecordUpdate = Pick<BackupsTable, 'finished_at' | 'status' | 'file_name' | 'size_bytes' | 'sha256' | 'error_code' | 'duration_ms'>;

export async function finishRecord(db: Db, id: string, u: RecordUpdate): Promise<void> {
  await db.updateTable('backups').set(u).where('id', '=', id).execute();
}

export async function getRecord(db: Db, id: string, running: ReadonlySet<string>): Promise<BackupRecord | null> {
  const r = await db.selectFrom('backups').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRecord(r, running) : null;
}

export async function listHistory(db: Db, limit: number, running: ReadonlySet<string>): Promise<BackupRecord[]> {
  const rows = await db.selectFrom('backups').selectAll().orderBy('started_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => toRecord(r, running));
}

export async function backupStatus(db: Db, now: Date): Promise<BackupStatus> {
  const s = await readSettings(db);
  const last = await db
    .selectFrom('backups')
    .select(['finished_at', 'file_name'])
    .where('status', '=', 'verified')
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const at = last?.finished_at ?? null;
  const days = at ? Math.floor((now.getTime() - new Date(at).getTime()) / 86_400_000) : null;
  return {
    enabled: s.enabled,
    lastVerifiedAt: at,
    lastVerifiedFile: last?.file_name ?? null,
    reminderDays: s.reminderDays,
    due: days === null || days >= s.reminderDays,
    daysSinceLast: days,
  };
}
