import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrityCheck, openDatabase } from '../../electron/core/db/open';
import { tempDir } from '../harness/core';

describe('a crash in the middle of writing', () => {
  it('SIGKILL during 1 000 committed writes → reopens, integrity ok, every committed row present', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'qorgan.db');
    const key = crypto.randomBytes(32);
    await (await openDatabase(file, key, new Date())).close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/crash-writer.ts', file, key.toString('hex')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let lastCommitted = 0;
    const killedAt = await new Promise<number>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const line of lines) {
          const n = Number(line.replace('committed ', ''));
          if (n > lastCommitted) lastCommitted = n;
          if (lastCommitted >= 300 && child.exitCode === null && !child.killed) {
            child.kill('SIGKILL');
            resolve(lastCommitted);
          }
        }
      });
      child.on('exit', () => resolve(lastCommitted));
      child.on('error', reject);
    });
    await new Promise((r) => child.once('close', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThanOrEqual(300);
    expect(lastCommitted).toBeLessThan(1000);

    const reopened = await openDatabase(file, key, new Date());
    try {
      expect(await integrityCheck(reopened.db)).toBe('ok');
      const names = (await reopened.db.selectFrom('pupils').select('last_name').orderBy('last_name').execute()).map((r) => r.last_name);
      // every write reported as committed is there, in order, with no gap
      for (let i = 1; i <= lastCommitted; i++) expect(names[i - 1]).toBe(`Crash${String(i).padStart(4, '0')}`);
      expect(names.length).toBeGreaterThanOrEqual(lastCommitted);
    } finally {
      await reopened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
