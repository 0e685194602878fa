/**
 * The referrals' registrations. Read: the case readers (`REFERRAL_READERS`); every view of reasons and answers is
 * a sensitive read. Write: the case workers (`REFERRAL_WORKERS`). The letter: the director (`REFERRAL_SIGNERS`),
 * with their own certificate.
 */
import { isoDate } from '../../../shared/calendar';
import { REFERRAL_READERS, REFERRAL_SIGNERS, REFERRAL_WORKERS } from '../../../shared/permissions';
import type { Ctx, HandlersFor } from '../registry';
import { issueReferralLetter } from './pdf';
import {
  createReferral,
  getReferral,
  listReferrals,
  recordAnswer,
  referralsForCase,
  sendReferral,
  setDue,
  setStatus,
  updateReferral,
} from './queries';
import type { Actor } from '../db/types';

function actor(ctx: Ctx): Actor {
  return { accountId: ctx.session?.accountId ?? null, now: ctx.now, keys: ctx.core };
}

export const referralsHandlers: HandlersFor<'referrals'> = {
  'referrals.list': {
    access: REFERRAL_READERS,
    kind: 'list',
    entity: 'referral',
    listAudit: (input, out) => ({
      filter: { status: input.status ?? null, agencyType: input.agencyType ?? null, overdueOnly: input.overdueOnly, caseId: input.caseId ?? null, pupilId: input.pupilId ?? null },
      count: out.length,
    }),
    handler: async ({ core, db, now }, input) => listReferrals(db, core, input, isoDate(now)),
  },
  'referrals.forCase': {
    access: REFERRAL_READERS,
    kind: 'sensitive',
    entity: 'case_referrals',
    entityId: (input) => input.caseId,
    handler: async ({ core, db, now }, input) => referralsForCase(db, core, input.caseId, isoDate(now)),
  },
  'referrals.get': {
    access: REFERRAL_READERS,
    kind: 'sensitive',
    entity: 'referral',
    entityId: (input) => input.id,
    handler: async ({ core, db, now }, input) => getReferral(db, core, input.id, isoDate(now)),
  },
  'referrals.create': {
    access: REFERRAL_WORKERS,
    kind: 'write',
    entity: 'referral',
    entityId: (_i, out) => out?.id ?? null,
    handler: async (ctx, input) => createReferral(ctx.db, actor(ctx), input),
  },
  'referrals.update': {
    access: REFERRAL_WORKERS,
    kind: 'write',
    entity: 'referral',
    entityId: (input) => input.id,
    handler: async (ctx, input) => updateReferral(ctx.db, actor(ctx), input),
  },
  'referrals.send': {
    access: REFERRAL_WORKERS,
    kind: 'write',
    entity: 'referral',
    entityId: (input) => input.id,
    handler: async (ctx, input) => sendReferral(ctx.db, actor(ctx), input),
  },
  'referrals.setDue': {
    access: REFERRAL_WORKERS,
    kind: 'write',
    entity: 'referral',
    entityId: (input) => input.id,
    handler: async (ctx, input) => setDue(ctx.db, actor(ctx), input),
  },
  'referrals.setStatus': {
    access: REFERRAL_WORKERS,
    kind: 'write',
    entity: 'referral',
    entityId: (input) => input.id,
    handler: async (ctx, input) => setStatus(ctx.db, actor(ctx), input),
  },
  'referrals.answer': {
    access: REFERRAL_WORKERS,
    kind: 'write',
    entity: 'referral',
    entityId: (input) => input.id,
    handler: async (ctx, input) => recordAnswer(ctx.db, actor(ctx), input),
  },
  'referrals.letter': {
    access: REFERRAL_SIGNERS,
    kind: 'write',
    entity: 'referral',
    entityId: (input) => input.id,
    handler: async (ctx, input) =>
      issueReferralLetter({ db: ctx.db, now: ctx.now, session: ctx.session, keys: ctx.core, today: isoDate(ctx.now) }, input.id, input.language, input.signer),
  },
};
