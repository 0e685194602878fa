/**
 * The registrations of the bullying flow: who may call what is declared here, never checked in a handler.
 *
 * - The case readers (director, deputy, psychologist, social pedagogue) read a case's flow and its screenshots
 *   (sensitive reads, audited).
 * - The case workers (psychologist, social pedagogue) start the flow, record or skip its steps, schedule follow-ups,
 *   escalate to the council and keep the cyberbullying evidence.
 * - The school's timing of the steps: read by the case readers, set by `BULLYING_SETTINGS_EDITORS`.
 */
import { BULLYING_SETTINGS_EDITORS, CASE_READERS, CASE_WORKERS } from '../../../shared/permissions';
import type { Ctx, HandlersFor } from '../registry';
import { addEvidence, addScreenshot, getScreenshot } from './evidence';
import { completeStep, escalate, getFlow, loadSettings, saveSettings, scheduleFollowUp, skipStep, startFlow } from './flow';
import type { Actor } from '../db/types';

function actor(ctx: Ctx): Actor {
  return { accountId: ctx.session?.accountId ?? null, now: ctx.now, keys: ctx.core };
}

export const bullyingHandlers: HandlersFor<'bullying'> = {
  'bullying.get': {
    access: CASE_READERS,
    kind: 'sensitive',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => getFlow(ctx.db, ctx.core, input.caseId, ctx.now),
  },
  'bullying.start': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => startFlow(ctx.db, actor(ctx), input),
  },
  'bullying.complete': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'bullying_step',
    entityId: (input) => input.stepId,
    handler: async (ctx, input) => completeStep(ctx.db, actor(ctx), input),
  },
  'bullying.skip': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'bullying_step',
    entityId: (input) => input.stepId,
    handler: async (ctx, input) => skipStep(ctx.db, actor(ctx), input),
  },
  'bullying.scheduleFollowUp': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => scheduleFollowUp(ctx.db, actor(ctx), input),
  },
  'bullying.escalate': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => escalate(ctx.db, actor(ctx), input),
  },
  'bullying.addEvidence': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => addEvidence(ctx.db, actor(ctx), input),
  },
  'bullying.addScreenshot': {
    access: CASE_WORKERS,
    kind: 'write',
    entity: 'bullying_evidence',
    entityId: (input) => input.evidenceId,
    handler: async (ctx, input) => addScreenshot(ctx.db, actor(ctx), input),
  },
  'bullying.getScreenshot': {
    access: CASE_READERS,
    kind: 'sensitive',
    entity: 'bullying_evidence_file',
    entityId: (input) => input.id,
    handler: async (ctx, input) => getScreenshot(ctx.db, ctx.core, input.id),
  },
  'bullying.settings': {
    access: CASE_READERS,
    kind: 'read',
    handler: async (ctx) => loadSettings(ctx.db),
  },
  'bullying.setSettings': {
    access: BULLYING_SETTINGS_EDITORS,
    kind: 'write',
    entity: 'bullying_settings',
    handler: async (ctx, input) => saveSettings(ctx.db, input),
  },
};
