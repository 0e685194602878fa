import { z } from 'zod';
import { method } from './contract';

export interface AuditEntry {
  id: number;
  at: string;
  accountId: string | null;
  /** the actor's login, joined in for display (not stored in the entry) */
  login: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  hash: string;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  /** id of the first entry whose link is broken (edited, or the one after a deleted entry) */
  firstBrokenId: number | null;
  reason: 'edited' | 'deleted' | 'head_mismatch' | null;
}

export const auditMethods = {
  'audit.list': method<AuditPage>()(
    z
      .object({
        page: z.number().int().min(0).max(1_000_000).default(0),
        pageSize: z.number().int().min(1).max(200).default(50),
        action: z.string().max(100).optional(),
        accountId: z.string().uuid().optional(),
        outcome: z.enum(['ok', 'denied', 'failed']).optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
      })
      .strict(),
  ),
  'audit.actions': method<string[]>()(z.object({}).strict()),
  'audit.verify': method<AuditVerifyResult>()(z.object({}).strict()),
} as const;
