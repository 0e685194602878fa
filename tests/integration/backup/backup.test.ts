import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, type TestCore } from '../../harness/core';
import { findInFiles, walk } from '../../harness/scan';
import { MARKER, backupTo, chooseFolder, schoolWithPupils, setClock, sha256, waitJob } from './helpers';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function school(): Promise<TestCore> {
  const t = await schoolWithPupils(50);
  cleanup.push(() => t.cleanup());
  return t;
}
function stick(): string {
  const d = tempDir('qorgan-stick-');
  cleanup.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

describe('backup through the app', () => {
  it('is ready from set-up: the backup recipient is derived from the recovery key shown then', async () => {
    const t = await school();
    expect((await t.call('backup.getSettings', {})).enabled).toBe(true);
    const job = await backupTo(t, stick());
    expect(job.phase).toBe('done');
  });

  it('on a school set up before backups existed, asks for the recovery key once, and refuses a wrong one', async () => {
    const t = await school();
    await t.state.db.updateTable('backup_settings').set({ recovery_recipient: null }).execute();
    expect((await t.call('backup.getSettings', {})).enabled).toBe(false);
    const r = await t.try('backup.start', { targetDir: stick() });
    expect(r.ok ? null : r.error.code).toBe('backup.recovery_key_needed');
    const other = await schoolWithPupils(0);
    cleanup.push(() => other.cleanup());
    const wrong = await t.try('backup.enable', { recoveryKey: other.recoveryKey });
    expect(wrong.ok ? null : wrong.error.code).toBe('auth.wrong_recovery_key');
    expect((await t.call('backup.enable', { recoveryKey: t.recoveryKey })).enabled).toBe(true);
  });

  it('writes a verified backup with progress, records it in the history and the audit log, and reports it on the home screen', async () => {
    const t = await school();
    const dir = stick();
    setClock(t, new Date(2026, 10, 26, 10, 30));
    const job = await backupTo(t, dir);
    expect(job.error).toBeNull();
    expect(job.phase).toBe('done');
    expect(job.fraction).toBe(1);
    expect(job.bytesDone).toBeGreaterThan(0);
    expect(job.bytesDone).toBe(job.bytesTotal);
    expect(job.record?.status).toBe('verified');
    expect(job.record?.fileName).toBe('Qorgan-96-2026-11-26-1030.qorgan');
    expect(fs.readdirSync(dir)).toEqual(['Qorgan-96-2026-11-26-1030.qorgan']);
    expect(job.record?.sha256).toBe(sha256(path.join(dir, 'Qorgan-96-2026-11-26-1030.qorgan')));
    // no plaintext anywhere: not on the stick, not in the data folder (the snapshot and its check are gone)
    expect(findInFiles([...walk(dir), ...walk(t.dataDir)], [MARKER, 'Әлия'])).toEqual([]);
    expect(fs.existsSync(path.join(t.dataDir, 'backup-work')) ? fs.readdirSync(path.join(t.dataDir, 'backup-work')) : []).toEqual([]);

    const history = await t.call('backup.history', { limit: 10 });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ status: 'verified', fileName: 'Qorgan-96-2026-11-26-1030.qorgan', targetDir: dir });

    const audit = await t.state.db.selectFrom('audit_log').select(['action', 'outcome', 'entity_id']).where('action', '=', 'backup.start').execute();
    expect(audit).toEqual([{ action: 'backup.start', outcome: 'ok', entity_id: job.id }]);

    const status = await t.call('backup.status', {});
    expect(status).toMatchObject({ enabled: true, due: false, daysSinceLast: 0, reminderDays: 7, lastVerifiedFile: 'Qorgan-96-2026-11-26-1030.qorgan' });
    setClock(t, new Date(2026, 11, 3, 10, 31));
    expect((await t.call('backup.status', {})).due).toBe(true);
    await t.call('backup.updateSettings', { reminderDays: 14 });
    expect((await t.call('backup.status', {})).due).toBe(false);
  });

  it('says a backup is due when none was ever made', async () => {
    const t = await school();
    expect(await t.call('backup.status', {})).toMatchObject({ due: true, lastVerifiedAt: null, daysSinceLast: null });
  });

  it('keeps only the last N backups of the school on the stick, and leaves other files alone', async () => {
    const t = await school();
    const dir = stick();
    fs.writeFileSync(path.join(dir, 'homework.docx'), 'x');
    fs.writeFileSync(path.join(dir, 'Qorgan-12-2020-01-01-0000.qorgan'), 'another school');
    await t.call('backup.enable', { recoveryKey: t.recoveryKey });
    await t.call('backup.updateSettings', { keepLast: 2 });
    for (const day of [1, 2, 3]) {
      setClock(t, new Date(2026, 10, day, 8, 0));
      const job = await backupTo(t, dir);
      expect(job.phase).toBe('done');
    }
    expect(fs.readdirSync(dir).sort()).toEqual([
      'Qorgan-12-2020-01-01-0000.qorgan',
      'Qorgan-96-2026-11-02-0800.qorgan',
      'Qorgan-96-2026-11-03-0800.qorgan',
      'homework.docx',
    ]);
  });

  it('names a second backup in the same minute apart from the first', async () => {
    const t = await school();
    const dir = stick();
    setClock(t, new Date(2026, 10, 5, 8, 0));
    await backupTo(t, dir);
    await backupTo(t, dir);
    expect(fs.readdirSync(dir).sort()).toEqual(['Qorgan-96-2026-11-05-0800-2.qorgan', 'Qorgan-96-2026-11-05-0800.qorgan']);
  });

  it('also encrypts to the district key when one is set, and refuses a malformed district key', async () => {
    const t = await school();
    const bad = await t.try('backup.updateSettings', { districtRecipient: 'age1' + 'q'.repeat(58) });
    expect(bad.ok ? null : bad.error.code).toBe('validation');
    const { generateX25519Identity, identityToRecipient } = await import('age-encryption');
    const identity = await generateX25519Identity();
    await t.call('backup.updateSettings', { districtRecipient: await identityToRecipient(identity) });
    const job = await backupTo(t, stick());
    expect(job.record?.toDistrict).toBe(true);
    const text = fs.readFileSync(path.join(job.record?.targetDir ?? '', job.record?.fileName ?? '')).subarray(0, 600).toString('latin1');
    expect(text.match(/^-> X25519 /gm)).toHaveLength(2);
  });

  it('refuses a folder that is not there, and a second job while one runs', async () => {
    const t = await school();
    await t.call('backup.enable', { recoveryKey: t.recoveryKey });
    const gone = path.join(stick(), 'gone');
    await chooseFolder(t, gone);
    const r = await t.try('backup.start', { targetDir: gone });
    expect(r.ok ? null : r.error.code).toBe('backup.drive_removed');
    const [one, two] = [stick(), stick()];
    await chooseFolder(t, one);
    await chooseFolder(t, two);
    const first = await t.call('backup.start', { targetDir: one });
    const second = await t.try('backup.start', { targetDir: two });
    expect(second.ok ? null : second.error.code).toBe('backup.busy');
    await waitJob(t, first.id);
  });

  it('writes only to a listed drive or a folder chosen in the dialog, never to a path the screen made up', async () => {
    const t = await school();
    await t.call('backup.enable', { recoveryKey: t.recoveryKey });
    const elsewhere = stick();
    const r = await t.try('backup.start', { targetDir: elsewhere });
    expect(r.ok ? null : r.error.code).toBe('validation');
    t.platform.drives = [{ mountPath: elsewhere, label: 'STICK', sizeBytes: 1e9, freeBytes: 5e8 }];
    expect((await t.call('backup.drives', {})).map((d) => d.label)).toEqual(['STICK']);
    const job = await t.call('backup.start', { targetDir: elsewhere });
    expect((await waitJob(t, job.id)).phase).toBe('done');
    expect(fs.readdirSync(elsewhere)).toHaveLength(1);
  });

  it('lets only administrators and directors make backups', async () => {
    const t = await school();
    await t.call('accounts.create', { login: 'teacher', displayName: 'Teacher', roles: ['class_teacher'], password: 'teacher password 1', language: 'kk' });
    await t.call('auth.lock', {});
    await t.call('auth.login', { login: 'teacher', password: 'teacher password 1' });
    const r = await t.try('backup.start', { targetDir: stick() });
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
    const h = await t.try('backup.history', { limit: 5 });
    expect(h.ok ? null : h.error.code).toBe('auth.forbidden');
  });
});
