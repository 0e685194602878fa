/**
 * The key policy of the core over the one role → compartment table in shared/compartments.ts.
 * A role missing from a compartment's list cannot decrypt it offline either: its password unwraps no key for it.
 */
import type { Role } from '../../../shared/roles';
import { COMPARTMENT_ROLES, COMPARTMENTS, type Compartment } from '../../../shared/compartments';

export { COMPARTMENT_ROLES, COMPARTMENTS, type Compartment };
export type KeyName = 'base' | Compartment;
export const KEY_NAMES: readonly KeyName[] = ['base', ...COMPARTMENTS];

/** The compartments an account with these roles holds. */
export function compartmentsFor(roles: readonly Role[]): Compartment[] {
  return COMPARTMENTS.filter((c) => roles.some((r) => COMPARTMENT_ROLES[c].includes(r)));
}

/** True when the role holds at least one compartment (its grants and resets are shown to the director). */
export function isProtectionRole(role: Role): boolean {
  return COMPARTMENTS.some((c) => COMPARTMENT_ROLES[c].includes(role));
}
