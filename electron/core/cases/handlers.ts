/**
 * The registrations of concerns and cases: who may call what is declared here (access, guard), never checked in a
 * handler. Roles come from the lists in shared/permissions.ts.
 *
 * - Any staff account logs a concern and reads its own concerns with their answers (`concerns.mine`), nothing else.
 * - The case readers (director, deputy, psychologist, social pedagogue) read the inbox and the cases; every case or
 *   concern view is a sensitive read (audited).
 * - The case workers (psychologist, social pedagogue) triage and work cases.
 * - A task's owner — whoever it is — sees their tasks (`cases.myTasks`) and marks them done (guard: the owner), not
 *   the case.
 * - The director decides a closure that waits for approval and sets whether closure needs approval.
 */
import {
  CASE_CLOSURE_APPROVERS,
  CASE_READERS,
  CASE_WORKERS,
  CONCERN_AUTHORS,
} from '../../../shared/permissions';
import type { Ctx, HandlersFor } from '../registry';
import { AppError } from '../errors';
import {
  addContact,
  addNote,
  addTask,
  casesForPupil,
  closeCase,
  closureApproval,
  concernInbox,
  createCase,
  decideClosure,
  getCase,
  getConcern,
  listCases,
  logConcern,
  myConcerns,
  myTasks,
  reopenCase,
  setClosureApproval,
  setTaskDone,
  staff,
  triageConcern,
  updateCase,
} from './queries';
import type { Actor } from '../db/types';

function actor(ctx: Ctx): Actor {
  return { accountId: ctx.session?.accountId ?? null, now: ctx.now, keys: ctx.core };
}

function me(ctx: Ctx): string {
  const id = ctx.session?.accountId;
  if (!id) throw new AppError('auth.not_logged_in', 'log in first');
  return id;
}

export const casesHandlers: HandlersFor<'concerns' | 'cases'> = {
  'concerns.log': {
    access: CONCERN_AUTHORS,
    kind: 'write',
    entity: 'concern',
    entityId: (_i, out) => out?.id ?? null,
    handler: async (ctx, input) => logConcern(ctx.db, actor(ctx), input),
  },
  'concerns.mine': {
    access: CONCERN_AUTHORS,
    kind: 'read',
    handler: async (ctx) => myConcerns(ctx.db, me(ctx)),
  },
  'concerns.inbox': {
    access: CASE_READERS,
    kind: 'list',
    entity: 'concern',
    listAudit: (input, out) => ({ filter: { status: input.status ?? null }, count: out.length }),
    handler: async (ctx, input) => concernInbox(ctx.db, ctx.core, ctx.now, input.status),
  },
  'concerns.get': {
    access: CASE_READERS,
    kind: 'sensitive',
    entity: 'concern',
    entityId: (input) => input.id,
    handler: async (ctx, input) => getConcern(ctx.db, ctx.core, input.id),
  },
  'concerns.triage': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'concern',
    entityId: (input) => input.id,
    handler: async (ctx, input) => triageConcern(ctx.db, actor(ctx), input),
  },
  'cases.list': {
    access: CASE_READERS,
    kind: 'list',
    entity: 'case',
    listAudit: (input, out) => ({
      filter: {
        page: input.page,
        stages: input.stages?.join(',') ?? null,
        risks: input.risks?.join(',') ?? null,
        lead: input.leadId ?? null,
        pupil: input.pupilId ?? null,
        search: input.search !== undefined && input.search.length > 0,
      },
      count: out.items.length,
    }),
    handler: async (ctx, input) => listCases(ctx.db, ctx.core, input),
  },
  'cases.get': {
    access: CASE_READERS,
    kind: 'sensitive',
    entity: 'case',
    entityId: (input) => input.id,
    handler: async (ctx, input) => getCase(ctx.db, ctx.core, input.id),
  },
  'cases.create': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (_i, out) => out?.id ?? null,
    // the one who opens a case leads it unless they name someone
    handler: async (ctx, input) => createCase(ctx.db, actor(ctx), { ...input, leadId: input.leadId ?? me(ctx) }),
  },
  'cases.update': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.id,
    handler: async (ctx, input) => updateCase(ctx.db, actor(ctx), input),
  },
  'cases.addTask': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => addTask(ctx.db, actor(ctx), input),
  },
  'cases.setTaskDone': {
    access: CONCERN_AUTHORS,
    kind: 'write',
    entity: 'case_task',
    entityId: (input) => input.taskId,
    guard: {
      rule: 'the task owner',
      bypass: CASE_WORKERS,
      check: async ({ db, session }, input) => {
        const t = await db.selectFrom('case_tasks').select('owner_id').where('id', '=', input.taskId).executeTakeFirst();
        return !t || (session !== null && t.owner_id === session.accountId);
      },
    },
    handler: async (ctx, input) => setTaskDone(ctx.db, actor(ctx), input),
  },
  'cases.myTasks': {
    access: CONCERN_AUTHORS,
    kind: 'read',
    handler: async (ctx, input) => myTasks(ctx.db, ctx.core, me(ctx), input.includeDone),
  },
  'cases.addNote': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => addNote(ctx.db, actor(ctx), input),
  },
  'cases.addContact': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => addContact(ctx.db, actor(ctx), input),
  },
  'cases.close': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.id,
    handler: async (ctx, input) => closeCase(ctx.db, actor(ctx), input),
  },
  'cases.decideClosure': {
    access: CASE_CLOSURE_APPROVERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.id,
    handler: async (ctx, input) => decideClosure(ctx.db, actor(ctx), input),
  },
  'cases.reopen': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.id,
    handler: async (ctx, input) => reopenCase(ctx.db, actor(ctx), input),
  },
  'cases.forPupil': {
    access: CASE_READERS,
    kind: 'list',
    entity: 'case',
    listAudit: (input, out) => ({ filter: { pupil: input.pupilId }, count: out.length }),
    handler: async (ctx, input) => casesForPupil(ctx.db, ctx.core, input.pupilId),
  },
  'cases.staff': {
    access: CASE_READERS,
    kind: 'read',
    handler: async (ctx) => staff(ctx.db),
  },
  'cases.settings': {
    access: CASE_READERS,
    kind: 'read',
    handler: async (ctx) => ({ closureApproval: await closureApproval(ctx.db) }),
  },
  'cases.setSettings': {
    access: CASE_CLOSURE_APPROVERS,
    kind: 'write',
    entity: 'case_settings',
    handler: async (ctx, input) => ({ closureApproval: await setClosureApproval(ctx.db, input.closureApproval) }),
  },
};
