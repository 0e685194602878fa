/**
 * Access matrix as code (issue 8, item 10): the registry declares every access rule that is enforced.
 * - docs/access-matrix.md is exactly what `npm run access-matrix` generates from the registry;
 * - every method, called locked (on a fresh install and on a set-up school) and as each single-role account, gets
 *   at the gate exactly what the declaration says (`auth.not_logged_in` / `auth.forbidden`, or past the gate);
 * - no handler narrows access on its own (no `auth.forbidden`, no role test outside the registry);
 * - the record guards that replaced hidden checks hold: certificate retirement, evidence deletion, restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { ROLES, type Role } from '../../shared/roles';
import { registry } from '../../electron/core/api';
import { ACCESS_MATRIX_FILE, declaredDecision, renderAccessMatrix, type Caller } from '../../scripts/access-matrix';
import { ADMIN, createBareCore, createTestCore, type TestCore } from '../harness/core';

const password = (role: Role) => `${role} password 1`;
const login = (role: Role) => `only.${role}`;

/** Checks one call's result against the declared gate decision. */
function judge(method: MethodName, caller: Caller, setUp: boolean, r: Result<unknown>): string | null {
  const want = declaredDecision(registry[method].access, caller, setUp);
  const got = r.ok ? 'ok' : r.error.code;
  if (want === 'ok') return got === 'auth.forbidden' || got === 'auth.not_logged_in' ? `${method} as ${caller}: declared allowed, got ${got}` : null;
  return got === `auth.${want}` ? null : `${method} as ${caller}: declared ${want}, got ${got}`;
}

describe('the checked-in access matrix', () => {
  it('equals the one generated from the registry (run `npm run access-matrix` after a change of access)', () => {
    expect(fs.readFileSync(ACCESS_MATRIX_FILE, 'utf8')).toBe(renderAccessMatrix());
  });

  it('names every method once', () => {
    const doc = fs.readFileSync(ACCESS_MATRIX_FILE, 'utf8');
    for (const m of METHOD_NAMES) expect(doc.split(`| \`${m}\` |`).length - 1, m).toBe(1);
  });
});

describe('no access rule hidden in a handler', () => {
  it('only the registry (and its gate, access.ts) refuses with auth.forbidden or looks at the session’s roles', () => {
    const root = path.resolve(import.meta.dirname, '../../electron/core');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !['api.ts', 'registry.ts', 'access.ts'].includes(path.relative(root, p))) {
          const text = fs.readFileSync(p, 'utf8');
          if (/['"]auth\.forbidden['"]/.test(text)) offenders.push(`${path.relative(root, p)}: auth.forbidden`);
          if (/session\??\.roles/.test(text)) offenders.push(`${path.relative(root, p)}: session.roles`);
          if (/checkRestoreAccess/.test(text)) offenders.push(`${path.relative(root, p)}: a restore access check`);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});

describe('every method, called locked and as each role, gets what the registry declares', () => {
  it('locked, on a fresh install: public and fresh-install methods pass the gate, the rest need a login', async () => {
    const bare = createBareCore();
    try {
      const problems: string[] = [];
      for (const m of METHOD_NAMES) {
        const r = await bare.invoke(m, {});
        const p = judge(m, 'locked', false, r);
        if (p) problems.push(p);
        expect(bare.state.isSetUp, m).toBe(false);
      }
      expect(problems).toEqual([]);
    } finally {
      await bare.cleanup();
    }
  });

  let c: TestCore;
  beforeAll(async () => {
    c = await createTestCore();
    for (const role of ROLES) {
      await c.call('accounts.create', { login: login(role), displayName: `Тек ${role}`, roles: [role], password: password(role) });
    }
  }, 120_000);
  afterAll(async () => {
    await c.cleanup();
  });

  it('locked, on a set-up school', async () => {
    await c.call('auth.lock', {});
    const problems: string[] = [];
    for (const m of METHOD_NAMES) {
      const p = judge(m, 'locked', true, await c.invoke(m, {}));
      if (p) problems.push(p);
      // a public method may change the state (none should log in with an empty input): stay locked
      expect(c.state.isUnlocked, m).toBe(false);
    }
    expect(problems).toEqual([]);
  });

  it.each(ROLES)('as %s only', async (role) => {
    const enter = async () => {
      if (c.state.isUnlocked) await c.call('auth.lock', {});
      await c.call('auth.login', { login: login(role), password: password(role) });
    };
    await enter();
    const problems: string[] = [];
    let refused = 0;
    for (const m of METHOD_NAMES) {
      const r = await c.invoke(m, {});
      const p = judge(m, role, true, r);
      if (p) problems.push(p);
      if (!r.ok && r.error.code === 'auth.forbidden') refused += 1;
      // auth.lock and the like end the session: log in again for the next method
      if (c.state.session?.login !== login(role)) await enter();
    }
    expect(problems).toEqual([]);
    // the matrix is not trivially open: every single role is refused something
    expect(refused, role).toBeGreaterThan(0);
  });
});

describe('record guards (formerly hidden in handlers)', () => {
  let c: TestCore;
  const as = async (role: Role | 'admin') => {
    if (c.state.isUnlocked) await c.call('auth.lock', {});
    if (role === 'admin') await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    else await c.call('auth.login', { login: login(role), password: password(role) });
  };
  const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
  const denied = (action: string, entityId: string) =>
    (c.state.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = ? AND entity_id = ? AND outcome = 'denied'`).get(action, entityId) as { n: number }).n;

  beforeAll(async () => {
    c = await createTestCore();
    for (const role of ['deputy_director', 'psychologist', 'council_secretary', 'class_teacher'] as const) {
      await c.call('accounts.create', { login: login(role), displayName: `Тек ${role}`, roles: [role], password: password(role) });
    }
  }, 120_000);
  afterAll(async () => {
    await c.cleanup();
  });

  it('a certificate is retired by its holder or an administrator only; a refusal is audited as denied', async () => {
    await as('council_secretary');
    const cert = await c.call('documents.certificates.create', { position: 'Хатшы', organization: 'Мектеп', password: 'cert password 1' });
    await as('deputy_director');
    expect(code(await c.try('documents.certificates.retire', { id: cert.id }))).toBe('auth.forbidden');
    expect(denied('documents.certificates.retire', cert.id)).toBe(1);
    await as('council_secretary');
    expect(code(await c.try('documents.certificates.retire', { id: cert.id }))).toBe('ok');
    await as('deputy_director');
    const other = await c.call('documents.certificates.create', { position: 'Орынбасар', organization: 'Мектеп', password: 'cert password 2' });
    await as('admin');
    expect(code(await c.try('documents.certificates.retire', { id: other.id }))).toBe('ok');
    expect(code(await c.try('documents.certificates.retire', { id: '00000000-0000-4000-8000-000000000000' }))).toBe('not_found');
  });

  it('evidence is deleted by its uploader or an editor role, not by another class teacher or the psychologist', async () => {
    await as('admin');
    let plan = await c.call('plans.create', { academicYear: 2025, from: { kind: 'template' } });
    plan = await c.call('plans.approve', { id: plan.id, approvedOn: '2025-09-01' });
    const item = plan.items[0]!;
    await as('class_teacher');
    const file = { itemId: item.id, quarter: 1 as const, fileName: 'фото.txt', mime: 'text/plain', dataBase64: Buffer.from('сынып сағаты').toString('base64') };
    const mine = await c.call('plans.addEvidence', file);
    const second = await c.call('plans.addEvidence', file);
    await as('psychologist');
    const psyOwn = await c.call('plans.addEvidence', file);
    expect(code(await c.try('plans.deleteEvidence', { id: mine.id }))).toBe('auth.forbidden');
    expect(denied('plans.deleteEvidence', mine.id)).toBe(1);
    await as('class_teacher');
    expect(code(await c.try('plans.deleteEvidence', { id: psyOwn.id }))).toBe('auth.forbidden');
    expect(code(await c.try('plans.deleteEvidence', { id: mine.id }))).toBe('ok');
    await as('deputy_director');
    expect(code(await c.try('plans.deleteEvidence', { id: second.id }))).toBe('ok');
    expect(code(await c.try('plans.deleteEvidence', { id: psyOwn.id }))).toBe('ok');
    expect(code(await c.try('plans.deleteEvidence', { id: psyOwn.id }))).toBe('not_found');
  }, 120_000);

  it('restore and its jobs: over a set-up school only for backup roles, never while locked', async () => {
    const jobId = '00000000-0000-4000-8000-000000000000';
    await c.call('auth.lock', {});
    for (const [m, input] of [
      ['backup.job', { id: jobId }],
      ['backup.cancelRestore', { jobId }],
      ['backup.restore', { jobId }],
      ['backup.chooseFile', {}],
    ] as const) {
      expect(code(await c.invoke(m, input)), m).toBe('auth.not_logged_in');
    }
    await as('psychologist');
    for (const [m, input] of [
      ['backup.job', { id: jobId }],
      ['backup.cancelRestore', { jobId }],
      ['backup.restore', { jobId }],
      ['backup.chooseFile', {}],
    ] as const) {
      expect(code(await c.invoke(m, input)), m).toBe('auth.forbidden');
    }
    await as('admin');
    expect(code(await c.invoke('backup.job', { id: jobId }))).toBe('ok');
    expect(code(await c.invoke('backup.restore', { jobId }))).toBe('not_found');
  });
});
