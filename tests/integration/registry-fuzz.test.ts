import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../shared/api';
import { ROLES } from '../../shared/roles';
import { createTestCore, type TestCore } from '../harness/core';
import { dbFingerprint } from '../harness/db-snapshot';

const PER_METHOD = 500;

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

/** Payloads that the method's own schema rejects: random JSON values, and valid-looking objects with wrong fields. */
function malformed(method: (typeof METHOD_NAMES)[number], count: number, seed: number): unknown[] {
  const schema = contract[method].input;
  const arb = fc.oneof(
    fc.jsonValue(),
    fc.anything(),
    fc.dictionary(fc.string(), fc.jsonValue()),
    fc.record({ id: fc.oneof(fc.string(), fc.integer()), page: fc.oneof(fc.string(), fc.double()), login: fc.integer() }),
  );
  const out: unknown[] = [];
  for (const v of fc.sample(arb, { numRuns: count * 20, seed })) {
    if (v === undefined) continue;
    if (!schema.safeParse(v).success) out.push(v);
    if (out.length === count) break;
  }
  return out;
}

describe('the registry rejects malformed payloads', () => {
  it(`${PER_METHOD} malformed payloads per registered method → validation error, nothing changed`, async () => {
    const before = dbFingerprint(c.state.sqlite);
    let calls = 0;
    for (const [i, method] of METHOD_NAMES.entries()) {
      const payloads = malformed(method, PER_METHOD, 1000 + i);
      expect(payloads.length, method).toBe(PER_METHOD);
      for (const p of payloads) {
        const r = await c.invoke(method, p);
        calls += 1;
        if (r.ok || r.error.code !== 'validation') {
          throw new Error(`${method} accepted a malformed payload: ${JSON.stringify(p).slice(0, 200)}`);
        }
      }
    }
    expect(calls).toBe(PER_METHOD * METHOD_NAMES.length);
    expect(dbFingerprint(c.state.sqlite)).toEqual(before);
    expect((await c.call('auth.status', {})).state).toBe('unlocked');
  });

  it('rejects unknown methods and non-string method names', async () => {
    for (const m of ['nope', 'auth.status.x', '__proto__', 'constructor', 'toString', ''] as const) {
      const r = await c.invoke(m, {});
      expect(r.ok ? null : r.error.code).toBe('unknown_method');
    }
    const r = await c.invoke(42 as unknown as string, {});
    expect(r.ok ? null : r.error.code).toBe('unknown_method');
  });
});
