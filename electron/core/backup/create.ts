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
import type { SqliteHandle } from '../db/open';
import { openSqlite } from '../db/open';
import { AppError } from '../errors';
import { runWorkerJob } from '../workers/job';
import { sha256, verifyWritten, writeArchive } from './archive';
import { describeDatabase, PIN_BEGUN, PIN_CANCELLED, PIN_GO, PIN_IDLE, PIN_READY, type CheckArgs, type CheckFacts, type CheckResult } from './check';
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

/** A check of the snapshot running in its worker (counts first, sent ahead; then integrity_check). */
interface RunningCheck {
  /** the manifest's facts, or the check's failure to open and count */
  early: Promise<CheckFacts>;
  /** resolves when the snapshot passes integrity_check; rejects with backup.corrupt (or the worker's failure) */
  checked: Promise<void>;
  stop: () => Promise<void>;
}

/** What the pin holds: the DB pinned (or already copied by the fallback), its check started, the audit head, the keyring. */
export interface PinnedSnapshot {
  workDir: string;
  /** the file the archive carries: the live DB file while pinned, or the fallback's copy in workDir */
  dbFile: string;
  /** the reader that keeps the live DB file still until the archive is written (null: the fallback's copy) */
  pin: { reader: SqliteHandle } | null;
  /** the check of the pinned file, begun inside the pin (null: the fallback's copy, checked once it is hashed) */
  check: RunningCheck | null;
  keyringBytes: Buffer;
  auditHead: ManifestAuditHead | null;
  /** how the snapshot was taken */
  method: 'pinned-file' | 'vacuum-into';
}

export interface Snapshot {
  workDir: string;
  /** the encrypted DB file the archive carries (the pinned live file, or the fallback's copy) */
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
  /** Lets the pinned file go (the archive is written); a no-op for the fallback's copy. */
  unpin: () => void;
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

function isWal(sqlite: SqliteHandle): boolean {
  return String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
}

/** The WAL checkpointed into the DB file and emptied (TRUNCATE); false when another reader kept a frame in it. */
function emptyWal(sqlite: SqliteHandle): boolean {
  const [ck] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return ck !== undefined && ck.busy === 0 && ck.log === 0;
}

/** A read-only reader of the live DB file inside a read transaction begun now (the WAL empty: read-lock 0). */
function openPinReader(liveFile: string, key: Buffer, nativeBinding?: string): SqliteHandle {
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

function isFacts(v: unknown): v is CheckFacts {
  if (v === null || typeof v !== 'object') return false;
  const f = v as Partial<CheckFacts>;
  return Array.isArray(f.migrations) && f.counts !== null && typeof f.counts === 'object';
}

/** Starts the check of `file` in a worker: counts first (sent ahead), then integrity_check. */
function startCheck(key: Buffer, file: string, what: { hash: boolean; pin?: SharedArrayBuffer }, nativeBinding?: string): RunningCheck {
  const stopper = new AbortController();
  let ahead: (facts: CheckFacts) => void = () => undefined;
  const early = new Promise<CheckFacts>((resolve) => {
    ahead = resolve;
  });
  const job = checkInWorker(key, file, { hash: what.hash, counts: true, integrity: true, ...(what.pin ? { pin: what.pin } : {}) }, nativeBinding, {
    onEarly: (v) => {
      if (isFacts(v)) ahead(v);
    },
    signal: stopper.signal,
  });
  const checked = job.then((r) => {
    if (r.integrity !== 'ok') throw new AppError('backup.corrupt', 'the database fails its integrity check');
  });
  checked.catch(() => undefined);
  // a DB that cannot be opened or counted fails `early`; one that fails integrity_check fails `checked`
  const facts = Promise.race([early, job]).then((v) => {
    if (!isFacts(v)) throw new Error('backup: the check answered without its facts');
    return v;
  });
  facts.catch(() => undefined);
  return {
    early: facts,
    checked,
    stop: async () => {
      stopper.abort();
      await checked.catch(() => undefined);
    },
  };
}

/** Atomics.waitAsync (Node ≥ 16; not yet in this TypeScript lib), typed here. */
type WaitAsync = (a: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> };

/** Resolves once the Int32 is no longer `from` (without blocking the core's thread). */
function waitChange(flag: Int32Array, from: number): Promise<true> {
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  const w = waitAsync(flag, 0, from);
  return w.async ? w.value.then(() => true) : Promise.resolve(true);
}

/** How long the core's thread waits, blocked, for the worker to begin its read transaction (it takes microseconds). */
const PIN_BLOCK_MS = 5_000;

/**
 * Pins the live DB file with its check begun inside the pin, or null when that cannot be done (not in WAL mode,
 * a reader kept a frame in the WAL, the worker did not begin): the caller falls back to VACUUM INTO.
 *
 * The worker opens the DB first (async: nothing is pinned yet). Then, in ONE synchronous stretch of the core's
 * thread — no call of the core can write meanwhile — the WAL is emptied into the DB file, a reader of the core's
 * thread begins its read transaction (it keeps the file still until the archive is written), and the worker is told
 * to begin its own (Atomics: the core's thread waits for its answer, microseconds). Both transactions begin with
 * the WAL empty, so both hold WAL read-lock 0 and read the DB file alone; with read-lock 0 held no checkpoint may
 * write into the file, so its bytes — hashed, archived and checked — are the same until the pin is let go.
 */
async function pinWithCheck(sqlite: SqliteHandle, liveFile: string, key: Buffer, nativeBinding?: string): Promise<{ reader: SqliteHandle; check: RunningCheck } | null> {
  if (!isWal(sqlite)) return null;
  const pin = new SharedArrayBuffer(4);
  const flag = new Int32Array(pin);
  const check = startCheck(key, liveFile, { hash: false, pin }, nativeBinding);
  const cancel = async () => {
    Atomics.store(flag, 0, PIN_CANCELLED);
    Atomics.notify(flag, 0);
    await check.stop();
  };
  const ready = waitChange(flag, PIN_IDLE);
  // a worker that cannot open the DB fails its check before it is ready
  const opened = await Promise.race([ready, check.early.then(() => false, () => false), check.checked.then(() => false, () => false)]);
  if (!opened || Atomics.load(flag, 0) !== PIN_READY) {
    await cancel();
    // a DB the worker cannot open: the same failure through the fallback's check names it
    return null;
  }
  // --- one synchronous stretch from here: nothing else runs on the core's thread ---
  let reader: SqliteHandle | null = null;
  try {
    if (!isWal(sqlite) || !emptyWal(sqlite)) {
      await cancel();
      return null;
    }
    reader = openPinReader(liveFile, key, nativeBinding);
    Atomics.store(flag, 0, PIN_GO);
    Atomics.notify(flag, 0);
    Atomics.wait(flag, 0, PIN_GO, PIN_BLOCK_MS);
    // the worker answers PIN_BEGUN; if it did not in time, PIN_CANCELLED makes it fail should it still wake
    if (Atomics.compareExchange(flag, 0, PIN_GO, PIN_CANCELLED) === PIN_GO || Atomics.load(flag, 0) !== PIN_BEGUN) {
      unpin(reader);
      reader = null;
      await cancel();
      return null;
    }
    // --- end of the synchronous stretch ---
    return { reader, check };
  } catch (e) {
    if (reader) unpin(reader);
    await cancel();
    throw e;
  }
}

/**
 * The pin, at the start of a backup (call it when no transaction is open on the handle): the live DB file held
 * still and its check begun inside the pin (pinWithCheck, a few milliseconds of the core's thread after the
 * worker has opened the DB); or, when that cannot be done, the fallback: VACUUM INTO a copy in the data folder.
 */
export async function pinSnapshot(sqlite: SqliteHandle, liveFile: string, dataDir: string, key: Buffer, nativeBinding?: string): Promise<PinnedSnapshot> {
  const workDir = newWorkDir(dataDir);
  try {
    const keyringBytes = fs.readFileSync(path.join(dataDir, KEYRING_ENTRY));
    const pinned = await pinWithCheck(sqlite, liveFile, key, nativeBinding);
    if (pinned) {
      try {
        return { workDir, dbFile: liveFile, pin: { reader: pinned.reader }, check: pinned.check, keyringBytes, auditHead: snapshotAuditHead(pinned.reader), method: 'pinned-file' };
      } catch (e) {
        unpin(pinned.reader);
        await pinned.check.stop();
        throw e;
      }
    }
    const dbFile = path.join(workDir, SNAPSHOT_FILE);
    try {
      sqlite.prepare('VACUUM INTO ?').run(dbFile);
    } catch (e) {
      throw dataFolderFull(e) ?? e;
    }
    return { workDir, dbFile, pin: null, check: null, keyringBytes, auditHead: snapshotAuditHead(sqlite), method: 'vacuum-into' };
  } catch (e) {
    removeWorkDir(workDir);
    throw e;
  }
}

/** SHA-256 and size of a file, read 1 MiB at a time (the reads on libuv's thread pool, the hash here). */
async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const h = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

/** Lets a pinned snapshot go without archiving it (a job refused after the pin); removes its work folder. */
export async function dropSnapshot(pinned: PinnedSnapshot): Promise<void> {
  if (pinned.pin) unpin(pinned.pin.reader);
  pinned.pin = null;
  await pinned.check?.stop();
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

/**
 * The rest of the snapshot, in the background: the pinned file hashed (a read pass from the page cache) while its
 * check counts the rows in its worker — or, for the fallback's copy, a check that hashes and counts it. Returns as
 * soon as the manifest's hash, counts and migrations are there, with `integrity_check` still running
 * (`Snapshot.checked`: backup.corrupt when it fails) and the file still pinned (`Snapshot.unpin`).
 */
export async function completeSnapshot(pinned: PinnedSnapshot, key: Buffer, nativeBinding?: string): Promise<Snapshot> {
  const reader = pinned.pin?.reader ?? null;
  const let_go = () => {
    if (pinned.pin) unpin(pinned.pin.reader);
    pinned.pin = null;
  };
  const check = pinned.check ?? startCheck(key, pinned.dbFile, { hash: true }, nativeBinding);
  try {
    const [hashed, facts] = await Promise.all([reader ? hashFile(pinned.dbFile) : Promise.resolve(null), check.early]);
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
      checked: check.checked,
      stopCheck: check.stop,
      unpin: let_go,
      dbSize,
      method: pinned.method,
    };
  } catch (e) {
    let_go();
    await check.stop();
    removeWorkDir(pinned.workDir);
    throw dataFolderFull(e) ?? e;
  }
}

/** Pin and hash in one (tests, bench, scripts): the snapshot of the DB as it is now, pinned until released. */
export async function takeSnapshot(sqlite: SqliteHandle, liveFile: string, dataDir: string, key: Buffer, nativeBinding?: string): Promise<Snapshot> {
  return completeSnapshot(await pinSnapshot(sqlite, liveFile, dataDir, key, nativeBinding), key, nativeBinding);
}

/** Lets the pinned file go, stops the snapshot's check if it still runs, then removes its work folder. */
export async function releaseSnapshot(snapshot: Snapshot): Promise<void> {
  snapshot.unpin();
  await snapshot.stopCheck();
  removeWorkDir(snapshot.workDir);
}

/** Lets the snapshot go at once (tests, scripts): unpinned, its work folder removed, a check still running stopped. */
export function disposeSnapshot(snapshot: Snapshot): void {
  snapshot.unpin();
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
