/**
 * Which role may decrypt which compartment: the one table (README "Security model" repeats it). The core's
 * key policy (electron/core/compartments/policy.ts) and the screens read it from here.
 *
 * - `base`: the SQLCipher data key. Every active account holds it (without it nothing opens).
 * - `protection`: everything about a child's welfare (family status, register flags; later cases, hearings,
 *   referrals, screenings, evidence).
 * - `confidential`: the psychologist's confidential notes and screening answers.
 *
 * A role missing from a compartment's list cannot decrypt it offline either: its password unwraps no key for it.
 */
import type { Role } from './roles';

export const COMPARTMENTS = ['protection', 'confidential'] as const;
export type Compartment = (typeof COMPARTMENTS)[number];

export const COMPARTMENT_ROLES: Record<Compartment, readonly Role[]> = {
  protection: ['director', 'deputy_director', 'psychologist', 'social_pedagogue', 'council_secretary'],
  confidential: ['psychologist'],
};

/** The roles whose password opens the protection compartment (a child's welfare data). */
export const PROTECTION_HOLDERS: readonly Role[] = COMPARTMENT_ROLES.protection;
