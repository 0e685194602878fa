import { AppError } from '../errors';
import { ensureBuiltinFrameworks } from '../frameworks/queries';
import type { Ctx, HandlersFor } from '../registry';
import { isoDate, readCalendar, writeCalendar } from './calendar';
import {
  addEvidence,
  deleteEvidence,
  getEvidence,
  listExecutions,
  overdueItems,
  reportsDue,
  sectionProgress,
  setExecution,
  upcomingItems,
} from './execution';
import { issuePlanPdf, issueQuarterlyReport, previewPlanPdf } from './issue';
import {
  assertDraft,
  fieldsToRow,
  insertItem,
  insertSection,
  itemRow,
  listPlans,
  loadPlan,
  moveItem,
  moveSection,
  sectionRow,
  setLinks,
  touchPlan,
} from './queries';
import { approvePlan, createPlan, pendingChanges, startRevision } from './service';
import { PLAN_APPROVERS, PLAN_EDITORS, PLAN_EXECUTORS, PLAN_REVISERS, REPORT_ISSUERS } from '../../../shared/permissions';

/** Every edit of a draft: refuse an approved (locked) plan, change it, mark it changed, return it afresh. */
async function editDraft(db: Parameters<typeof loadPlan>[0], planId: string, now: Date, change: () => Promise<unknown>) {
  await assertDraft(db, planId);
  await change();
  await touchPlan(db, planId, now);
  return loadPlan(db, planId);
}

/** Who edits the plan's content. */
const EDITORS = PLAN_EDITORS;
/** Who records execution (what was done, reach, evidence). */
const EXECUTORS = PLAN_EXECUTORS;

/**
 * The plan and its reports are signed by the signer with their own certificate: a certificate created or imported
 * by another account is refused (a certificate with no recorded holder, e.g. imported before holders were kept,
 * stays usable).
 */
const OWN_CERTIFICATE = {
  rule: 'signs with their own certificate',
  bypass: [],
  check: async ({ db, session }: Ctx, input: { signer: { certificateId: string } }) => {
    const r = await db.selectFrom('signing_certificates').select('owner_account_id').where('id', '=', input.signer.certificateId).executeTakeFirst();
    return !r || r.owner_account_id === null || r.owner_account_id === session?.accountId;
  },
} as const;

export const plansHandlers: HandlersFor<'plans'> = {
  'plans.list': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }, input) => listPlans(db, input.academicYear),
  },
  'plans.get': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }, input) => loadPlan(db, input.id),
  },
  'plans.create': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan',
    entityId: (_i, out) => out?.id ?? null,
    handler: async ({ db, now }, input) => loadPlan(db, await createPlan(db, input, now)),
  },
  'plans.update': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan',
    entityId: (input) => input.id,
    handler: async ({ db, now }, input) => {
      await assertDraft(db, input.id);
      const set: { title_kk?: string; title_ru?: string; updated_at: string } = { updated_at: now.toISOString() };
      if (input.titleKk !== undefined) set.title_kk = input.titleKk;
      if (input.titleRu !== undefined) set.title_ru = input.titleRu;
      await db.updateTable('plans').set(set).where('id', '=', input.id).execute();
      return loadPlan(db, input.id);
    },
  },
  'plans.delete': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan',
    entityId: (input) => input.id,
    handler: async ({ db }, input) => {
      await assertDraft(db, input.id);
      const approved = await db.selectFrom('plan_revisions').select('revision').where('plan_id', '=', input.id).executeTakeFirst();
      if (approved) throw new AppError('plans.locked', 'a plan that was once approved is kept');
      await db.deleteFrom('plans').where('id', '=', input.id).execute();
      return null;
    },
  },
  'plans.addSection': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan',
    entityId: (input) => input.planId,
    handler: async ({ db, now }, input) => {
      return editDraft(db, input.planId, now, async () => {
        if (input.parentId) {
          const parent = await sectionRow(db, input.parentId);
          if (parent.plan_id !== input.planId) throw new AppError('validation', 'the parent section belongs to another plan');
          if (parent.parent_id !== null) throw new AppError('validation', 'sections nest two levels deep');
        }
        await insertSection(db, input.planId, input);
      });
    },
  },
  'plans.updateSection': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan_section',
    entityId: (input) => input.id,
    handler: async ({ db, now }, input) => {
      const s = await sectionRow(db, input.id);
      return editDraft(db, s.plan_id, now, async () => {
        const set: { title_kk?: string; title_ru?: string } = {};
        if (input.titleKk !== undefined) set.title_kk = input.titleKk;
        if (input.titleRu !== undefined) set.title_ru = input.titleRu;
        if (Object.keys(set).length > 0) await db.updateTable('plan_sections').set(set).where('id', '=', input.id).execute();
      });
    },
  },
  'plans.deleteSection': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan_section',
    entityId: (input) => input.id,
    handler: async ({ db, now }, input) => {
      const s = await sectionRow(db, input.id);
      return editDraft(db, s.plan_id, now, async () => {
        await db.deleteFrom('plan_sections').where('id', '=', input.id).execute();
      });
    },
  },
  'plans.moveSection': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan_section',
    entityId: (input) => input.id,
    handler: async ({ db, now }, input) => {
      const s = await sectionRow(db, input.id);
      return editDraft(db, s.plan_id, now, async () => {
        await moveSection(db, input.id, input.toIndex);
      });
    },
  },
  'plans.addItem': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan',
    entityId: (input) => input.sectionId,
    handler: async ({ db, now }, input) => {
      const s = await sectionRow(db, input.sectionId);
      return editDraft(db, s.plan_id, now, async () => {
        await ensureBuiltinFrameworks(db, now);
        await insertItem(db, s.plan_id, input.sectionId, input.fields, now, input.afterId);
      });
    },
  },
  'plans.updateItem': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan_item',
    entityId: (input) => input.id,
    handler: async ({ db, now }, input) => {
      const current = await itemRow(db, input.id);
      return editDraft(db, current.plan_id, now, async () => {
        const row = fieldsToRow(input.fields, current);
        if (Object.keys(row).length > 0) {
          await db
            .updateTable('plan_items')
            .set({ ...row, updated_at: now.toISOString() })
            .where('id', '=', input.id)
            .execute();
        }
        if (input.fields.frameworkItemIds !== undefined) await setLinks(db, input.id, input.fields.frameworkItemIds);
      });
    },
  },
  'plans.deleteItem': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan_item',
    entityId: (input) => input.id,
    handler: async ({ db, now }, input) => {
      const current = await itemRow(db, input.id);
      return editDraft(db, current.plan_id, now, async () => {
        await db.deleteFrom('plan_items').where('id', '=', input.id).execute();
      });
    },
  },
  'plans.moveItem': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan_item',
    entityId: (input) => input.id,
    handler: async ({ db, now }, input) => {
      const current = await itemRow(db, input.id);
      return editDraft(db, current.plan_id, now, async () => {
        await moveItem(db, input.id, input.sectionId, input.toIndex);
      });
    },
  },
  'plans.approve': {
    access: PLAN_APPROVERS,
    kind: 'write',
    entity: 'plan',
    entityId: (input) => input.id,
    handler: async ({ db, now, session }, input) => approvePlan(db, input.id, input, session?.accountId ?? null, now),
  },
  'plans.startRevision': {
    access: PLAN_REVISERS,
    kind: 'write',
    entity: 'plan',
    entityId: (input) => input.id,
    handler: async ({ db, now }, input) => startRevision(db, input.id, now),
  },
  'plans.pendingChanges': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }, input) => pendingChanges(db, input.id),
  },
  'plans.signPdf': {
    access: PLAN_APPROVERS,
    kind: 'write',
    entity: 'plan',
    entityId: (input) => input.id,
    guard: OWN_CERTIFICATE,
    handler: async (ctx, input) => issuePlanPdf(ctx, input.id, input.language, input.signer),
  },
  'plans.previewPdf': {
    access: 'authenticated',
    kind: 'sensitive',
    entity: 'plan',
    entityId: (input) => input.id,
    handler: async ({ db }, input) => ({ pdfBase64: (await previewPlanPdf(db, input.id, input.language)).toString('base64') }),
  },
  'plans.calendar': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }, input) => readCalendar(db, input.academicYear),
  },
  'plans.setCalendar': {
    access: EDITORS,
    kind: 'write',
    entity: 'school_calendar',
    entityId: (input) => String(input.academicYear),
    handler: async ({ db, now }, input) => {
      await writeCalendar(db, input, now);
      return readCalendar(db, input.academicYear);
    },
  },
  'plans.executions': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }, input) => listExecutions(db, input.planId, input.quarter),
  },
  'plans.setExecution': {
    access: EXECUTORS,
    kind: 'write',
    entity: 'plan_item',
    entityId: (input) => input.itemId,
    handler: async ({ db, now, session }, input) => setExecution(db, input, session?.accountId ?? null, now),
  },
  'plans.addEvidence': {
    access: EXECUTORS,
    kind: 'write',
    entity: 'plan_evidence',
    entityId: (_input, out) => out?.id ?? null,
    handler: async ({ db, now, session }, input) => addEvidence(db, input, session?.accountId ?? null, now),
  },
  'plans.getEvidence': {
    access: 'authenticated',
    kind: 'sensitive',
    entity: 'plan_evidence',
    entityId: (input) => input.id,
    handler: async ({ db }, input) => getEvidence(db, input.id),
  },
  'plans.deleteEvidence': {
    access: EXECUTORS,
    kind: 'write',
    entity: 'plan_evidence',
    entityId: (input) => input.id,
    guard: {
      rule: 'the uploader',
      // the roles that edit the plan (and also record execution) may remove anyone's file
      bypass: EXECUTORS.filter((r) => (EDITORS as readonly string[]).includes(r)),
      check: async ({ db, session }, input) => {
        const r = await db.selectFrom('plan_evidence').select('added_by').where('id', '=', input.id).executeTakeFirst();
        return !r || (r.added_by !== null && r.added_by === session?.accountId);
      },
    },
    handler: async ({ db }, input) => {
      await deleteEvidence(db, input.id);
      return null;
    },
  },
  'plans.progress': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, now }, input) => sectionProgress(db, input.planId, input.today ?? isoDate(now)),
  },
  'plans.overdue': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, now }, input) => overdueItems(db, input.planId, input.today ?? isoDate(now)),
  },
  'plans.upcoming': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, now }, input) => upcomingItems(db, input.today ?? isoDate(now), input.days),
  },
  'plans.reportsDue': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, now }, input) => reportsDue(db, input.today ?? isoDate(now)),
  },
  'plans.quarterlyReport': {
    access: REPORT_ISSUERS,
    kind: 'write',
    entity: 'plan',
    entityId: (input) => input.planId,
    guard: OWN_CERTIFICATE,
    handler: async (ctx, input) => issueQuarterlyReport(ctx, input.planId, input.quarter, input.language, input.signer),
  },
};
