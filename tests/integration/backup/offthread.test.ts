/**
 * The backup near its floor and off the core's thread (issue 13, item 13): the snapshot is the encrypted pages of
 * the live DB as they are (a copy of the pinned file, no re-encryption), the checks of the copy run in worker
 * threads, and Ctrl+L is answered while a backup runs — the backup, started by an authorised account and writing
 * only an encrypted file, then finishes and is recorded at the next login. Order is asserted, never durations.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeSnapshot, pinSnapshot, takeSnapshot } from '../../../electron/core/backup/create';
import { jobsOf } from '../../../electron/core/backup/jobs';
import { stageRestore } from '../../../electron/core/backup/restore';
import { runningWorkerJobs } from '../../../electron/core/workers/job';
import { ADMIN } from '../../harness/core';
import { MARKER, addPupils, backupTestScope, chooseFolder, dataKeyOf, fileContains, finishTo, recoveryBytes, sqlcipherRows, waitJob } from './helpers';

const { dir, school } = backupTestScope();

describe('the snapshot', () => {
  it('is the encrypted DB file as it was when pinned, byte for byte, while the core goes on writing; SQLCipher 4 opens it', async () => {
    const t = await school(50);
    const key = dataKeyOf(t);
    const pinned = pinSnapshot(t.state.sqlite, t.state.dbFile, t.dataDir, key);
    expect(pinned.method).toBe('page-copy');
    const atPin = fs.readFileSync(t.state.dbFile);
    // the core writes on (into the WAL); no checkpoint may move those pages into the pinned file
    await addPupils(t, 40);
    t.state.sqlite.pragma('wal_checkpoint(PASSIVE)');
    expect(fs.readFileSync(t.state.dbFile).equals(atPin)).toBe(true);

    const snap = await completeSnapshot(pinned, key);
    try {
      const bytes = fs.readFileSync(snap.dbFile);
      // the pages as they are: no decryption, no re-encryption (same salt, same ciphertext)
      expect(bytes.equals(atPin)).toBe(true);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      expect(snap.counts.pupils).toBe(50);
      expect(snap.dbSize).toBe(bytes.length);
      expect(snap.dbSha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
      // nothing in the work folder is plaintext
      for (const f of fs.readdirSync(snap.workDir)) {
        expect(fileContains(path.join(snap.workDir, f), MARKER), f).toBe(false);
        expect(fileContains(path.join(snap.workDir, f), 'Әлия'), f).toBe(false);
      }
      // an independent SQLCipher 4 opens the copy with the data key alone
      expect(sqlcipherRows(snap.dbFile, key, 'SELECT count(*) AS n FROM pupils')).toEqual([{ n: 50 }]);
      expect(sqlcipherRows(snap.dbFile, key, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(() => sqlcipherRows(snap.dbFile, Buffer.alloc(32, 9), 'SELECT count(*) AS n FROM pupils')).toThrow();
    } finally {
      fs.rmSync(snap.workDir, { recursive: true, force: true });
    }
    // the live DB kept everything written meanwhile
    expect((t.state.sqlite.prepare('SELECT count(*) AS n FROM pupils').get() as { n: number }).n).toBe(90);
  });

  it('falls back to VACUUM INTO on a DB that is not in WAL mode; such a backup (what every earlier version made) restores', async () => {
    const t = await school(30);
    const key = dataKeyOf(t);
    const stick = dir('qorgan-stick-');
    t.state.sqlite.pragma('journal_mode = DELETE');
    let snap;
    try {
      snap = await takeSnapshot(t.state.sqlite, t.state.dbFile, t.dataDir, key);
    } finally {
      t.state.sqlite.pragma('journal_mode = WAL');
    }
    expect(snap.method).toBe('vacuum-into');
    const out = await finishTo(t, snap, stick);
    const fresh = dir('qorgan-restore-');
    const staged = await stageRestore({ dataDir: fresh, file: out.file, secret: { kind: 'recovery', recovery: recoveryBytes(t) } });
    expect(staged.manifest.counts.pupils).toBe(30);
    expect(fs.readdirSync(staged.stageDir).sort()).toEqual(['keyring.json', 'qorgan.db']);
  });
});

describe('Ctrl+L during a backup', () => {
  it('locks at once — during the copy, and while the checks run in a worker — and the backup finishes, recorded at the next login', async () => {
    const t = await school(300);
    // some bulk so that the checks of the copy take a while (they decrypt every page)
    const ins = t.state.sqlite.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`);
    t.state.sqlite.transaction(() => {
      for (let i = 0; i < 2500; i++) ins.run(`bench-filler-${i}`, crypto.randomBytes(2000).toString('base64'));
    })();
    const stick = dir('qorgan-stick-');
    await t.call('backup.enable', { recoveryKey: t.recoveryKey });
    const login = () => t.call('auth.login', { login: ADMIN.login, password: ADMIN.password });

    // 1. pressed right after "Back up now": the lock does not wait for the copy or its checks
    await chooseFolder(t, stick);
    const first = await t.call('backup.start', { targetDir: stick });
    await t.call('auth.lock', {});
    expect(t.state.isUnlocked).toBe(false);
    expect(jobsOf(t.state).runningIds().has(first.id)).toBe(true);

    // 2. pressed while a check of the copy runs in a worker thread
    await login();
    expect((await waitJob(t, first.id)).phase).toBe('done');
    await chooseFolder(t, stick);
    const second = await t.call('backup.start', { targetDir: stick });
    for (let i = 0; i < 100_000 && runningWorkerJobs() === 0; i++) await new Promise((r) => setImmediate(r));
    expect(runningWorkerJobs()).toBeGreaterThan(0);
    await t.call('auth.lock', {});
    expect(t.state.isUnlocked).toBe(false);
    // answered while the check was still running: the core's thread was free
    expect(runningWorkerJobs()).toBeGreaterThan(0);
    expect(jobsOf(t.state).runningIds().has(second.id)).toBe(true);

    // the backup went on while locked; its history row is written at the next login
    await login();
    expect((await waitJob(t, second.id)).phase).toBe('done');
    const history = await t.call('backup.history', { limit: 5 });
    expect(history.filter((h) => h.id === first.id || h.id === second.id).map((h) => h.status)).toEqual(['verified', 'verified']);
    expect(fs.readdirSync(stick).filter((n) => n.endsWith('.qorgan'))).toHaveLength(2);
  });
});
