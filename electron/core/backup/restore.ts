/**
 * Restoring a backup: decrypt and check everything into a staging folder of the data folder (encrypted DB and
 * keyring only), then swap the files in, keeping the previous DB and keyring aside in `before-restore/<time>/`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { QUEUE_FILE } from '../audit/pending';
import { DB_FILE } from '../core';
import { KEYRING_FILE, keyringSchema, loginHash, unwrapWithPassword, unwrapWithRecovery, type Keyring } from '../db/keyring';
import { AppError } from '../errors';
import { readArchive } from './archive';
import { checkInWorker } from './create';
import { backupIdentityFromRecovery } from './identity';
import type { Manifest } from './manifest';

export const STAGING_DIR = 'restore-staging';
export const ASIDE_DIR = 'before-restore';

export type RestoreSecret =
  | { kind: 'recovery'; recovery: Buffer }
  /** the district restores for the school: its age identity opens the file, an account of the backup opens the DB */
  | { kind: 'district'; identity: string; login: string; password: string };

export interface StagedRestore {
  stageDir: string;
  manifest: Manifest;
  sizeBytes: number;
}

function parseKeyring(bytes: Buffer): Keyring {
  try {
    return keyringSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new AppError('backup.corrupt', 'the keyring in the backup is damaged');
  }
}

async function dataKeyFor(keyring: Keyring, secret: RestoreSecret): Promise<Buffer> {
  if (secret.kind === 'recovery') {
    const key = unwrapWithRecovery(keyring, secret.recovery);
    if (!key) throw new AppError('backup.wrong_key', 'the recovery key does not open this backup');
    return key;
  }
  const hash = loginHash(keyring, secret.login);
  for (const slot of keyring.slots.filter((s) => s.kind === 'account' && s.loginHash === hash)) {
    const key = await unwrapWithPassword(keyring, slot, secret.password);
    if (key) return key;
  }
  throw new AppError('auth.wrong_password', 'no account of the backup matches this login and password');
}

export function cleanStaging(dataDir: string): void {
  fs.rmSync(path.join(dataDir, STAGING_DIR), { recursive: true, force: true });
}

/** Checks a backup completely and stages its files. Nothing in the data folder changes but the staging folder. */
export async function stageRestore(input: {
  dataDir: string;
  file: string;
  secret: RestoreSecret;
  nativeBinding?: string;
  onBytes?: (done: number, total: number) => void;
  /** after decryption: the DB's integrity check */
  onChecking?: () => void;
}): Promise<StagedRestore> {
  const identity = input.secret.kind === 'recovery' ? backupIdentityFromRecovery(input.secret.recovery) : input.secret.identity;
  const stageDir = path.join(input.dataDir, STAGING_DIR, crypto.randomUUID());
  fs.mkdirSync(stageDir, { recursive: true, mode: 0o700 });
  try {
    const read = await readArchive({
      file: input.file,
      unlock: { identities: [identity] },
      stageDir,
      ...(input.onBytes ? { onBytes: input.onBytes } : {}),
    });
    input.onChecking?.();
    const keyring = parseKeyring(read.keyringBytes);
    const dataKey = await dataKeyFor(keyring, input.secret);
    try {
      if (!read.dbFile) throw new Error('restore: the database was not unpacked');
      // the counts and integrity_check decrypt every page: in a worker thread, never on the core's thread
      const check = await checkInWorker(dataKey, read.dbFile, { hash: false, counts: true, integrity: true }, input.nativeBinding);
      // a DB snapshotted from a WAL database is in WAL mode: the checks' read-only opens left an empty -wal and the
      // -shm index beside it, which are not part of what is restored
      for (const f of [`${read.dbFile}-wal`, `${read.dbFile}-shm`]) {
        if (fs.existsSync(f) && (f.endsWith('-shm') || fs.statSync(f).size === 0)) fs.rmSync(f, { force: true });
      }
      if (check.integrity !== 'ok') throw new AppError('backup.corrupt', 'the database in the backup fails its integrity check');
      if (JSON.stringify(check.migrations) !== JSON.stringify(read.manifest.schema.migrations)) {
        throw new AppError('backup.corrupt', 'the database in the backup does not match its manifest');
      }
      for (const [table, n] of Object.entries(read.manifest.counts)) {
        if (check.counts[table] !== n) throw new AppError('backup.corrupt', 'the database in the backup does not match its manifest');
      }
    } finally {
      dataKey.fill(0);
    }
    fs.writeFileSync(path.join(stageDir, KEYRING_FILE), read.keyringBytes, { mode: 0o600 });
    return { stageDir, manifest: read.manifest, sizeBytes: read.fileSize };
  } catch (e) {
    fs.rmSync(stageDir, { recursive: true, force: true });
    throw e;
  }
}

// the sealed queue of failed logins belongs to the DB it was anchored to: it goes aside with it
const LIVE_FILES = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, KEYRING_FILE, QUEUE_FILE];
const STAGED_FILES = [DB_FILE, KEYRING_FILE];

/** Written before the swap's first rename, removed after its last: a crash in between is rolled back at start. */
export const RESTORE_JOURNAL = 'restore-journal.json';
const journalSchema = z.object({ stageDir: z.string(), previousDir: z.string().nullable(), present: z.array(z.string()) });

function writeJournal(dataDir: string, journal: z.infer<typeof journalSchema>): void {
  const file = path.join(dataDir, RESTORE_JOURNAL);
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(journal));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * Swaps the staged DB and keyring in (the live DB must be closed). The previous files move to
 * `before-restore/<time>/`; if a rename fails half-way, everything is put back as it was; if the PC stops half-way,
 * `finishInterruptedRestore` puts it back at the next start.
 */
export function swapIn(dataDir: string, staged: StagedRestore, now: Date): { previousDir: string | null } {
  const stagedDb = path.join(staged.stageDir, DB_FILE);
  const stagedKeyring = path.join(staged.stageDir, KEYRING_FILE);
  if (!fs.existsSync(stagedDb) || !fs.existsSync(stagedKeyring)) throw new AppError('not_found', 'the checked backup is no longer staged');
  const present = LIVE_FILES.filter((f) => fs.existsSync(path.join(dataDir, f)));
  const previousDir = present.length > 0 ? path.join(dataDir, ASIDE_DIR, now.toISOString().replace(/[:.]/g, '-')) : null;
  writeJournal(dataDir, { stageDir: staged.stageDir, previousDir, present });
  const movedAside: string[] = [];
  const movedIn: string[] = [];
  try {
    if (previousDir) {
      fs.mkdirSync(previousDir, { recursive: true, mode: 0o700 });
      for (const f of present) {
        fs.renameSync(path.join(dataDir, f), path.join(previousDir, f));
        movedAside.push(f);
      }
    }
    for (const f of STAGED_FILES) {
      fs.renameSync(path.join(staged.stageDir, f), path.join(dataDir, f));
      movedIn.push(f);
    }
  } catch (e) {
    for (const f of movedIn) fs.renameSync(path.join(dataDir, f), path.join(staged.stageDir, f));
    if (previousDir) for (const f of movedAside) fs.renameSync(path.join(previousDir, f), path.join(dataDir, f));
    fs.rmSync(path.join(dataDir, RESTORE_JOURNAL), { force: true });
    throw e;
  }
  fs.rmSync(path.join(dataDir, RESTORE_JOURNAL), { force: true });
  fs.rmSync(staged.stageDir, { recursive: true, force: true });
  return { previousDir };
}

/**
 * Call once when the core starts, before it looks for the DB: if a restore's swap was cut off (power loss, crash),
 * puts the previous DB and keyring back and the restored ones back into staging. Returns what it did.
 */
export function finishInterruptedRestore(dataDir: string): 'none' | 'rolled_back' {
  const file = path.join(dataDir, RESTORE_JOURNAL);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return 'none';
  }
  const parsed = journalSchema.safeParse((() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  })());
  if (!parsed.success) {
    fs.rmSync(file, { force: true });
    return 'none';
  }
  const { stageDir, previousDir, present } = parsed.data;
  fs.mkdirSync(stageDir, { recursive: true, mode: 0o700 });
  // a staged file missing from staging but present in the data folder was moved in: move it back out
  for (const f of STAGED_FILES) {
    if (!fs.existsSync(path.join(stageDir, f)) && fs.existsSync(path.join(dataDir, f))) {
      fs.renameSync(path.join(dataDir, f), path.join(stageDir, f));
    }
  }
  if (previousDir) {
    for (const f of present) {
      const aside = path.join(previousDir, f);
      if (fs.existsSync(aside) && !fs.existsSync(path.join(dataDir, f))) fs.renameSync(aside, path.join(dataDir, f));
    }
  }
  fs.rmSync(file, { force: true });
  return 'rolled_back';
}
