/**
 * The checks of a backup's database that decrypt every page — the row counts of the manifest, the applied
 * migrations, SQLite's `integrity_check` — and the SHA-256 of the encrypted file. They run in a worker thread
 * (`backup.check` in workers/tasks.ts, started by workers/job.ts), never on the core's thread: on a 200 MB DB they
 * take seconds, during which Ctrl+L and every other call must still be answered.
 *
 * The key comes in memory (the worker's transferred bytes) and is wiped here once the DB is open; nothing is
 * written but SQLite's empty -shm/-wal beside the snapshot (the snapshot is opened read-only, its bytes never change).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { SqliteHandle } from '../db/open';
import { appliedMigrations, openSqlite } from '../db/open';
import { AppError, isAppError } from '../errors';

const READ_CHUNK = 1024 * 1024;

export interface DescribedDatabase {
  migrations: string[];
  counts: Record<string, number>;
  /** `integrity_check`'s answer ('ok' when sound), null when it was not asked for */
  integrity: string | null;
}

export interface CheckArgs {
  file: string;
  /** SHA-256 and size of the file (read before SQLite opens it) */
  hash: boolean;
  /** row counts of every table (the migrations are always read) */
  counts: boolean;
  /** SQLite's integrity_check */
  integrity: boolean;
  nativeBinding?: string;
}

export interface CheckResult extends DescribedDatabase {
  /** SHA-256 and size of the file as it is on disk (when asked) */
  sha256: string | null;
  size: number | null;
}

/** What the manifest needs, sent ahead (`early`) before `integrity_check` runs: the backup writes meanwhile. */
export type CheckFacts = Omit<CheckResult, 'integrity'>;

/**
 * The page cache of the checks, in KiB: the whole file (up to 1 GiB), so that the pages the counts decrypt are the
 * pages `integrity_check` reads again from memory — every page is decrypted (AES + HMAC) once, not twice.
 * It is the worker's native memory (not its V8 heap), freed when the DB closes.
 */
export function checkCacheKiB(file: string): number {
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    // opening it fails just below, with its own code
  }
  return Math.min(1_048_576, Math.max(65_536, Math.ceil(size / 1024) + 8192));
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Row counts of every table, the applied migrations, and optionally `integrity_check`, read from an encrypted DB file. */
export function describeDatabase(
  file: string,
  key: Buffer,
  options: { nativeBinding?: string; integrity?: boolean; counts?: boolean; beforeIntegrity?: (d: Omit<DescribedDatabase, 'integrity'>) => void } = {},
): DescribedDatabase {
  let sqlite: SqliteHandle;
  try {
    sqlite = openSqlite(file, key, { readonly: true, cacheKiB: checkCacheKiB(file), ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (e) {
    if (isAppError(e)) throw new AppError('backup.corrupt', 'the database in the backup cannot be opened');
    throw e;
  }
  try {
    const counts: Record<string, number> = {};
    if (options.counts !== false) {
      const tables = sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .all() as { name: string }[];
      for (const { name } of tables) {
        counts[name] = (sqlite.prepare(`SELECT count(*) AS n FROM ${quoteIdent(name)}`).get() as { n: number }).n;
      }
    }
    const migrations = appliedMigrations(sqlite);
    // the counts first (they decrypt nearly every page into the cache), then integrity_check reads them from memory
    options.beforeIntegrity?.({ migrations, counts });
    let integrity: string | null = null;
    if (options.integrity) {
      integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    }
    return { migrations, counts, integrity };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw new AppError('backup.corrupt', 'the database in the backup is damaged');
    throw e;
  } finally {
    sqlite.close();
  }
}

function hashFile(file: string): { sha256: string; size: number } {
  const h = crypto.createHash('sha256');
  const buf = Buffer.alloc(READ_CHUNK);
  const fd = fs.openSync(file, 'r');
  let size = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, READ_CHUNK, size);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      size += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { sha256: h.digest('hex'), size };
}

/**
 * The worker task: `keyBytes` is the 32-byte data key, wiped before this returns. `early` (the worker's notify)
 * receives the hash, counts and migrations before `integrity_check` starts.
 */
export function checkDatabaseFile(keyBytes: Uint8Array, args: CheckArgs, early?: (facts: CheckFacts) => void): CheckResult {
  const key = Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength);
  try {
    // hashed before SQLite opens it: the hash is of the bytes the archive will carry
    const hashed = args.hash ? hashFile(args.file) : null;
    const described = describeDatabase(args.file, key, {
      integrity: args.integrity,
      counts: args.counts,
      ...(early ? { beforeIntegrity: (d: Omit<DescribedDatabase, 'integrity'>) => early({ ...d, sha256: hashed?.sha256 ?? null, size: hashed?.size ?? null }) } : {}),
      ...(args.nativeBinding ? { nativeBinding: args.nativeBinding } : {}),
    });
    return { ...described, sha256: hashed?.sha256 ?? null, size: hashed?.size ?? null };
  } finally {
    key.fill(0);
  }
}
