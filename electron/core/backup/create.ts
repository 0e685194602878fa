/**
 * Making a backup: a consistent snapshot of the live DB (SQLite's VACUUM INTO — with SQLite3 Multiple Ciphers
 * the copy is encrypted with the same key and SQLCipher 4 settings; the backup API refuses an unkeyed target),
 * the manifest, the age-encrypted archive written under a temporary name on the drive, the read-back check of
 * the file on the drive, and the pruning of old backups.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SqliteHandle } from '../db/open';
import { appliedMigrations, openSqlite } from '../db/open';
import { AppError, isAppError } from '../errors';
import { readArchive, sha256, sha256File, writeArchive } from './archive';
import { nodeBackupFs, type BackupFs } from './fsio';
import { APP_VERSION, auditHeadSchema, DB_ENTRY, KEYRING_ENTRY, MANIFEST_FORMAT, type Manifest, type ManifestAuditHead } from './manifest';

export const WORK_DIR = 'backup-work';
export const BACKUP_EXT = '.qorgan';

export interface SchoolId {
  number: string;
  nameKk: string;
  nameRu: string;
}

export interface Snapshot {
  workDir: string;
  dbFile: string;
  /** keyring.json as it was when the snapshot was taken */
  keyringBytes: Buffer;
  migrations: string[];
  counts: Record<string, number>;
  /** the audit log's head in the snapshot (null: no log yet, or a head that cannot be read) */
  auditHead: ManifestAuditHead | null;
}

export type BackupPhase = 'snapshot' | 'writing' | 'verifying';
export type ProgressFn = (phase: BackupPhase, done: number, total: number) => void;

/** A folder of the data folder for one job's encrypted temporary files; removed when the job ends. */
export function newWorkDir(dataDir: string): string {
  const dir = path.join(dataDir, WORK_DIR, crypto.randomUUID());
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Removes work folders left by a crash (they hold only encrypted files, but they take space). */
export function cleanWorkDirs(dataDir: string): void {
  fs.rmSync(path.join(dataDir, WORK_DIR), { recursive: true, force: true });
}

export function removeWorkDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Row counts of every table, and the applied migrations, read from an encrypted DB file. */
export function describeDatabase(
  file: string,
  key: Buffer,
  options: { nativeBinding?: string; integrity?: boolean } = {},
): { migrations: string[]; counts: Record<string, number>; integrity: string | null } {
  let sqlite: SqliteHandle;
  try {
    sqlite = openSqlite(file, key, { readonly: true, cacheKiB: 65_536, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (e) {
    if (isAppError(e)) throw new AppError('backup.corrupt', 'the database in the backup cannot be opened');
    throw e;
  }
  try {
    const tables = sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[];
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      counts[name] = (sqlite.prepare(`SELECT count(*) AS n FROM ${quoteIdent(name)}`).get() as { n: number }).n;
    }
    let integrity: string | null = null;
    if (options.integrity) {
      integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    }
    return { migrations: appliedMigrations(sqlite), counts, integrity };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw new AppError('backup.corrupt', 'the database in the backup is damaged');
    throw e;
  } finally {
    sqlite.close();
  }
}

/** The audit head as the snapshot has it (read on the same handle, with no write in between: synchronous). */
function snapshotAuditHead(sqlite: SqliteHandle): ManifestAuditHead | null {
  const row = sqlite.prepare(`SELECT value FROM meta WHERE key = 'audit_head'`).get() as { value: string } | undefined;
  if (!row) return null;
  try {
    const head = JSON.parse(row.value) as { id?: unknown; hash?: unknown };
    const parsed = auditHeadSchema.safeParse({ seq: head.id, mac: head.hash });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Takes the snapshot (synchronous: call it when no transaction is open on the handle) into a fresh work folder.
 */
export function takeSnapshot(sqlite: SqliteHandle, dataDir: string, key: Buffer, nativeBinding?: string): Snapshot {
  const workDir = newWorkDir(dataDir);
  try {
    const dbFile = path.join(workDir, 'snapshot.db');
    try {
      sqlite.prepare('VACUUM INTO ?').run(dbFile);
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      // the PC's own disk is full (the snapshot is made in the data folder before anything goes to the drive)
      if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
        throw new AppError('backup.write_failed', 'the snapshot could not be written to the data folder', { where: 'data_folder' });
      }
      throw e;
    }
    const auditHead = snapshotAuditHead(sqlite);
    const keyringBytes = fs.readFileSync(path.join(dataDir, KEYRING_ENTRY));
    const { migrations, counts } = describeDatabase(dbFile, key, nativeBinding ? { nativeBinding } : {});
    return { workDir, dbFile, keyringBytes, migrations, counts, auditHead };
  } catch (e) {
    removeWorkDir(workDir);
    throw e;
  }
}

const two = (n: number) => String(n).padStart(2, '0');

/** A school number made safe for a file name on FAT/NTFS (letters of any script, digits, dash). */
export function safeSchoolNumber(n: string): string {
  return n.trim().replace(/[^\p{L}\p{N}-]+/gu, '_').slice(0, 20) || 'school';
}

/** `Qorgan-<school number>-<YYYY-MM-DD-HHmm>.qorgan`, in the PC's local time. */
export function backupFileName(schoolNumber: string, at: Date, suffix = 0): string {
  const stamp = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
  return `Qorgan-${safeSchoolNumber(schoolNumber)}-${stamp}${suffix > 1 ? `-${suffix}` : ''}${BACKUP_EXT}`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** This school's backups in a folder, oldest first. */
export async function listBackups(fsio: BackupFs, dir: string, schoolNumber: string): Promise<string[]> {
  const re = new RegExp(`^Qorgan-${escapeRe(safeSchoolNumber(schoolNumber))}-(\\d{4}-\\d{2}-\\d{2}-\\d{4})(?:-(\\d+))?\\.qorgan$`, 'u');
  const names = await fsio.readdir(dir);
  return names
    .map((name) => ({ name, m: re.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => (a.m[1] as string).localeCompare(b.m[1] as string) || Number(a.m[2] ?? 1) - Number(b.m[2] ?? 1))
    .map((x) => x.name);
}

/** Keeps the newest `keep` backups of this school in the folder (and removes our own stale partial files). */
export async function pruneBackups(fsio: BackupFs, dir: string, schoolNumber: string, keep: number): Promise<string[]> {
  const all = await listBackups(fsio, dir, schoolNumber);
  const removed: string[] = [];
  for (const name of all.slice(0, Math.max(0, all.length - keep))) {
    await fsio.unlink(path.join(dir, name));
    removed.push(name);
  }
  const prefix = `.Qorgan-${safeSchoolNumber(schoolNumber)}-`;
  for (const name of await fsio.readdir(dir)) {
    if (name.startsWith(prefix) && name.endsWith(`${BACKUP_EXT}.partial`)) await fsio.unlink(path.join(dir, name)).catch(() => undefined);
  }
  return removed;
}

/** The manifest of a backup of this snapshot and keyring. */
export async function buildManifest(snapshot: Snapshot, keyringBytes: Buffer, school: SchoolId, now: Date): Promise<Manifest> {
  return {
    format: 'qorgan-backup',
    version: MANIFEST_FORMAT,
    createdAt: now.toISOString(),
    school,
    app: { version: APP_VERSION },
    schema: { migrations: snapshot.migrations },
    database: { cipher: 'sqlcipher', compatibility: 4, keyFormat: 'raw-hex-256' },
    counts: snapshot.counts,
    files: {
      [KEYRING_ENTRY]: { size: keyringBytes.length, sha256: sha256(keyringBytes) },
      [DB_ENTRY]: { size: fs.statSync(snapshot.dbFile).size, sha256: await sha256File(snapshot.dbFile) },
    },
    ...(snapshot.auditHead ? { auditHead: snapshot.auditHead } : {}),
  };
}

export interface FinishInput {
  snapshot: Snapshot;
  /** a copy of the data key; the caller wipes it */
  dataKey: Buffer;
  dataDir: string;
  school: SchoolId;
  recipients: readonly string[];
  targetDir: string;
  now: Date;
  keepLast: number;
  fs?: BackupFs;
  nativeBinding?: string;
  progress?: ProgressFn;
}

export interface BackupOutcome {
  file: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  manifest: Manifest;
  pruned: string[];
}

/** Writes, reads back and verifies, prunes. Removes the snapshot's work folder in any case. */
export async function finishBackup(input: FinishInput): Promise<BackupOutcome> {
  const fsio = input.fs ?? nodeBackupFs;
  const { snapshot } = input;
  try {
    try {
      if (!fs.statSync(input.targetDir).isDirectory()) throw new Error('not a folder');
    } catch {
      throw new AppError('backup.drive_removed', 'the backup folder is not there');
    }
    const { keyringBytes } = snapshot;
    const manifest = await buildManifest(snapshot, keyringBytes, input.school, input.now);
    const existing = new Set(await fsio.readdir(input.targetDir).catch(() => [] as string[]));
    let name = backupFileName(input.school.number, input.now);
    for (let i = 2; existing.has(name) || existing.has(`.${name}.partial`); i++) name = backupFileName(input.school.number, input.now, i);

    const written = await writeArchive({
      fs: fsio,
      targetDir: input.targetDir,
      name,
      recipients: input.recipients,
      manifest,
      keyringBytes,
      dbFile: snapshot.dbFile,
      onBytes: (done, total) => input.progress?.('writing', done, total),
    });

    // Read the file back from the drive and check everything: header, every block, the manifest, the SHA-256 of
    // both files. The DB read back hashes equal to the snapshot it was made from (the manifest holds the snapshot's
    // hash), so the snapshot's integrity_check is the check of the DB on the drive — no second copy is written.
    let fileHash: string;
    try {
      const back = await readArchive({
        file: written.file,
        unlock: { fileKey: written.fileKey, header: written.header },
        stageDir: null,
        onBytes: (done, total) => input.progress?.('verifying', done, total),
      });
      if (JSON.stringify(back.manifest) !== JSON.stringify(manifest)) {
        throw new AppError('backup.corrupt', 'the manifest read back differs');
      }
      if (!back.keyringBytes.equals(keyringBytes)) throw new AppError('backup.corrupt', 'the keyring read back differs');
      const check = describeDatabase(snapshot.dbFile, input.dataKey, {
        integrity: true,
        ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}),
      });
      if (check.integrity !== 'ok') throw new AppError('backup.corrupt', 'the database fails its integrity check');
      fileHash = back.fileSha256;
    } catch (e) {
      // a backup that does not verify must not stay under a valid-looking name
      await fsio.unlink(written.file).catch(() => undefined);
      throw e;
    } finally {
      written.fileKey.fill(0);
    }
    const pruned = await pruneBackups(fsio, input.targetDir, input.school.number, input.keepLast).catch(() => [] as string[]);
    return { file: written.file, fileName: name, sizeBytes: written.size, sha256: fileHash, manifest, pruned };
  } finally {
    removeWorkDir(snapshot.workDir);
  }
}
