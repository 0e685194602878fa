/**
 * The registrations of ASQ screenings and safety plans: only the psychologist (SCREENERS / SCREENING_READERS in
 * shared/permissions.ts), who holds the `confidential` compartment, screens and reads them. Reads are sensitive
 * (audited: the case id, never an answer); writes are audited by the registry with the case or screening id only.
 */
import { SCREENERS, SCREENING_READERS } from '../../../shared/permissions';
import type { Ctx, HandlersFor } from '../registry';
import { printSafetyPlan } from './print';
import { answerLine, closeChecklist, recordScreening, saveSafetyPlan, screeningsForCase } from './queries';
import type { Actor } from '../db/types';

function actor(ctx: Ctx): Actor {
  return { accountId: ctx.session?.accountId ?? null, now: ctx.now, keys: ctx.core };
}

export const screeningHandlers: HandlersFor<'screening' | 'safetyPlan'> = {
  'screening.forCase': {
    access: SCREENING_READERS,
    kind: 'sensitive',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => screeningsForCase(ctx.db, ctx.core, input.caseId),
  },
  'screening.record': {
    access: SCREENERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => recordScreening(ctx.db, actor(ctx), input),
  },
  'screening.answerLine': {
    access: SCREENERS,
    kind: 'write',
    entity: 'screening',
    entityId: (input) => input.id,
    handler: async (ctx, input) => answerLine(ctx.db, actor(ctx), input),
  },
  'screening.closeChecklist': {
    access: SCREENERS,
    kind: 'write',
    entity: 'screening',
    entityId: (input) => input.id,
    handler: async (ctx, input) => closeChecklist(ctx.db, actor(ctx), input),
  },
  'safetyPlan.save': {
    access: SCREENERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => saveSafetyPlan(ctx.db, actor(ctx), input),
  },
  'safetyPlan.print': {
    access: SCREENERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) =>
      printSafetyPlan(
        { db: ctx.db, now: ctx.now, session: ctx.session, keys: ctx.core, authorName: ctx.session?.displayName ?? null },
        input,
      ),
  },
};
