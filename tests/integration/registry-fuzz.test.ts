import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, METHOD_NAMES } from '../../shared/api';
import { ROLES } from '../../shared/roles';
import { createTestCore, type TestCore } from '../harness/core';
import { dbFingerprint } from '../harness/db-snapshot';

/**
 * Every registered method, fed payloads its own schema rejects, answers `validation` as a value: it never throws,
 * never reaches a handler (the DB is unchanged after each method), and never pollutes a prototype.
 *
 * The payloads are aimed rather than many: for an object schema, each of its fields in turn gets each hostile value
 * (wrong types, huge and control-character strings, NaN and huge numbers, prototype keys, deep nesting), next to
 * missing fields and unknown keys; then a small random sample of JSON values and arbitrary values for breadth.
 * Only payloads the schema itself rejects are sent.
 */

const RANDOM_PER_METHOD = 40;

let c: TestCore;
beforeAll(async () => {
  c = await createTestCore();
  // the access gate runs before the input is parsed: an account holding every role reaches every method's schema
  await c.call('accounts.create', { login: 'everyrole', displayName: 'Барлық рөл', roles: [...ROLES], password: 'every role password 1' });
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: 'everyrole', password: 'every role password 1' });
});
afterAll(async () => {
  await c.cleanup();
});

const HUGE = 'ж'.repeat(200_000);
let deep: unknown = 'bottom';
for (let i = 0; i < 2_000; i++) deep = { d: deep };

/** Values that are wrong for most fields, or dangerous for code that would trust them. */
const HOSTILE: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  '\u0000',
  `${'../'.repeat(6)}etc/passwd`,
  "'; DROP TABLE accounts; --",
  '<script>alert(1)</script>',
  HUGE,
  '00000000-0000-0000-0000-00000000000g',
  [],
  [null],
  {},
  deep,
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
];

function shapeOf(schema: z.ZodType): Record<string, unknown> | null {
  const shape = (schema as { shape?: unknown }).shape;
  return shape && typeof shape === 'object' ? (shape as Record<string, unknown>) : null;
}

/** Aimed payloads for one method's schema, then random ones; only those the schema rejects. */
function payloads(method: (typeof METHOD_NAMES)[number], seed: number): unknown[] {
  const schema = contract[method].input;
  const candidates: unknown[] = [...HOSTILE, HUGE.split('')];
  const shape = shapeOf(schema);
  if (shape) {
    const keys = Object.keys(shape);
    for (const k of keys) {
      for (const v of HOSTILE) candidates.push({ [k]: v });
    }
    // every field present with a wrong value, and a valid-looking object with an unknown key or a prototype key
    for (const v of HOSTILE) candidates.push(Object.fromEntries(keys.map((k) => [k, v])));
    candidates.push({ ...Object.fromEntries(keys.map((k) => [k, 'x'])), unexpected: 1 });
    candidates.push(JSON.parse(`{${keys.map((k) => `"${k}": 1`).concat('"__proto__": {"polluted": "yes"}').join(', ')}}`));
  }
  const random = fc.oneof(
    fc.jsonValue(),
    fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...Object.keys(shape ?? {}), '__proto__', 'constructor')), fc.jsonValue()),
  );
  candidates.push(...fc.sample(random, { numRuns: RANDOM_PER_METHOD * 2, seed }));
  return candidates.filter((v) => v !== undefined && !schema.safeParse(v).success);
}

const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const ownKeys = () => prototypes.map((p) => Reflect.ownKeys(p).map(String).sort().join(','));

describe('the registry rejects malformed payloads', () => {
  it('every registered method: hostile and random payloads → a validation value, nothing changed, no prototype touched', async () => {
    const protoBefore = ownKeys();
    let calls = 0;
    for (const [i, method] of METHOD_NAMES.entries()) {
      const list = payloads(method, 1000 + i);
      expect(list.length, method).toBeGreaterThanOrEqual(HOSTILE.length);
      const before = dbFingerprint(c.state.sqlite);
      for (const p of list) {
        const r = await c.invoke(method, p);
        calls += 1;
        if (r.ok || r.error.code !== 'validation') {
          throw new Error(`${method} accepted a malformed payload: ${JSON.stringify(p)?.slice(0, 200)}`);
        }
      }
      // per method, so that a change is pinned to the method that made it
      expect(dbFingerprint(c.state.sqlite), method).toEqual(before);
    }
    expect(calls).toBeGreaterThan(METHOD_NAMES.length * HOSTILE.length);
    expect(ownKeys()).toEqual(protoBefore);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect((await c.call('auth.status', {})).state).toBe('unlocked');
  });

  it('rejects unknown methods and non-string method names', async () => {
    for (const m of ['nope', 'auth.status.x', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''] as const) {
      const r = await c.invoke(m, {});
      expect(r.ok ? null : r.error.code).toBe('unknown_method');
    }
    const r = await c.invoke(42 as unknown as string, {});
    expect(r.ok ? null : r.error.code).toBe('unknown_method');
  });
});
