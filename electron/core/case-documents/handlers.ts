/**
 * The case documents' registrations. Issuing one is a write (a numbered document in the register) for the case
 * readers — the leadership and the case workers, who hold the protection compartment — signing with their own
 * certificate; listing a case's documents is a list read of the same people.
 */
import { isoDate } from '../../../shared/calendar';
import { CASE_READERS } from '../../../shared/permissions';
import type { Ctx, HandlersFor } from '../registry';
import { revealTitles } from '../documents/sealed';
import { caseDocuments, issueCaseSummary, issueParentLetter, type CaseDocContext } from './issue';

function docCtx(ctx: Ctx): CaseDocContext {
  return { db: ctx.db, now: ctx.now, session: ctx.session, keys: ctx.core, authorName: ctx.session?.displayName ?? '' };
}

export const caseDocumentsHandlers: HandlersFor<'caseDocs'> = {
  'caseDocs.list': {
    access: CASE_READERS,
    kind: 'list',
    entity: 'document',
    listAudit: (input, out) => ({ filter: { case: input.caseId }, count: out.length }),
    // sealed welfare documents keep no title in the register row: opened here for the holder
    handler: async (ctx, input) => revealTitles(ctx.db, ctx.core, await caseDocuments(ctx.db, input.caseId)),
  },
  'caseDocs.summary': {
    access: CASE_READERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => issueCaseSummary(docCtx(ctx), input.caseId, input.language, input.signer),
  },
  'caseDocs.parentLetter': {
    access: CASE_READERS,
    kind: 'write',
    entity: 'case',
    entityId: (input) => input.caseId,
    handler: async (ctx, input) => issueParentLetter(docCtx(ctx), input, isoDate(ctx.now)),
  },
};
