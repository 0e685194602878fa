/**
 * Work lists: the things a person must do, gathered from every feature that assigns work (case tasks, prevention
 * plan measures, register reviews, concerns waiting for triage). Each feature contributes a source
 * (electron/core/worklists/sources.ts); the lists ("my tasks", "overdue", "due in 7 days", "reviews due") and
 * their counts are built over all sources.
 */
export const WORK_ITEM_KINDS = ['concern_triage', 'case_task', 'prevention_measure', 'register_review'] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

export interface WorkItem {
  /** unique within its kind */
  id: string;
  kind: WorkItemKind;
  /** what to do (protection compartment: null when the session does not hold it) */
  title: string | null;
  pupilId: string | null;
  caseId: string | null;
  /** YYYY-MM-DD, null = no date */
  dueOn: string | null;
  ownerId: string | null;
  /** the renderer path that opens it, e.g. '/cases/<id>' */
  link: string;
}
