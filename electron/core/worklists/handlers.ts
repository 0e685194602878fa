/**
 * Work lists. Everyone who works with pupils sees the work assigned to them (`scope: 'mine'`); the whole school's
 * work (`scope: 'school'`) only the roles of WORK_OVERSEERS — a guard declared here, so the access matrix shows it.
 * The counts are numbers only (a plain read, polled by the navigation); a page of a list names pupils and is
 * audited as a list read: which list, which scope, the page and the count.
 */
import { CASE_READERS, WORK_LIST_READERS, WORK_OVERSEERS } from '../../../shared/permissions';
import type { HandlersFor } from '../registry';
import { workCounts, workList } from './lists';
import { navCounts } from './nav';

const schoolScopeGuard = {
  rule: "only their own work (everyone's: the overseers)",
  bypass: WORK_OVERSEERS,
  check: async (_ctx: unknown, input: { scope: 'mine' | 'school' }) => input.scope === 'mine',
};

export const worklistsHandlers: HandlersFor<'worklists'> = {
  'worklists.counts': {
    access: WORK_LIST_READERS,
    kind: 'read',
    guard: schoolScopeGuard,
    handler: async ({ core, db, now, session }, input) =>
      workCounts(db, { ownerId: input.scope === 'school' ? null : (session?.accountId ?? null), now, keys: core }),
  },
  'worklists.nav': {
    access: WORK_LIST_READERS,
    kind: 'read',
    // the concerns' count is shown to the roles that triage them (the inbox's readers); others get null
    handler: async ({ core, db, now, session, hasRole }) =>
      navCounts(db, { accountId: session?.accountId ?? '', now, keys: core, withConcerns: CASE_READERS.some((r) => hasRole(r)) }),
  },
  'worklists.list': {
    access: WORK_LIST_READERS,
    kind: 'list',
    entity: 'work',
    guard: schoolScopeGuard,
    listAudit: (input, out) => ({
      filter: { list: input.list, scope: input.scope, page: input.page },
      count: out.items.length,
    }),
    handler: async ({ core, db, now, session }, input) =>
      workList(db, {
        list: input.list,
        page: input.page,
        pageSize: input.pageSize,
        ownerId: input.scope === 'school' ? null : (session?.accountId ?? null),
        now,
        keys: core,
      }),
  },
};
