/** Word and Excel copies of the plan (shared/plans-io.ts) — shown once those methods are in the contract. */
import type { Plan } from '../../../../shared/plans';

export function PlanFileExports(_props: { plan: Plan }) {
  return null;
}
