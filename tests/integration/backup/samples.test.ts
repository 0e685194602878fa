/**
 * The backup samples and what README "For district IT" tells district IT to do with them, done with the same
 * independent tools: Debian's age and tar, sha256 against the manifest, a real SQLCipher 4 build with the key.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manifestSchema } from '../../../electron/core/backup/manifest';
import { writeBackupSamples } from '../../../scripts/samples/backup';
import { ADMIN, tempDir, type TestCore } from '../../harness/core';
import { findInFiles } from '../../harness/scan';
import { MARKER, schoolWithPupils, sha256, sqlcipherRows } from './helpers';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('backup samples', () => {
  it('writes backup.qorgan, backup-identity.txt and backup-db.key that open with age, tar and SQLCipher 4', async () => {
    const t: TestCore = await schoolWithPupils(40);
    cleanup.push(() => t.cleanup());
    const outDir = tempDir('qorgan-samples-');
    cleanup.push(() => fs.rmSync(outDir, { recursive: true, force: true }));
    const written = await writeBackupSamples({
      outDir,
      core: t,
      demo: { dataDir: t.dataDir, recoveryKey: t.recoveryKey, login: ADMIN.login, password: ADMIN.password },
    });
    expect(written).toEqual(['backup.qorgan', 'backup-identity.txt', 'backup-db.key']);
    expect(findInFiles([path.join(outDir, 'backup.qorgan')], [MARKER, 'Әлия'])).toEqual([]);

    const x = path.join(outDir, 'x');
    fs.mkdirSync(x);
    execFileSync('sh', ['-c', 'age -d -i backup-identity.txt backup.qorgan | tar -x -C x'], { cwd: outDir });
    const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(x, 'manifest.json'), 'utf8')));
    const sums = execFileSync('sha256sum', ['keyring.json', 'qorgan.db'], { cwd: x }).toString();
    for (const [name, f] of Object.entries(manifest.files)) {
      expect(sums).toContain(`${f.sha256}  ${name}`);
      expect(sha256(path.join(x, name))).toBe(f.sha256);
    }
    const key = Buffer.from(fs.readFileSync(path.join(outDir, 'backup-db.key'), 'utf8').trim(), 'hex');
    expect(key).toHaveLength(32);
    const db = path.join(x, 'qorgan.db');
    expect(sqlcipherRows(db, key, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(sqlcipherRows(db, key, 'SELECT count(*) AS n FROM pupils')).toEqual([{ n: manifest.counts.pupils }]);
    expect(sqlcipherRows(db, key, 'SELECT number FROM school')).toEqual([{ number: '96' }]);
    // without the key, SQLCipher sees no database
    expect(() => sqlcipherRows(db, Buffer.alloc(32), 'SELECT count(*) FROM pupils')).toThrow();
  });
});
