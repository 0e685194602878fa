import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { disposeSnapshot, finishBackup, takeSnapshot } from '../../../electron/core/backup/create';
import { backupRecipientFromRecovery } from '../../../electron/core/backup/identity';
import { manifestSchema } from '../../../electron/core/backup/manifest';
import { SEED_SCHOOL, tempDir, type TestCore } from '../../harness/core';
import { MARKER, ageUnpack, dataKeyOf, fileContains, recoveryBytes, recoveryIdentity, schoolWithPupils, sha256, sqlcipherRows } from './helpers';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function school(): Promise<TestCore> {
  const t = await schoolWithPupils(300);
  cleanup.push(() => t.cleanup());
  return t;
}

describe('the backup file', () => {
  it('snapshots the live DB encrypted: no plaintext in the snapshot, and SQLCipher 4 opens it with the data key', async () => {
    const t = await school();
    const key = dataKeyOf(t);
    const snap = await takeSnapshot(t.state.sqlite, t.state.dbFile, t.dataDir, key);
    cleanup.push(() => disposeSnapshot(snap));
    expect(fs.readFileSync(snap.dbFile).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(fileContains(snap.dbFile, MARKER)).toBe(false);
    expect(fileContains(snap.dbFile, 'Әлия')).toBe(false);
    expect(snap.counts.pupils).toBe(300);
    expect(sqlcipherRows(snap.dbFile, key, 'SELECT count(*) AS n FROM pupils')).toEqual([{ n: 300 }]);
    expect(() => sqlcipherRows(snap.dbFile, Buffer.alloc(32, 7), 'SELECT count(*) AS n FROM pupils')).toThrow();
  });

  it('is an age file that Debian age + tar unpack with the recovery identity; hashes match the manifest; SQLCipher 4 opens qorgan.db', async () => {
    const t = await school();
    const key = dataKeyOf(t);
    const target = tempDir('qorgan-stick-');
    cleanup.push(() => fs.rmSync(target, { recursive: true, force: true }));
    const now = new Date(2026, 10, 26, 9, 5);
    const out = await finishBackup({
      snapshot: await takeSnapshot(t.state.sqlite, t.state.dbFile, t.dataDir, key),
      school: { number: SEED_SCHOOL.number, nameKk: SEED_SCHOOL.nameKk, nameRu: SEED_SCHOOL.nameRu },
      recipients: [await backupRecipientFromRecovery(recoveryBytes(t))],
      targetDir: target,
      now,
      keepLast: 5,
    });
    expect(out.fileName).toBe('Qorgan-96-2026-11-26-0905.qorgan');
    expect(fs.readdirSync(target)).toEqual([out.fileName]);
    expect(fileContains(out.file, MARKER)).toBe(false);
    expect(fs.readFileSync(out.file).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(sha256(out.file)).toBe(out.sha256);

    const dir = ageUnpack(out.file, recoveryIdentity(t));
    cleanup.push(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));
    expect(fs.readdirSync(dir).sort()).toEqual(['keyring.json', 'manifest.json', 'qorgan.db']);
    const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.school.number).toBe('96');
    expect(manifest.counts.pupils).toBe(300);
    expect(manifest.counts.accounts).toBe(1);
    for (const [name, f] of Object.entries(manifest.files)) {
      expect(sha256(path.join(dir, name)), name).toBe(f.sha256);
      expect(fs.statSync(path.join(dir, name)).size, name).toBe(f.size);
    }
    expect(fs.readFileSync(path.join(dir, 'keyring.json'))).toEqual(fs.readFileSync(path.join(t.dataDir, 'keyring.json')));
    expect(fileContains(path.join(dir, 'qorgan.db'), MARKER)).toBe(false);
    expect(sqlcipherRows(path.join(dir, 'qorgan.db'), key, 'SELECT count(*) AS n FROM pupils')).toEqual([{ n: 300 }]);
    expect(sqlcipherRows(path.join(dir, 'qorgan.db'), key, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // the work folder with the snapshot is gone
    expect(fs.existsSync(path.join(t.dataDir, 'backup-work')) ? fs.readdirSync(path.join(t.dataDir, 'backup-work')) : []).toEqual([]);
  });
});
