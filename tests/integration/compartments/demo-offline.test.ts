/**
 * The whole demo school, stolen (the brief's attacker: a copy of the data folder and one staff password). Every
 * feature's demo seeder runs — cases, concerns, bullying, ASQ and safety plans, referrals, the register, the council,
 * case documents, the statistics tally — then, for each demo account, with node:crypto and a stock SQLCipher 4 only
 * (attacker.ts):
 * - every text sealed in a compartment that account does not hold is searched for in every decrypted page of the DB
 *   and its WAL (free pages and old frames included) and in every other file of the data folder (keyring, logs…):
 *   none may appear;
 * - the texts are gathered by opening the sealed fields with the keys of all accounts together, so the search is not
 *   vacuous (the test asserts there are such texts, in `protection` and in `confidential`).
 * A text that is also a plain cell of the DB as a whole (e.g. a pupil's name quoted in a note) proves nothing either
 * way and is left out; the count of those is asserted small.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoSchool, DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SCHOOL } from '../../../electron/core/demo/school';
import { demoSeeders } from '../../../scripts/demo-seeders';
import { tempDir } from '../../harness/core';
import { testPlatform } from '../../harness/platform';
import { decryptedPages, dumpAll, openFieldBlob, steal, type Loot, type RawKeyring } from './attacker';

interface Sealed {
  compartment: string;
  where: string;
  text: string;
}

let dataDir = '';
let loots: { login: string; loot: Loot }[] = [];
let sealed: Sealed[] = [];
const plainCells = new Set<string>();
let leftOut = 0;

const isBlob = (v: unknown): v is Uint8Array => v instanceof Uint8Array && v.length >= 34 && v[0] === 0x51 && v[1] === 0x01;
/** free text worth searching for: long enough not to occur by chance, not a code or a number */
const distinctive = (t: string) => t.length >= 12 && /[\p{L}]{3,}\s+[\p{L}]{3,}/u.test(t);

beforeAll(async () => {
  dataDir = tempDir('qorgan-demo-offline-');
  await createDemoSchool(testPlatform(dataDir), { pupils: 120, seeders: demoSeeders });
  const keyring = JSON.parse(fs.readFileSync(path.join(dataDir, 'keyring.json'), 'utf8')) as RawKeyring;
  loots = DEMO_ACCOUNTS.map((a) => ({ login: a.login, loot: steal(keyring, a.login, DEMO_PASSWORD) }));
  const base = loots.find((l) => l.loot.base.length > 0)?.loot.base[0];
  if (!base) throw new Error('no demo password opened the base key');
  const dump = dumpAll(path.join(dataDir, 'qorgan.db'), base);
  if (!dump) throw new Error('the base key did not open the DB');
  const keys = new Map<string, { name: string; epoch: number; key: Buffer }>();
  for (const { loot } of loots) for (const k of loot.compartments) keys.set(`${k.name}:${k.epoch}`, k);
  const found: Sealed[] = [];
  for (const [table, rows] of Object.entries(dump)) {
    for (const row of rows) {
      for (const [col, v] of Object.entries(row)) {
        if (typeof v === 'string') {
          plainCells.add(v);
          continue;
        }
        if (!isBlob(v)) continue;
        const id = row.id ?? row.document_id ?? row.pupil_id;
        if (typeof id !== 'string') continue;
        for (const k of keys.values()) {
          const text = openFieldBlob(k, table, id, col, v);
          if (text === null) continue;
          // a sealed JSON value: search for each of its strings
          let parts: string[] = [text];
          try {
            const parsed: unknown = JSON.parse(text);
            parts = JSON.stringify(parsed).match(/"(?:[^"\\]|\\.)*"/g)?.map((s) => JSON.parse(s) as string) ?? [];
          } catch {
            /* plain text */
          }
          for (const p of parts) if (distinctive(p)) found.push({ compartment: k.name, where: `${table}.${col}`, text: p });
        }
      }
    }
  }
  const plain = [...plainCells];
  sealed = found.filter((s) => {
    const alsoPlain = plain.some((c) => c.includes(s.text));
    if (alsoPlain) leftOut++;
    return !alsoPlain;
  });
}, 300_000);

afterAll(() => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo school, stolen with one password', () => {
  it('has sealed free text to look for, in protection and in confidential (the search is not vacuous)', () => {
    const by = (name: string) => sealed.filter((s) => s.compartment === name).length;
    expect(by('protection')).toBeGreaterThan(50);
    expect(by('confidential')).toBeGreaterThan(10);
    // the accounts the demo has: the psychologist holds both compartments, the class teacher and the administrator none
    const held = (login: string) => loots.find((l) => l.login === login)?.loot.compartments.map((k) => k.name).sort();
    expect(held('psychologist')).toEqual(['confidential', 'protection']);
    expect(held('teacher')).toEqual([]);
    expect(held('admin')).toEqual([]);
    expect(leftOut).toBeLessThan(sealed.length / 10);
  });

  it.each(DEMO_ACCOUNTS.map((a) => a.login))('%s: no text of a compartment the account lacks, in any page or file', (login) => {
    const { loot } = loots.find((l) => l.login === login)!;
    const held = new Set(loot.compartments.map((k) => k.name));
    const secret = sealed.filter((s) => !held.has(s.compartment));
    const pages = loot.base.length > 0 ? decryptedPages(path.join(dataDir, 'qorgan.db'), loot.base[0]!) : [];
    const others = (fs.readdirSync(dataDir, { recursive: true }) as string[])
      .map((f) => path.join(dataDir, f))
      .filter((f) => fs.statSync(f).isFile() && !path.basename(f).startsWith('qorgan.db'))
      .map((f) => fs.readFileSync(f));
    const haystacks = [...pages, ...others];
    // the pages are readable with this key (a plain text is found in them), so a miss below means something
    if (loot.base.length > 0) expect(pages.some((p) => p.includes(Buffer.from(DEMO_SCHOOL.nameKk, 'utf8')))).toBe(true);
    // where a leak is (compartment and column), never the text itself: no child's data in a test's output
    const leaks = secret.filter((s) => {
      const needle = Buffer.from(s.text, 'utf8');
      return haystacks.some((h) => h.includes(needle));
    });
    expect(leaks.map((l) => `${l.compartment} ${l.where}`)).toEqual([]);
    if (held.size === 0) expect(secret.length).toBe(sealed.length);
  });
});
