/**
 * Capabilities (shared/capabilities.ts) are the registry's own access decisions: for every role, and for accounts
 * holding several roles, a capability is true iff the registry's declaration of the method behind it lets the role
 * through (checked against scripts/access-matrix.ts' reading of the declarations, which docs/access-matrix.md is
 * generated from). Locked, nothing is allowed.
 */
import { describe, expect, it } from 'vitest';
import { registry } from '../../electron/core/api';
import { capabilitiesOf } from '../../electron/core/capabilities/handlers';
import {
  CAPABILITY_BYPASS_NAMES,
  CAPABILITY_GUARD_BYPASSES,
  CAPABILITY_METHOD_NAMES,
  CAPABILITY_METHODS,
  CAPABILITY_NAMES,
  type CapabilityName,
} from '../../shared/capabilities';
import { COMPARTMENT_ROLES } from '../../shared/compartments';
import { ROLES, type Role } from '../../shared/roles';
import { declaredDecision } from '../../scripts/access-matrix';

function sessionOf(roles: Role[]) {
  return { accountId: 'a', login: 'x', displayName: 'x', roles, language: 'kk' as const };
}

/** What the registry's declarations say about one role and one capability (the gate, and for a bypass its guard). */
function declaredFor(name: CapabilityName, role: Role): boolean {
  if (name in CAPABILITY_METHODS) return declaredDecision(registry[CAPABILITY_METHODS[name as keyof typeof CAPABILITY_METHODS]].access, role, true) === 'ok';
  const decl = registry[CAPABILITY_GUARD_BYPASSES[name as keyof typeof CAPABILITY_GUARD_BYPASSES]];
  return declaredDecision(decl.access, role, true) === 'ok' && (decl.guard?.bypass ?? []).includes(role);
}

describe('capabilities from the registry', () => {
  it.each(ROLES)('as %s: each capability is what the registry declares for its method', (role) => {
    const caps = capabilitiesOf(registry, { session: sessionOf([role]), isUnlocked: true, isSetUp: true });
    for (const name of CAPABILITY_NAMES) expect(caps[name], `${role} ${name}`).toBe(declaredFor(name, role));
  });

  it('an account with several roles may do what any of them may', () => {
    const caps = capabilitiesOf(registry, { session: sessionOf(['class_teacher', 'administrator']), isUnlocked: true, isSetUp: true });
    for (const name of CAPABILITY_NAMES) {
      const any = (['class_teacher', 'administrator'] as const).some((r) => declaredFor(name, r));
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

  it('every bypass capability names a method that has a guard', () => {
    for (const name of CAPABILITY_BYPASS_NAMES) expect(registry[CAPABILITY_GUARD_BYPASSES[name]].guard, name).toBeDefined();
    expect(CAPABILITY_METHOD_NAMES.length + CAPABILITY_BYPASS_NAMES.length).toBe(new Set(CAPABILITY_NAMES).size);
  });

  it('the key capabilities are exactly the compartments’ holders', () => {
    for (const role of ROLES) {
      const caps = capabilitiesOf(registry, { session: sessionOf([role]), isUnlocked: true, isSetUp: true });
      expect(caps.protectionRead, role).toBe(COMPARTMENT_ROLES.protection.includes(role));
      expect(caps.confidentialRead, role).toBe(COMPARTMENT_ROLES.confidential.includes(role));
    }
  });

  it('the plan screens’ capabilities follow the plan roles', () => {
    const of = (role: Role) => capabilitiesOf(registry, { session: sessionOf([role]), isUnlocked: true, isSetUp: true });
    expect(of('director')).toMatchObject({ planApprove: true, planSign: true, planRevise: true, planEdit: true });
    expect(of('psychologist')).toMatchObject({ planApprove: false, planEdit: false, planExecute: true, screen: true });
    expect(of('class_teacher')).toMatchObject({ planExecute: true, planEdit: false, caseWork: false, concernLog: true });
    expect(of('administrator')).toMatchObject({ accountsManage: true, pupilsRead: false, planExecute: false });
  });
});

describe('the screens ask the core', () => {
  /**
   * The section registries (`cases/sections.ts`, `pupils/card/sections.ts`) declare which roles a whole section is
   * for — the documented extension point other features add to — and are the only files allowed a role list; every
   * hint and button in a screen comes from `useCan`, and the app's shell (`app/`: the navigation, home, the routes'
   * visibility) from the same capabilities.
   */
  const SECTION_REGISTRIES = new Set(['cases/sections.ts', 'pupils/card/sections.ts']);

  it.each(['features', 'app'])('in %s, decide their hints, buttons and screens from capabilities, not from role lists of their own', async (folder) => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '../../renderer/src', folder);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(e.name)) {
          const rel = path.relative(root, full).split(path.sep).join('/');
          if (SECTION_REGISTRIES.has(rel)) continue;
          const text = fs.readFileSync(full, 'utf8');
          if (/useHasRole|shared\/permissions'|PROTECTION_HOLDERS|COMPARTMENT_ROLES|BACKUP_ROLES|SIGNING_ROLES\b/.test(text)) offenders.push(rel);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
