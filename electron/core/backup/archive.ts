/**
 * Writing and reading the backup file: age( tar( manifest.json, keyring.json, qorgan.db ) ).
 * The DB inside is the SQLCipher snapshot, encrypted with the school's data key; nothing is ever written in the
 * clear — the staged files on disk are the encrypted DB and the keyring (wrapped keys only).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from '../../../migrations/index';
import { AppError, isAppError } from '../errors';
import { decryptPayload, encryptPayload, expectedFileSize, makeHeader, readHeader, unwrapHeader, checkHeaderWithFileKey } from './age';
import { ioErrorCode, type BackupFs } from './fsio';
import {
  APP_VERSION,
  DB_ENTRY,
  KEYRING_ENTRY,
  MANIFEST_ENTRY,
  MANIFEST_FORMAT,
  compareVersions,
  manifestHeadSchema,
  manifestSchema,
  type Manifest,
} from './manifest';
import { TarFormatError, readTar, tarSize, writeTar } from './tar';

const READ_CHUNK = 1024 * 1024;
const MAX_SMALL_ENTRY = 4 * 1024 * 1024;

export async function sha256File(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: READ_CHUNK })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

async function* fileChunks(file: string): AsyncGenerator<Buffer> {
  for await (const chunk of fs.createReadStream(file, { highWaterMark: READ_CHUNK })) yield chunk as Buffer;
}

export interface WriteArchiveInput {
  fs: BackupFs;
  /** the folder on the stick */
  targetDir: string;
  /** the final file name (Qorgan-….qorgan) */
  name: string;
  recipients: readonly string[];
  manifest: Manifest;
  keyringBytes: Buffer;
  dbFile: string;
  onBytes?: (written: number, total: number) => void;
}

export interface WrittenArchive {
  file: string;
  size: number;
  /** SHA-256 of every byte written, hashed in the same pass that encrypted them */
  sha256: string;
}

/** Buffers small writes into ~1 MiB blocks (a USB stick prefers few large writes). */
async function* coalesce(source: AsyncIterable<Buffer>, size = READ_CHUNK): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let n = 0;
  for await (const b of source) {
    parts.push(b);
    n += b.length;
    if (n >= size) {
      yield Buffer.concat(parts, n);
      parts = [];
      n = 0;
    }
  }
  if (n > 0) yield Buffer.concat(parts, n);
}

/**
 * Writes the backup under a temporary name (`.<name>.partial`), syncs it, then renames it. On any failure the
 * partial file is removed when the drive still allows it; a left-over partial never has the `.qorgan` name.
 */
export async function writeArchive(input: WriteArchiveInput): Promise<WrittenArchive> {
  const manifestBytes = Buffer.from(JSON.stringify(input.manifest, null, 2) + '\n', 'utf8');
  const dbSize = (await fs.promises.stat(input.dbFile)).size;
  const mtime = new Date(input.manifest.createdAt);
  const entries = [
    { name: MANIFEST_ENTRY, size: manifestBytes.length, mtime, data: () => once(manifestBytes) },
    { name: KEYRING_ENTRY, size: input.keyringBytes.length, mtime, data: () => once(input.keyringBytes) },
    { name: DB_ENTRY, size: dbSize, mtime, data: () => fileChunks(input.dbFile) },
  ];
  const plainSize = tarSize(entries.map((e) => e.size));
  const { header, fileKey } = await makeHeader(input.recipients, plainSize);
  const total = expectedFileSize({ header, plaintextSize: plainSize, format: 1 });
  const finalFile = path.join(input.targetDir, input.name);
  const partial = path.join(input.targetDir, `.${input.name}.partial`);
  let out: Awaited<ReturnType<BackupFs['create']>> | null = null;
  let written = 0;
  const fileHash = crypto.createHash('sha256');
  try {
    out = await input.fs.create(partial);
    fileHash.update(header);
    await out.write(header);
    written += header.length;
    for await (const block of coalesce(encryptPayload(fileKey, writeTar(entries)))) {
      // hashed before the drive sees it: the read-back compares the drive's bytes with these
      fileHash.update(block);
      await out.write(block);
      written += block.length;
      input.onBytes?.(written, total);
    }
    if (written !== total) throw new Error('backup: unexpected archive size');
    await out.sync();
    const closing = out;
    out = null;
    await closing.close();
    await input.fs.rename(partial, finalFile);
    await input.fs.syncDir(input.targetDir);
    return { file: finalFile, size: written, sha256: fileHash.digest('hex') };
  } catch (e) {
    if (out) await out.close().catch(() => undefined);
    await input.fs.unlink(partial).catch(() => undefined);
    if (isAppError(e)) throw e;
    if ((e as NodeJS.ErrnoException).code) {
      const code = ioErrorCode(e);
      // a vanished folder means the stick was pulled, whatever the OS called the failed write
      const gone = !fs.existsSync(input.targetDir);
      throw new AppError(gone ? 'backup.drive_removed' : code, 'the backup could not be written to the drive', {
        errno: String((e as NodeJS.ErrnoException).code),
      });
    }
    throw e;
  } finally {
    fileKey.fill(0);
  }
}

/**
 * The read-back check right after writing: reads the file back from the drive once and compares its size and
 * SHA-256 with what was encrypted and written. Equal, the drive holds exactly the archive that was made — its
 * header, every sealed block, the manifest and the DB the snapshot's checks vouched for — so nothing needs
 * decrypting again. A stick that loses or changes a byte fails here (`backup.corrupt`, `backup.truncated`).
 */
export async function verifyWritten(input: { file: string; size: number; sha256: string; onBytes?: (read: number, total: number) => void }): Promise<void> {
  const h = crypto.createHash('sha256');
  let read = 0;
  try {
    for await (const chunk of fs.createReadStream(input.file, { highWaterMark: READ_CHUNK })) {
      h.update(chunk as Buffer);
      read += (chunk as Buffer).length;
      input.onBytes?.(read, input.size);
    }
  } catch (e) {
    const gone = !fs.existsSync(path.dirname(input.file));
    throw new AppError(gone ? 'backup.drive_removed' : 'backup.corrupt', 'the backup could not be read back from the drive', {
      errno: String((e as NodeJS.ErrnoException).code ?? ''),
    });
  }
  if (read < input.size) throw new AppError('backup.truncated', 'the backup read back is shorter than what was written');
  if (read > input.size || h.digest('hex') !== input.sha256) throw new AppError('backup.corrupt', 'the backup read back differs from what was written');
}

export type Unlock = { fileKey: Buffer; header: Buffer } | { identities: readonly string[] };

export interface ReadArchiveInput {
  file: string;
  unlock: Unlock;
  /**
   * an empty folder on the PC's disk for qorgan.db (encrypted); null to hash the DB without writing it (the read-back
   * check right after a backup: the snapshot it came from is still there, and equal hashes make it the same file)
   */
  stageDir: string | null;
  onBytes?: (read: number, total: number) => void;
}

export interface ReadArchive {
  manifest: Manifest;
  keyringBytes: Buffer;
  /** null when the DB was only hashed */
  dbFile: string | null;
  fileSize: number;
  /** SHA-256 of the whole backup file as read */
  fileSha256: string;
}

async function readSmall(body: AsyncIterable<Buffer>, size: number): Promise<Buffer> {
  if (size > MAX_SMALL_ENTRY) throw new AppError('backup.not_a_backup', 'an archive entry is too large');
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c);
  return Buffer.concat(parts);
}

function checkManifest(bytes: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('backup.not_a_backup', 'the archive has no readable manifest');
  }
  const head = manifestHeadSchema.safeParse(json);
  if (!head.success) throw new AppError('backup.not_a_backup', 'the archive is not a Qorgan backup');
  if (head.data.version > MANIFEST_FORMAT || compareVersions(head.data.app.version, APP_VERSION) > 0) {
    throw new AppError('backup.newer_version', 'the backup was made by a newer version of Qorgan', {
      backupVersion: head.data.app.version,
      appVersion: APP_VERSION,
    });
  }
  const full = manifestSchema.safeParse(json);
  if (!full.success) throw new AppError('backup.corrupt', 'the backup manifest is damaged');
  const unknown = full.data.schema.migrations.filter((m) => !(m in MIGRATIONS));
  if (unknown.length > 0) {
    throw new AppError('backup.newer_version', 'the backup holds a database of a newer version of Qorgan', {
      backupVersion: full.data.app.version,
      appVersion: APP_VERSION,
    });
  }
  return full.data;
}

/**
 * Decrypts and unpacks a backup, checking everything but the DB's own integrity: the header (MAC, size), every
 * payload block, the archive structure, the manifest, and the SHA-256 of each file against it.
 */
export async function readArchive(input: ReadArchiveInput): Promise<ReadArchive> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(input.file);
  } catch {
    throw new AppError('not_found', 'the backup file is not there');
  }
  if (!stat.isFile()) throw new AppError('backup.not_a_backup', 'not a file');
  const parsed = await readHeader(input.file);
  let fileKey: Buffer;
  if ('fileKey' in input.unlock) {
    if (!parsed.header.equals(input.unlock.header)) throw new AppError('backup.corrupt', 'the backup header changed on the drive');
    await checkHeaderWithFileKey(parsed.header, input.unlock.fileKey);
    fileKey = Buffer.from(input.unlock.fileKey);
  } else {
    fileKey = await unwrapHeader(parsed.header, input.unlock.identities);
  }
  const expected = expectedFileSize(parsed);
  if (stat.size < expected) throw new AppError('backup.truncated', 'the backup file is cut short');
  if (stat.size > expected) throw new AppError('backup.corrupt', 'the backup file has extra bytes');

  let read = parsed.header.length;
  const total = stat.size;
  const onBytes = input.onBytes;
  const fileHash = crypto.createHash('sha256').update(parsed.header);
  const source = (async function* () {
    for await (const chunk of fs.createReadStream(input.file, { start: parsed.header.length, highWaterMark: READ_CHUNK })) {
      read += (chunk as Buffer).length;
      fileHash.update(chunk as Buffer);
      onBytes?.(read, total);
      yield chunk as Buffer;
    }
  })();

  let manifest: Manifest | null = null;
  let keyringBytes: Buffer | null = null;
  let dbHash: string | null = null;
  let dbSize = 0;
  const dbFile = input.stageDir === null ? null : path.join(input.stageDir, DB_ENTRY);
  try {
    await readTar(decryptPayload(fileKey, source), async (entry, body) => {
      if (!manifest) {
        if (entry.name !== MANIFEST_ENTRY) throw new AppError('backup.not_a_backup', 'the archive does not start with a manifest');
        manifest = checkManifest(await readSmall(body, entry.size));
      } else if (entry.name === KEYRING_ENTRY && !keyringBytes) {
        keyringBytes = await readSmall(body, entry.size);
      } else if (entry.name === DB_ENTRY && dbHash === null) {
        const h = crypto.createHash('sha256');
        const fh = dbFile ? await fs.promises.open(dbFile, 'wx', 0o600) : null;
        try {
          for await (const c of body) {
            h.update(c);
            dbSize += c.length;
            if (!fh) continue;
            try {
              await fh.write(c);
            } catch (e) {
              // the PC's disk (the staging folder), not the backup, failed
              throw new AppError('backup.write_failed', 'the database could not be unpacked into the data folder', {
                where: 'data_folder',
                errno: String((e as NodeJS.ErrnoException).code ?? ''),
              });
            }
          }
        } finally {
          await fh?.close();
        }
        dbHash = h.digest('hex');
      } else {
        throw new AppError('backup.corrupt', 'the archive holds an unexpected file');
      }
    });
  } catch (e) {
    if (e instanceof TarFormatError) {
      throw new AppError(manifest ? 'backup.corrupt' : 'backup.not_a_backup', 'the backup archive is malformed');
    }
    throw e;
  } finally {
    fileKey.fill(0);
  }
  const m = manifest as Manifest | null;
  const kr = keyringBytes as Buffer | null;
  if (!m) throw new AppError('backup.not_a_backup', 'the archive is empty');
  if (!kr || dbHash === null) throw new AppError('backup.corrupt', 'a file is missing from the backup');
  if (sha256(kr) !== m.files[KEYRING_ENTRY].sha256 || kr.length !== m.files[KEYRING_ENTRY].size) {
    throw new AppError('backup.corrupt', 'the keyring in the backup does not match its manifest');
  }
  if (dbHash !== m.files[DB_ENTRY].sha256 || dbSize !== m.files[DB_ENTRY].size) {
    throw new AppError('backup.corrupt', 'the database in the backup does not match its manifest');
  }
  return { manifest: m, keyringBytes: kr, dbFile, fileSize: stat.size, fileSha256: fileHash.digest('hex') };
}
