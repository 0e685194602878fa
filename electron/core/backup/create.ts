/**
 * Making a backup, near the cost of copying the file and age-encrypting it:
 *
 *   1. the snapshot — the encrypted pages of the live DB as they are, no decryption and no re-encryption: on the
 *      core's thread and synchronously (a few ms), the WAL is checkpointed into the DB file (TRUNCATE) and a second,
 *      read-only connection opens a read transaction; with the WAL empty, that reader reads the DB file alone and
 *      holds WAL read-lock 0, which forbids any checkpoint from writing into the DB file, so the file's bytes stay
 *      put while the core goes on writing (into the WAL). The file is then copied and hashed in one pass in the
 *      background (reads and writes on libuv's thread pool) and the reader let go. (SQLite's backup API would go
 *      through both pagers, decrypting every page and encrypting it again; VACUUM INTO rebuilds the whole DB — it
 *      remains the fallback when the DB is not in WAL mode or the checkpoint cannot finish.)
 *   2. the checks of the copy in a worker thread (backup/check.ts), with a page cache that holds the whole file so
 *      every page is decrypted once: first the counts and migrations for the manifest, sent ahead, then
 *      `integrity_check` — which runs WHILE this thread writes the archive (two cores: the check's AES + HMAC
 *      beside the archive's ChaCha20 + SHA-256);
 *   3. the archive written to the drive in one pass that encrypts and hashes (archive.ts), then read back once and
 *      compared by hash with what was written (the drive holds exactly the bytes that were encrypted); then the
 *      integrity check's answer is awaited: a snapshot that fails it takes the written archive with it (deleted,
 *      `backup.corrupt`).
 *
 * SHA-256 runs over each byte once per role and no more: the snapshot's hash is taken during the copy (it is the
 * manifest's entry for qorgan.db), the archive's during its encryption, the drive's during the read-back.
 *
 * No plaintext copy exists at any step: the copy is the encrypted file, checked by workers that decrypt in memory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { SqliteHandle } from '../db/open';
import { openSqlite } from '../db/open';
import { AppError } from '../errors';
import { runWorkerJob } from '../workers/job';
import { sha256, verifyWritten, writeArchive } from './archive';
import { describeDatabase, type CheckArgs, type CheckFacts, type CheckResult } from './check';
import type { JobHooks } from '../workers/job';
import { nodeBackupFs, type BackupFs } from './fsio';
import { APP_VERSION, auditHeadSchema, DB_ENTRY, KEYRING_ENTRY, MANIFEST_FORMAT, type Manifest, type ManifestAuditHead } from './manifest';

export { describeDatabase };

export const WORK_DIR = 'backup-work';
export const BACKUP_EXT = '.qorgan';
export const SNAPSHOT_FILE = 'snapshot.db';

export interface SchoolId {
  number: string;
  nameKk: string;
  nameRu: string;
}

/** What the core's thread takes synchronously: the DB pinned (or already copied by the fallback), the audit head, the keyring. */
export interface PinnedSnapshot {
  workDir: string;
  dbFile: string;
  /** the live DB file, and the reader that keeps it still until it is copied (null: the fallback already wrote dbFile) */
  pin: { liveFile: string; reader: SqliteHandle } | null;
  keyringBytes: Buffer;
  auditHead: ManifestAuditHead | null;
  /** how the snapshot was taken */
  method: 'page-copy' | 'vacuum-into';
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
  /** SHA-256 and size of the snapshot file (the manifest's entry for qorgan.db) */
  dbSha256: string;
  dbSize: number;
  method: PinnedSnapshot['method'];
  /**
   * The snapshot's `integrity_check`, still running in its worker when the snapshot is handed over (the archive is
   * written meanwhile): resolves when sound, rejects with `backup.corrupt` (or the worker's failure). Never left
   * unhandled: finishBackup awaits it.
   */
  checked: Promise<void>;
  /** Stops the check if it still runs; resolves once its worker has ended (the work folder may then go). */
  stopCheck: () => Promise<void>;
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

/** The audit head as the snapshot has it (read in the snapshot's own read transaction, or right after VACUUM INTO). */
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

function dataFolderFull(e: unknown): AppError | null {
  const code = String((e as { code?: unknown }).code ?? '');
  // the PC's own disk is full (the snapshot is made in the data folder before anything goes to the drive)
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO') {
    return new AppError('backup.write_failed', 'the snapshot could not be written to the data folder', { where: 'data_folder' });
  }
  return null;
}

/**
 * Checkpoints the WAL into the DB file and opens a read-only reader on it inside a read transaction (synchronous,
 * nothing runs in between). Null when that cannot hold the file still: not in WAL mode, or the checkpoint could
 * not move every frame (another connection reading).
 */
function pinDbFile(sqlite: SqliteHandle, liveFile: string, key: Buffer, nativeBinding?: string): SqliteHandle | null {
  if (String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
  const [ck] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (!ck || ck.busy !== 0 || ck.log !== 0) return null;
  const reader = openSqlite(liveFile, key, { readonly: true, cacheKiB: 1024, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    reader.exec('BEGIN');
    // the first read starts the transaction: the WAL is empty, so it holds read-lock 0 and reads the DB file only
    reader.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    return reader;
  } catch (e) {
    reader.close();
    throw e;
  }
}

function unpin(reader: SqliteHandle): void {
  try {
    if (reader.inTransaction) reader.exec('COMMIT');
  } finally {
    reader.close();
  }
}

/**
 * The synchronous part of the snapshot, on the core's thread (call it when no transaction is open on the handle):
 * a few milliseconds with the page copy; the fallback (VACUUM INTO) takes as long as it used to.
 */
export function pinSnapshot(sqlite: SqliteHandle, liveFile: string, dataDir: string, key: Buffer, nativeBinding?: string): PinnedSnapshot {
  const workDir = newWorkDir(dataDir);
  const dbFile = path.join(workDir, SNAPSHOT_FILE);
  try {
    const keyringBytes = fs.readFileSync(path.join(dataDir, KEYRING_ENTRY));
    const reader = pinDbFile(sqlite, liveFile, key, nativeBinding);
    if (reader) {
      try {
        return { workDir, dbFile, pin: { liveFile, reader }, keyringBytes, auditHead: snapshotAuditHead(reader), method: 'page-copy' };
      } catch (e) {
        unpin(reader);
        throw e;
      }
    }
    try {
      sqlite.prepare('VACUUM INTO ?').run(dbFile);
    } catch (e) {
      throw dataFolderFull(e) ?? e;
    }
    return { workDir, dbFile, pin: null, keyringBytes, auditHead: snapshotAuditHead(sqlite), method: 'vacuum-into' };
  } catch (e) {
    removeWorkDir(workDir);
    throw e;
  }
}

async function copyHashing(from: string, to: string): Promise<{ sha256: string; size: number }> {
  const h = crypto.createHash('sha256');
  let size = 0;
  await pipeline(
    fs.createReadStream(from, { highWaterMark: 1024 * 1024 }),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        h.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    fs.createWriteStream(to, { flags: 'wx', mode: 0o600 }),
  );
  return { sha256: h.digest('hex'), size };
}

/** Lets a pinned snapshot go without copying it (a job refused after the pin); removes its work folder. */
export function dropSnapshot(pinned: PinnedSnapshot): void {
  if (pinned.pin) unpin(pinned.pin.reader);
  removeWorkDir(pinned.workDir);
}

/** Runs checks of an encrypted DB file in a worker thread (check.ts); the key goes in memory, the caller wipes its own. */
export function checkInWorker(
  key: Buffer,
  file: string,
  what: Omit<CheckArgs, 'file' | 'nativeBinding'>,
  nativeBinding?: string,
  hooks?: JobHooks,
): Promise<CheckResult> {
  return runWorkerJob('backup.check', key, { file, ...what, ...(nativeBinding ? { nativeBinding } : {}) }, undefined, hooks);
}

function isFacts(v: unknown): v is CheckFacts {
  if (v === null || typeof v !== 'object') return false;
  const f = v as Partial<CheckFacts>;
  return Array.isArray(f.migrations) && f.counts !== null && typeof f.counts === 'object';
}

/**
 * The background part: copies (and hashes) the pinned file and lets it go, then starts the checks of the copy in a
 * worker; returns as soon as the manifest's counts and migrations are there, with `integrity_check` still running
 * (`Snapshot.checked`: backup.corrupt when it fails).
 */
export async function completeSnapshot(pinned: PinnedSnapshot, key: Buffer, nativeBinding?: string): Promise<Snapshot> {
  try {
    let hashed: { sha256: string; size: number } | null = null;
    if (pinned.pin) {
      const { liveFile, reader } = pinned.pin;
      try {
        // copied and hashed in one pass (the reads and writes on libuv's thread pool, the hash here, 1 MiB at a time)
        hashed = await copyHashing(liveFile, pinned.dbFile);
      } catch (e) {
        throw dataFolderFull(e) ?? e;
      } finally {
        pinned.pin = null;
        unpin(reader);
      }
    }
    // the counts and the integrity check in one worker, sharing one page cache (each page decrypted once); the
    // counts come ahead of the integrity check, which goes on while the archive is written
    const stop = new AbortController();
    let ahead: (facts: CheckFacts) => void = () => undefined;
    const early = new Promise<CheckFacts>((resolve) => {
      ahead = resolve;
    });
    const job = checkInWorker(key, pinned.dbFile, { hash: hashed === null, counts: true, integrity: true }, nativeBinding, {
      onEarly: (v) => {
        if (isFacts(v)) ahead(v);
      },
      signal: stop.signal,
    });
    const checked = job.then((r) => {
      if (r.integrity !== 'ok') throw new AppError('backup.corrupt', 'the database fails its integrity check');
    });
    checked.catch(() => undefined);
    const stopCheck = async () => {
      stop.abort();
      await checked.catch(() => undefined);
    };
    let facts: CheckFacts;
    try {
      // a DB that cannot be opened or counted fails here; one that fails integrity_check fails `checked`
      facts = await Promise.race([early, job]);
    } catch (e) {
      await stopCheck();
      throw e;
    }
    const dbSha256 = hashed?.sha256 ?? facts.sha256;
    const dbSize = hashed?.size ?? facts.size;
    if (dbSha256 === null || dbSize === null) throw new Error('backup: the snapshot was not hashed');
    return {
      workDir: pinned.workDir,
      dbFile: pinned.dbFile,
      keyringBytes: pinned.keyringBytes,
      migrations: facts.migrations,
      counts: facts.counts,
      auditHead: pinned.auditHead,
      dbSha256,
      checked,
      stopCheck,
      dbSize,
      method: pinned.method,
    };
  } catch (e) {
    removeWorkDir(pinned.workDir);
    throw e;
  }
}

/** Pin and copy in one (tests, bench, scripts): the snapshot of the DB as it is now. */
export function takeSnapshot(sqlite: SqliteHandle, liveFile: string, dataDir: string, key: Buffer, nativeBinding?: string): Promise<Snapshot> {
  let pinned: PinnedSnapshot;
  try {
    pinned = pinSnapshot(sqlite, liveFile, dataDir, key, nativeBinding);
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error('backup: the snapshot failed'));
  }
  return completeSnapshot(pinned, key, nativeBinding);
}

/** Stops the snapshot's check if it still runs, then removes its work folder. */
export async function releaseSnapshot(snapshot: Snapshot): Promise<void> {
  await snapshot.stopCheck();
  removeWorkDir(snapshot.workDir);
}

/** Removes the snapshot's work folder at once (tests, scripts); a check still running is stopped. */
export function disposeSnapshot(snapshot: Snapshot): void {
  void snapshot.stopCheck();
  removeWorkDir(snapshot.workDir);
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
export function buildManifest(snapshot: Snapshot, keyringBytes: Buffer, school: SchoolId, now: Date): Manifest {
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
      [DB_ENTRY]: { size: snapshot.dbSize, sha256: snapshot.dbSha256 },
    },
    ...(snapshot.auditHead ? { auditHead: snapshot.auditHead } : {}),
  };
}

export interface FinishInput {
  snapshot: Snapshot;
  school: SchoolId;
  recipients: readonly string[];
  targetDir: string;
  now: Date;
  keepLast: number;
  fs?: BackupFs;
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

/**
 * Writes (encrypting and hashing in one pass), reads back once and compares, prunes. Removes the snapshot's work folder in any case.
 */
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
    const manifest = buildManifest(snapshot, keyringBytes, input.school, input.now);
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

    // The file on the drive must be byte for byte what was encrypted (one read, one hash); the DB in it is sound when
    // the snapshot it was made from passes integrity_check (awaited below), and the manifest holds the snapshot's hash.
    try {
      await verifyWritten({ file: written.file, size: written.size, sha256: written.sha256, onBytes: (done, total) => input.progress?.('verifying', done, total) });
      // the snapshot's integrity_check ran in its worker while the archive was written: a DB that fails it must
      // not stay on the drive as a backup
      await snapshot.checked;
    } catch (e) {
      // a backup that does not verify must not stay under a valid-looking name
      await fsio.unlink(written.file).catch(() => undefined);
      throw e;
    }
    const pruned = await pruneBackups(fsio, input.targetDir, input.school.number, input.keepLast).catch(() => [] as string[]);
    return { file: written.file, fileName: name, sizeBytes: written.size, sha256: written.sha256, manifest, pruned };
  } finally {
    await releaseSnapshot(snapshot);
  }
}
