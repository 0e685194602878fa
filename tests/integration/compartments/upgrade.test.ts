/**
 * Upgrade of a school already using Qorgan (DB at 0004, keyring v1): the welfare fields move into the protection
 * compartment at the first unlock by a protection holder; the pre-migration copy is kept, sealed to the recovery key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyring } from '../../../electron/core/db/keyring';
import { createBareCore, tempDir, type TestCore } from '../../harness/core';
import { cellsContaining, dumpAll, steal, type RawKeyring } from './attacker';
import { tieToClassOf, V1_PUPILS, writeV1School } from './v1-school';

const STATUSES = ['low_income', 'guardianship', 'single_parent'];
const rawKeyring = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8')) as RawKeyring;

describe('upgrade from keyring v1', () => {
  let c: TestCore;
  let v1: Awaited<ReturnType<typeof writeV1School>>;

  beforeAll(async () => {
    const dir = tempDir();
    v1 = await writeV1School(dir);
    c = createBareCore(dir);
  }, 60_000);
  afterAll(async () => c?.cleanup());

  it('a class teacher unlocks first: schema migrated, copy kept, keyring still v1, fields hidden', async () => {
    expect((await c.call('auth.status', {})).state).toBe('locked');
    await c.call('auth.login', { login: 'teacher', password: 'teacher pass 1' });
    expect(fs.readdirSync(path.join(c.dataDir, 'pre-migration')).filter((f) => f.endsWith('.db'))).toHaveLength(1);
    expect(readKeyring(c.dataDir)?.version).toBe(1);
    await tieToClassOf(c, 'teacher', v1.pupilIds[0]!);
    const p = await c.call('pupils.get', { id: v1.pupilIds[0]! });
    expect(p.familyStatus).toBeNull();
    await c.call('auth.lock', {});
  });

  it('the director unlocks: compartment keys made, fields sealed, plaintext gone, copies sealed to recovery', async () => {
    await c.call('auth.login', { login: 'director', password: 'director pass 1' });
    const k = readKeyring(c.dataDir)!;
    expect(k.version).toBe(2);
    expect(k.slots.filter((s) => s.kind === 'recovery')).toEqual([expect.objectContaining({ v: 2 })]);
    const got = await Promise.all(v1.pupilIds.map((id) => c.call('pupils.get', { id })));
    expect(got.map((p) => p.familyStatus)).toEqual(V1_PUPILS.map((p) => [...p.family]));
    expect(got.map((p) => p.onRegister)).toEqual(V1_PUPILS.map((p) => p.onRegister === 1));
    expect((await c.call('pupils.list', { onRegister: true })).items.map((p) => p.id)).toEqual([v1.pupilIds[0]]);
    await c.call('auth.lock', {});

    // offline, the teacher's (still v1) slot: the DB opens, no welfare plaintext in any cell
    const loot = steal(rawKeyring(c.dataDir), 'teacher', 'teacher pass 1');
    expect(loot.base).toHaveLength(1);
    const dump = dumpAll(path.join(c.dataDir, 'qorgan.db'), loot.base[0]!)!;
    expect(dump.pupils).toHaveLength(3);
    expect(cellsContaining(dump, STATUSES)).toEqual([]);
    expect(dump.pupils!.every((r) => r.on_register === 0)).toBe(true);
    // the pre-migration copy no longer opens with the data key; its own key is sealed to the recovery key
    const aside = path.join(c.dataDir, 'pre-migration');
    const copy = fs.readdirSync(aside).find((f) => f.endsWith('.db'))!;
    expect(dumpAll(path.join(aside, copy), loot.base[0]!)).toBeNull();
    expect(fs.existsSync(path.join(aside, `${copy}.key.json`))).toBe(true);
  });

  it('the psychologist converts at login and gets protection from the next holder’s login', async () => {
    await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
    expect((await c.call('pupils.get', { id: v1.pupilIds[1]! })).familyStatus).toBeNull();
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'director', password: 'director pass 1' });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
    expect((await c.call('pupils.get', { id: v1.pupilIds[1]! })).familyStatus).toEqual(['guardianship', 'single_parent']);
    await c.call('auth.lock', {});
    const k = readKeyring(c.dataDir)!;
    expect(k.upgradePending.length).toBe(1); // the teacher: still a v1 slot (nothing of a compartment to give it)
    const loot = steal(rawKeyring(c.dataDir), 'psy', 'psy password 1');
    expect(loot.compartments.map((x) => x.name).sort()).toEqual(['confidential', 'protection']);
  });

  it('the recovery key still opens everything and sets a password', async () => {
    const s = await c.call('auth.recover', { recoveryKey: v1.recoveryKey, login: 'teacher', newPassword: 'teacher pass 2' });
    expect(s.login).toBe('teacher');
    expect((await c.call('pupils.get', { id: v1.pupilIds[0]! })).familyStatus).toBeNull();
    await c.call('auth.lock', {});
    const loot = steal(rawKeyring(c.dataDir), 'teacher', 'teacher pass 2');
    expect(loot.base).toHaveLength(1);
    expect(loot.compartments).toEqual([]);
    expect(readKeyring(c.dataDir)!.slots.some((s) => s.v === 1)).toBe(false);
  });
});
