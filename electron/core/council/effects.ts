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
 * TODO(register): register_on / register_off — put the pupil on / take off the intra-school register with this
 *   decision as ground (the register feature's writer; validation already refuses taking off a pupil not on it).
 * TODO(cases): measure — a task on the pupil's case with the decision's responsible and deadline.
 * TODO(referrals): referral — a referral to the agency named in the decision.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DecisionType, EffectStatus } from '../../../shared/council';
import type { KeySource } from '../core';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface EffectContext {
  db: Db;
  keys: KeySource;
  /** the account whose signature completes the minutes (the chair) */
  accountId: string;
  now: Date;
  meeting: { id: string; number: number; date: string; academicYear: number };
  /** the signed minutes in the documents register: the ground of every decision */
  document: { id: string; registerNumber: string };
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
}

export type DecisionEffect = (ctx: EffectContext, decision: DecisionForEffect) => Promise<Exclude<EffectStatus, 'pending'>>;

const none: DecisionEffect = () => Promise.resolve('none');
/** An effect whose record feature is not in this build: the decision is marked so, never pretended done. */
const notWired: DecisionEffect = () => Promise.resolve('not_wired');

export const DECISION_EFFECTS: Record<DecisionType, DecisionEffect> = {
  note: none,
  // the agenda source `invite_again` (agenda.ts) proposes the pupil from the signed decision itself
  invite_again: () => Promise.resolve('applied'),
  register_on: notWired, // TODO(register): putOnRegister(ctx.db, ctx.keys, pupilId, { ground: document })
  register_off: notWired, // TODO(register): takeOffRegister(ctx.db, ctx.keys, pupilId, { ground: document })
  measure: notWired, // TODO(cases): addCaseTask(…, { responsible, deadline, ground: document })
  referral: notWired, // TODO(referrals): createReferral(…, { ground: document })
};
