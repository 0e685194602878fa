/**
 * Shared arrangements of the backup tests: a set-up school with pupils whose names are a marker string (to grep
 * files for plaintext), the recovery identity, and Debian's `age` and `tar`.
 */
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Insertable } from 'kysely';
import { afterEach, expect } from 'vitest';
import SqlCipher from '@signalapp/sqlcipher';
import { parseRecoveryKey } from '../../../electron/core/auth/recovery-key';
import { finishBackup, type BackupOutcome, type FinishInput, type Snapshot } from '../../../electron/core/backup/create';
import { backupIdentityFromRecovery, backupRecipientFromRecovery } from '../../../electron/core/backup/identity';
import type { Database } from '../../../electron/core/db/schema';
import { SEED_SCHOOL, createTestCore, tempDir, type TestCore } from '../../harness/core';

export const MARKER = 'ZZPLAINTEXTMARKERZZ';

/** A pupil row whose last name carries the marker (`<MARKER><tag>`), for grepping files for plaintext. */
function markedPupil(tag: string, now: string): Insertable<Database['pupils']> {
  return {
    id: crypto.randomUUID(),
    iin: null,
    last_name: `${MARKER}${tag}`,
    first_name: 'Әлия',
    middle_name: '',
    birth_date: '2012-03-04',
    sex: 'f',
    grade: 5,
    class_letter: 'А',
    instruction_language: 'kk',
    family_status: '[]',
    on_register: 0,
    archived: 0,
    created_at: now,
    updated_at: now,
  };
}

export async function schoolWithPupils(count = 200): Promise<TestCore> {
  const t = await createTestCore();
  const now = new Date().toISOString();
  await t.state.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) await trx.insertInto('pupils').values({ ...markedPupil(String(i), now), iin: String(100000000000 + i) }).execute();
  });
  return t;
}

/** Adds `n` more marked pupils (`<MARKER>later<i>`), one write each, as the core goes on working during a backup. */
export async function addPupils(t: TestCore, n: number): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < n; i++) await t.state.db.insertInto('pupils').values(markedPupil(`later${i}`, now)).execute();
}

export const SCHOOL_96 = { number: SEED_SCHOOL.number, nameKk: SEED_SCHOOL.nameKk, nameRu: SEED_SCHOOL.nameRu };

/** finishBackup of a snapshot to `stick` for the recovery recipient of `t` (the rest of FinishInput may be given). */
export async function finishTo(t: TestCore, snapshot: Snapshot, stick: string, more: Partial<FinishInput> = {}): Promise<BackupOutcome> {
  return finishBackup({
    snapshot,
    school: SCHOOL_96,
    recipients: [await backupRecipientFromRecovery(recoveryBytes(t))],
    targetDir: stick,
    now: t.platform.now(),
    keepLast: 5,
    ...more,
  });
}

/**
 * The clean-up of one test file: registers an afterEach that runs what was tracked (last first), and gives the
 * set-ups that track themselves — a temp folder, a school with pupils.
 */
export function backupTestScope(): { track: (c: () => Promise<void> | void) => void; dir: (prefix: string) => string; school: (pupils?: number) => Promise<TestCore> } {
  let cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });
  const track = (c: () => Promise<void> | void) => {
    cleanup.push(c);
  };
  return {
    track,
    dir(prefix) {
      const d = tempDir(prefix);
      track(() => fs.rmSync(d, { recursive: true, force: true }));
      return d;
    },
    async school(pupils = 200) {
      const t = await schoolWithPupils(pupils);
      track(() => t.cleanup());
      return t;
    },
  };
}

export function recoveryBytes(t: TestCore): Buffer {
  const b = parseRecoveryKey(t.recoveryKey);
  if (!b) throw new Error('no recovery key');
  return b;
}

export function recoveryIdentity(t: TestCore): string {
  return backupIdentityFromRecovery(recoveryBytes(t));
}

export function dataKeyOf(t: TestCore): Buffer {
  return t.state.withDataKey((k) => Buffer.from(k));
}

/** Debian's age: decrypts `file` with the identity and unpacks it with tar into a new folder. */
export function ageUnpack(file: string, identity: string): string {
  const dir = tempDir('qorgan-age-');
  const idFile = path.join(dir, 'identity.txt');
  fs.writeFileSync(idFile, identity + '\n', { mode: 0o600 });
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  execFileSync('sh', ['-c', 'age -d -i "$1" "$2" | tar -x -C "$3"', 'sh', idFile, file, out], { stdio: 'pipe' });
  return out;
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Opens a DB with the real SQLCipher 4 build (@signalapp/sqlcipher) and the raw key, as district IT would. */
export function sqlcipherRows(file: string, key: Buffer, query: string): unknown[] {
  const db = new SqlCipher(file);
  try {
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    return db.prepare(query).all();
  } finally {
    db.close();
  }
}

export function fileContains(file: string, text: string): boolean {
  const bytes = fs.readFileSync(file);
  return bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));
}

/** Polls `backup.job` until the job is done, failed or ready. */
export async function waitJob(t: TestCore, id: string): Promise<import('../../../shared/backup').BackupJob> {
  for (let i = 0; i < 6000; i++) {
    const j = await t.call('backup.job', { id });
    if (!j) throw new Error('job vanished');
    if (j.phase === 'done' || j.phase === 'failed' || j.phase === 'ready') return j;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('job did not finish');
}

/** The person picks `dir` in the folder dialog (the core writes backups only where the person chose). */
export async function chooseFolder(t: TestCore, dir: string): Promise<void> {
  t.platform.dialogAnswers.push(dir);
  expect(await t.call('backup.chooseFolder', {})).toBe(dir);
}

/** The person picks `file` in the open dialog (the core restores only a file the person chose). */
export async function chooseFile(t: TestCore, file: string): Promise<void> {
  t.platform.dialogAnswers.push(file);
  expect(await t.call('backup.chooseFile', {})).toBe(file);
}

/** Enables backups with the recovery key and makes one to `dir`; returns the finished job. */
export async function backupTo(t: TestCore, dir: string): Promise<import('../../../shared/backup').BackupJob> {
  const settings = await t.call('backup.getSettings', {});
  if (!settings.enabled) await t.call('backup.enable', { recoveryKey: t.recoveryKey });
  await chooseFolder(t, dir);
  const job = await t.call('backup.start', { targetDir: dir });
  return waitJob(t, job.id);
}

/** Sets the test clock without tripping the idle lock. */
export function setClock(t: TestCore, d: Date): void {
  t.platform.setNow(d);
  t.state.touch();
}
