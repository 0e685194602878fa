/**
 * "Print for the pupil": the newest version of the pupil's safety plan as a one-page sheet (pdf.ts), issued through
 * the documents engine as a `safety_plan` document (protected; only the confidential compartment's holders see it
 * in the register). Unsigned: it is the pupil's own sheet, not an official act. The chronology notes that it was
 * printed (sealed in `confidential`).
 */
import type { SafetyPlanSheet } from '../../../shared/screening';
import { recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import { issueDocument, type IssueContext } from '../documents/issue';
import type { DocLang } from '../documents/types';
import { AppError } from '../errors';
import { fittingSize, safetyPlanSheet, SHEET_WORDS, type SheetInput } from './pdf';
import { currentPlan } from './queries';

export async function printSafetyPlan(
  ctx: IssueContext & { keys: KeySource; authorName: string | null },
  input: { caseId: string; pupilId: string; lang: DocLang },
): Promise<SafetyPlanSheet> {
  const plan = await currentPlan(ctx.db, ctx.keys, input.caseId, input.pupilId);
  if (!plan) throw new AppError('safety_plan.missing', 'the pupil has no safety plan on this case yet');
  const pupil = await ctx.db.selectFrom('pupils').select(['first_name', 'last_name']).where('id', '=', input.pupilId).executeTakeFirst();
  if (!pupil) throw new AppError('not_found', 'no such pupil');
  const base: SheetInput = {
    lang: input.lang,
    pupil: { firstName: pupil.first_name, lastName: pupil.last_name },
    psychologist: ctx.authorName,
    steps: plan.steps,
    date: ctx.now,
    registerNumber: null,
    documentId: null,
  };
  const size = await fittingSize(base);
  const issued = await issueDocument(ctx, {
    kind: 'safety_plan',
    lang: input.lang,
    title: SHEET_WORDS[input.lang].registerTitle,
    signers: [],
    source: { type: 'case', id: input.caseId },
    build: ({ registerNumber, documentId }) => safetyPlanSheet({ ...base, registerNumber, documentId }, size),
  });
  await recordChronology(ctx.db, ctx.keys, { accountId: ctx.session?.accountId ?? null, now: ctx.now }, {
    pupilId: input.pupilId,
    kind: 'safety_plan',
    source: { table: 'documents', id: issued.document.id },
    summary: { key: 'safety_plan_printed', registerNumber: issued.document.registerNumber, version: plan.version },
    confidential: true,
  });
  return { documentId: issued.document.id, registerNumber: issued.document.registerNumber, pdfBase64: issued.pdf.toString('base64') };
}
