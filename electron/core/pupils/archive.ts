/**
 * How a pupil leaves the school, and the yearly move up a grade.
 *
 * Archive: the record is kept, read-only (every write about an archived pupil is refused with `pupils.archived`),
 * with the reason (left for another school, graduated, other) and the date; a chronology entry says so (a message:
 * the card reads it in the reader's language). An archive
 * made in error is undone with `restore`. How long the archive is kept, and who may purge it, is in the README
 * ("Records retention").
 *
 * Move up a grade: once a year every active pupil goes one grade up, and the pupils of the top grade (11, or 12 in
 * a school that has a 12th grade) are archived as graduated — all in the one transaction of the call, audited as
 * one write. The preview counts the same rows; the apply names the count it was shown and is refused (`conflict`)
 * when the school changed in between, and a second move up within 300 days of the last is refused
 * (`pupils.promoted_recently`: a double click or a second screen must not move every pupil two grades).
 */
import type { ArchiveReason, Pupil, PromotionSummary } from '../../../shared/pupils';
import { recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import type { Db, Stamp } from '../db/types';
import { AppError } from '../errors';
import { ensureActive, getPupil } from './queries';

export async function archivePupil(db: Db, keys: KeySource, actor: Stamp, id: string, reason: ArchiveReason, date: string): Promise<Pupil> {
  await ensureActive(db, id);
  await db
    .updateTable('pupils')
    .set({ archived: 1, archive_reason: reason, archived_on: date, updated_at: actor.now.toISOString() })
    .where('id', '=', id)
    .execute();
  await recordChronology(db, keys, actor, {
    pupilId: id,
    kind: 'pupil_archived',
    source: { table: 'pupils', id },
    occurredAt: date,
    summary: { key: 'pupil_archived', reason },
  });
  return getPupil(db, id, keys);
}

export async function restorePupil(db: Db, keys: KeySource, actor: Stamp, id: string): Promise<Pupil> {
  const r = await db.selectFrom('pupils').select('archived').where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such pupil');
  if (r.archived === 0) throw new AppError('conflict', 'the pupil is not archived');
  await db
    .updateTable('pupils')
    .set({ archived: 0, archive_reason: null, archived_on: null, updated_at: actor.now.toISOString() })
    .where('id', '=', id)
    .execute();
  await recordChronology(db, keys, actor, {
    pupilId: id,
    kind: 'pupil_archived',
    source: { table: 'pupils', id },
    summary: { key: 'pupil_archived', reason: 'restored' },
  });
  return getPupil(db, id, keys);
}

/** What the move up would do: active pupils per grade, and how many graduate. */
export async function promotionPreview(db: Db, topGrade: number): Promise<PromotionSummary> {
  const rows = await db
    .selectFrom('pupils')
    .select((eb) => ['grade', eb.fn.countAll<number>().as('n')])
    .where('archived', '=', 0)
    .where('grade', '<=', topGrade)
    .groupBy('grade')
    .orderBy('grade')
    .execute();
  const byGrade = rows.map((r) => ({ grade: r.grade, pupils: Number(r.n) }));
  const graduating = byGrade.find((g) => g.grade === topGrade)?.pupils ?? 0;
  const last = await db.selectFrom('meta').select('value').where('key', '=', LAST_PROMOTION).executeTakeFirst();
  return { byGrade, graduating, moved: byGrade.reduce((s, g) => s + g.pupils, 0), lastPromotion: last?.value ?? null };
}

/** meta key: the date of the last move up a grade */
const LAST_PROMOTION = 'pupils_last_promotion';
/** a second move up within this many days is refused (a double click, a second screen): once a school year */
export const PROMOTION_INTERVAL_DAYS = 300;

/**
 * Applies the move up; class teachers' classes move with their pupils. Pupils above the top grade (a 12th grade in a school run with topGrade 11: none in practice)
 * are left alone and not counted. The graduates' chronology entries are written in the same transaction.
 */
export async function promote(db: Db, keys: KeySource, actor: Stamp, topGrade: number, expected: number, date: string): Promise<PromotionSummary> {
  const summary = await promotionPreview(db, topGrade);
  if (summary.moved !== expected) {
    throw new AppError('conflict', 'the pupils changed since the preview', { expected, now: summary.moved });
  }
  if (summary.lastPromotion !== null) {
    const days = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${summary.lastPromotion}T00:00:00Z`)) / 86_400_000;
    if (days < PROMOTION_INTERVAL_DAYS) {
      throw new AppError('pupils.promoted_recently', 'the pupils were moved up a grade less than a school year ago', { lastPromotion: summary.lastPromotion });
    }
  }
  await db
    .insertInto('meta')
    .values({ key: LAST_PROMOTION, value: date })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: date }))
    .execute();
  const graduates = await db.selectFrom('pupils').select('id').where('archived', '=', 0).where('grade', '=', topGrade).execute();
  const stamp = actor.now.toISOString();
  await db
    .updateTable('pupils')
    .set({ archived: 1, archive_reason: 'graduated', archived_on: date, updated_at: stamp })
    .where('archived', '=', 0)
    .where('grade', '=', topGrade)
    .execute();
  await db
    .updateTable('pupils')
    .set((eb) => ({ grade: eb('grade', '+', 1), updated_at: stamp }))
    .where('archived', '=', 0)
    .where('grade', '<', topGrade)
    .execute();
  // a class keeps its class teacher as it moves up (7 Ә's teacher leads 8 Ә); a graduated class's link is dropped.
  // Highest grade first, so that no link collides with the one above it.
  await db.deleteFrom('account_classes').where('grade', '>=', topGrade).execute();
  for (let g = topGrade - 1; g >= 0; g--) {
    await db.updateTable('account_classes').set({ grade: g + 1 }).where('grade', '=', g).execute();
  }
  for (const g of graduates) {
    await recordChronology(db, keys, actor, {
      pupilId: g.id,
      kind: 'pupil_archived',
      source: { table: 'pupils', id: g.id },
      occurredAt: date,
      summary: { key: 'pupil_archived', reason: 'graduated' },
    });
  }
  return summary;
}
