/**
 * Key in memory (issue 8, item 8): after lock, neither the data key nor a compartment key is left in the process's
 * memory, raw or as hex. The parent reads the child's readable mappings through /proc/<pid>/maps and /proc/<pid>/mem.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, tempDir } from '../../harness/core';
import { steal, stealAccountKey, type RawKeyring } from './attacker';

function scanProcess(pid: number, needles: Buffer[]): number[] {
  const hits = needles.map(() => 0);
  const maps = fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n');
  const fd = fs.openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const line of maps) {
      const m = /^([0-9a-f]+)-([0-9a-f]+) (r)/.exec(line);
      if (!m || line.includes('[vvar]') || line.includes('[vsyscall]')) continue;
      const start = Number.parseInt(m[1]!, 16);
      const end = Number.parseInt(m[2]!, 16);
      const chunk = 8 * 1024 * 1024;
      for (let at = start; at < end; at += chunk) {
        const len = Math.min(chunk + 256, end - at);
        const buf = Buffer.alloc(len);
        let n = 0;
        try {
          n = fs.readSync(fd, buf, 0, len, at);
        } catch {
          continue;
        }
        const view = buf.subarray(0, n);
        needles.forEach((needle, i) => {
          let from = 0;
          for (;;) {
            const idx = view.indexOf(needle, from);
            if (idx < 0 || idx >= chunk) break;
            hits[i] = (hits[i] ?? 0) + 1;
            from = idx + 1;
          }
        });
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return hits;
}

describe('keys in memory after lock', () => {
  let dir: string;
  let pupilId: string;
  beforeAll(async () => {
    const c = await createTestCore({ dataDir: tempDir() });
    await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
    pupilId = (await c.call('pupils.create', { lastName: 'Тестов', firstName: 'Бала', grade: 2, instructionLanguage: 'kk', familyStatus: ['large'] })).id;
    await c.call('auth.lock', {});
    await c.state.lock('shutdown');
    dir = c.dataDir;
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds neither the data key nor the protection key (raw or hex) nor the account private key in a child that unlocked and locked', async () => {
    const loot = steal(JSON.parse(fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8')) as RawKeyring, 'psy', 'psy password 1');
    const base = loot.base[0]!;
    const protection = loot.compartments.find((k) => k.name === 'protection')!.key;
    // and the account's own private key, which the session keeps until lock (task titles sealed to the owner)
    const own = stealAccountKey(JSON.parse(fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8')) as RawKeyring, 'psy', 'psy password 1')!;
    const needles = [base, Buffer.from(base.toString('hex')), Buffer.from(base.toString('hex').toUpperCase()), protection, Buffer.from(protection.toString('hex')), own];
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/integration/compartments/fixtures/lock-and-wait.ts', dir, 'psy', 'psy password 1', pupilId], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    const said = (word: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => out.split('\n').includes(word) && resolve();
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          check();
        });
        check();
        child.on('exit', () => reject(new Error(`the child ended before "${word}"`)));
      });
    let hits: number[];
    try {
      await said('unlocked');
      const control = scanProcess(child.pid!, needles);
      // while unlocked the keys are in memory (as bytes): the scan does see them
      expect(control[0]).toBeGreaterThan(0);
      expect(control[3]).toBeGreaterThan(0);
      expect(control[5]).toBeGreaterThan(0);
      child.stdin.write('lock\n');
      await said('locked');
      hits = scanProcess(child.pid!, needles);
    } finally {
      child.stdin.write('done\n');
      await new Promise((r) => child.once('close', r));
    }
    expect({ rawKey: hits[0], hexKey: hits[1], hexKeyUpper: hits[2], rawProtection: hits[3], hexProtection: hits[4], rawAccountKey: hits[5] }).toEqual({
      rawKey: 0,
      hexKey: 0,
      hexKeyUpper: 0,
      rawProtection: 0,
      hexProtection: 0,
      rawAccountKey: 0,
    });
  }, 180_000);
});
