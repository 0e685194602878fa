import { z } from 'zod';
import { method } from './contract';
import type { Role } from './roles';

/**
 * Key notices: grants of protection roles and password resets of protection-role accounts, shown to the director
 * until acknowledged, and the compartment grants an account is still waiting for. Acknowledging seals the
 * compartments the acknowledging holder has to that account (a grant is only ever sealed by a holder's act).
 */
export interface KeyNotice {
  /** null: no notice, only a pending grant */
  id: string | null;
  kind: 'role_granted' | 'password_reset' | 'pending';
  accountId: string;
  accountName: string;
  byName: string | null;
  roles: Role[];
  at: string | null;
  /** compartments the account's roles grant but no key is sealed to it yet */
  pending: ('protection' | 'confidential')[];
  /** the account must first choose its own password (after a reset) before anything is sealed to it */
  waitsForPasswordChange: boolean;
}

export const keysMethods = {
  'keys.notices': method<KeyNotice[]>()(z.object({}).strict()),
  'keys.acknowledge': method<KeyNotice[]>()(z.object({ accountId: z.string().uuid() }).strict()),
} as const;
