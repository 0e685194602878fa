/**
 * The register's registrations. Reads: the holders of the protection compartment (`REGISTER_READERS`; the data is
 * sealed in it, a class teacher gets nothing). Writes: `REGISTER_EDITORS`; the grounds list: `REGISTER_GROUND_EDITORS`.
 */
import { isoDate } from '../../../shared/calendar';
import { REGISTER_EDITORS, REGISTER_GROUND_EDITORS, REGISTER_PLAN_SIGNERS, REGISTER_READERS } from '../../../shared/permissions';
import type { Ctx, HandlersFor } from '../registry';
import { issuePreventionPlan } from './pdf';
import {
  addReview,
  listGrounds,
  listRegister,
  listStaff,
  pupilRegister,
  putOn,
  removeExternal,
  removeMeasure,
  saveExternal,
  saveGrounds,
  saveMeasure,
  takeOff,
  updateEntry,
} from './queries';
import type { Actor } from '../db/types';

function actor(ctx: Ctx): Actor {
  return { accountId: ctx.session?.accountId ?? null, now: ctx.now, keys: ctx.core };
}

export const registerHandlers: HandlersFor<'register'> = {
  'register.list': {
    access: REGISTER_READERS,
    kind: 'list',
    entity: 'register_entry',
    listAudit: (input, out) => ({ filter: { includeClosed: input.includeClosed, dueOnly: input.dueOnly, today: input.today ?? null }, count: out.items.length }),
    handler: async ({ core, db, now }, input) =>
      listRegister(db, { includeClosed: input.includeClosed, dueOnly: input.dueOnly, today: input.today ?? isoDate(now) }, core),
  },
  'register.forPupil': {
    access: REGISTER_READERS,
    kind: 'sensitive',
    entity: 'pupil_register',
    entityId: (input) => input.pupilId,
    handler: async ({ core, db, now }, input) => pupilRegister(db, input.pupilId, core, isoDate(now)),
  },
  'register.staff': {
    access: REGISTER_EDITORS,
    kind: 'read',
    handler: async ({ db }) => listStaff(db),
  },
  'register.grounds': {
    access: REGISTER_READERS,
    kind: 'read',
    handler: async ({ db }) => listGrounds(db),
  },
  'register.saveGrounds': {
    access: REGISTER_GROUND_EDITORS,
    kind: 'write',
    entity: 'register_grounds',
    handler: async (ctx, input) => saveGrounds(ctx.db, input, actor(ctx)),
  },
  'register.putOn': {
    access: REGISTER_EDITORS,
    kind: 'write',
    entity: 'register_entry',
    entityId: (_i, out) => out?.id ?? null,
    handler: async (ctx, input) => putOn(ctx.db, input, actor(ctx)),
  },
  'register.update': {
    access: REGISTER_EDITORS,
    kind: 'write',
    entity: 'register_entry',
    entityId: (input) => input.entryId,
    handler: async (ctx, input) => updateEntry(ctx.db, input, actor(ctx)),
  },
  'register.takeOff': {
    access: REGISTER_EDITORS,
    kind: 'write',
    entity: 'register_entry',
    entityId: (input) => input.entryId,
    handler: async (ctx, input) => takeOff(ctx.db, input, actor(ctx)),
  },
  'register.review': {
    access: REGISTER_EDITORS,
    kind: 'write',
    entity: 'register_entry',
    entityId: (input) => input.entryId,
    handler: async (ctx, input) => addReview(ctx.db, input, actor(ctx)),
  },
  'register.saveExternal': {
    access: REGISTER_EDITORS,
    kind: 'write',
    entity: 'register_external',
    entityId: (_i, out) => out?.id ?? null,
    handler: async (ctx, input) => saveExternal(ctx.db, input, actor(ctx)),
  },
  'register.removeExternal': {
    access: REGISTER_EDITORS,
    kind: 'write',
    entity: 'register_external',
    entityId: (input) => input.id,
    handler: async (ctx, input) => removeExternal(ctx.db, input),
  },
  'register.saveMeasure': {
    access: REGISTER_EDITORS,
    kind: 'write',
    entity: 'prevention_measure',
    entityId: (input) => input.id ?? null,
    handler: async (ctx, input) => saveMeasure(ctx.db, input, actor(ctx)),
  },
  'register.signPlan': {
    access: REGISTER_PLAN_SIGNERS,
    kind: 'write',
    entity: 'register_entry',
    entityId: (input) => input.entryId,
    handler: async (ctx, input) =>
      issuePreventionPlan(
        { db: ctx.db, now: ctx.now, session: ctx.session, keys: ctx.core, today: isoDate(ctx.now), authorName: ctx.session?.displayName ?? '' },
        input.entryId,
        input.language,
        input.signer,
      ),
  },
  'register.removeMeasure': {
    access: REGISTER_EDITORS,
    kind: 'write',
    entity: 'prevention_measure',
    entityId: (input) => input.id,
    handler: async (ctx, input) => removeMeasure(ctx.db, input, ctx.core, isoDate(ctx.now)),
  },
};
