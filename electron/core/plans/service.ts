/**
 * Plan operations above the queries: create (empty, template, copy), approval and revisions.
 */
import type { Plan, PlanChange, PlanItemFields } from '../../../shared/plans';
import type { SchoolProfile } from '../../../shared/school';
import { AppError } from '../errors';
import { DECREE_748 } from '../frameworks/builtin';
import { ensureBuiltinFrameworks, frameworkIdFor } from '../frameworks/queries';
import { readSchoolProfile } from '../school/queries';
import { diffSnapshots, snapshotOf, type PlanSnapshot } from './changes';
import {
  insertItem,
  insertPlan,
  insertSection,
  loadItems,
  loadPlan,
  loadSections,
  planRow,
  touchPlan,
  type Db,
} from './queries';
import { defaultTitles, TEMPLATE_SECTIONS, templateFields, type TemplateSection } from './template';

/** Framework item ids by number for a framework (the newest revision of Decree 748 unless given). */
export async function frameworkNumberMap(db: Db, frameworkId?: string): Promise<Map<string, string>> {
  const id = frameworkId ?? (await frameworkIdFor(db, DECREE_748));
  const rows = await db.selectFrom('framework_items').select(['id', 'number']).where('framework_id', '=', id).execute();
  if (rows.length === 0) throw new AppError('not_found', 'no such framework');
  return new Map(rows.map((r) => [r.number, r.id]));
}

/** Adds template-shaped sections and items to a plan. */
export async function addTemplateSections(
  db: Db,
  planId: string,
  sections: readonly TemplateSection[],
  numbers: Map<string, string>,
  now: Date,
): Promise<void> {
  for (const s of sections) {
    const sectionId = await insertSection(db, planId, { parentId: null, titleKk: s.titleKk, titleRu: s.titleRu });
    for (const t of s.items) {
      const ids = (t.fw ?? []).map((n) => numbers.get(n)).filter((x): x is string => x !== undefined);
      await insertItem(db, planId, sectionId, templateFields(t, ids), now);
    }
  }
}

/** Copies sections and items (with their framework links) of one plan into another. */
async function copyContent(db: Db, fromPlanId: string, toPlanId: string, now: Date): Promise<void> {
  const [sections, items] = await Promise.all([loadSections(db, fromPlanId), loadItems(db, fromPlanId)]);
  const newIds = new Map<string, string>();
  // parents come before their children in print order
  for (const s of sections) {
    const parentId = s.parentId ? (newIds.get(s.parentId) ?? null) : null;
    newIds.set(s.id, await insertSection(db, toPlanId, { parentId, titleKk: s.titleKk, titleRu: s.titleRu }));
  }
  for (const it of items) {
    const sectionId = newIds.get(it.sectionId);
    if (!sectionId) continue;
    const { id: _id, sectionId: _s, position: _p, number: _n, frameworkLinks, ...fields } = it;
    const f: Partial<PlanItemFields> = { ...fields, frameworkItemIds: frameworkLinks.map((l) => l.frameworkItemId) };
    await insertItem(db, toPlanId, sectionId, f, now);
  }
}

export async function createPlan(
  db: Db,
  input: {
    academicYear: number;
    titleKk?: string | undefined;
    titleRu?: string | undefined;
    from: { kind: 'empty' } | { kind: 'template'; frameworkId?: string | undefined } | { kind: 'copy'; planId?: string | undefined };
  },
  now: Date,
  school?: SchoolProfile,
): Promise<string> {
  await ensureBuiltinFrameworks(db, now);
  const profile = school ?? (await readSchoolProfile(db));
  const titles = defaultTitles(profile);
  let titleKk = input.titleKk ?? titles.titleKk;
  let titleRu = input.titleRu ?? titles.titleRu;
  let copyFrom: string | null = null;
  if (input.from.kind === 'copy') {
    if (input.from.planId) copyFrom = (await planRow(db, input.from.planId)).id;
    else {
      const last = await db
        .selectFrom('plans')
        .select(['id', 'title_kk', 'title_ru'])
        .where('academic_year', '<', input.academicYear)
        .orderBy('academic_year', 'desc')
        .orderBy('updated_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!last) throw new AppError('not_found', 'there is no plan of an earlier year to copy');
      copyFrom = last.id;
    }
    const src = await planRow(db, copyFrom);
    titleKk = input.titleKk ?? src.title_kk;
    titleRu = input.titleRu ?? src.title_ru;
  }
  const planId = await insertPlan(db, { academicYear: input.academicYear, titleKk, titleRu }, now);
  if (input.from.kind === 'template') {
    const numbers = await frameworkNumberMap(db, input.from.frameworkId);
    await addTemplateSections(db, planId, TEMPLATE_SECTIONS, numbers, now);
  } else if (copyFrom) {
    await copyContent(db, copyFrom, planId, now);
  }
  return planId;
}

export async function lastSnapshot(db: Db, planId: string): Promise<PlanSnapshot | null> {
  const r = await db
    .selectFrom('plan_revisions')
    .select('snapshot')
    .where('plan_id', '=', planId)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? (JSON.parse(r.snapshot) as PlanSnapshot) : null;
}

export async function pendingChanges(db: Db, planId: string): Promise<PlanChange[]> {
  const before = await lastSnapshot(db, planId);
  if (!before) return [];
  return diffSnapshots(before, snapshotOf(await loadPlan(db, planId)));
}

export async function approvePlan(
  db: Db,
  planId: string,
  input: { approvedOn: string; approverName?: string | undefined },
  accountId: string | null,
  now: Date,
): Promise<Plan> {
  const row = await planRow(db, planId);
  if (row.status !== 'draft') throw new AppError('plans.locked', 'this revision is already approved', { revision: row.revision });
  const plan = await loadPlan(db, planId);
  if (plan.items.length === 0) throw new AppError('validation', 'an empty plan cannot be approved');
  const school = await readSchoolProfile(db);
  const before = await lastSnapshot(db, planId);
  const snapshot = snapshotOf(plan);
  const changes = before ? diffSnapshots(before, snapshot) : [];
  await db
    .insertInto('plan_revisions')
    .values({
      plan_id: planId,
      revision: row.revision,
      approved_at: now.toISOString(),
      approved_on: input.approvedOn,
      approved_by: accountId,
      approver_name: input.approverName ?? school.directorName,
      approver_position_kk: school.directorPositionKk,
      approver_position_ru: school.directorPositionRu,
      snapshot: JSON.stringify(snapshot),
      changes: JSON.stringify(changes),
    })
    .execute();
  await db.updateTable('plans').set({ status: 'approved', updated_at: now.toISOString() }).where('id', '=', planId).execute();
  return loadPlan(db, planId);
}

export async function startRevision(db: Db, planId: string, now: Date): Promise<Plan> {
  const row = await planRow(db, planId);
  if (row.status !== 'approved') throw new AppError('conflict', 'the plan is already a draft');
  await db
    .updateTable('plans')
    .set({ status: 'draft', revision: row.revision + 1 })
    .where('id', '=', planId)
    .execute();
  await touchPlan(db, planId, now);
  return loadPlan(db, planId);
}
