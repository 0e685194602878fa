import { z } from 'zod';
import { method } from './contract';

/**
 * Work lists: the things a person must do, gathered from every feature that assigns work (case tasks, prevention
 * plan measures, register reviews, concerns waiting for triage). Each feature contributes a source
 * (electron/core/worklists/sources.ts); the lists ("my tasks", "overdue", "due in 7 days", "reviews due") and
 * their counts are built over all sources.
 */
export const WORK_ITEM_KINDS = ['concern_triage', 'case_task', 'prevention_measure', 'register_review', 'referral_answer', 'referral_draft'] as const;
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

/**
 * The lists (each over every source):
 * - `open`: every open item, the nearest due date first (undated last) — "my tasks" in the caller's own scope;
 * - `overdue`: due before today;
 * - `due_soon`: due today or in the next `WORK_SOON_DAYS` days;
 * - `reviews`: register reviews due by the end of that window, overdue ones included.
 * "Today" is the core's clock (the school PC's local date), never the screen's.
 */
export const WORK_LISTS = ['open', 'overdue', 'due_soon', 'reviews'] as const;
export type WorkList = (typeof WORK_LISTS)[number];
export const WORK_SOON_DAYS = 7;

/** `mine`: the caller's own work; `school`: everyone's (the roles of WORK_OVERSEERS in shared/permissions.ts). */
export const WORK_SCOPES = ['mine', 'school'] as const;
export type WorkScope = (typeof WORK_SCOPES)[number];

/** A work item as the lists show it: the pupil's name and class (base key) resolved by the core. */
export interface WorkListItem extends WorkItem {
  pupil: { lastName: string; firstName: string; middleName: string; grade: number; classLetter: string } | null;
  /** due before today */
  overdue: boolean;
}

export interface WorkListPage {
  items: WorkListItem[];
  total: number;
  /** the date the lists were built for (YYYY-MM-DD) */
  today: string;
}

export type WorkCounts = Record<WorkList, number>;

const scope = z.enum(WORK_SCOPES).default('mine');

/** The navigation's numbers: concerns awaiting triage (null for a role that does not triage) and my overdue work. */
export interface NavCounts {
  concerns: number | null;
  overdue: number;
}

export const worklistsMethods = {
  /** the numbers only (no one's data): the home screen and the navigation */
  'worklists.counts': method<WorkCounts & { today: string }>()(z.object({ scope }).strict()),
  /** the navigation's badges, in one cheap call (nothing decrypted) */
  'worklists.nav': method<NavCounts>()(z.object({}).strict()),
  /** a list of work about pupils: audited as a list read (the list, the scope, the page, the count) */
  'worklists.list': method<WorkListPage>()(
    z
      .object({
        list: z.enum(WORK_LISTS),
        scope,
        page: z.number().int().min(0).max(100_000).default(0),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ),
} as const;
