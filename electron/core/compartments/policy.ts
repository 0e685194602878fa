/**
 * Which role may decrypt which compartment: the one table in the code (README "Security model" repeats it).
 *
 * - `base`: the SQLCipher data key. Every active account holds it (without it nothing opens).
 * - `protection`: everything about a child's welfare (family status, register flags; later cases, hearings,
 *   referrals, screenings, evidence).
 * - `confidential`: the psychologist's confidential notes and screening answers.
 *
 * A role missing from a compartment's list cannot decrypt it offline either: its password unwraps no key for it.
 */
import type { Role } from '../../../shared/roles';

export const COMPARTMENTS = ['protection', 'confidential'] as const;
export type Compartment = (typeof COMPARTMENTS)[number];
export type KeyName = 'base' | Compartment;
export const KEY_NAMES: readonly KeyName[] = ['base', ...COMPARTMENTS];

export const COMPARTMENT_ROLES: Record<Compartment, readonly Role[]> = {
  protection: ['director', 'deputy_director', 'psychologist', 'social_pedagogue', 'council_secretary'],
  confidential: ['psychologist'],
};

/** The compartments an account with these roles holds. */
export function compartmentsFor(roles: readonly Role[]): Compartment[] {
  return COMPARTMENTS.filter((c) => roles.some((r) => COMPARTMENT_ROLES[c].includes(r)));
}

/** True when the role holds at least one compartment (its grants and resets are shown to the director). */
export function isProtectionRole(role: Role): boolean {
  return COMPARTMENTS.some((c) => COMPARTMENT_ROLES[c].includes(role));
}
