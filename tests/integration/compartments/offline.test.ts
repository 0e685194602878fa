/**
 * Offline proofs (issue 8, items 1–2): a thief with a copy of the data folder and one password, using node:crypto
 * and a stock SQLCipher 4 only (attacker.ts), gets exactly what that account's roles may see — and a disabled
 * account's old keyring copy opens nothing in the current files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { cellsContaining, dumpAll, openFieldBlob, steal, type RawKeyring } from './attacker';
import { tieToClassOf } from './v1-school';

const STATUSES = ['low_income', 'guardianship', 'single_parent', 'dysfunctional', 'large'];
const readKeyringFile = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8')) as RawKeyring;

describe('compartments, offline', () => {
  let c: TestCore;
  let oldKeyring: RawKeyring;
  const pupilIds: string[] = [];

  beforeAll(async () => {
    c = await createTestCore();
    await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
    await c.call('accounts.create', { login: 'psy2', displayName: 'Психолог 2', roles: ['psychologist'], password: 'psy password 2' });
    await c.call('accounts.create', { login: 'teacher', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: 'teacher pass 1' });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
    const statuses = [['low_income'], ['guardianship', 'single_parent'], ['dysfunctional'], []] as const;
    for (const [i, fs_] of statuses.entries()) {
      const p = await c.call('pupils.create', { lastName: `Тестов${i}`, firstName: 'Бала', grade: 5, classLetter: 'А', instructionLanguage: 'kk', familyStatus: [...fs_] });
      expect(p.familyStatus).toEqual([...fs_]);
      pupilIds.push(p.id);
    }
    await c.call('auth.lock', {});
    // the thief copies the keyring while psy is still active
    oldKeyring = readKeyringFile(c.dataDir);
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const psy = (await c.call('accounts.list', {})).find((a) => a.login === 'psy');
    await c.call('accounts.update', { id: psy!.id, disabled: true });
    await c.call('auth.lock', {});
  }, 120_000);

  afterAll(async () => c?.cleanup());

  it('(b) a class teacher’s password opens the base DB, but no protection field yields plaintext', () => {
    const loot = steal(readKeyringFile(c.dataDir), 'teacher', 'teacher pass 1');
    expect(loot.base).toHaveLength(1);
    expect(loot.compartments).toEqual([]);
    const dump = dumpAll(path.join(c.dataDir, 'qorgan.db'), loot.base[0]!);
    expect(dump).not.toBeNull();
    expect(dump!.pupils).toHaveLength(4);
    expect(cellsContaining(dump!, STATUSES)).toEqual([]);
    for (const row of dump!.pupils!) {
      expect(row.family_status).toBe('[]');
      expect(row.on_register).toBe(0);
    }
    // and the keyring itself holds no plaintext either
    expect(cellsContaining({ k: [{ text: JSON.stringify(readKeyringFile(c.dataDir)) }] }, STATUSES)).toEqual([]);
  });

  it('(c) a psychologist’s password decrypts the protection fields', () => {
    const loot = steal(readKeyringFile(c.dataDir), 'psy2', 'psy password 2');
    const protection = loot.compartments.find((k) => k.name === 'protection');
    expect(protection).toBeDefined();
    expect(loot.compartments.map((k) => k.name).sort()).toEqual(['confidential', 'protection']);
    const dump = dumpAll(path.join(c.dataDir, 'qorgan.db'), loot.base[0]!)!;
    const byId = new Map(dump.pupils!.map((r) => [String(r.id), r]));
    const fam = pupilIds.map((id) => openFieldBlob(protection!, 'pupils', id, 'family_status_enc', byId.get(id)!.family_status_enc as Uint8Array));
    expect(fam).toEqual(['["low_income"]', '["guardianship","single_parent"]', '["dysfunctional"]', '[]']);
    // bound to its place: a ciphertext moved to another pupil does not open
    expect(openFieldBlob(protection!, 'pupils', pupilIds[1]!, 'family_status_enc', byId.get(pupilIds[0]!)!.family_status_enc as Uint8Array)).toBeNull();
  });

  it('(a) the disabled account’s old keyring copy opens nothing in the current files', () => {
    const loot = steal(oldKeyring, 'psy', 'psy password 1');
    // it did open the DB of its time …
    expect(loot.base.length).toBeGreaterThan(0);
    expect(loot.compartments.some((k) => k.name === 'protection')).toBe(true);
    // … but the base key was rotated (SQLCipher re-key), and the protection key with it
    for (const file of fs.readdirSync(c.dataDir).filter((f) => f.endsWith('.db'))) {
      for (const key of loot.base) expect(dumpAll(path.join(c.dataDir, file), key)).toBeNull();
    }
    const current = steal(readKeyringFile(c.dataDir), 'teacher', 'teacher pass 1');
    const dump = dumpAll(path.join(c.dataDir, 'qorgan.db'), current.base[0]!)!;
    for (const row of dump.pupils!) {
      for (const k of loot.compartments) expect(openFieldBlob(k, 'pupils', String(row.id), 'family_status_enc', row.family_status_enc as Uint8Array)).toBeNull();
    }
    // and the current keyring has nothing for it
    expect(steal(readKeyringFile(c.dataDir), 'psy', 'psy password 1')).toEqual({ base: [], compartments: [] });
  });

  it('the app agrees: teacher sees the fields hidden, psychologist sees them, the disabled account is refused', async () => {
    await c.call('auth.login', { login: 'teacher', password: 'teacher pass 1' });
    await tieToClassOf(c, 'teacher', pupilIds[0]!);
    const t = await c.call('pupils.get', { id: pupilIds[0]! });
    expect(t.familyStatus).toBeNull();
    expect(t.onRegister).toBeNull();
    const filt = await c.try('pupils.list', { onRegister: true });
    expect(filt.ok ? null : filt.error.code).toBe('auth.forbidden');
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'psy2', password: 'psy password 2' });
    expect((await c.call('pupils.get', { id: pupilIds[1]! })).familyStatus).toEqual(['guardianship', 'single_parent']);
    expect((await c.call('pupils.list', { onRegister: false })).total).toBe(4);
    await c.call('auth.lock', {});
    const dis = await c.try('auth.login', { login: 'psy', password: 'psy password 1' });
    expect(dis.ok ? null : dis.error.code).toBe('auth.account_disabled');
  });
});
