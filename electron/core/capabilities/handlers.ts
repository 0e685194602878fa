/**
 * `capabilities.mine`: what the logged-in session may do (shared/capabilities.ts). Each answer is the registry's own
 * access gate applied to the method behind the capability, so it cannot drift from what a call would be allowed.
 *
 * The registry is passed in as a getter (electron/core/api.ts spreads `capabilitiesHandlers(() => registry)`): this
 * module needs the registry's declarations but must not import api.ts, which imports it.
 */
import { CAPABILITY_GUARD_BYPASSES, CAPABILITY_METHODS, type Capabilities, type CapabilityName } from '../../../shared/capabilities';
import type { Role } from '../../../shared/roles';
import type { CoreState } from '../core';
import type { Access, HandlersFor } from '../registry';
import { bypassesGuard, gate } from '../access';

type CapabilityMethod = (typeof CAPABILITY_METHODS)[keyof typeof CAPABILITY_METHODS] | (typeof CAPABILITY_GUARD_BYPASSES)[keyof typeof CAPABILITY_GUARD_BYPASSES];
export type AccessLookup = () => {
  readonly [M in CapabilityMethod]: { readonly access: Access; readonly guard?: { readonly bypass: readonly Role[] } };
};

/** Every capability for the session the core holds now (all false when nobody is logged in). */
export function capabilitiesOf(registry: ReturnType<AccessLookup>, core: Pick<CoreState, 'session' | 'isUnlocked' | 'isSetUp'>): Capabilities {
  const out = {} as Capabilities;
  for (const [name, method] of Object.entries(CAPABILITY_METHODS) as [CapabilityName, CapabilityMethod][]) {
    out[name] = gate(registry[method].access, core) === 'ok';
  }
  for (const [name, method] of Object.entries(CAPABILITY_GUARD_BYPASSES) as [CapabilityName, CapabilityMethod][]) {
    const decl = registry[method];
    const bypass = decl.guard?.bypass ?? [];
    out[name] = gate(decl.access, core) === 'ok' && bypassesGuard(bypass, core);
  }
  return out;
}

export function capabilitiesHandlers(registry: AccessLookup): HandlersFor<'capabilities'> {
  return {
    'capabilities.mine': {
      access: 'authenticated',
      kind: 'read',
      handler: async ({ core }) => capabilitiesOf(registry(), core),
    },
  };
}
