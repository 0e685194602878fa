/**
 * The backup near its floor and off the core's thread (issue 13, item 13): the snapshot is the encrypted pages of
 * the live DB as they are (the live file pinned by read transactions, no copy, no re-encryption), its checks run in
 * a worker thread whose read transaction begins inside the pin, and Ctrl+L is answered while a backup runs — the backup, started by an authorised account and writing
 * only an encrypted file, then finishes and is recorded at the next login. Order is asserted, never durations.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeSnapshot, pinSnapshot, takeSnapshot } from '../../../electron/core/backup/create';
import { jobsOf } from '../../../electron/core/backup/jobs';
import { stageRestore } from '../../../electron/core/backup/restore';
import { openSqlite } from '../../../electron/core/db/open';
import { runningWorkerJobs } from '../../../electron/core/workers/job';
import { ADMIN } from '../../harness/core';
import { MARKER, addPupils, ageUnpack, backupTestScope, chooseFolder, dataKeyOf, fileContains, finishTo, recoveryBytes, recoveryIdentity, sqlcipherRows, waitJob } from './helpers';

const { dir, school } = backupTestScope();

describe('the snapshot', () => {
  it('is the live DB file pinned: the archive and the integrity check both see the pinned bytes while the core goes on writing', async () => {
    const t = await school(50);
    const key = dataKeyOf(t);
    const stick = dir('qorgan-stick-');
    const pinned = await pinSnapshot(t.state.sqlite, t.state.dbFile, t.dataDir, key);
    expect(pinned.method).toBe('pinned-file');
    // no copy: the archive will carry the live file itself
    expect(pinned.dbFile).toBe(t.state.dbFile);
    const atPin = fs.readFileSync(t.state.dbFile);
    const atPinSha = crypto.createHash('sha256').update(atPin).digest('hex');
    // the core writes on (into the WAL) before the check has counted anything; no checkpoint may move those pages
    // into the pinned file
    await addPupils(t, 40);
    t.state.sqlite.pragma('wal_checkpoint(PASSIVE)');
    expect(fs.readFileSync(t.state.dbFile).equals(atPin)).toBe(true);

    const snap = await completeSnapshot(pinned, key);
    // the check's counts are the pinned state's, not the live DB's (90): its read transaction began inside the pin
    expect(snap.counts.pupils).toBe(50);
    expect(snap.dbSize).toBe(atPin.length);
    expect(snap.dbSha256).toBe(atPinSha);
    // the core writes on while the archive is written and integrity_check runs on the pinned file
    const [out] = await Promise.all([
      finishTo(t, snap, stick),
      addPupils(t, 30).then(() => t.state.sqlite.pragma('wal_checkpoint(PASSIVE)')),
    ]);
    expect(out.manifest.counts.pupils).toBe(50);
    expect(out.manifest.files['qorgan.db']).toEqual({ size: atPin.length, sha256: atPinSha });
    // the archive, opened as district IT would (age -d | tar -x), carries the pinned bytes exactly: the encrypted
    // pages as they are, no decryption, no re-encryption (same salt, same ciphertext)
    const unpacked = ageUnpack(out.file, recoveryIdentity(t));
    const archived = fs.readFileSync(path.join(unpacked, 'qorgan.db'));
    expect(archived.equals(atPin)).toBe(true);
    expect(archived.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(fileContains(path.join(unpacked, 'qorgan.db'), MARKER)).toBe(false);
    expect(fileContains(path.join(unpacked, 'qorgan.db'), 'Әлия')).toBe(false);
    // an independent SQLCipher 4 opens it with the data key alone, and finds it sound
    expect(sqlcipherRows(path.join(unpacked, 'qorgan.db'), key, 'SELECT count(*) AS n FROM pupils')).toEqual([{ n: 50 }]);
    expect(sqlcipherRows(path.join(unpacked, 'qorgan.db'), key, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(() => sqlcipherRows(path.join(unpacked, 'qorgan.db'), Buffer.alloc(32, 9), 'SELECT count(*) AS n FROM pupils')).toThrow();
    // no copy of the DB was made in the data folder, and the work folder is gone
    expect(fs.existsSync(snap.workDir)).toBe(false);
    // the pin is let go: the WAL empties into the file again, and the live DB kept everything written meanwhile
    expect(t.state.sqlite.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
    expect(fs.readFileSync(t.state.dbFile).equals(atPin)).toBe(false);
    expect((t.state.sqlite.prepare('SELECT count(*) AS n FROM pupils').get() as { n: number }).n).toBe(120);
  });

  it('falls back to VACUUM INTO when the WAL cannot be emptied (another reader holds a frame); its check stops, the backup restores', async () => {
    const t = await school(20);
    const key = dataKeyOf(t);
    const stick = dir('qorgan-stick-');
    await addPupils(t, 5);
    // a reader whose transaction sees the WAL's frames keeps the TRUNCATE checkpoint from finishing
    const other = openSqlite(t.state.dbFile, key, { readonly: true });
    other.exec('BEGIN');
    other.prepare('SELECT count(*) AS n FROM pupils').get();
    // (the checkpoint would wait the core's 5 s busy timeout for that reader; this test does not need to)
    t.state.sqlite.pragma('busy_timeout = 50');
    let snap;
    try {
      snap = await takeSnapshot(t.state.sqlite, t.state.dbFile, t.dataDir, key);
    } finally {
      t.state.sqlite.pragma('busy_timeout = 5000');
      other.exec('COMMIT');
      other.close();
    }
    expect(snap.method).toBe('vacuum-into');
    expect(snap.dbFile).not.toBe(t.state.dbFile);
    expect(snap.counts.pupils).toBe(25);
    const out = await finishTo(t, snap, stick);
    const staged = await stageRestore({ dataDir: dir('qorgan-restore-'), file: out.file, secret: { kind: 'recovery', recovery: recoveryBytes(t) } });
    expect(staged.manifest.counts.pupils).toBe(25);
    // the pinned check that was started first is stopped, not left running
    for (let i = 0; i < 1000 && runningWorkerJobs() > 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(runningWorkerJobs()).toBe(0);
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
  it('locks at once — right after the pin, and while the checks run in a worker — and the backup finishes, recorded at the next login', async () => {
    const t = await school(300);
    // some bulk so that the checks of the pinned file take a while (they decrypt every page)
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

    // 2. pressed while a check of the pinned file runs in a worker thread
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
