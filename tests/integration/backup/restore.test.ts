import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { parseRecoveryKey } from '../../../electron/core/auth/recovery-key';
import { createCore } from '../../../electron/core/api';
import { finishInterruptedRestore, stageRestore, swapIn } from '../../../electron/core/backup/restore';
import { testPlatform } from '../../harness/platform';
import { applyKey, checkpoint } from '../../../electron/core/db/open';
import { ADMIN, createBareCore, type TestCore } from '../../harness/core';
import { findInFiles, walk } from '../../harness/scan';
import { MARKER, backupTestScope, backupTo, chooseFile as pick, dataKeyOf, waitJob } from './helpers';

const { track, dir, school } = backupTestScope();

function bare(): TestCore {
  const t = createBareCore();
  track(() => t.cleanup());
  return t;
}

/** Every row of every table, in a stable order, read with the key. */
function dump(file: string, key: Buffer): Record<string, unknown[]> {
  const db = new Sqlite(file, { readonly: true });
  try {
    applyKey(db, key);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
    const out: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      out[name] = db
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort();
    }
    return out;
  } finally {
    db.close();
  }
}

async function madeBackup(t: TestCore): Promise<{ file: string; reference: string; key: Buffer }> {
  const stick = dir('qorgan-stick-');
  await t.call('backup.enable', { recoveryKey: t.recoveryKey });
  // the DB as the backup will see it: the snapshot is taken at the start of backup.start, before anything else
  checkpoint(t.state.sqlite);
  const reference = path.join(dir('qorgan-ref-'), 'ref.db');
  fs.copyFileSync(path.join(t.dataDir, 'qorgan.db'), reference);
  const job = await backupTo(t, stick);
  expect(job.phase).toBe('done');
  return { file: path.join(stick, job.record?.fileName ?? ''), reference, key: dataKeyOf(t) };
}

describe('restore', () => {
  it('restores into an empty data folder with the recovery key alone: every table equal, accounts of the backup log in', async () => {
    const a = await school(120);
    const { file, reference, key } = await madeBackup(a);
    const fresh = bare();
    expect((await fresh.call('auth.status', {})).state).toBe('setup');

    const job = await pick(fresh, file).then(() => fresh.call('backup.checkRestore', { file, secret: { kind: 'recovery', recoveryKey: a.recoveryKey } }));
    const ready = await waitJob(fresh, job.id);
    expect(ready.error).toBeNull();
    expect(ready.phase).toBe('ready');
    expect(ready.preview).toMatchObject({ schoolNumber: '96', fileName: path.basename(file) });
    expect(ready.preview?.counts.pupils).toBe(120);
    // nothing swapped in yet
    expect(fs.existsSync(path.join(fresh.dataDir, 'qorgan.db'))).toBe(false);
    // staged files are encrypted
    expect(findInFiles(walk(fresh.dataDir), [MARKER])).toEqual([]);

    expect(await fresh.call('backup.restore', { jobId: job.id })).toEqual({ previousKeptAside: false });
    expect((await fresh.call('auth.status', {})).state).toBe('locked');
    expect(dump(path.join(fresh.dataDir, 'qorgan.db'), key)).toEqual(dump(reference, key));
    // the keyring of the backup; the restore's own audit entry is queued until the next login (audit/pending.ts)
    const restoredKeyring = JSON.parse(fs.readFileSync(path.join(fresh.dataDir, 'keyring.json'), 'utf8'));
    const originalKeyring = JSON.parse(fs.readFileSync(path.join(a.dataDir, 'keyring.json'), 'utf8'));
    expect(restoredKeyring).toEqual(originalKeyring);
    expect(JSON.parse(fs.readFileSync(path.join(fresh.dataDir, 'auth-queue.json'), 'utf8')).items).toHaveLength(1);
    expect(fs.existsSync(path.join(fresh.dataDir, 'restore-staging')) ? fs.readdirSync(path.join(fresh.dataDir, 'restore-staging')) : []).toEqual([]);

    const session = await fresh.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(session.login).toBe(ADMIN.login);
    expect((await fresh.call('school.get', {})).number).toBe('96');
    const n = await fresh.state.db.selectFrom('pupils').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(120);
    // the restore itself is in the restored school's audit log
    const audit = await fresh.state.db.selectFrom('audit_log').select('action').where('action', '=', 'backup.restore').execute();
    expect(audit).toHaveLength(1);
  });

  it('restores from settings over a working school, keeping the previous DB aside', async () => {
    const a = await school(30);
    const { file } = await madeBackup(a);
    const b = await school(5);
    const job = await pick(b, file).then(() => b.call('backup.checkRestore', { file, secret: { kind: 'recovery', recoveryKey: a.recoveryKey } }));
    expect((await waitJob(b, job.id)).phase).toBe('ready');
    const beforeDb = fs.readFileSync(path.join(b.dataDir, 'qorgan.db'));
    expect(await b.call('backup.restore', { jobId: job.id })).toEqual({ previousKeptAside: true });
    expect((await b.call('auth.status', {})).state).toBe('locked');
    const aside = path.join(b.dataDir, 'before-restore');
    const [stamp] = fs.readdirSync(aside);
    expect(fs.readdirSync(path.join(aside, stamp ?? '')).sort()).toEqual(expect.arrayContaining(['keyring.json', 'qorgan.db']));
    expect(fs.readFileSync(path.join(aside, stamp ?? '', 'qorgan.db')).length).toBeGreaterThanOrEqual(beforeDb.length);
    // the previous school's sealed queue of failed logins went aside with its DB
    expect(fs.readdirSync(path.join(aside, stamp ?? ''))).toContain('auth-queue.json');
    await b.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const n = await b.state.db.selectFrom('pupils').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(30);
    // the restore's own entry reached the restored log; the queue started afresh is shown, not hidden
    expect((await b.call('audit.list', { action: 'backup.restore' })).total).toBe(1);
    const v = await b.call('audit.verify', {});
    expect(v.ok).toBe(true);
    expect(v.problems.map((p) => p.kind)).toEqual(['queue_restarted']);
  });

  it('lets the district restore with its own identity and an account of the backup', async () => {
    const a = await school(10);
    const { generateX25519Identity, identityToRecipient } = await import('age-encryption');
    const identity = await generateX25519Identity();
    await a.call('backup.updateSettings', { districtRecipient: await identityToRecipient(identity) });
    const { file } = await madeBackup(a);
    const fresh = bare();
    const wrongPw = await pick(fresh, file).then(() => fresh.call('backup.checkRestore', { file, secret: { kind: 'district', identity: `# district key\n${identity}\n`, login: ADMIN.login, password: 'not the password' } }));
    expect((await waitJob(fresh, wrongPw.id)).error?.code).toBe('auth.wrong_password');
    const job = await pick(fresh, file).then(() => fresh.call('backup.checkRestore', { file, secret: { kind: 'district', identity, login: ADMIN.login, password: ADMIN.password } }));
    expect((await waitJob(fresh, job.id)).phase).toBe('ready');
    await fresh.call('backup.restore', { jobId: job.id });
    await fresh.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect((await fresh.call('school.get', {})).number).toBe('96');
  });

  it('asks for a login over a set-up school, and refuses roles other than administrator and director', async () => {
    const a = await school(1);
    const { file } = await madeBackup(a);
    await a.call('accounts.create', { login: 'psych', displayName: 'Psychologist', roles: ['psychologist'], password: 'psych password 12', language: 'kk' });
    await a.call('auth.lock', {});
    const locked = await a.try('backup.checkRestore', { file, secret: { kind: 'recovery', recoveryKey: a.recoveryKey } });
    expect(locked.ok ? null : locked.error.code).toBe('auth.not_logged_in');
    await a.call('auth.login', { login: 'psych', password: 'psych password 12' });
    const r = await a.try('backup.checkRestore', { file, secret: { kind: 'recovery', recoveryKey: a.recoveryKey } });
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
  });

  it('reads only a file chosen in the open dialog, never a path the screen made up', async () => {
    const a = await school(1);
    const { file } = await madeBackup(a);
    const fresh = bare();
    const r = await fresh.try('backup.checkRestore', { file, secret: { kind: 'recovery', recoveryKey: a.recoveryKey } });
    expect(r.ok ? null : r.error.code).toBe('validation');
    await pick(fresh, file);
    const job = await fresh.call('backup.checkRestore', { file, secret: { kind: 'recovery', recoveryKey: a.recoveryKey } });
    expect((await waitJob(fresh, job.id)).phase).toBe('ready');
  });

  it('a power cut in the middle of the swap is rolled back at the next start: the previous school is back, the restore can be redone', async () => {
    const a = await school(7);
    const { file } = await madeBackup(a);
    const b = await school(2);
    await b.call('auth.lock', {});
    const files = () => ({
      db: fs.readFileSync(path.join(b.dataDir, 'qorgan.db')),
      keyring: fs.readFileSync(path.join(b.dataDir, 'keyring.json'), 'utf8'),
    });
    const before = files();
    const recovery = parseRecoveryKey(a.recoveryKey) ?? Buffer.alloc(32);
    const staged = await stageRestore({ dataDir: b.dataDir, file, secret: { kind: 'recovery', recovery } });
    // renames: previous DB aside, previous keyring aside, restored DB in, restored keyring in
    for (const killBefore of [1, 2, 3, 4]) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/integration/backup/fixtures/swap-crash.ts', b.dataDir, JSON.stringify(staged), String(killBefore)]);
      expect(child.signal, `killed before rename ${killBefore}`).toBe('SIGKILL');
      expect(fs.existsSync(path.join(b.dataDir, 'restore-journal.json'))).toBe(true);
      if (killBefore === 4) {
        // the app's own start does it: a new core on the folder rolls the swap back before opening anything
        const restarted = createCore(testPlatform(b.dataDir));
        expect(fs.existsSync(path.join(b.dataDir, 'restore-journal.json'))).toBe(false);
        await restarted.dispose();
      } else {
        expect(finishInterruptedRestore(b.dataDir)).toBe('rolled_back');
      }
      expect(files()).toEqual(before);
      expect(fs.readdirSync(staged.stageDir).sort()).toEqual(['keyring.json', 'qorgan.db']);
    }
    expect(finishInterruptedRestore(b.dataDir)).toBe('none');
    // the same staged restore completes afterwards, and the backup's account logs in
    swapIn(b.dataDir, staged, new Date());
    await b.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const n = await b.state.db.selectFrom('pupils').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(7);
  });

  it('cancels a checked restore and removes its staged files', async () => {
    const a = await school(1);
    const { file } = await madeBackup(a);
    const fresh = bare();
    const job = await pick(fresh, file).then(() => fresh.call('backup.checkRestore', { file, secret: { kind: 'recovery', recoveryKey: a.recoveryKey } }));
    await waitJob(fresh, job.id);
    await fresh.call('backup.cancelRestore', { jobId: job.id });
    expect(fs.readdirSync(path.join(fresh.dataDir, 'restore-staging'))).toEqual([]);
    const r = await fresh.try('backup.restore', { jobId: job.id });
    expect(r.ok ? null : r.error.code).toBe('not_found');
    expect(fs.existsSync(path.join(fresh.dataDir, 'qorgan.db'))).toBe(false);
  });
});
