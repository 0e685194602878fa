/**
 * The minutes are complete when the chair's co-signature is stored (documents.cosign). Then, in the same
 * transaction: the meeting is locked as signed, each pupil heard gets a `hearing` entry in their chronology (with
 * the minutes as source), and every decision's effect runs (effects.ts). An error here rolls the signature back.
 */
import { decisionTypeSchema, type DecisionType } from '../../../shared/council';
import type { DocumentSummary } from '../../../shared/documents';
import { recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { DECISION_EFFECTS, type DecisionEffect, type EffectContext } from './effects';
import { decisionRegister } from './meetings';
import { decisionProtected } from './protected';

export const MEETING_SOURCE = 'council_meeting';

export async function completeCouncilMinutes(
  ctx: { db: Db; keys: KeySource; accountId: string; now: Date },
  doc: DocumentSummary,
  effects: Record<DecisionType, DecisionEffect> = DECISION_EFFECTS,
): Promise<void> {
  const { db, now } = ctx;
  const meeting = await db.selectFrom('council_meetings').selectAll().where('document_id', '=', doc.id).executeTakeFirst();
  if (!meeting) throw new AppError('not_found', 'the signed minutes belong to no meeting');
  if (meeting.status === 'signed') return;
  await db.updateTable('council_meetings').set({ status: 'signed', signed_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', meeting.id).execute();

  const items = await db.selectFrom('council_agenda_items').select(['id', 'pupil_id']).where('meeting_id', '=', meeting.id).orderBy('position').execute();
  const decisions = items.length
    ? await db.selectFrom('council_decisions').selectAll().where('item_id', 'in', items.map((i) => i.id)).orderBy('position').execute()
    : [];

  // the hearing, once per pupil heard (an item about the pupil, or a decision naming them)
  const heard = new Map<string, DecisionType[]>();
  for (const i of items) if (i.pupil_id) heard.set(i.pupil_id, heard.get(i.pupil_id) ?? []);
  for (const d of decisions) {
    if (!d.pupil_id) continue;
    heard.set(d.pupil_id, [...(heard.get(d.pupil_id) ?? []), decisionTypeSchema.catch('note').parse(d.type)]);
  }
  for (const [pupilId, types] of heard) {
    await recordChronology(db, ctx.keys, { accountId: ctx.accountId, now }, {
      pupilId,
      kind: 'hearing',
      source: { table: 'council_meetings', id: meeting.id },
      occurredAt: `${meeting.date}T${meeting.time}:00`,
      summary: { key: 'hearing', minutes: meeting.number, registerNumber: doc.registerNumber, decisions: [...new Set(types)] },
    });
  }

  const effectCtx: EffectContext = {
    db,
    keys: ctx.keys,
    accountId: ctx.accountId,
    now,
    meeting: { id: meeting.id, number: meeting.number, date: meeting.date, academicYear: meeting.academic_year },
    document: { id: doc.id, registerNumber: doc.registerNumber },
    language: doc.language === 'ru' ? 'ru' : 'kk',
  };
  for (const d of decisions) {
    const type = decisionTypeSchema.catch('note').parse(d.type);
    const status = await effects[type](effectCtx, {
      id: d.id,
      itemId: d.item_id,
      type,
      pupilId: d.pupil_id,
      text: decisionProtected.read(ctx.keys, d.id, { text_enc: d.text_enc }).text_enc,
      responsible: d.responsible,
      deadline: d.deadline,
      ...decisionRegister(ctx.keys, d),
    });
    await db.updateTable('council_decisions').set({ effect_status: status, effect_at: now.toISOString() }).where('id', '=', d.id).execute();
  }
}
