/**
 * Restoring a backup: decrypt and check everything into a staging folder of the data folder (encrypted DB and
 * keyring only), then swap the files in, keeping the previous DB and keyring aside in `before-restore/<time>/`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE } from '../core';
import { KEYRING_FILE, keyringSchema, loginHash, unwrapWithPassword, unwrapWithRecovery, type Keyring } from '../db/keyring';
import { AppError } from '../errors';
import { readArchive } from './archive';
import { describeDatabase } from './create';
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
      const check = describeDatabase(read.dbFile, dataKey, {
        integrity: true,
        ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}),
      });
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

const LIVE_FILES = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, KEYRING_FILE];

/**
 * Swaps the staged DB and keyring in (the live DB must be closed). The previous files move to
 * `before-restore/<time>/`; if a rename fails half-way, everything is put back as it was.
 */
export function swapIn(dataDir: string, staged: StagedRestore, now: Date): { previousDir: string | null } {
  const stagedDb = path.join(staged.stageDir, DB_FILE);
  const stagedKeyring = path.join(staged.stageDir, KEYRING_FILE);
  if (!fs.existsSync(stagedDb) || !fs.existsSync(stagedKeyring)) throw new AppError('not_found', 'the checked backup is no longer staged');
  const present = LIVE_FILES.filter((f) => fs.existsSync(path.join(dataDir, f)));
  const previousDir = present.length > 0 ? path.join(dataDir, ASIDE_DIR, now.toISOString().replace(/[:.]/g, '-')) : null;
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
    fs.renameSync(stagedDb, path.join(dataDir, DB_FILE));
    movedIn.push(DB_FILE);
    fs.renameSync(stagedKeyring, path.join(dataDir, KEYRING_FILE));
    movedIn.push(KEYRING_FILE);
  } catch (e) {
    for (const f of movedIn) fs.renameSync(path.join(dataDir, f), path.join(staged.stageDir, f));
    if (previousDir) for (const f of movedAside) fs.renameSync(path.join(previousDir, f), path.join(dataDir, f));
    throw e;
  }
  fs.rmSync(staged.stageDir, { recursive: true, force: true });
  return { previousDir };
}
