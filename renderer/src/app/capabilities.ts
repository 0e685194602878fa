/**
 * What the session may do, as the core answers it (`capabilities.mine`, computed from the registry's declared
 * access): screens decide whether to show an action or a hint from here, never from role lists of their own. Asked
 * once per session (the cache is dropped on lock, so the next account asks again); until the answer arrives every
 * capability reads false, so an action never flashes up for a role that may not use it.
 */
import type { CapabilityName } from '../../../shared/capabilities';
import { useApiQuery } from '../api/hooks';

export function useCapabilities() {
  return useApiQuery('capabilities.mine', {}, { staleTime: Infinity, gcTime: Infinity });
}

/** Whether the session may do this (false while the answer is on its way). */
export function useCan(name: CapabilityName): boolean {
  const q = useCapabilities();
  return q.data?.[name] === true;
}
