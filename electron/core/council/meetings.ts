/**
 * Meetings of the council: numbered per academic year (one "Хаттама № N" per number), date, time and place; the
 * attendance; the agenda in order; per item the hearing (ТЫҢДАЛДЫ, СӨЙЛЕДІ) and the numbered decisions (ҚАУЛЫ ЕТТІ).
 * Everything about children is sealed in the protection compartment (protected.ts). Once the minutes are issued
 * the meeting is locked (`council.locked`): corrections are a new, linked document, never an edit of signed text.
 */
import crypto from 'node:crypto';
import type {
  AgendaItem,
  AttendanceEntry,
  Decision,
  DecisionType,
  MeetingDetail,
  MeetingSummary,
  PupilHearing,
  attendanceInputSchema,
  itemInputSchema,
} from '../../../shared/council';
import { decisionTypeSchema } from '../../../shared/council';
import { academicYearOf } from '../../../shared/calendar';
import type { z } from 'zod';
import type { KeySource } from '../core';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { pupilProtected } from '../pupils/protected';
import { agendaProtected, attendanceProtected, decisionGroundsProtected, decisionProtected } from './protected';

type MeetingRow = Database['council_meetings'];

function summary(r: MeetingRow, agendaCount: number): MeetingSummary {
  return {
    id: r.id,
    academicYear: r.academic_year,
    number: r.number,
    date: r.date,
    time: r.time,
    place: r.place,
    status: r.status,
    documentId: r.document_id,
    agendaCount,
  };
}

export async function meetingRow(db: Db, id: string): Promise<MeetingRow> {
  const r = await db.selectFrom('council_meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such meeting');
  return r;
}

/** The meeting, if it may still be edited (planned: no minutes issued). */
export async function editableMeeting(db: Db, id: string): Promise<MeetingRow> {
  const r = await meetingRow(db, id);
  if (r.status !== 'planned') throw new AppError('council.locked', 'the minutes of this meeting are issued; it can no longer change');
  return r;
}

export async function listMeetings(db: Db, academicYear: number): Promise<MeetingSummary[]> {
  const rows = await db
    .selectFrom('council_meetings as m')
    .selectAll('m')
    .select((eb) => eb.selectFrom('council_agenda_items as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.meeting_id', '=', 'm.id').as('agenda_count'))
    .where('m.academic_year', '=', academicYear)
    .orderBy('m.number')
    .execute();
  return rows.map((r) => summary(r, Number(r.agenda_count ?? 0)));
}

async function nextNumber(db: Db, academicYear: number): Promise<number> {
  const r = await db
    .selectFrom('council_meetings')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('academic_year', '=', academicYear)
    .executeTakeFirst();
  return (r?.n ?? 0) + 1;
}

async function assertNumberFree(db: Db, academicYear: number, number: number, except: string | null): Promise<void> {
  const dup = await db
    .selectFrom('council_meetings')
    .select('id')
    .where('academic_year', '=', academicYear)
    .where('number', '=', number)
    .executeTakeFirst();
  if (dup && dup.id !== except) throw new AppError('council.number_taken', 'a meeting of this academic year already has this number', { number });
}

export interface MeetingInput {
  academicYear: number;
  number?: number | undefined;
  date: string;
  time: string;
  place: string;
}

function assertInYear(input: MeetingInput): void {
  if (academicYearOf(input.date) !== input.academicYear) throw new AppError('validation', 'the meeting’s date is outside its academic year');
}

export async function createMeeting(db: Db, now: Date, input: MeetingInput): Promise<MeetingSummary> {
  assertInYear(input);
  const number = input.number ?? (await nextNumber(db, input.academicYear));
  await assertNumberFree(db, input.academicYear, number, null);
  const id = crypto.randomUUID();
  await db
    .insertInto('council_meetings')
    .values({
      id,
      academic_year: input.academicYear,
      number,
      date: input.date,
      time: input.time,
      place: input.place,
      status: 'planned',
      document_id: null,
      signed_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return summary(await meetingRow(db, id), 0);
}

export async function updateMeeting(db: Db, now: Date, id: string, input: MeetingInput): Promise<MeetingSummary> {
  const row = await editableMeeting(db, id);
  if (row.academic_year !== input.academicYear) throw new AppError('validation', 'a meeting stays in its academic year');
  assertInYear(input);
  const number = input.number ?? row.number;
  await assertNumberFree(db, row.academic_year, number, id);
  await db
    .updateTable('council_meetings')
    .set({ number, date: input.date, time: input.time, place: input.place, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
  const count = await db.selectFrom('council_agenda_items').select((e) => e.fn.countAll<number>().as('n')).where('meeting_id', '=', id).executeTakeFirst();
  return summary(await meetingRow(db, id), Number(count?.n ?? 0));
}

export async function removeMeeting(db: Db, id: string): Promise<void> {
  await editableMeeting(db, id);
  const items = await db.selectFrom('council_agenda_items').select('id').where('meeting_id', '=', id).execute();
  if (items.length > 0) await db.deleteFrom('council_decisions').where('item_id', 'in', items.map((i) => i.id)).execute();
  await db.deleteFrom('council_agenda_items').where('meeting_id', '=', id).execute();
  await db.deleteFrom('council_attendance').where('meeting_id', '=', id).execute();
  await db.deleteFrom('council_meetings').where('id', '=', id).execute();
}

// --- attendance ---

export async function saveAttendance(
  db: Db,
  keys: KeySource,
  meetingId: string,
  entries: z.output<typeof attendanceInputSchema>[],
): Promise<AttendanceEntry[]> {
  const meeting = await editableMeeting(db, meetingId);
  const members = await db.selectFrom('council_members').select(['id']).where('academic_year', '=', meeting.academic_year).execute();
  const memberIds = new Set(members.map((m) => m.id));
  const seen = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'member') {
      if (!e.memberId || !memberIds.has(e.memberId)) throw new AppError('validation', 'an attending member must be a member of the year’s council');
      if (seen.has(e.memberId)) throw new AppError('validation', 'a member is listed twice');
      seen.add(e.memberId);
    } else if (e.name.length === 0) {
      throw new AppError('validation', 'a guest needs a name');
    }
  }
  await db.deleteFrom('council_attendance').where('meeting_id', '=', meetingId).execute();
  let position = 0;
  for (const e of entries) {
    const id = crypto.randomUUID();
    const sealed = {
      ...(e.kind !== 'member' ? attendanceProtected.write(keys, id, { name_enc: e.name }) : { name_enc: null }),
      ...(e.reason.length > 0 && !e.present ? attendanceProtected.write(keys, id, { reason_enc: e.reason }) : { reason_enc: null }),
    };
    await db
      .insertInto('council_attendance')
      .values({
        id,
        meeting_id: meetingId,
        position: ++position,
        kind: e.kind,
        member_id: e.kind === 'member' ? e.memberId : null,
        present: e.present ? 1 : 0,
        role_text: e.roleText,
        ...sealed,
      })
      .execute();
  }
  return readAttendance(db, keys, meetingId);
}

export async function readAttendance(db: Db, keys: KeySource, meetingId: string): Promise<AttendanceEntry[]> {
  const rows = await db
    .selectFrom('council_attendance as a')
    .leftJoin('council_members as m', 'm.id', 'a.member_id')
    .selectAll('a')
    .select(['m.name as member_name'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .execute();
  return rows.map((r) => {
    const sealed = attendanceProtected.read(keys, r.id, { name_enc: r.name_enc, reason_enc: r.reason_enc });
    return {
      id: r.id,
      kind: r.kind,
      memberId: r.member_id,
      name: r.kind === 'member' ? (r.member_name ?? null) : sealed.name_enc,
      roleText: r.role_text,
      present: r.present === 1,
      reason: sealed.reason_enc,
    };
  });
}

// --- agenda ---

async function itemRow(db: Db, itemId: string) {
  const r = await db.selectFrom('council_agenda_items').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such agenda item');
  return r;
}

async function assertPupil(db: Db, pupilId: string | null): Promise<void> {
  if (!pupilId) return;
  const p = await db.selectFrom('pupils').select('id').where('id', '=', pupilId).executeTakeFirst();
  if (!p) throw new AppError('not_found', 'no such pupil');
}

export async function addAgendaItem(
  db: Db,
  keys: KeySource,
  now: Date,
  input: { meetingId: string; source: { type: string; id: string } | null; title: string; pupilId: string | null },
): Promise<AgendaItem> {
  await editableMeeting(db, input.meetingId);
  await assertPupil(db, input.pupilId);
  if (input.source) {
    const dup = await db
      .selectFrom('council_agenda_items')
      .select('id')
      .where('meeting_id', '=', input.meetingId)
      .where('source_type', '=', input.source.type)
      .where('source_id', '=', input.source.id)
      .executeTakeFirst();
    if (dup) throw new AppError('conflict', 'this proposal is already on the agenda');
  }
  const last = await db
    .selectFrom('council_agenda_items')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('meeting_id', '=', input.meetingId)
    .executeTakeFirst();
  const id = crypto.randomUUID();
  await db
    .insertInto('council_agenda_items')
    .values({
      id,
      meeting_id: input.meetingId,
      position: (last?.p ?? 0) + 1,
      source_type: input.source?.type ?? 'free',
      source_id: input.source?.id ?? null,
      pupil_id: input.pupilId,
      ...agendaProtected.write(keys, id, { title_enc: input.title, heard_enc: '', spoke_enc: '' }),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  const items = await readAgenda(db, keys, input.meetingId);
  const item = items.find((i) => i.id === id);
  if (!item) throw new AppError('internal', 'the agenda item was not saved');
  return item;
}

export async function reorderAgenda(db: Db, meetingId: string, itemIds: string[]): Promise<void> {
  await editableMeeting(db, meetingId);
  const rows = await db.selectFrom('council_agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
  const have = new Set(rows.map((r) => r.id));
  if (itemIds.length !== have.size || new Set(itemIds).size !== itemIds.length || !itemIds.every((i) => have.has(i))) {
    throw new AppError('validation', 'the new order must list every item of the agenda once');
  }
  for (let i = 0; i < itemIds.length; i++) {
    await db.updateTable('council_agenda_items').set({ position: i + 1 }).where('id', '=', itemIds[i]!).execute();
  }
}

export async function removeAgendaItem(db: Db, itemId: string): Promise<void> {
  const item = await itemRow(db, itemId);
  await editableMeeting(db, item.meeting_id);
  await db.deleteFrom('council_decisions').where('item_id', '=', itemId).execute();
  await db.deleteFrom('council_agenda_items').where('id', '=', itemId).execute();
  const rest = await db.selectFrom('council_agenda_items').select('id').where('meeting_id', '=', item.meeting_id).orderBy('position').execute();
  for (let i = 0; i < rest.length; i++) await db.updateTable('council_agenda_items').set({ position: i + 1 }).where('id', '=', rest[i]!.id).execute();
}

/** Whether the pupil is on the intra-school register now (protection compartment; null when unknown). */
async function onRegister(db: Db, keys: KeySource, pupilId: string): Promise<boolean | null> {
  const p = await db.selectFrom('pupils').select(['on_register_enc']).where('id', '=', pupilId).executeTakeFirst();
  if (!p) throw new AppError('not_found', 'no such pupil');
  return pupilProtected.read(keys, pupilId, { family_status_enc: null, on_register_enc: p.on_register_enc }).on_register_enc;
}

/** The grounds of a put-on decision: at least one, each on the school's list and not retired. */
async function assertGrounds(db: Db, groundIds: readonly string[]): Promise<void> {
  const unique = [...new Set(groundIds)];
  if (unique.length === 0) throw new AppError('council.grounds_required', 'putting a pupil on the register needs its grounds');
  const rows = await db.selectFrom('register_grounds').select(['id', 'retired']).where('id', 'in', unique).execute();
  if (rows.length !== unique.length || rows.some((r) => r.retired === 1)) throw new AppError('register.bad_ground', 'a ground is unknown or retired');
}

export interface DecisionToValidate {
  type: DecisionType;
  pupilId: string | null;
  groundIds?: readonly string[] | undefined;
  firstReviewOn?: string | null | undefined;
}

/**
 * Typed decisions need their pupil; taking off / putting on the register must fit the pupil's state now; putting on
 * needs its grounds from the school's list, and a first review, if given, not before the meeting.
 */
export async function validateDecision(db: Db, keys: KeySource, d: DecisionToValidate, meetingDate?: string): Promise<void> {
  if (d.type === 'note') return;
  if (!d.pupilId) throw new AppError('council.pupil_required', 'a typed decision names the pupil it concerns', { type: d.type });
  await assertPupil(db, d.pupilId);
  if (d.type === 'register_off' && (await onRegister(db, keys, d.pupilId)) !== true) {
    throw new AppError('council.not_on_register', 'the pupil is not on the intra-school register');
  }
  if (d.type === 'register_on') {
    if ((await onRegister(db, keys, d.pupilId)) === true) {
      throw new AppError('council.already_on_register', 'the pupil is already on the intra-school register');
    }
    const p = await db.selectFrom('pupils').select('archived').where('id', '=', d.pupilId).executeTakeFirst();
    if (p?.archived === 1) throw new AppError('register.pupil_archived', 'an archived pupil is read-only');
    await assertGrounds(db, d.groundIds ?? []);
    if (d.firstReviewOn && meetingDate && d.firstReviewOn <= meetingDate) {
      throw new AppError('register.bad_dates', 'the first review is not after the meeting');
    }
  }
}

export async function saveItem(db: Db, keys: KeySource, now: Date, input: z.output<typeof itemInputSchema>): Promise<AgendaItem> {
  const item = await itemRow(db, input.itemId);
  const meeting = await editableMeeting(db, item.meeting_id);
  await assertPupil(db, input.pupilId);
  for (const d of input.decisions) await validateDecision(db, keys, d, meeting.date);
  await db
    .updateTable('council_agenda_items')
    .set({
      pupil_id: input.pupilId,
      ...agendaProtected.write(keys, item.id, { title_enc: input.title, heard_enc: input.heard, spoke_enc: input.spoke }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', item.id)
    .execute();
  await db.deleteFrom('council_decisions').where('item_id', '=', item.id).execute();
  let position = 0;
  for (const d of input.decisions) {
    const id = crypto.randomUUID();
    await db
      .insertInto('council_decisions')
      .values({
        id,
        item_id: item.id,
        position: ++position,
        type: d.type,
        pupil_id: d.pupilId,
        ...decisionProtected.write(keys, id, { text_enc: d.text }),
        ...(d.type === 'register_on' ? decisionGroundsProtected.write(keys, id, { grounds_enc: [...new Set(d.groundIds)] }) : {}),
        first_review_on: d.type === 'register_on' ? d.firstReviewOn : null,
        responsible: d.responsible,
        deadline: d.deadline,
        effect_at: null,
      })
      .execute();
  }
  const items = await readAgenda(db, keys, item.meeting_id);
  const saved = items.find((i) => i.id === item.id);
  if (!saved) throw new AppError('internal', 'the agenda item was not saved');
  return saved;
}

/** The register part of a decision: its grounds (sealed; null when hidden) and first review. */
export function decisionRegister(
  keys: KeySource,
  d: { id: string; type: string; grounds_enc: Uint8Array | null; first_review_on: string | null },
): { groundIds: string[] | null; firstReviewOn: string | null } {
  if (d.type !== 'register_on') return { groundIds: [], firstReviewOn: null };
  return { groundIds: decisionGroundsProtected.read(keys, d.id, { grounds_enc: d.grounds_enc }).grounds_enc ?? (decisionGroundsProtected.canRead(keys) ? [] : null), firstReviewOn: d.first_review_on };
}

export async function readAgenda(db: Db, keys: KeySource, meetingId: string): Promise<AgendaItem[]> {
  const items = await db
    .selectFrom('council_agenda_items as a')
    .leftJoin('pupils as p', 'p.id', 'a.pupil_id')
    .selectAll('a')
    .select(['p.last_name', 'p.first_name'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .execute();
  const decisions = items.length
    ? await db.selectFrom('council_decisions').selectAll().where('item_id', 'in', items.map((i) => i.id)).orderBy('item_id').orderBy('position').execute()
    : [];
  const canRead = agendaProtected.canRead(keys);
  return items.map((r, i) => {
    const sealed = agendaProtected.read(keys, r.id, { title_enc: r.title_enc, heard_enc: r.heard_enc, spoke_enc: r.spoke_enc });
    const own: Decision[] = decisions
      .filter((d) => d.item_id === r.id)
      .map((d) => ({
        id: d.id,
        number: d.position,
        type: decisionTypeSchema.catch('note').parse(d.type),
        pupilId: d.pupil_id,
        text: decisionProtected.read(keys, d.id, { text_enc: d.text_enc }).text_enc,
        responsible: d.responsible,
        deadline: d.deadline,
        ...decisionRegister(keys, d),
        effectStatus: d.effect_status,
      }));
    return {
      id: r.id,
      number: i + 1,
      sourceType: r.source_type,
      sourceId: r.source_id,
      pupilId: r.pupil_id,
      pupilName: canRead && r.last_name ? `${r.last_name} ${r.first_name ?? ''}`.trim() : null,
      title: sealed.title_enc,
      heard: sealed.heard_enc,
      spoke: sealed.spoke_enc,
      decisions: own,
    };
  });
}

export async function getMeeting(db: Db, keys: KeySource, id: string): Promise<MeetingDetail> {
  const row = await meetingRow(db, id);
  const agenda = await readAgenda(db, keys, id);
  return { ...summary(row, agenda.length), attendance: await readAttendance(db, keys, id), agenda };
}

/** The meetings that heard a pupil (an item about them, or a decision naming them), newest first. */
export async function pupilHearings(db: Db, keys: KeySource, pupilId: string): Promise<PupilHearing[]> {
  const items = await db
    .selectFrom('council_agenda_items as a')
    .innerJoin('council_meetings as m', 'm.id', 'a.meeting_id')
    .select(['a.id', 'a.title_enc', 'a.heard_enc', 'a.spoke_enc', 'm.id as meeting_id', 'm.academic_year', 'm.number', 'm.date', 'm.status'])
    .where((eb) =>
      eb.or([
        eb('a.pupil_id', '=', pupilId),
        eb.exists(eb.selectFrom('council_decisions as d').select('d.id').whereRef('d.item_id', '=', 'a.id').where('d.pupil_id', '=', pupilId)),
      ]),
    )
    .orderBy('m.date', 'desc')
    .orderBy('a.position')
    .limit(200)
    .execute();
  if (items.length === 0) return [];
  const decisions = await db
    .selectFrom('council_decisions')
    .selectAll()
    .where('item_id', 'in', items.map((i) => i.id))
    .where('pupil_id', '=', pupilId)
    .orderBy('position')
    .execute();
  return items.map((i) => ({
    meetingId: i.meeting_id,
    academicYear: i.academic_year,
    number: i.number,
    date: i.date,
    status: i.status,
    itemTitle: agendaProtected.read(keys, i.id, { title_enc: i.title_enc, heard_enc: null, spoke_enc: null }).title_enc,
    decisions: decisions
      .filter((d) => d.item_id === i.id)
      .map((d) => ({
        id: d.id,
        number: d.position,
        type: decisionTypeSchema.catch('note').parse(d.type),
        text: decisionProtected.read(keys, d.id, { text_enc: d.text_enc }).text_enc,
        deadline: d.deadline,
        responsible: d.responsible,
        ...decisionRegister(keys, d),
        effectStatus: d.effect_status,
      })),
  }));
}
