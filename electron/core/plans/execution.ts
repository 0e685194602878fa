/**
 * Execution of a plan: a mark per item and quarter, evidence files (kept in the encrypted DB), which items are due
 * in which quarter (month masks, in SQL), overdue items, progress per section, and which quarterly reports are due.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import {
  MAX_EVIDENCE_BYTES,
  type EvidenceInfo,
  type ExecutionMark,
  type ExecutionStatus,
  type OverdueItem,
  type ReportDue,
  type SectionProgress,
  type UpcomingItem,
} from '../../../shared/plans';
import type { PlanEvidenceTable, PlanExecutionsTable } from '../db/schema';
import { AppError } from '../errors';
import { academicYearOf, dateInQuarter, quarterMasks, reportDueDate } from '../../../shared/calendar';
import { readCalendar } from './calendar';
import { itemRow, loadSections, planRow } from './queries';
import type { Db } from '../db/types';

function toEvidenceInfo(r: Pick<PlanEvidenceTable, 'id' | 'file_name' | 'mime' | 'size_bytes' | 'sha256' | 'added_at'>): EvidenceInfo {
  return { id: r.id, fileName: r.file_name, mime: r.mime, sizeBytes: r.size_bytes, sha256: r.sha256, addedAt: r.added_at };
}

function toMark(r: PlanExecutionsTable, evidence: EvidenceInfo[]): ExecutionMark {
  return {
    itemId: r.item_id,
    quarter: r.quarter,
    status: r.status,
    doneText: r.done_text,
    doneOn: r.done_on,
    reachPupils: r.reach_pupils,
    reachParents: r.reach_parents,
    reachTeachers: r.reach_teachers,
    updatedAt: r.updated_at,
    evidence,
  };
}

export async function listExecutions(db: Db, planId: string, quarter?: number): Promise<ExecutionMark[]> {
  let q = db
    .selectFrom('plan_executions as e')
    .innerJoin('plan_items as i', 'i.id', 'e.item_id')
    .selectAll('e')
    .where('i.plan_id', '=', planId);
  if (quarter !== undefined) q = q.where('e.quarter', '=', quarter);
  let ev = db
    .selectFrom('plan_evidence as v')
    .innerJoin('plan_items as i', 'i.id', 'v.item_id')
    .select(['v.id', 'v.item_id', 'v.quarter', 'v.file_name', 'v.mime', 'v.size_bytes', 'v.sha256', 'v.added_at'])
    .where('i.plan_id', '=', planId);
  if (quarter !== undefined) ev = ev.where('v.quarter', '=', quarter);
  const [marks, files] = await Promise.all([q.orderBy('e.quarter').execute(), ev.orderBy('v.added_at').execute()]);
  const byKey = new Map<string, EvidenceInfo[]>();
  for (const f of files) {
    const key = `${f.item_id}/${f.quarter}`;
    const list = byKey.get(key) ?? [];
    list.push(toEvidenceInfo(f));
    byKey.set(key, list);
  }
  return marks.map((m) => toMark(m, byKey.get(`${m.item_id}/${m.quarter}`) ?? []));
}

export async function setExecution(
  db: Db,
  input: {
    itemId: string;
    quarter: number;
    status: ExecutionStatus;
    doneText: string;
    doneOn: string | null;
    reachPupils: number;
    reachParents: number;
    reachTeachers: number;
  },
  accountId: string | null,
  now: Date,
): Promise<ExecutionMark> {
  const item = await itemRow(db, input.itemId);
  // the day it was carried out lies in the quarter it is marked for (the school's calendar of the plan's year)
  if (input.doneOn !== null) {
    const plan = await planRow(db, item.plan_id);
    const range = (await readCalendar(db, plan.academic_year)).quarters[input.quarter - 1];
    if (range && !dateInQuarter(input.doneOn, range)) {
      throw new AppError('plans.date_outside_quarter', 'the date it was carried out is outside the quarter', { field: 'doneOn', start: range.start, end: range.end });
    }
  }
  const values = {
    status: input.status,
    done_text: input.doneText,
    done_on: input.doneOn,
    reach_pupils: input.reachPupils,
    reach_parents: input.reachParents,
    reach_teachers: input.reachTeachers,
    updated_at: now.toISOString(),
    updated_by: accountId,
  };
  await db
    .insertInto('plan_executions')
    .values({ item_id: input.itemId, quarter: input.quarter, ...values })
    .onConflict((oc) => oc.columns(['item_id', 'quarter']).doUpdateSet(values))
    .execute();
  const marks = await db
    .selectFrom('plan_executions')
    .selectAll()
    .where('item_id', '=', input.itemId)
    .where('quarter', '=', input.quarter)
    .executeTakeFirstOrThrow();
  const files = await db
    .selectFrom('plan_evidence')
    .select(['id', 'file_name', 'mime', 'size_bytes', 'sha256', 'added_at'])
    .where('item_id', '=', input.itemId)
    .where('quarter', '=', input.quarter)
    .orderBy('added_at')
    .execute();
  return toMark(marks, files.map(toEvidenceInfo));
}

/** Keeps only the file's own name (no folders) and drops control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.length > 0 ? clean.slice(0, 255) : 'file';
}

export async function addEvidence(
  db: Db,
  input: { itemId: string; quarter: number; fileName: string; mime: string; dataBase64: string },
  accountId: string | null,
  now: Date,
): Promise<EvidenceInfo> {
  await itemRow(db, input.itemId);
  const data = Buffer.from(input.dataBase64, 'base64');
  if (data.length > MAX_EVIDENCE_BYTES) {
    throw new AppError('plans.file_too_large', 'the evidence file is larger than the limit', {
      maxBytes: MAX_EVIDENCE_BYTES,
      sizeBytes: data.length,
    });
  }
  if (data.length === 0) throw new AppError('validation', 'the evidence file is empty');
  const row = {
    id: crypto.randomUUID(),
    item_id: input.itemId,
    quarter: input.quarter,
    file_name: cleanFileName(input.fileName),
    mime: input.mime,
    size_bytes: data.length,
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
    data,
    added_at: now.toISOString(),
    added_by: accountId,
  };
  await db.insertInto('plan_evidence').values(row).execute();
  return toEvidenceInfo(row);
}

export async function getEvidence(db: Db, id: string): Promise<EvidenceInfo & { dataBase64: string }> {
  const r = await db.selectFrom('plan_evidence').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such evidence file');
  return { ...toEvidenceInfo(r), dataBase64: Buffer.from(r.data).toString('base64') };
}

export async function deleteEvidence(db: Db, id: string): Promise<void> {
  const r = await db.deleteFrom('plan_evidence').where('id', '=', id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new AppError('not_found', 'no such evidence file');
}

export interface DuePairRow {
  item_id: string;
  section_id: string;
  number: number;
  measure_kk: string;
  measure_ru: string;
  quarter: number;
  q_end: string;
  status: ExecutionStatus | null;
}

/**
 * Every (item, quarter) pair that is due from the start of the year up to `today`: an item is due in a quarter
 * when one of its months (named or from its dates) lies in the quarter, or when it names none (throughout the year).
 */
export async function duePairs(db: Db, planId: string, today: string): Promise<DuePairRow[]> {
  const plan = await planRow(db, planId);
  const cal = await readCalendar(db, plan.academic_year);
  const masks = quarterMasks(cal);
  const started = cal.quarters.map((q, i) => ({ q: i + 1, start: q.start, end: q.end, mask: masks[i]! })).filter((q) => q.start <= today);
  if (started.length === 0) return [];
  const quarters = sql.join(
    started.map((q) => sql`SELECT ${q.q} AS quarter, ${q.end} AS q_end, ${q.mask} AS mask`),
    sql` UNION ALL `,
  );
  const r = await sql<DuePairRow>`
    WITH q AS (${quarters}),
    numbered AS (
      SELECT i.id, i.section_id, i.measure_kk, i.measure_ru, i.due_any_mask,
             ROW_NUMBER() OVER (ORDER BY COALESCE(p.position, s.position),
                                         CASE WHEN s.parent_id IS NULL THEN -1 ELSE s.position END, i.position) AS number
      FROM plan_items i
      JOIN plan_sections s ON s.id = i.section_id
      LEFT JOIN plan_sections p ON p.id = s.parent_id
      WHERE i.plan_id = ${planId}
    )
    SELECT n.id AS item_id, n.section_id, n.number, n.measure_kk, n.measure_ru, q.quarter, q.q_end, e.status
    FROM numbered n
    JOIN q ON (n.due_any_mask = 0 OR (n.due_any_mask & q.mask) != 0)
    LEFT JOIN plan_executions e ON e.item_id = n.id AND e.quarter = q.quarter
    ORDER BY q.quarter, n.number
  `.execute(db);
  return r.rows;
}

const isOverdue = (p: DuePairRow, today: string) =>
  p.q_end < today && p.status !== 'done' && p.status !== 'partly' && p.status !== 'not_due';

export async function overdueItems(db: Db, planId: string, today: string): Promise<OverdueItem[]> {
  const pairs = await duePairs(db, planId, today);
  return pairs
    .filter((p) => isOverdue(p, today))
    .map((p) => ({
      itemId: p.item_id,
      number: p.number,
      measureKk: p.measure_kk,
      measureRu: p.measure_ru,
      quarter: p.quarter,
      quarterEnd: p.q_end,
      status: p.status,
    }));
}

export async function sectionProgress(db: Db, planId: string, today: string): Promise<SectionProgress[]> {
  const [sections, pairs] = await Promise.all([loadSections(db, planId), duePairs(db, planId, today)]);
  const zero = () => ({ due: 0, done: 0, partly: 0, notDone: 0, overdue: 0 });
  const counts = new Map(sections.map((s) => [s.id, zero()]));
  const parentOf = new Map(sections.map((s) => [s.id, s.parentId]));
  for (const p of pairs) {
    if (p.status === 'not_due') continue;
    const targets = [p.section_id];
    const parent = parentOf.get(p.section_id);
    if (parent) targets.push(parent);
    for (const t of targets) {
      const c = counts.get(t);
      if (!c) continue;
      c.due += 1;
      if (p.status === 'done') c.done += 1;
      else if (p.status === 'partly') c.partly += 1;
      else if (p.status === 'not_done') c.notDone += 1;
      if (isOverdue(p, today)) c.overdue += 1;
    }
  }
  return sections.map((s) => {
    const c = counts.get(s.id) ?? zero();
    return {
      sectionId: s.id,
      number: s.number,
      titleKk: s.titleKk,
      titleRu: s.titleRu,
      ...c,
      percent: c.due === 0 ? 0 : Math.round(((c.done + c.partly / 2) / c.due) * 100),
    };
  });
}

/**
 * Quarterly reports of approved plans that are due: the quarter has ended and no report for it is in the register.
 * Looks at the current academic year, and at the previous one until its last report's due date has passed by 30 days.
 */
export async function reportsDue(db: Db, today: string): Promise<ReportDue[]> {
  const year = academicYearOf(today);
  const plans = await db
    .selectFrom('plans as p')
    .select(['p.id', 'p.academic_year'])
    .where('p.academic_year', 'in', [year - 1, year])
    .where((eb) => eb.exists(eb.selectFrom('plan_revisions as r').select('r.revision').whereRef('r.plan_id', '=', 'p.id')))
    .execute();
  const out: ReportDue[] = [];
  for (const p of plans) {
    const cal = await readCalendar(db, p.academic_year);
    const issued = new Set(
      (
        await db
          .selectFrom('plan_documents')
          .select('quarter')
          .where('plan_id', '=', p.id)
          .where('kind', '=', 'quarterly_report')
          .execute()
      ).map((d) => d.quarter),
    );
    cal.quarters.forEach((q, i) => {
      const quarter = i + 1;
      if (q.end >= today || issued.has(quarter)) return;
      const dueDate = reportDueDate(q.end);
      if (p.academic_year < year) {
        const limit = new Date(`${dueDate}T00:00:00Z`);
        limit.setUTCDate(limit.getUTCDate() + 30);
        if (today > limit.toISOString().slice(0, 10)) return;
      }
      out.push({ planId: p.id, academicYear: p.academic_year, quarter, quarterEnd: q.end, dueDate, state: today > dueDate ? 'overdue' : 'due' });
    });
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/**
 * Items of the current academic year's approved plans that fall due soon: a named date in [today, today + days],
 * or the current month among the months the school named. Items already marked (done, partly, not due) for that
 * quarter are left out.
 */
export async function upcomingItems(db: Db, today: string, days: number): Promise<UpcomingItem[]> {
  const year = academicYearOf(today);
  const end = new Date(`${today}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + days);
  const until = end.toISOString().slice(0, 10);
  const monthBit = 1 << (Number(today.slice(5, 7)) - 1);
  const plans = await db
    .selectFrom('plans as p')
    .select(['p.id', 'p.academic_year'])
    .where('p.academic_year', '=', year)
    .where((eb) => eb.exists(eb.selectFrom('plan_revisions as r').select('r.revision').whereRef('r.plan_id', '=', 'p.id')))
    .execute();
  const out: UpcomingItem[] = [];
  for (const p of plans) {
    const cal = await readCalendar(db, p.academic_year);
    const quarterOf = (date: string) => cal.quarters.findIndex((q) => q.start <= date && date <= q.end) + 1;
    const rows = await sql<{
      id: string;
      number: number;
      measure_kk: string;
      measure_ru: string;
      deadline_kk: string;
      deadline_ru: string;
      due_month_mask: number;
      due_date: string | null;
    }>`
      SELECT * FROM (
        SELECT i.id, i.measure_kk, i.measure_ru, i.deadline_kk, i.deadline_ru, i.due_month_mask,
               ROW_NUMBER() OVER (ORDER BY COALESCE(par.position, s.position),
                                           CASE WHEN s.parent_id IS NULL THEN -1 ELSE s.position END, i.position) AS number,
               (SELECT min(d.value) FROM json_each(i.due_dates) d WHERE d.value BETWEEN ${today} AND ${until}) AS due_date
        FROM plan_items i
        JOIN plan_sections s ON s.id = i.section_id
        LEFT JOIN plan_sections par ON par.id = s.parent_id
        WHERE i.plan_id = ${p.id}
      ) WHERE due_date IS NOT NULL OR (due_month_mask & ${monthBit}) != 0
      ORDER BY COALESCE(due_date, ${until}), number
    `.execute(db);
    if (rows.rows.length === 0) continue;
    const marked = new Set(
      (
        await db
          .selectFrom('plan_executions as e')
          .innerJoin('plan_items as i', 'i.id', 'e.item_id')
          .select(['e.item_id', 'e.quarter'])
          .where('i.plan_id', '=', p.id)
          .where('e.status', 'in', ['done', 'partly', 'not_due'])
          .execute()
      ).map((m) => `${m.item_id}/${m.quarter}`),
    );
    for (const r of rows.rows) {
      const quarter = quarterOf(r.due_date ?? today);
      if (quarter === 0 || marked.has(`${r.id}/${quarter}`)) continue;
      out.push({
        planId: p.id,
        itemId: r.id,
        number: r.number,
        measureKk: r.measure_kk,
        measureRu: r.measure_ru,
        deadlineKk: r.deadline_kk,
        deadlineRu: r.deadline_ru,
        dueDate: r.due_date,
        quarter,
      });
    }
  }
  return out;
}

/** Execution rows of one quarter joined with the plan's items (for the quarterly report). */
export async function quarterRows(db: Db, planId: string, quarter: number, today: string) {
  const pairs = await duePairs(db, planId, today);
  const marks = await listExecutions(db, planId, quarter);
  const byItem = new Map(marks.map((m) => [m.itemId, m]));
  return pairs.filter((p) => p.quarter === quarter).map((p) => ({ pair: p, mark: byItem.get(p.item_id) ?? null }));
}
