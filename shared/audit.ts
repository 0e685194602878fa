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

/** Where a head of the log was written outside it. */
export type AuditHeadSource = 'backup' | 'document';

/** Something verify found besides the first broken link (each one is shown, translated, with its numbers). */
export type AuditProblem =
  /** the log ends before a head recorded outside it: entries from..to are gone */
  | { kind: 'missing_since_head'; from: number; to: number; source: AuditHeadSource; ref: string; at: string }
  /** the entry at a recorded head's position is not the one the head saw: the log was rewritten after it */
  | { kind: 'diverged_from_head'; seq: number; source: AuditHeadSource; ref: string; at: string }
  /** at an unlock, failed logins recorded while locked were found removed, edited or rolled back */
  | { kind: 'queue_tampered'; entryId: number; at: string; detail: PendingTamper }
  /** the queue of failed logins was started afresh by a restore: the previous queue cannot be checked */
  | { kind: 'queue_restarted'; entryId: number; at: string };

export const PENDING_TAMPER = ['entries_removed', 'entry_edited', 'counter_rolled_back', 'throttle_cleared', 'unreadable'] as const;
export type PendingTamper = (typeof PENDING_TAMPER)[number];

export interface AuditVerifyResult {
  /** false when the chain is broken, shorter than a recorded head, or a tamper event is in the log */
  ok: boolean;
  checked: number;
  /** id of the first entry whose link is broken (edited, or the one after a deleted entry) */
  firstBrokenId: number | null;
  /**
   * edited / deleted: a link of the chain is broken; head_mismatch: the stored head and the last entry disagree (new
   * entries are refused until this is resolved); no_mac_key: the audit key is gone from the DB.
   */
  reason: 'edited' | 'deleted' | 'head_mismatch' | 'no_mac_key' | null;
  /** the last entry's id, and what the stored head says */
  lastId: number;
  headId: number;
  /** first id chained with HMAC-SHA256 (the ones before are the older SHA-256 chain) */
  macFrom: number | null;
  problems: AuditProblem[];
}

/** The log compared with the head in a backup file the user picked (read with the recovery key). */
export interface AuditBackupCheck {
  /** when the backup was made */
  createdAt: string;
  /**
   * consistent: the log holds the backup's newest entry unchanged; missing: the log ends before it (entries
   * from–to are gone); diverged: the entry at that number is not the one the backup saw; no_head: a backup made
   * before the audit head was written into backups; other_school: the backup is of another school.
   */
  result: 'consistent' | 'missing' | 'diverged' | 'no_head' | 'other_school';
  seq: number | null;
  lastId: number;
  from: number | null;
  to: number | null;
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
  /** the file must have been chosen in the open dialog (backup.chooseFile) */
  'audit.checkBackup': method<AuditBackupCheck>()(
    z.object({ file: z.string().min(1).max(4096), recoveryKey: z.string().trim().min(52).max(80) }).strict(),
  ),
} as const;
