/**
 * Plan operations above the queries: create (empty, template, copy), approval and revisions.
 */
import type { Plan, PlanChange, PlanItemFields } from '../../../shared/plans';
import type { SchoolProfile } from '../../../shared/school';
import { AppError } from '../errors';
import { DECREE_748 } from '../frameworks/builtin';
import { ensureBuiltinFrameworks, frameworkIdFor, getFramework } from '../frameworks/queries';
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
} from './queries';
import type { Db } from '../db/types';
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

const KK_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];

/** The months a Kazakh deadline names ("жыл сайын маусым, желтоқсан" → [6, 12]), for reminders. */
export function monthsOfDeadline(deadlineKk: string | null): number[] {
  if (!deadlineKk) return [];
  const words = deadlineKk.toLowerCase().split(/[^\p{L}]+/u);
  return KK_MONTHS.flatMap((m, i) => (words.includes(m) ? [i + 1] : []));
}

/** The responsible cell of a framework item as a list of bodies ("ОМ, ДСМ, ЖАО," → ОМ | ДСМ | ЖАО). */
export function bodiesOf(responsibleKk: string | null): string[] {
  return (responsibleKk ?? '').split(/,\s*/).map((b) => b.trim()).filter((b) => b !== '');
}

/**
 * Adds a framework's own items to a plan, verbatim: the framework's sections that hold a chosen item (with their
 * parents), in the framework's order, each item under its section with its measure, completion form, deadline,
 * responsible, cost and funding exactly as the framework has them, linked to and marked as that framework item.
 */
export async function addFrameworkItems(
  db: Db,
  planId: string,
  frameworkId: string,
  numbers: readonly string[] | undefined,
  now: Date,
): Promise<number> {
  const fw = await getFramework(db, frameworkId);
  const wanted = numbers ? new Set(numbers) : null;
  const items = fw.items.filter((i) => wanted === null || wanted.has(i.number));
  if (wanted !== null) {
    const unknown = [...wanted].filter((n) => !fw.items.some((i) => i.number === n));
    if (unknown.length > 0) throw new AppError('not_found', 'the framework has no item with one of these numbers', { count: unknown.length });
  }
  if (items.length === 0) throw new AppError('validation', 'no framework item chosen');
  const needed = new Set<string>();
  const byCode = new Map(fw.sections.map((s) => [s.code, s]));
  for (const it of items) {
    for (let code: string | null = it.section; code !== null; code = byCode.get(code)?.parent ?? null) needed.add(code);
  }
  const sectionIds = new Map<string, string>();
  const sections = fw.sections.length > 0 ? fw.sections : [{ code: '1', parent: null, titleKk: null, titleRu: null, notes: null }];
  for (const s of sections) {
    if (fw.sections.length > 0 && !needed.has(s.code)) continue;
    const parentId = s.parent ? (sectionIds.get(s.parent) ?? null) : null;
    const id = await insertSection(db, planId, { parentId, titleKk: s.titleKk ?? '', titleRu: s.titleRu ?? '' });
    await db.updateTable('plan_sections').set({ framework_id: fw.id, framework_section: s.code }).where('id', '=', id).execute();
    sectionIds.set(s.code, id);
  }
  for (const it of items) {
    const sectionId = sectionIds.get(fw.sections.length > 0 ? it.section : '1');
    if (!sectionId) continue;
    const months = monthsOfDeadline(it.deadlineKk);
    const id = await insertItem(
      db,
      planId,
      sectionId,
      {
        measureKk: it.measureKk ?? '',
        measureRu: it.measureRu ?? '',
        completionFormKk: it.completionFormKk ?? '',
        completionFormRu: it.completionFormRu ?? '',
        deadlineKk: it.deadlineKk ?? '',
        deadlineRu: it.deadlineRu ?? '',
        dueMonths: months,
        responsibleBodies: bodiesOf(it.responsibleKk),
        costKk: it.costKk ?? '',
        costRu: it.costRu ?? '',
        fundingKk: it.fundingKk ?? '',
        fundingRu: it.fundingRu ?? '',
        frameworkItemIds: [it.id],
      },
      now,
    );
    await db.updateTable('plan_items').set({ framework_item_id: it.id }).where('id', '=', id).execute();
  }
  return items.length;
}

/** Copies sections and items (with their framework links) of one plan into another. */
async function copyContent(db: Db, fromPlanId: string, toPlanId: string, now: Date): Promise<void> {
  const [sections, items] = await Promise.all([loadSections(db, fromPlanId), loadItems(db, fromPlanId)]);
  const newIds = new Map<string, string>();
  // parents come before their children in print order
  const origins = new Map(
    (
      await db
        .selectFrom('plan_sections')
        .select(['id', 'framework_id', 'framework_section'])
        .where('plan_id', '=', fromPlanId)
        .execute()
    ).map((r) => [r.id, r]),
  );
  for (const s of sections) {
    const parentId = s.parentId ? (newIds.get(s.parentId) ?? null) : null;
    const id = await insertSection(db, toPlanId, { parentId, titleKk: s.titleKk, titleRu: s.titleRu });
    const o = origins.get(s.id);
    if (o?.framework_id) {
      await db.updateTable('plan_sections').set({ framework_id: o.framework_id, framework_section: o.framework_section ?? null }).where('id', '=', id).execute();
    }
    newIds.set(s.id, id);
  }
  for (const it of items) {
    const sectionId = newIds.get(it.sectionId);
    if (!sectionId) continue;
    const { id: _id, sectionId: _s, position: _p, number: _n, frameworkLinks, origin, ...fields } = it;
    const f: Partial<PlanItemFields> = { ...fields, frameworkItemIds: frameworkLinks.map((l) => l.frameworkItemId) };
    const id = await insertItem(db, toPlanId, sectionId, f, now);
    if (origin) await db.updateTable('plan_items').set({ framework_item_id: origin.frameworkItemId }).where('id', '=', id).execute();
  }
}

export async function createPlan(
  db: Db,
  input: {
    academicYear: number;
    titleKk?: string | undefined;
    titleRu?: string | undefined;
    from:
      | { kind: 'empty' }
      | { kind: 'template'; frameworkId?: string | undefined }
      | { kind: 'copy'; planId?: string | undefined }
      | { kind: 'framework'; frameworkId?: string | undefined; numbers?: string[] | undefined; withTemplate?: boolean | undefined };
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
  } else if (input.from.kind === 'framework') {
    const frameworkId = input.from.frameworkId ?? (await frameworkIdFor(db, DECREE_748));
    await addFrameworkItems(db, planId, frameworkId, input.from.numbers, now);
    if (input.from.withTemplate) await addTemplateSections(db, planId, TEMPLATE_SECTIONS, await frameworkNumberMap(db, frameworkId), now);
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
