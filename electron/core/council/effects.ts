/**
 * What a typed decision does once the minutes are fully signed (the chair's co-signature completes them,
 * complete.ts). `DECISION_EFFECTS` maps each decision type to its effect, run in the very transaction that stores
 * the chair's signature, with the minutes as the ground: if an effect fails, the signature is not stored either.
 *
 * An effect returns what became of it ('applied', 'none' for a plain decision, or 'not_wired' while the record
 * feature it writes to is not part of this build); the decision keeps that status, so nothing is silently dropped:
 * a 'not_wired' decision is listed on the meeting for the staff to carry out by hand, and can be replayed once the
 * effect is wired.
 *
 * Wired here: `invite_again` (the pupil is proposed on a later meeting's agenda, agenda.ts reads the signed
 * decision) and `note`. The hearing itself goes to each pupil's chronology in complete.ts.
 * Wired to the register: `register_off` takes the pupil off the intra-school register with the signed minutes as the
 *   decision (number = the minutes' register number, date = the meeting's, body = the council).
 * Wired to the register: `register_on` puts the pupil on with the grounds the decision carries (chosen from the
 *   school's list when it was recorded) and its first review (or the register's default), the signed minutes as
 *   the decision. A pupil put on by hand meanwhile: nothing left to do ('none'). A decision recorded without grounds
 *   (before they could be given), a ground retired since, or a pupil archived since: carried out by hand.
 * Wired to cases: `measure` becomes a task, due on the decision's deadline, on the pupil's most recently opened case
 *   that is not closed; its title names the minutes only (task titles are read by their owners, who may not hold the
 *   protection key — the measure's words stay in the minutes). A pupil with no open case: carried out by hand.
 * Wired to referrals: `referral` becomes a draft referral on the pupil's open case (referrals/council.ts), the
 *   decision's text as its reason and its deadline as the draft's "send by"; no open case: carried out by hand.
 */
import type { DecisionType, EffectStatus } from '../../../shared/council';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { addTask } from '../cases/queries';
import { putOn, takeOff } from '../register/queries';
import { DEFAULT_REVIEW_MONTHS } from '../../../shared/register';
import { referralEffect } from '../referrals/council';

export interface EffectContext {
  db: Db;
  keys: KeySource;
  /** the account whose signature completes the minutes (the chair) */
  accountId: string;
  now: Date;
  meeting: { id: string; number: number; date: string; academicYear: number };
  /** the signed minutes in the documents register: the ground of every decision */
  document: { id: string; registerNumber: string };
  /** the minutes' language (the titles of the tasks the decisions set) */
  language: 'kk' | 'ru';
}

export interface DecisionForEffect {
  id: string;
  itemId: string;
  type: DecisionType;
  pupilId: string | null;
  /** the decision's text (protection compartment; the chair holds it) */
  text: string | null;
  responsible: string;
  deadline: string | null;
  /** `register_on`: the grounds (protection compartment; null when the session cannot read them) */
  groundIds: string[] | null;
  /** `register_on`: the first review, or null for the register's default */
  firstReviewOn: string | null;
}

export type DecisionEffect = (ctx: EffectContext, decision: DecisionForEffect) => Promise<Exclude<EffectStatus, 'pending'>>;

const none: DecisionEffect = () => Promise.resolve('none');
/** An effect whose record feature is not in this build: the decision is marked so, never pretended done. */
const notWired: DecisionEffect = () => Promise.resolve('not_wired');

export const DECISION_EFFECTS: Record<DecisionType, DecisionEffect> = {
  note: none,
  // the agenda source `invite_again` (agenda.ts) proposes the pupil from the signed decision itself
  invite_again: () => Promise.resolve('applied'),
  register_on: async (ctx, d) => {
    if (d.pupilId === null) return 'none';
    const open = await ctx.db.selectFrom('register_entries').select('id').where('pupil_id', '=', d.pupilId).where('off_date', 'is', null).executeTakeFirst();
    // put on by hand between the hearing and the chair's signature: nothing left to do
    if (open) return 'none';
    const pupil = await ctx.db.selectFrom('pupils').select('archived').where('id', '=', d.pupilId).executeTakeFirst();
    const grounds = [...new Set(d.groundIds ?? [])];
    if (!pupil || pupil.archived === 1 || grounds.length === 0) return notWired(ctx, d);
    const live = await ctx.db.selectFrom('register_grounds').select('id').where('id', 'in', grounds).where('retired', '=', 0).execute();
    if (live.length !== grounds.length) return notWired(ctx, d);
    await putOn(
      ctx.db,
      {
        pupilId: d.pupilId,
        decision: { number: ctx.document.registerNumber, date: ctx.meeting.date, body: 'council' },
        groundIds: grounds,
        notes: d.text ?? '',
        curatorId: null,
        reviewMonths: DEFAULT_REVIEW_MONTHS,
        // a first review the meeting's later date overtook falls back to the default
        ...(d.firstReviewOn && d.firstReviewOn > ctx.meeting.date ? { firstReviewOn: d.firstReviewOn } : {}),
      },
      { accountId: ctx.accountId, now: ctx.now, keys: ctx.keys },
    );
    return 'applied';
  },
  register_off: async (ctx, d) => {
    if (d.pupilId === null) return 'none';
    const open = await ctx.db
      .selectFrom('register_entries')
      .select(['id', 'version'])
      .where('pupil_id', '=', d.pupilId)
      .where('off_date', 'is', null)
      .executeTakeFirst();
    // taken off by hand between the hearing and the chair's signature: nothing left to do
    if (!open) return 'none';
    await takeOff(
      ctx.db,
      {
        entryId: open.id,
        version: open.version,
        decision: { number: ctx.document.registerNumber, date: ctx.meeting.date, body: 'council' },
        reason: d.text ?? '',
      },
      { accountId: ctx.accountId, now: ctx.now, keys: ctx.keys },
    );
    return 'applied';
  },
  measure: async (ctx, d) => {
    if (d.pupilId === null) return 'none';
    const open = await ctx.db
      .selectFrom('cases')
      .innerJoin('case_pupils', 'case_pupils.case_id', 'cases.id')
      .select(['cases.id', 'cases.version'])
      .where('case_pupils.pupil_id', '=', d.pupilId)
      .where('cases.stage', '!=', 'closed')
      .orderBy('cases.opened_at', 'desc')
      .executeTakeFirst();
    if (!open) return 'not_wired';
    const title =
      ctx.language === 'ru'
        ? `Мера по решению совета профилактики (протокол ${ctx.document.registerNumber})`
        : `Профилактика кеңесінің шешімі бойынша шара (хаттама ${ctx.document.registerNumber})`;
    await addTask(
      ctx.db,
      { accountId: ctx.accountId, now: ctx.now, keys: ctx.keys },
      { caseId: open.id, version: open.version, title, dueOn: d.deadline, ownerId: null },
    );
    return 'applied';
  },
  referral: (ctx, d) => referralEffect(ctx, d),
};
