/**
 * README "For district IT" is a procedure people follow without Qorgan: its Python script and its commands are run
 * here exactly as written, against a real backup.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../harness/core';
import { backupTo, dataKeyOf, recoveryIdentity, schoolWithPupils, sqlcipherRows } from './helpers';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function districtSection(): string {
  const readme = fs.readFileSync(path.join(import.meta.dirname, '../../../README.md'), 'utf8');
  const start = readme.indexOf('## For district IT');
  expect(start).toBeGreaterThan(0);
  const next = readme.indexOf('\n## ', start + 5);
  return readme.slice(start, next < 0 ? undefined : next);
}

describe('README: For district IT', () => {
  it('its qorgan-keys.py turns the recovery key into the backup identity and, with keyring.json, the data key; its commands open the backup', async () => {
    const t = await schoolWithPupils(25);
    cleanup.push(() => t.cleanup());
    const stick = tempDir('qorgan-stick-');
    cleanup.push(() => fs.rmSync(stick, { recursive: true, force: true }));
    const job = await backupTo(t, stick);
    const backup = path.join(stick, job.record?.fileName ?? '');

    const script = /```python\n([\s\S]*?)```/.exec(districtSection())?.[1];
    expect(script).toBeTruthy();
    const work = tempDir('qorgan-district-');
    cleanup.push(() => fs.rmSync(work, { recursive: true, force: true }));
    fs.writeFileSync(path.join(work, 'qorgan-keys.py'), script ?? '');

    const identity = execFileSync('python3', ['qorgan-keys.py', t.recoveryKey], { cwd: work }).toString().trim();
    expect(identity).toBe(recoveryIdentity(t));
    fs.writeFileSync(path.join(work, 'backup-identity.txt'), identity + '\n');
    execFileSync('sh', ['-c', `age -d -i backup-identity.txt "${backup}" | tar -x`], { cwd: work });
    expect(fs.readdirSync(work).sort()).toEqual(['backup-identity.txt', 'keyring.json', 'manifest.json', 'qorgan-keys.py', 'qorgan.db']);
    const sums = execFileSync('sha256sum', ['keyring.json', 'qorgan.db'], { cwd: work }).toString();
    const manifest = JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8'));
    expect(sums).toContain(`${manifest.files['qorgan.db'].sha256}  qorgan.db`);
    expect(sums).toContain(`${manifest.files['keyring.json'].sha256}  keyring.json`);

    const lines = execFileSync('python3', ['qorgan-keys.py', t.recoveryKey, 'keyring.json'], { cwd: work }).toString().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(dataKeyOf(t).toString('hex'));
    const key = Buffer.from(lines[1] ?? '', 'hex');
    expect(sqlcipherRows(path.join(work, 'qorgan.db'), key, 'SELECT count(*) AS n FROM pupils')).toEqual([{ n: manifest.counts.pupils }]);
  });

  it('quotes the message age really gives for a wrong key', async () => {
    const t = await schoolWithPupils(1);
    cleanup.push(() => t.cleanup());
    const stick = tempDir('qorgan-stick-');
    cleanup.push(() => fs.rmSync(stick, { recursive: true, force: true }));
    const job = await backupTo(t, stick);
    const other = path.join(stick, 'other.txt');
    execFileSync('age-keygen', ['-o', other], { stdio: 'ignore' });
    const r = spawnSync('age', ['-d', '-i', other, path.join(stick, job.record?.fileName ?? '')]);
    expect(r.status).not.toBe(0);
    const quoted = /says `([^`]+)`/.exec(districtSection())?.[1] ?? 'missing';
    expect(r.stderr.toString()).toContain(quoted);
    // "a damaged or cut file makes age fail with an error"
    const id = path.join(stick, 'id.txt');
    fs.writeFileSync(id, recoveryIdentity(t) + '\n');
    const file = path.join(stick, job.record?.fileName ?? '');
    const bytes = fs.readFileSync(file);
    const cut = path.join(stick, 'cut.bin');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    const flipped = path.join(stick, 'flipped.bin');
    const f = Buffer.from(bytes);
    f[Math.floor(f.length / 2)] = (f[Math.floor(f.length / 2)] as number) ^ 0x80;
    fs.writeFileSync(flipped, f);
    expect(spawnSync('age', ['-d', '-i', id, file]).status).toBe(0);
    expect(spawnSync('age', ['-d', '-i', id, cut]).status).not.toBe(0);
    expect(spawnSync('age', ['-d', '-i', id, flipped]).status).not.toBe(0);
  });
});
