/**
 * Issuing the case documents: read the case as the caller may (a protection holder: the registry's access rule and
 * the `keys.not_holder` check below), build the PDF, sign it with the caller's own certificate, store it in the
 * register with the case as its source, and note it in the chronology of the pupils it is about (all the case's
 * pupils for the summary, the one pupil for a letter).
 */
import { sql } from 'kysely';
import type { CaseDetail } from '../../../shared/cases';
import type { CaseDocument } from '../../../shared/case-documents';
import type { DocumentSummary, SignerInput } from '../../../shared/documents';
import type { ParsedInputOf } from '../../../shared/contract';
import type { caseDocumentsMethods } from '../../../shared/case-documents';
import { RISK_KK, STAGE_KK } from '../cases/labels';
import { getCase } from '../cases/queries';
import { decodeMessage } from '../chronology/messages';
import { chronologyProtected, recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { issueDocument, type IssueContext } from '../documents/issue';
import { documentsOfSource } from '../documents/register';
import type { DocLang } from '../documents/types';
import { AppError } from '../errors';
import { readSchoolProfile } from '../school/queries';
import { caseSummaryDocument, caseSummaryRegisterTitle, parentLetterDocument, parentLetterRegisterTitle, parseChange, type CourseEvent } from './pdf';

export type CaseDocContext = IssueContext & { keys: KeySource; authorName: string };

/**
 * The case's stage and risk changes, oldest first, from the chronology (one entry per pupil per change:
 * deduplicated), as stages and risk levels so the document prints them in its own language: from the entry's
 * message (chronology/messages.ts), or — for an entry written before messages — read back from its Kazakh line
 * ("№12: анықталды → бағалау").
 */
export async function courseEvents(db: Db, keys: KeySource, caseId: string): Promise<CourseEvent[]> {
  const rows = await db
    .selectFrom('chronology')
    .select(['id', 'kind', 'written_at', 'occurred_at', 'summary_enc', 'confidential_enc'])
    .where('source_table', '=', 'cases')
    .where('source_id', '=', caseId)
    .where('kind', 'in', ['case_stage', 'case_risk'])
    .orderBy('written_at')
    // written in the same instant (a fixed clock, or two changes in one second): in the order they were written
    .orderBy(sql`rowid`)
    .execute();
  const seen = new Set<string>();
  const out: CourseEvent[] = [];
  for (const r of rows) {
    const summary = chronologyProtected.read(keys, r.id, r).summary_enc;
    if (summary === null) continue;
    let event: CourseEvent | null = null;
    const m = decodeMessage(r.kind === 'case_stage' ? 'case_stage' : 'case_risk', summary);
    if (m?.key === 'case_stage') event = { kind: 'stage', at: r.occurred_at, from: m.from, to: m.to };
    else if (m?.key === 'case_risk') event = { kind: 'risk', at: r.occurred_at, from: m.from, to: m.to };
    else if (r.kind === 'case_stage') {
      const p = parseChange(summary, STAGE_KK);
      if (p) event = { kind: 'stage', at: r.occurred_at, ...p };
    } else {
      const p = parseChange(summary, RISK_KK);
      if (p) event = { kind: 'risk', at: r.occurred_at, ...p };
    }
    if (!event) continue;
    const key = `${r.written_at}|${event.kind}|${event.from}|${event.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(event);
  }
  return out;
}

/** The case as the caller reads it; refused without the protection compartment (the summary would be empty). */
async function readCase(db: Db, keys: KeySource, caseId: string): Promise<CaseDetail> {
  const c = await getCase(db, keys, caseId);
  if (c.title === null) throw new AppError('keys.not_holder', 'case documents need the protection compartment');
  return c;
}

/** The signer's own certificate: its position is printed under the signature line. */
async function signerPosition(ctx: IssueContext, signer: SignerInput): Promise<string> {
  const r = await ctx.db.selectFrom('signing_certificates').select(['owner_account_id', 'position']).where('id', '=', signer.certificateId).executeTakeFirst();
  if (!r) throw new AppError('documents.no_certificate', 'no such certificate');
  if (r.owner_account_id !== null && r.owner_account_id !== ctx.session?.accountId) {
    throw new AppError('documents.no_certificate', 'the certificate belongs to another account');
  }
  return signer.position ?? r.position;
}

function result(issued: { document: DocumentSummary; pdf: Buffer }, lang: DocLang): CaseDocument {
  return {
    documentId: issued.document.id,
    registerNumber: issued.document.registerNumber,
    language: lang,
    sha256: issued.document.sha256,
    pdfBase64: issued.pdf.toString('base64'),
  };
}

async function chronicle(ctx: CaseDocContext, pupilIds: readonly string[], documentId: string, summary: string): Promise<void> {
  for (const pupilId of pupilIds) {
    await recordChronology(ctx.db, ctx.keys, { accountId: ctx.session?.accountId ?? null, now: ctx.now }, {
      pupilId,
      kind: 'document',
      source: { table: 'documents', id: documentId },
      summary,
    });
  }
}

export async function issueCaseSummary(ctx: CaseDocContext, caseId: string, lang: DocLang, signer: SignerInput): Promise<CaseDocument> {
  const c = await readCase(ctx.db, ctx.keys, caseId);
  const position = await signerPosition(ctx, signer);
  const course = await courseEvents(ctx.db, ctx.keys, caseId);
  const school = await readSchoolProfile(ctx.db);
  const title = caseSummaryRegisterTitle(lang, c.number);
  const issued = await issueDocument(ctx, {
    kind: 'case_summary',
    lang,
    title,
    signers: [signer],
    source: { type: 'case', id: caseId },
    build: ({ registerNumber, documentId, stamps }) =>
      caseSummaryDocument({ lang, school, c, course, author: { name: ctx.authorName, position }, registerNumber, documentId, stamps }),
  });
  await chronicle(
    ctx,
    c.pupils.map((p) => p.pupilId),
    issued.document.id,
    `${title}: ${issued.document.registerNumber}`,
  );
  return result(issued, lang);
}

type LetterInput = ParsedInputOf<(typeof caseDocumentsMethods)['caseDocs.parentLetter']>;

export async function issueParentLetter(ctx: CaseDocContext, input: LetterInput, today: string): Promise<CaseDocument> {
  const c = await readCase(ctx.db, ctx.keys, input.caseId);
  const pupil = c.pupils.find((p) => p.pupilId === input.pupilId);
  if (!pupil) throw new AppError('caseDocs.pupil_not_in_case', 'the letter is about a pupil of this case');
  if (input.meetingAt.slice(0, 10) < today) throw new AppError('caseDocs.meeting_in_past', 'the meeting date is in the past');
  const position = await signerPosition(ctx, input.signer);
  const school = await readSchoolProfile(ctx.db);
  const title = parentLetterRegisterTitle(input.language);
  const issued = await issueDocument(ctx, {
    kind: 'parent_letter',
    lang: input.language,
    title,
    signers: [input.signer],
    source: { type: 'case', id: input.caseId },
    build: ({ registerNumber, documentId, stamps }) =>
      parentLetterDocument({
        lang: input.language,
        school,
        pupil,
        addressee: input.addressee,
        meetingAt: input.meetingAt,
        place: input.place,
        contactPhone: input.contactPhone,
        today: ctx.now,
        signer: { name: ctx.authorName, position },
        registerNumber,
        documentId,
        stamps,
      }),
  });
  await chronicle(ctx, [pupil.pupilId], issued.document.id, `${title} (${input.meetingAt.replace('T', ' ')}): ${issued.document.registerNumber}`);
  return result(issued, input.language);
}

/** The documents whose source is this case, newest first. */
export function caseDocuments(db: Db, caseId: string): Promise<DocumentSummary[]> {
  return documentsOfSource(db, 'case', caseId);
}
