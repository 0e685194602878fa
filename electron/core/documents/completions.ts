/**
 * What happens when a co-signed document receives its last signature, by the document's source type: the feature
 * that issued it finishes its own record in the same transaction that stores the signature (so a failure there
 * leaves the previous signed file as it was). A feature whose documents wait for later signatures adds its entry.
 */
import type { DocumentSummary } from '../../../shared/documents';
import { completeCouncilMinutes, MEETING_SOURCE } from '../council/complete';
import type { KeySource } from '../core';
import type { Db } from '../db/types';

export interface CompletionContext {
  db: Db;
  keys: KeySource;
  /** the account whose signature completed the document */
  accountId: string;
  now: Date;
}

export type DocumentCompletion = (ctx: CompletionContext, doc: DocumentSummary) => Promise<void>;

export const DOCUMENT_COMPLETIONS: Record<string, DocumentCompletion> = {
  [MEETING_SOURCE]: (ctx, doc) => completeCouncilMinutes(ctx, doc),
};

/** Runs the completion of a document that has just received its last signature (none pending). */
export async function completeIfFullySigned(ctx: CompletionContext, doc: DocumentSummary): Promise<void> {
  if (doc.awaiting || !doc.sourceType) return;
  const complete = DOCUMENT_COMPLETIONS[doc.sourceType];
  if (complete) await complete(ctx, doc);
}
