/**
 * Every failure a user can meet with backups, each with its code (translated in the UI) and nothing lost:
 * the data folder unchanged by a failed restore, earlier backups on the stick intact after a failed write, and
 * no half-written file left under a name that looks like a valid backup.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Encrypter } from 'age-encryption';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/errors';
import { writeArchive } from '../../../electron/core/backup/archive';
import { buildManifest, disposeSnapshot, takeSnapshot } from '../../../electron/core/backup/create';
import { nodeBackupFs, type BackupFs } from '../../../electron/core/backup/fsio';
import { backupTestHooks } from '../../../electron/core/backup/handlers';
import { backupRecipientFromRecovery } from '../../../electron/core/backup/identity';
import type { Manifest } from '../../../electron/core/backup/manifest';
import { SEED_SCHOOL, createBareCore, type TestCore } from '../../harness/core';
import { backupTestScope, backupTo, chooseFile, dataKeyOf, recoveryBytes, sha256, waitJob } from './helpers';

afterEach(() => {
  backupTestHooks.fs = null;
});
const { track, dir, school } = backupTestScope();

let shared: { school: TestCore; file: string; stick: string } | null = null;
/** One school (600 pupils: a file of several 64 KiB blocks) and one good backup, reused by the restore cases. */
async function goodBackup(): Promise<{ school: TestCore; file: string; stick: string }> {
  const t = await school(600);
  const stick = dir('qorgan-stick-');
  const job = await backupTo(t, stick);
  expect(job.phase).toBe('done');
  shared = { school: t, file: path.join(stick, job.record?.fileName ?? ''), stick };
  return shared;
}

/** Tries to restore `file` on a fresh install; returns the error code and checks the data folder stayed empty. */
async function restoreError(file: string, recoveryKey: string): Promise<ErrorCode | null> {
  const fresh = createBareCore();
  track(() => fresh.cleanup());
  await chooseFile(fresh, file);
  const started = await fresh.try('backup.checkRestore', { file, secret: { kind: 'recovery', recoveryKey } });
  let code: ErrorCode | null;
  if (!started.ok) code = started.error.code;
  else {
    const job = await waitJob(fresh, started.value.id);
    code = job.error?.code ?? null;
    if (job.phase === 'ready') await fresh.call('backup.cancelRestore', { jobId: job.id });
  }
  expect(fs.existsSync(path.join(fresh.dataDir, 'qorgan.db'))).toBe(false);
  expect(fs.existsSync(path.join(fresh.dataDir, 'keyring.json'))).toBe(false);
  const staging = path.join(fresh.dataDir, 'restore-staging');
  expect(fs.existsSync(staging) ? fs.readdirSync(staging) : []).toEqual([]);
  expect((await fresh.call('auth.status', {})).state).toBe('setup');
  return code;
}

function copyTo(file: string, name: string, mutate: (b: Buffer) => Buffer): string {
  const out = path.join(dir('qorgan-bad-'), name);
  fs.writeFileSync(out, mutate(fs.readFileSync(file)));
  return out;
}

const headerLength = (b: Buffer) => b.indexOf('\n', b.indexOf('\n--- ') + 1) + 1;

describe('restore failures', () => {
  it('wrong key: another school\'s recovery key; a mistyped key', async () => {
    const { file } = await goodBackup();
    const other = await school(0);
    expect(await restoreError(file, other.recoveryKey)).toBe('backup.wrong_key');
    const typo = shared?.school.recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) ?? '';
    expect(await restoreError(file, typo)).toBe('auth.wrong_recovery_key');
  });

  it('truncated file: cut in the middle, at a block boundary, in the header', async () => {
    const { file, school } = await goodBackup();
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(3 * 65552);
    expect(await restoreError(copyTo(file, 'half.qorgan', (b) => b.subarray(0, Math.floor(size / 2))), school.recoveryKey)).toBe('backup.truncated');
    expect(await restoreError(copyTo(file, 'block.qorgan', (b) => b.subarray(0, headerLength(b) + 16 + 2 * 65552)), school.recoveryKey)).toBe('backup.truncated');
    expect(await restoreError(copyTo(file, 'minus1.qorgan', (b) => b.subarray(0, size - 1)), school.recoveryKey)).toBe('backup.truncated');
    expect(await restoreError(copyTo(file, 'head.qorgan', (b) => b.subarray(0, 60)), school.recoveryKey)).toBe('backup.truncated');
  });

  it('one flipped byte: in the data, in the last block, in the header MAC', async () => {
    const { file, school } = await goodBackup();
    const flip = (at: (b: Buffer) => number) => (b: Buffer) => {
      const c = Buffer.from(b);
      const i = at(c);
      c[i] = (c[i] as number) ^ 0x01;
      return c;
    };
    expect(await restoreError(copyTo(file, 'mid.qorgan', flip((b) => Math.floor(b.length / 2))), school.recoveryKey)).toBe('backup.corrupt');
    expect(await restoreError(copyTo(file, 'end.qorgan', flip((b) => b.length - 3)), school.recoveryKey)).toBe('backup.corrupt');
    expect(await restoreError(copyTo(file, 'mac.qorgan', flip((b) => headerLength(b) - 5)), school.recoveryKey)).toBe('backup.corrupt');
    // the good file still restores
    expect(await restoreError(file, school.recoveryKey)).toBeNull();
  });

  it('not a Qorgan backup: random bytes, a text file, an empty file, an age file of something else', async () => {
    const { school } = await goodBackup();
    const d = dir('qorgan-other-');
    fs.writeFileSync(path.join(d, 'random.qorgan'), crypto.randomBytes(5000));
    fs.writeFileSync(path.join(d, 'notes.qorgan'), 'Сабақ кестесі\n');
    fs.writeFileSync(path.join(d, 'empty.qorgan'), '');
    const enc = new Encrypter();
    enc.addRecipient(await backupRecipientFromRecovery(recoveryBytes(school)));
    fs.writeFileSync(path.join(d, 'age.qorgan'), await enc.encrypt('not a backup'));
    for (const name of ['random.qorgan', 'notes.qorgan', 'empty.qorgan', 'age.qorgan']) {
      expect(await restoreError(path.join(d, name), school.recoveryKey), name).toBe('backup.not_a_backup');
    }
  });

  it('a backup from a newer Qorgan: a newer app version, a DB with a migration this app does not know', async () => {
    const t = await school(5);
    const key = dataKeyOf(t);
    const recipient = await backupRecipientFromRecovery(recoveryBytes(t));
    const d = dir('qorgan-newer-');
    async function craft(name: string, mutate: (m: Manifest) => Manifest): Promise<string> {
      const snap = await takeSnapshot(t.state.sqlite, t.state.dbFile, t.dataDir, key);
      try {
        const keyringBytes = fs.readFileSync(path.join(t.dataDir, 'keyring.json'));
        const school = { number: SEED_SCHOOL.number, nameKk: SEED_SCHOOL.nameKk, nameRu: SEED_SCHOOL.nameRu };
        const manifest = mutate(buildManifest(snap, keyringBytes, school, new Date()));
        return (await writeArchive({ fs: nodeBackupFs, targetDir: d, name, recipients: [recipient], manifest, keyringBytes, dbFile: snap.dbFile })).file;
      } finally {
        disposeSnapshot(snap);
      }
    }
    const newerApp = await craft('Qorgan-96-2031-01-01-0000.qorgan', (m) => ({ ...m, app: { version: '99.0.0' } }));
    const newerDb = await craft('Qorgan-96-2031-01-02-0000.qorgan', (m) => ({ ...m, schema: { migrations: [...m.schema.migrations, '9999_future'] } }));
    const newerFormat = await craft('Qorgan-96-2031-01-03-0000.qorgan', (m) => ({ ...m, version: 2 }));
    expect(await restoreError(newerApp, t.recoveryKey)).toBe('backup.newer_version');
    expect(await restoreError(newerDb, t.recoveryKey)).toBe('backup.newer_version');
    expect(await restoreError(newerFormat, t.recoveryKey)).toBe('backup.newer_version');
    // the same crafting with nothing changed restores: the failures above are the version checks
    expect(await restoreError(await craft('Qorgan-96-2031-01-04-0000.qorgan', (m) => m), t.recoveryKey)).toBeNull();
  });
});

/** A drive that fails after `limit` bytes: full (ENOSPC), or pulled out (EIO, and nothing can be deleted any more). */
function failingFs(limit: number, errno: 'ENOSPC' | 'EIO'): BackupFs & { failed: boolean } {
  const err = () => Object.assign(new Error(`simulated ${errno}`), { code: errno });
  const f: BackupFs & { failed: boolean } = {
    ...nodeBackupFs,
    failed: false,
    async create(file) {
      const inner = await nodeBackupFs.create(file);
      let written = 0;
      return {
        async write(data) {
          if (written + data.length > limit) {
            await inner.write(data.subarray(0, Math.max(0, limit - written)));
            written = limit;
            f.failed = true;
            throw err();
          }
          await inner.write(data);
          written += data.length;
        },
        sync: () => inner.sync(),
        close: () => inner.close(),
      };
    },
    async unlink(file) {
      if (errno === 'EIO' && f.failed) throw err();
      return nodeBackupFs.unlink(file);
    },
  };
  return f;
}

describe('write failures on the stick', () => {
  for (const [errno, code] of [
    ['ENOSPC', 'backup.disk_full'],
    ['EIO', 'backup.drive_removed'],
  ] as const) {
    it(`${errno} in the middle of writing → ${code}; earlier backups intact; no half-written file under a valid name`, async () => {
      const t = await school(600);
      const stick = dir('qorgan-stick-');
      t.platform.setNow(new Date(2026, 10, 20, 9, 0));
      t.state.touch();
      const first = await backupTo(t, stick);
      const earlier = path.join(stick, first.record?.fileName ?? '');
      const earlierHash = sha256(earlier);

      t.platform.setNow(new Date(2026, 10, 21, 9, 0));
      t.state.touch();
      const faulty = failingFs(100_000, errno);
      backupTestHooks.fs = faulty;
      const job = await backupTo(t, stick);
      backupTestHooks.fs = null;
      expect(faulty.failed).toBe(true);
      expect(job.phase).toBe('failed');
      expect(job.error?.code).toBe(code);

      // the earlier backup is untouched and still restores
      expect(sha256(earlier)).toBe(earlierHash);
      const valid = fs.readdirSync(stick).filter((n) => n.endsWith('.qorgan'));
      expect(valid).toEqual([first.record?.fileName]);
      const leftovers = fs.readdirSync(stick).filter((n) => !n.endsWith('.qorgan'));
      if (errno === 'ENOSPC') expect(leftovers).toEqual([]);
      else {
        // the stick was gone: the partial could not be deleted; it is hidden, named .partial, and does not restore
        expect(leftovers).toEqual(['.Qorgan-96-2026-11-21-0900.qorgan.partial']);
        const renamed = path.join(stick, 'renamed.qorgan');
        fs.copyFileSync(path.join(stick, leftovers[0] ?? ''), renamed);
        expect(await restoreError(renamed, t.recoveryKey)).toBe('backup.truncated');
        fs.rmSync(renamed);
      }
      expect(await restoreError(earlier, t.recoveryKey)).toBeNull();

      const history = await t.call('backup.history', { limit: 5 });
      expect(history.map((h) => [h.status, h.errorCode])).toEqual([
        ['failed', code],
        ['verified', null],
      ]);
      expect((await t.call('backup.status', {})).lastVerifiedFile).toBe(first.record?.fileName);

      // the next good backup cleans up the stale partial
      t.platform.setNow(new Date(2026, 10, 22, 9, 0));
      t.state.touch();
      expect((await backupTo(t, stick)).phase).toBe('done');
      expect(fs.readdirSync(stick).filter((n) => n.endsWith('.partial'))).toEqual([]);
    });
  }

  it('a stick that silently changes a byte: the read-back check finds it, the file is removed, nothing is recorded as verified', async () => {
    const t = await school(300);
    const stick = dir('qorgan-stick-');
    let written = 0;
    backupTestHooks.fs = {
      ...nodeBackupFs,
      async create(file) {
        const inner = await nodeBackupFs.create(file);
        return {
          ...inner,
          async write(data) {
            const copy = Buffer.from(data);
            const at = 100_000 - written; // the byte at offset 100 000 of the file
            if (at >= 0 && at < copy.length) copy[at] = (copy[at] as number) ^ 0x10;
            written += data.length;
            await inner.write(copy);
          },
        };
      },
    };
    const job = await backupTo(t, stick);
    expect(written).toBeGreaterThan(100_000);
    expect(job.phase).toBe('failed');
    expect(job.error?.code).toBe('backup.corrupt');
    expect(fs.readdirSync(stick)).toEqual([]);
    expect((await t.call('backup.history', { limit: 1 }))[0]).toMatchObject({ status: 'failed', errorCode: 'backup.corrupt' });
  });

  it('the stick pulled out just before the file is created → backup.drive_removed, nothing recorded as verified', async () => {
    const t = await school(5);
    const stick = dir('qorgan-stick-');
    backupTestHooks.fs = {
      ...nodeBackupFs,
      async create(file) {
        fs.rmSync(stick, { recursive: true, force: true });
        return nodeBackupFs.create(file);
      },
    };
    const done = await backupTo(t, stick);
    expect(done.phase).toBe('failed');
    expect(done.error?.code).toBe('backup.drive_removed');
    expect((await t.call('backup.status', {})).lastVerifiedAt).toBeNull();
  });
});
