/**
 * Plans in SQL: loading a whole plan with its automatic numbers (window functions), sections and items with
 * their positions, links to framework items, and the lock of an approved plan.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import {
  EMPTY_ITEM_FIELDS,
  staffRoleSchema,
  targetGroupSchema,
  type Plan,
  type PlanApproval,
  type PlanChange,
  type PlanItem,
  type PlanItemFields,
  type PlanSection,
  type PlanSummary,
  type StaffRole,
  type TargetGroup,
} from '../../../shared/plans';
import type { PlanItemsTable, PlansTable } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { dueMask, monthMask, monthsOfMask } from '../../../shared/calendar';

function parseJson<T>(s: string, fallback: T): T {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

export async function planRow(db: Db, id: string): Promise<PlansTable> {
  const r = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such plan');
  return r;
}

/** Throws `plans.locked` unless the plan is a draft (an approved revision changes only through a new revision). */
export async function assertDraft(db: Db, planId: string): Promise<PlansTable> {
  const r = await planRow(db, planId);
  if (r.status !== 'draft') {
    throw new AppError('plans.locked', 'the plan is approved; start a new revision to change it', { revision: r.revision });
  }
  return r;
}

export async function touchPlan(db: Db, planId: string, now: Date): Promise<void> {
  await db.updateTable('plans').set({ updated_at: now.toISOString() }).where('id', '=', planId).execute();
}

export async function sectionRow(db: Db, id: string) {
  const r = await db.selectFrom('plan_sections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such section');
  return r;
}

export async function itemRow(db: Db, id: string): Promise<PlanItemsTable> {
  const r = await db.selectFrom('plan_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such item');
  return r;
}

/** Sections in print order with their numbers ("1", "2", "2.1"). */
export async function loadSections(db: Db, planId: string): Promise<PlanSection[]> {
  const rows = await sql<{
    id: string;
    parent_id: string | null;
    position: number;
    title_kk: string;
    title_ru: string;
    top_no: number;
    sub_no: number | null;
    fw_code: string | null;
    framework_section: string | null;
  }>`
    SELECT s.id, s.parent_id, s.position, s.title_kk, s.title_ru, s.framework_section,
           (SELECT f.code FROM frameworks f WHERE f.id = s.framework_id) AS fw_code,
           CASE WHEN s.parent_id IS NULL THEN t.top_no ELSE p.top_no END AS top_no,
           CASE WHEN s.parent_id IS NULL THEN NULL
                ELSE ROW_NUMBER() OVER (PARTITION BY s.parent_id ORDER BY s.position) END AS sub_no
    FROM plan_sections s
    LEFT JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY position) AS top_no
               FROM plan_sections WHERE plan_id = ${planId} AND parent_id IS NULL) t ON t.id = s.id
    LEFT JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY position) AS top_no
               FROM plan_sections WHERE plan_id = ${planId} AND parent_id IS NULL) p ON p.id = s.parent_id
    WHERE s.plan_id = ${planId}
    ORDER BY top_no, COALESCE(sub_no, 0)
  `.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    position: r.position,
    number: r.sub_no === null ? String(r.top_no) : `${r.top_no}.${r.sub_no}`,
    titleKk: r.title_kk,
    titleRu: r.title_ru,
    origin: r.fw_code !== null && r.framework_section !== null ? { frameworkCode: r.fw_code, code: r.framework_section } : null,
  }));
}

type ItemRowWithNumber = PlanItemsTable & { number: number };

/** Items in print order with their automatic numbers 1..N through the whole plan. */
export async function loadItemRows(db: Db, planId: string): Promise<ItemRowWithNumber[]> {
  const r = await sql<ItemRowWithNumber>`
    SELECT i.*, ROW_NUMBER() OVER (
             ORDER BY COALESCE(p.position, s.position),
                      CASE WHEN s.parent_id IS NULL THEN -1 ELSE s.position END,
                      i.position) AS number
    FROM plan_items i
    JOIN plan_sections s ON s.id = i.section_id
    LEFT JOIN plan_sections p ON p.id = s.parent_id
    WHERE i.plan_id = ${planId}
    ORDER BY number
  `.execute(db);
  return r.rows;
}

export function toItemFields(r: PlanItemsTable): Omit<PlanItemFields, 'frameworkItemIds'> {
  const roles = parseJson<unknown[]>(r.responsible_roles, []).filter(
    (x): x is StaffRole => staffRoleSchema.safeParse(x).success,
  );
  const tg = targetGroupSchema.safeParse(parseJson<unknown>(r.target_group, {}));
  const target: TargetGroup = tg.success ? tg.data : { grades: [], parents: false, teachers: false };
  return {
    measureKk: r.measure_kk,
    measureRu: r.measure_ru,
    completionFormKk: r.completion_form_kk,
    completionFormRu: r.completion_form_ru,
    deadlineKk: r.deadline_kk,
    deadlineRu: r.deadline_ru,
    dueMonths: monthsOfMask(r.due_month_mask),
    dueDates: parseJson<string[]>(r.due_dates, []),
    responsibleRoles: roles,
    responsibleBodies: parseJson<string[]>(r.responsible_bodies, []),
    targetGroup: target,
    costKk: r.cost_kk,
    costRu: r.cost_ru,
    fundingKk: r.funding_kk,
    fundingRu: r.funding_ru,
  };
}

/** Columns of plan_items for a (partial) set of fields. */
export function fieldsToRow(f: Partial<PlanItemFields>, current?: PlanItemsTable): Partial<PlanItemsTable> {
  const row: Partial<PlanItemsTable> = {};
  if (f.measureKk !== undefined) row.measure_kk = f.measureKk;
  if (f.measureRu !== undefined) row.measure_ru = f.measureRu;
  if (f.completionFormKk !== undefined) row.completion_form_kk = f.completionFormKk;
  if (f.completionFormRu !== undefined) row.completion_form_ru = f.completionFormRu;
  if (f.deadlineKk !== undefined) row.deadline_kk = f.deadlineKk;
  if (f.deadlineRu !== undefined) row.deadline_ru = f.deadlineRu;
  if (f.dueMonths !== undefined || f.dueDates !== undefined) {
    const months = f.dueMonths ?? (current ? monthsOfMask(current.due_month_mask) : []);
    const dates = f.dueDates ?? (current ? parseJson<string[]>(current.due_dates, []) : []);
    const sortedDates = [...new Set(dates)].sort();
    row.due_month_mask = monthMask(months);
    row.due_any_mask = dueMask({ dueMonths: months, dueDates: sortedDates });
    row.due_dates = JSON.stringify(sortedDates);
  }
  if (f.responsibleRoles !== undefined) row.responsible_roles = JSON.stringify([...new Set(f.responsibleRoles)]);
  if (f.responsibleBodies !== undefined) row.responsible_bodies = JSON.stringify(f.responsibleBodies);
  if (f.targetGroup !== undefined) {
    row.target_group = JSON.stringify({ ...f.targetGroup, grades: [...new Set(f.targetGroup.grades)].sort((a, b) => a - b) });
  }
  if (f.costKk !== undefined) row.cost_kk = f.costKk;
  if (f.costRu !== undefined) row.cost_ru = f.costRu;
  if (f.fundingKk !== undefined) row.funding_kk = f.fundingKk;
  if (f.fundingRu !== undefined) row.funding_ru = f.fundingRu;
  return row;
}

async function loadLinks(db: Db, planId: string) {
  return db
    .selectFrom('plan_item_links as l')
    .innerJoin('plan_items as i', 'i.id', 'l.item_id')
    .innerJoin('framework_items as fi', 'fi.id', 'l.framework_item_id')
    .innerJoin('frameworks as f', 'f.id', 'fi.framework_id')
    .select(['l.item_id', 'l.framework_item_id', 'fi.number', 'fi.position', 'f.code'])
    .where('i.plan_id', '=', planId)
    .orderBy('f.code')
    .orderBy('fi.position')
    .execute();
}

export async function loadItems(db: Db, planId: string): Promise<PlanItem[]> {
  const [rows, links, origins] = await Promise.all([loadItemRows(db, planId), loadLinks(db, planId), loadOrigins(db, planId)]);
  const byItem = new Map<string, PlanItem['frameworkLinks']>();
  for (const l of links) {
    const list = byItem.get(l.item_id) ?? [];
    list.push({ frameworkItemId: l.framework_item_id, frameworkCode: l.code, number: l.number });
    byItem.set(l.item_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    sectionId: r.section_id,
    position: r.position,
    number: r.number,
    ...toItemFields(r),
    frameworkLinks: byItem.get(r.id) ?? [],
    origin: origins.get(r.id) ?? null,
  }));
}

/** The framework items that items of a plan are (verbatim copies), by plan item id. */
async function loadOrigins(db: Db, planId: string): Promise<Map<string, NonNullable<PlanItem['origin']>>> {
  const rows = await db
    .selectFrom('plan_items as i')
    .innerJoin('framework_items as fi', 'fi.id', 'i.framework_item_id')
    .innerJoin('frameworks as f', 'f.id', 'fi.framework_id')
    .select(['i.id', 'fi.id as fid', 'fi.number', 'fi.ru_source', 'f.code'])
    .where('i.plan_id', '=', planId)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { frameworkItemId: r.fid, frameworkCode: r.code, number: r.number, ruSource: r.ru_source ?? null }]),
  );
}

export async function loadApprovals(db: Db, planId: string): Promise<PlanApproval[]> {
  const [revs, docs] = await Promise.all([
    db
      .selectFrom('plan_revisions')
      .select(['revision', 'approved_at', 'approved_on', 'approver_name', 'approver_position_kk', 'approver_position_ru', 'changes'])
      .where('plan_id', '=', planId)
      .orderBy('revision')
      .execute(),
    db
      .selectFrom('plan_documents')
      .select(['revision', 'language', 'document_id', 'register_number'])
      .where('plan_id', '=', planId)
      .where('kind', '=', 'plan')
      .orderBy('id')
      .execute(),
  ]);
  return revs.map((r) => ({
    revision: r.revision,
    approvedAt: r.approved_at,
    approvedOn: r.approved_on,
    approverName: r.approver_name,
    approverPositionKk: r.approver_position_kk,
    approverPositionRu: r.approver_position_ru,
    changes: parseJson<PlanChange[]>(r.changes, []),
    documents: docs
      .filter((d) => d.revision === r.revision)
      .map((d) => ({ language: d.language, documentId: d.document_id, registerNumber: d.register_number })),
  }));
}

function toSummary(r: PlansTable, itemCount: number, approvedOn: string | null): PlanSummary {
  return {
    id: r.id,
    academicYear: r.academic_year,
    titleKk: r.title_kk,
    titleRu: r.title_ru,
    status: r.status,
    revision: r.revision,
    itemCount,
    approvedOn,
    updatedAt: r.updated_at,
  };
}

export async function listPlans(db: Db, academicYear?: number): Promise<PlanSummary[]> {
  let q = db
    .selectFrom('plans as p')
    .selectAll('p')
    .select([
      sql<number>`(SELECT count(*) FROM plan_items i WHERE i.plan_id = p.id)`.as('item_count'),
      sql<string | null>`(SELECT r.approved_on FROM plan_revisions r WHERE r.plan_id = p.id ORDER BY r.revision DESC LIMIT 1)`.as(
        'approved_on',
      ),
    ]);
  if (academicYear !== undefined) q = q.where('p.academic_year', '=', academicYear);
  const rows = await q.orderBy('p.academic_year', 'desc').orderBy('p.created_at', 'desc').execute();
  return rows.map((r) => toSummary(r, r.item_count, r.approved_on));
}

export async function loadPlan(db: Db, id: string): Promise<Plan> {
  const r = await planRow(db, id);
  const [sections, items, approvals] = await Promise.all([loadSections(db, id), loadItems(db, id), loadApprovals(db, id)]);
  return { ...toSummary(r, items.length, approvals.at(-1)?.approvedOn ?? null), sections, items, approvals };
}

export async function insertPlan(
  db: Db,
  p: { academicYear: number; titleKk: string; titleRu: string },
  now: Date,
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('plans')
    .values({
      id,
      academic_year: p.academicYear,
      title_kk: p.titleKk,
      title_ru: p.titleRu,
      status: 'draft',
      revision: 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return id;
}

export async function insertSection(
  db: Db,
  planId: string,
  s: { parentId: string | null; titleKk: string; titleRu: string; afterId?: string | undefined },
): Promise<string> {
  const id = crypto.randomUUID();
  const siblings = await db
    .selectFrom('plan_sections')
    .select(['id', 'position'])
    .where('plan_id', '=', planId)
    .where((eb) => (s.parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', s.parentId)))
    .orderBy('position')
    .execute();
  let position = (siblings.at(-1)?.position ?? -1) + 1;
  if (s.afterId) {
    const after = siblings.find((x) => x.id === s.afterId);
    if (!after) throw new AppError('not_found', 'no such sibling section');
    position = after.position + 1;
    await db
      .updateTable('plan_sections')
      .set((eb) => ({ position: eb('position', '+', 1) }))
      .where('plan_id', '=', planId)
      .where((eb) => (s.parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', s.parentId)))
      .where('position', '>=', position)
      .execute();
  }
  await db
    .insertInto('plan_sections')
    .values({ id, plan_id: planId, parent_id: s.parentId, position, title_kk: s.titleKk, title_ru: s.titleRu })
    .execute();
  return id;
}

export async function insertItem(
  db: Db,
  planId: string,
  sectionId: string,
  fields: Partial<PlanItemFields>,
  now: Date,
  afterId?: string,
): Promise<string> {
  const id = crypto.randomUUID();
  let position: number;
  if (afterId) {
    const after = await itemRow(db, afterId);
    if (after.section_id !== sectionId) throw new AppError('validation', 'the item to insert after is in another section');
    position = after.position + 1;
    await db
      .updateTable('plan_items')
      .set((eb) => ({ position: eb('position', '+', 1) }))
      .where('section_id', '=', sectionId)
      .where('position', '>=', position)
      .execute();
  } else {
    const last = await db
      .selectFrom('plan_items')
      .select(sql<number | null>`max(position)`.as('p'))
      .where('section_id', '=', sectionId)
      .executeTakeFirst();
    position = (last?.p ?? -1) + 1;
  }
  const full = { ...EMPTY_ITEM_FIELDS, ...fields };
  const row = fieldsToRow(full);
  await db
    .insertInto('plan_items')
    .values({
      ...(row as Omit<PlanItemsTable, 'id' | 'plan_id' | 'section_id' | 'position' | 'created_at' | 'updated_at'>),
      id,
      plan_id: planId,
      section_id: sectionId,
      position,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  if (full.frameworkItemIds.length > 0) await setLinks(db, id, full.frameworkItemIds);
  return id;
}

export async function setLinks(db: Db, itemId: string, frameworkItemIds: readonly string[]): Promise<void> {
  const ids = [...new Set(frameworkItemIds)];
  if (ids.length > 0) {
    const found = await db.selectFrom('framework_items').select('id').where('id', 'in', ids).execute();
    if (found.length !== ids.length) throw new AppError('not_found', 'a linked framework item does not exist');
  }
  await db.deleteFrom('plan_item_links').where('item_id', '=', itemId).execute();
  if (ids.length > 0) {
    await db
      .insertInto('plan_item_links')
      .values(ids.map((f) => ({ item_id: itemId, framework_item_id: f })))
      .execute();
  }
}

/** Rewrites positions 0..n-1 of the given ids in order (one statement). */
async function writePositions(db: Db, table: 'plan_items' | 'plan_sections', ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const cases = sql.join(
    ids.map((id, i) => sql`WHEN ${id} THEN ${i}`),
    sql` `,
  );
  await sql`UPDATE ${sql.table(table)} SET position = CASE id ${cases} END WHERE id IN (${sql.join(ids)})`.execute(db);
}

export async function moveItem(db: Db, itemId: string, toSectionId: string, toIndex: number): Promise<void> {
  const item = await itemRow(db, itemId);
  const target = await sectionRow(db, toSectionId);
  if (target.plan_id !== item.plan_id) throw new AppError('validation', 'the section belongs to another plan');
  const ids = (
    await db
      .selectFrom('plan_items')
      .select('id')
      .where('section_id', '=', toSectionId)
      .where('id', '!=', itemId)
      .orderBy('position')
      .execute()
  ).map((r) => r.id);
  ids.splice(Math.min(toIndex, ids.length), 0, itemId);
  if (item.section_id !== toSectionId) {
    await db.updateTable('plan_items').set({ section_id: toSectionId }).where('id', '=', itemId).execute();
    const old = (
      await db.selectFrom('plan_items').select('id').where('section_id', '=', item.section_id).orderBy('position').execute()
    ).map((r) => r.id);
    await writePositions(db, 'plan_items', old);
  }
  await writePositions(db, 'plan_items', ids);
}

export async function moveSection(db: Db, sectionId: string, toIndex: number): Promise<void> {
  const s = await sectionRow(db, sectionId);
  const ids = (
    await db
      .selectFrom('plan_sections')
      .select('id')
      .where('plan_id', '=', s.plan_id)
      .where((eb) => (s.parent_id === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', s.parent_id)))
      .where('id', '!=', sectionId)
      .orderBy('position')
      .execute()
  ).map((r) => r.id);
  ids.splice(Math.min(toIndex, ids.length), 0, sectionId);
  await writePositions(db, 'plan_sections', ids);
}
