/**
 * The sources of the work lists (see shared/worklists.ts). A feature that assigns work adds its source to
 * `WORK_SOURCES`; the work-list handlers read every source and filter by owner and date.
 */
import type { Kysely, Transaction } from 'kysely';
import type { WorkItem, WorkItemKind } from '../../../shared/worklists';
import type { KeySource } from '../core';
import type { Database } from '../db/schema';
import { caseTaskSource, concernTriageSource } from '../cases/work';

export interface WorkQuery {
  /** only work owned by this account (null: everyone's — for the lead worker's or the director's view) */
  ownerId: string | null;
  /** only open work due on or before this date (YYYY-MM-DD); null = any date, including none */
  dueBy: string | null;
  keys: KeySource;
  now: Date;
}

export interface WorkSource {
  kind: WorkItemKind;
  open(db: Kysely<Database> | Transaction<Database>, q: WorkQuery): Promise<WorkItem[]>;
}

export const WORK_SOURCES: WorkSource[] = [caseTaskSource, concernTriageSource];
