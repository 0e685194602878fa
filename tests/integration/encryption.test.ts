import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpoint } from '../../electron/core/db/open';
import { createTestCore, SEED_SCHOOL, type TestCore } from '../harness/core';
import { cipherVersion, querySqlcipher4 } from '../harness/sqlcipher4';

let c: TestCore | null = null;
afterEach(async () => {
  await c?.cleanup();
  c = null;
});

describe('the DB at rest', () => {
  it('opens in a real SQLCipher 4 build with the data key, and not without it', async () => {
    c = await createTestCore();
    const keyHex = c.state.withDataKey((k) => k.toString('hex'));
    checkpoint(c.state.sqlite);
    const file = path.join(c.dataDir, 'qorgan.db');
    expect(cipherVersion(file, keyHex)).toMatch(/^4\./);
    const rows = querySqlcipher4(file, keyHex, 'SELECT name_kk FROM school') as { name_kk: string }[];
    expect(rows[0]?.name_kk).toBe(SEED_SCHOOL.nameKk);
    expect(() => querySqlcipher4(file, '00'.repeat(32), 'SELECT count(*) FROM school')).toThrow(/not a database|SQLITE_NOTADB/i);
    expect(() => querySqlcipher4(file, keyHex.replace(/^./, (d) => (d === 'a' ? 'b' : 'a')), 'SELECT 1 FROM school')).toThrow();
  });

  it('has no plaintext SQLite header and no readable school name in the DB, WAL or keyring', async () => {
    c = await createTestCore();
    await c.call('school.update', { ...SEED_SCHOOL, addressKk: 'Мекенжай көшесі 96' });
    for (const name of fs.readdirSync(c.dataDir)) {
      const f = path.join(c.dataDir, name);
      if (!fs.statSync(f).isFile()) continue;
      const bytes = fs.readFileSync(f);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      for (const needle of [SEED_SCHOOL.nameKk, 'Қаншев', 'Мекенжай']) {
        expect(bytes.includes(Buffer.from(needle, 'utf8')), `${name} contains ${needle}`).toBe(false);
      }
    }
  });
});
