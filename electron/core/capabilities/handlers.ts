/**
 * `capabilities.mine`: what the logged-in session may do (shared/capabilities.ts). Each answer is the registry's own
 * access gate applied to the method behind the capability, so it cannot drift from what a call would be allowed.
 *
 * The registry is passed in as a getter (electron/core/api.ts spreads `capabilitiesHandlers(() => registry)`): this
 * module needs the registry's declarations but must not import api.ts, which imports it.
 */
import { CAPABILITY_METHODS, CAPABILITY_NAMES, type Capabilities } from '../../../shared/capabilities';
import type { CoreState } from '../core';
import type { Access, HandlersFor } from '../registry';
import { gate } from '../access';

export type AccessLookup = () => { readonly [M in (typeof CAPABILITY_METHODS)[keyof typeof CAPABILITY_METHODS]]: { readonly access: Access } };

/** Every capability for the session the core holds now (all false when nobody is logged in). */
export function capabilitiesOf(registry: ReturnType<AccessLookup>, core: Pick<CoreState, 'session' | 'isUnlocked' | 'isSetUp'>): Capabilities {
  const out = {} as Capabilities;
  for (const name of CAPABILITY_NAMES) out[name] = gate(registry[CAPABILITY_METHODS[name]].access, core) === 'ok';
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
