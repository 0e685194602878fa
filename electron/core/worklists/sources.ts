/**
 * The sources of the work lists (see shared/worklists.ts). A feature that assigns work adds its source to
 * `WORK_SOURCES`; the work-list handlers read every source and filter by owner and date.
 */
import type { WorkItem, WorkItemKind } from '../../../shared/worklists';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { REGISTER_WORK_SOURCES } from '../register/work';
import { caseTaskSource, concernTriageSource } from '../cases/work';
import { REFERRAL_WORK_SOURCES } from '../referrals/work';

export interface WorkQuery {
  /** only work owned by this account (null: everyone's — for the lead worker's or the director's view) */
  ownerId: string | null;
  /** only open work due on or before this date (YYYY-MM-DD); null = any date, including none */
  dueBy: string | null;
  keys: KeySource;
  now: Date;
  /**
   * false when only the number of items matters (the counts): a source may then leave `title` null and skip
   * decrypting it. Absent = true.
   */
  withTitles?: boolean;
}

export interface WorkSource {
  kind: WorkItemKind;
  open(db: Db, q: WorkQuery): Promise<WorkItem[]>;
  /**
   * Optional: the titles of some of this source's items (decrypted; null when hidden). A source that has it is
   * asked `open` without titles, and only the shown page's titles are decrypted — a long "overdue" list then costs
   * one page of decryption, not the whole list's.
   */
  titles?(db: Db, keys: KeySource, ids: readonly string[]): Promise<Map<string, string | null>>;
}

export const WORK_SOURCES: WorkSource[] = [caseTaskSource, concernTriageSource, ...REGISTER_WORK_SOURCES, ...REFERRAL_WORK_SOURCES];
