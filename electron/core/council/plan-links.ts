/**
 * A joint-plan item the council carries out (its responsible include "Профилактика кеңесі") points to the planned
 * meetings that take it up (issue 11: "planned dates — a plan item can point to them"). The plan item shows the
 * meetings (number, date, status); the meeting shows the plan items; once a meeting's minutes are signed by both
 * officers they are the item's execution evidence for the quarter the meeting fell in: the execution mark is set
 * "done" on the meeting's date, its text names the minutes by their register number, and the link keeps the signed
 * document. The minutes stay where they are — sealed welfare documents in the documents register, opened by
 * protection holders only — and are never copied into the plan's evidence files, which every plan reader opens.
 * Tables: migration 0021 (`council_plan_links`).
 */
import { z } from 'zod';
import type { MeetingPlanItem, PlanItemMeeting } from '../../../shared/council';
import type { ExecutionMark } from '../../../shared/plans';
import type { Db, Stamp } from '../db/types';
import { AppError } from '../errors';
import { readCalendar } from '../plans/calendar';
import { setExecution } from '../plans/execution';

const rolesSchema = z.array(z.string());

async function councilItem(db: Db, planItemId: string) {
  const item = await db
    .selectFrom('plan_items as i')
    .innerJoin('plans as p', 'p.id', 'i.plan_id')
    .select(['i.id', 'i.plan_id', 'i.responsible_roles', 'p.academic_year', 'p.status'])
    .where('i.id', '=', planItemId)
    .executeTakeFirst();
  if (!item) throw new AppError('not_found', 'no such plan item');
  const roles = rolesSchema.safeParse(JSON.parse(item.responsible_roles) as unknown);
  if (!roles.success || !roles.data.includes('council')) {
    throw new AppError('council.plan_item_not_council', 'the plan item is not assigned to the prevention council');
  }
  return item;
}

/** The quarter of the school calendar a date falls in (null: in the holidays). */
async function quarterOf(db: Db, academicYear: number, date: string): Promise<number | null> {
  const i = (await readCalendar(db, academicYear)).quarters.findIndex((q) => q.start <= date && date <= q.end);
  return i < 0 ? null : i + 1;
}

export async function meetingsOfPlanItem(db: Db, planItemId: string): Promise<PlanItemMeeting[]> {
  const rows = await db
    .selectFrom('council_plan_links as l')
    .innerJoin('council_meetings as m', 'm.id', 'l.meeting_id')
    .leftJoin('documents as d', 'd.id', 'l.evidence_document_id')
    .select(['m.id', 'm.academic_year', 'm.number', 'm.date', 'm.time', 'm.status', 'l.evidence_quarter', 'd.register_number'])
    .where('l.plan_item_id', '=', planItemId)
    .orderBy('m.date')
    .orderBy('m.number')
    .execute();
  return rows.map((r) => ({
    meetingId: r.id,
    academicYear: r.academic_year,
    number: r.number,
    date: r.date,
    time: r.time,
    status: r.status,
    evidenceQuarter: r.evidence_quarter,
    evidenceRegisterNumber: r.evidence_quarter === null ? null : r.register_number,
  }));
}

export async function planItemsOfMeeting(db: Db, meetingId: string): Promise<MeetingPlanItem[]> {
  const meeting = await db.selectFrom('council_meetings').select(['id', 'academic_year', 'date']).where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw new AppError('not_found', 'no such meeting');
  const rows = await db
    .selectFrom('council_plan_links as l')
    .innerJoin('plan_items as i', 'i.id', 'l.plan_item_id')
    .leftJoin('plan_executions as e', (j) => j.onRef('e.item_id', '=', 'i.id').onRef('e.quarter', '=', 'l.evidence_quarter'))
    .select(['i.id', 'i.plan_id', 'i.measure_kk', 'i.measure_ru', 'l.evidence_quarter', 'e.status'])
    .where('l.meeting_id', '=', meetingId)
    .orderBy('i.position')
    .execute();
  const quarter = await quarterOf(db, meeting.academic_year, meeting.date);
  return rows.map((r) => ({
    planItemId: r.id,
    planId: r.plan_id,
    measureKk: r.measure_kk,
    measureRu: r.measure_ru,
    quarter,
    evidenceQuarter: r.evidence_quarter,
    executionStatus: r.status ?? null,
  }));
}

/**
 * Replaces the meetings a council plan item points to. A meeting added must be planned and in the plan's academic
 * year; a link to a meeting whose minutes are issued is the record of what happened and stays (`council.locked`).
 */
export async function setPlanItemMeetings(
  db: Db,
  { accountId, now }: Stamp,
  { planItemId, meetingIds }: { planItemId: string; meetingIds: readonly string[] },
): Promise<PlanItemMeeting[]> {
  const item = await councilItem(db, planItemId);
  const wanted = [...new Set(meetingIds)];
  const meetings = wanted.length
    ? await db.selectFrom('council_meetings').select(['id', 'academic_year', 'status']).where('id', 'in', wanted).execute()
    : [];
  if (meetings.length !== wanted.length) throw new AppError('not_found', 'no such meeting');
  if (meetings.some((m) => m.academic_year !== item.academic_year)) throw new AppError('validation', 'a plan item points to meetings of its own academic year');
  const current = await db
    .selectFrom('council_plan_links as l')
    .innerJoin('council_meetings as m', 'm.id', 'l.meeting_id')
    .select(['l.meeting_id', 'm.status'])
    .where('l.plan_item_id', '=', planItemId)
    .execute();
  const have = new Set(current.map((c) => c.meeting_id));
  for (const c of current) {
    if (!wanted.includes(c.meeting_id) && c.status !== 'planned') throw new AppError('council.locked', 'the minutes of a linked meeting are issued; the link stays');
  }
  for (const m of meetings) {
    if (!have.has(m.id) && m.status !== 'planned') throw new AppError('council.locked', 'only a planned meeting can be linked');
  }
  const drop = current.filter((c) => !wanted.includes(c.meeting_id)).map((c) => c.meeting_id);
  if (drop.length) await db.deleteFrom('council_plan_links').where('plan_item_id', '=', planItemId).where('meeting_id', 'in', drop).execute();
  for (const id of wanted.filter((w) => !have.has(w))) {
    await db
      .insertInto('council_plan_links')
      .values({ plan_item_id: planItemId, meeting_id: id, created_at: now.toISOString(), created_by: accountId, evidence_document_id: null, evidence_quarter: null, evidence_at: null })
      .execute();
  }
  return meetingsOfPlanItem(db, planItemId);
}

/**
 * Marks the plan item done for the quarter of a linked meeting whose minutes are signed by both officers, the
 * minutes as evidence. What an earlier mark of that quarter said (its text, its reach) is kept; the minutes are
 * added to its text once.
 */
export async function markExecutedByMinutes(
  db: Db,
  { accountId, now }: Stamp,
  { planItemId, meetingId }: { planItemId: string; meetingId: string },
): Promise<ExecutionMark> {
  const item = await councilItem(db, planItemId);
  if (item.status !== 'approved') throw new AppError('plans.not_approved', 'execution is recorded on an approved plan');
  const link = await db.selectFrom('council_plan_links').selectAll().where('plan_item_id', '=', planItemId).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!link) throw new AppError('not_found', 'the plan item does not point to this meeting');
  const meeting = await db.selectFrom('council_meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
  if (meeting.status !== 'signed' || meeting.document_id === null) {
    throw new AppError('council.minutes_not_signed', 'the minutes are evidence once the chair and the secretary signed them');
  }
  const doc = await db.selectFrom('documents').select(['id', 'register_number', 'language']).where('id', '=', meeting.document_id).executeTakeFirstOrThrow();
  const quarter = await quarterOf(db, item.academic_year, meeting.date);
  if (quarter === null) throw new AppError('plans.date_outside_quarter', 'the meeting was held outside every quarter of the school calendar', { field: 'doneOn' });
  const line =
    doc.language === 'ru'
      ? `Рассмотрено на заседании Совета профилактики: протокол № ${meeting.number} от ${meeting.date} (рег. № ${doc.register_number}).`
      : `Профилактика кеңесінің отырысында қаралды: ${meeting.date} № ${meeting.number} хаттама (тіркеу № ${doc.register_number}).`;
  const before = await db.selectFrom('plan_executions').selectAll().where('item_id', '=', planItemId).where('quarter', '=', quarter).executeTakeFirst();
  const text = before?.done_text ? (before.done_text.includes(doc.register_number) ? before.done_text : `${before.done_text}\n${line}`) : line;
  const mark = await setExecution(
    db,
    {
      itemId: planItemId,
      quarter,
      status: 'done',
      doneText: text.slice(0, 4000),
      doneOn: before?.done_on && before.done_on > meeting.date ? before.done_on : meeting.date,
      reachPupils: before?.reach_pupils ?? 0,
      reachParents: before?.reach_parents ?? 0,
      reachTeachers: before?.reach_teachers ?? 0,
    },
    accountId,
    now,
  );
  await db
    .updateTable('council_plan_links')
    .set({ evidence_document_id: doc.id, evidence_quarter: quarter, evidence_at: now.toISOString() })
    .where('plan_item_id', '=', planItemId)
    .where('meeting_id', '=', meetingId)
    .execute();
  return mark;
}
