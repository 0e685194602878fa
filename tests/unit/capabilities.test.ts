/**
 * Capabilities (shared/capabilities.ts) are the registry's own access decisions: for every role, and for accounts
 * holding several roles, a capability is true iff the registry's declaration of the method behind it lets the role
 * through (checked against scripts/access-matrix.ts' reading of the declarations, which docs/access-matrix.md is
 * generated from). Locked, nothing is allowed.
 */
import { describe, expect, it } from 'vitest';
import { registry } from '../../electron/core/api';
import { capabilitiesOf } from '../../electron/core/capabilities/handlers';
import { CAPABILITY_METHODS, CAPABILITY_NAMES } from '../../shared/capabilities';
import { ROLES, type Role } from '../../shared/roles';
import { declaredDecision } from '../../scripts/access-matrix';

function sessionOf(roles: Role[]) {
  return { accountId: 'a', login: 'x', displayName: 'x', roles, language: 'kk' as const };
}

describe('capabilities from the registry', () => {
  it.each(ROLES)('as %s: each capability is what the registry declares for its method', (role) => {
    const caps = capabilitiesOf(registry, { session: sessionOf([role]), isUnlocked: true, isSetUp: true });
    for (const name of CAPABILITY_NAMES) {
      const declared = declaredDecision(registry[CAPABILITY_METHODS[name]].access, role, true) === 'ok';
      expect(caps[name], `${role} ${name}`).toBe(declared);
    }
  });

  it('an account with several roles may do what any of them may', () => {
    const caps = capabilitiesOf(registry, { session: sessionOf(['class_teacher', 'administrator']), isUnlocked: true, isSetUp: true });
    for (const name of CAPABILITY_NAMES) {
      const m = CAPABILITY_METHODS[name];
      const any = (['class_teacher', 'administrator'] as const).some((r) => declaredDecision(registry[m].access, r, true) === 'ok');
      expect(caps[name], name).toBe(any);
    }
  });

  it('the capabilities tell the roles apart (none is always true or always false)', () => {
    for (const name of CAPABILITY_NAMES) {
      const values = ROLES.map((r) => capabilitiesOf(registry, { session: sessionOf([r]), isUnlocked: true, isSetUp: true })[name]);
      expect(values, name).toContain(true);
      expect(values, name).toContain(false);
    }
  });

  it('locked, nothing', () => {
    const caps = capabilitiesOf(registry, { session: null, isUnlocked: false, isSetUp: true });
    expect(Object.values(caps).every((v) => !v)).toBe(true);
  });

  it('the plan screens’ capabilities follow the plan roles', () => {
    const of = (role: Role) => capabilitiesOf(registry, { session: sessionOf([role]), isUnlocked: true, isSetUp: true });
    expect(of('director')).toMatchObject({ planApprove: true, planSign: true, planRevise: true, planEdit: true });
    expect(of('psychologist')).toMatchObject({ planApprove: false, planEdit: false, planExecute: true, screen: true });
    expect(of('class_teacher')).toMatchObject({ planExecute: true, planEdit: false, caseWork: false, concernLog: true });
    expect(of('administrator')).toMatchObject({ accountsManage: true, pupilsRead: false, planExecute: false });
  });
});

describe('the plan screens ask the core', () => {
  it('decide their actions from capabilities, not from role lists of their own', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const dirs = ['plans', 'frameworks'].map((d) => path.resolve(import.meta.dirname, '../../renderer/src/features', d));
    const offenders: string[] = [];
    for (const dir of dirs) {
      for (const f of fs.readdirSync(dir)) {
        if (!f.endsWith('.tsx')) continue;
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        if (/useHasRole|shared\/permissions/.test(text)) offenders.push(f);
      }
    }
    expect(offenders).toEqual([]);
  });
});
