/**
 * The work lists, built over every source of `WORK_SOURCES` (electron/core/worklists/sources.ts): each source
 * answers "the open work of this owner (or everyone's) due by this date", the lists here pick, order and page it,
 * and name the pupils it concerns (names and classes are base-key data; what the work is, `title`, stays as the
 * source decrypted it — null for a session without the compartment). "Today" is the core's clock.
 */
import { isoDate } from '../../../shared/calendar';
import { WORK_SOON_DAYS, type WorkCounts, type WorkItem, type WorkList, type WorkListItem, type WorkListPage } from '../../../shared/worklists';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { WORK_SOURCES, type WorkSource } from './sources';

export interface WorkListQuery {
  /** the caller's account, or null for everyone's work */
  ownerId: string | null;
  now: Date;
  keys: KeySource;
}

/** YYYY-MM-DD `days` after a YYYY-MM-DD date (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Window {
  today: string;
  soon: string;
}

function windowOf(now: Date): Window {
  const today = isoDate(now);
  return { today, soon: addDays(today, WORK_SOON_DAYS) };
}

/** Whether an item belongs to a list (the same test for the counts and the pages). */
function inList(list: WorkList, item: WorkItem, w: Window): boolean {
  switch (list) {
    case 'open':
      return true;
    case 'overdue':
      return item.dueOn !== null && item.dueOn < w.today;
    case 'due_soon':
      return item.dueOn !== null && item.dueOn >= w.today && item.dueOn <= w.soon;
    case 'reviews':
      return item.kind === 'register_review' && item.dueOn !== null && item.dueOn <= w.soon;
  }
}

/** What a list asks of the sources: the furthest due date it needs (a source may filter on it in SQL). */
function dueByFor(list: WorkList, w: Window): string | null {
  switch (list) {
    case 'open':
      return null;
    case 'overdue':
      return addDays(w.today, -1);
    case 'due_soon':
    case 'reviews':
      return w.soon;
  }
}

/** `withTitles` false: no source decrypts; 'eager': only the sources that cannot give titles later do. */
async function gather(db: Db, sources: readonly WorkSource[], q: WorkListQuery, dueBy: string | null, withTitles: false | 'eager'): Promise<WorkItem[]> {
  const out: WorkItem[] = [];
  // one after another: the sources share the one connection (and, in a write, the one transaction)
  for (const s of sources) {
    const titles = withTitles === 'eager' && s.titles === undefined;
    out.push(...(await s.open(db, { ownerId: q.ownerId, dueBy, keys: q.keys, now: q.now, withTitles: titles })));
  }
  return out;
}

/** The titles of the shown page, from the sources that give them on demand. */
async function fillTitles(db: Db, sources: readonly WorkSource[], keys: KeySource, page: WorkItem[]): Promise<WorkItem[]> {
  const filled = new Map<string, string | null>();
  for (const s of sources) {
    if (!s.titles) continue;
    const ids = page.filter((i) => i.kind === s.kind).map((i) => i.id);
    if (ids.length === 0) continue;
    for (const [id, title] of await s.titles(db, keys, ids)) filled.set(`${s.kind}:${id}`, title);
  }
  return page.map((i) => {
    const key = `${i.kind}:${i.id}`;
    return filled.has(key) ? { ...i, title: filled.get(key) ?? null } : i;
  });
}

/** Nearest due date first, undated last; then by kind and id so a page never shuffles. */
function byDue(a: WorkItem, b: WorkItem): number {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export async function workCounts(db: Db, q: WorkListQuery, sources: readonly WorkSource[] = WORK_SOURCES): Promise<WorkCounts & { today: string }> {
  const w = windowOf(q.now);
  // numbers only: the sources need not decrypt what the work is
  const items = await gather(db, sources, q, null, false);
  const count = (list: WorkList) => items.filter((i) => inList(list, i, w)).length;
  return { open: count('open'), overdue: count('overdue'), due_soon: count('due_soon'), reviews: count('reviews'), today: w.today };
}

export async function workList(
  db: Db,
  q: WorkListQuery & { list: WorkList; page: number; pageSize: number },
  sources: readonly WorkSource[] = WORK_SOURCES,
): Promise<WorkListPage> {
  const w = windowOf(q.now);
  const from = q.list === 'reviews' ? sources.filter((s) => s.kind === 'register_review') : sources;
  const items = (await gather(db, from, q, dueByFor(q.list, w), 'eager')).filter((i) => inList(q.list, i, w)).sort(byDue);
  const page = await fillTitles(db, from, q.keys, items.slice(q.page * q.pageSize, (q.page + 1) * q.pageSize));
  const pupilIds = [...new Set(page.map((i) => i.pupilId).filter((id): id is string => id !== null))];
  const pupils = pupilIds.length
    ? await db
        .selectFrom('pupils')
        .select(['id', 'last_name', 'first_name', 'middle_name', 'grade', 'class_letter'])
        .where('id', 'in', pupilIds)
        .execute()
    : [];
  const byId = new Map(pupils.map((p) => [p.id, p]));
  const out: WorkListItem[] = page.map((i) => {
    const p = i.pupilId ? byId.get(i.pupilId) : undefined;
    return {
      ...i,
      pupil: p ? { lastName: p.last_name, firstName: p.first_name, middleName: p.middle_name, grade: p.grade, classLetter: p.class_letter } : null,
      overdue: i.dueOn !== null && i.dueOn < w.today,
    };
  });
  return { items: out, total: items.length, today: w.today };
}
