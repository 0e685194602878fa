/**
 * Issuing a final document: number it in the register, render it with the signers' stamps, sign it (one
 * incremental signature per signer, in order: e.g. chair, then secretary) and store the bytes. Other features call
 * `issueDocument` from their handlers (inside the write transaction `ctx.db`).
 *
 * ```ts
 * const issued = await issueDocument(ctx, {
 *   kind: 'minutes', lang: 'kk', title: 'Хаттама № 3',
 *   signers: [input.chair, input.secretary],          // SignerInput: { certificateId, password }
 *   source: { type: 'council_meeting', id: meeting.id },
 *   build: ({ registerNumber, documentId, stamps }) => officialDocument({
 *     lang: 'kk', title: 'Хаттама № 3', registerNumber, documentId,
 *     content: [ …, { columns: [stamps[0]!, { width: 20, text: '' }, stamps[1]!] } ],
 *   }),
 * });
 * ```
 * Stamps the template does not place are added at the end of the document.
 */
import crypto from 'node:crypto';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { DocumentKind, DocumentSigner, DocumentSummary, SignerInput } from '../../../shared/documents';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { AppError } from '../errors';
import { signatureStamp } from './blocks';
import { openSigner } from './certstore';
import { insertDocument, nextNumber } from './register';
import { renderWithStampBoxes } from './render';
import { signPdf } from './sign';
import type { DocLang } from './types';
import { formatRegisterNumber } from '../../../shared/documents';
import type { LoadedP12 } from './certificates';

export interface BuildContext {
  registerNumber: string;
  documentId: string;
  /** one stamp per signer, in the order of `signers`; place them where the signatures belong */
  stamps: Content[];
}

export interface IssueRequest {
  kind: DocumentKind;
  lang: DocLang;
  title: string;
  signers: SignerInput[];
  source?: { type: string; id: string };
  build: (b: BuildContext) => TDocumentDefinitions;
}

export interface IssueContext {
  db: Kysely<Database> | Transaction<Database>;
  now: Date;
  session: { accountId: string } | null;
}

export interface IssuedDocument {
  document: DocumentSummary;
  pdf: Buffer;
}

/** A signer already opened (tests, samples): skips the DB certificate lookup. */
export interface OpenedSigner {
  certificateId: string | null;
  p12: LoadedP12;
  /** printed on the stamp instead of the certificate's own title */
  position?: string | undefined;
}

function reasonFor(lang: DocLang): string {
  return lang === 'kk' ? 'Құжатқа қол қойылды' : 'Документ подписан';
}

/**
 * Renders and signs without touching the DB: the register number and id are given. Used by `issueDocument` and
 * by the bench and samples.
 */
export async function renderAndSign(
  req: Pick<IssueRequest, 'lang' | 'build'>,
  signers: OpenedSigner[],
  registerNumber: string,
  documentId: string,
  now: Date,
): Promise<{ pdf: Buffer; signers: DocumentSigner[] }> {
  const infos = signers.map((s) => ({
    signer: s.p12.details.subjectName,
    position: s.position ?? s.p12.details.position,
    signedAt: now,
    serialHex: s.p12.details.serialHex,
    issuer: s.p12.details.issuerName,
  }));
  const stamps = infos.map((info, i) => signatureStamp(req.lang, String(i), info));
  let dd = req.build({ registerNumber, documentId, stamps });
  let { pdf, boxes } = await renderWithStampBoxes(dd);
  const missing = stamps.filter((_, i) => !boxes.has(String(i)));
  if (missing.length > 0) {
    const content = Array.isArray(dd.content) ? dd.content : [dd.content];
    dd = { ...dd, content: [...content, ...missing] };
    ({ pdf, boxes } = await renderWithStampBoxes(dd));
  }
  for (let i = 0; i < signers.length; i++) {
    const box = boxes.get(String(i));
    if (!box) throw new AppError('internal', 'a signature stamp could not be placed');
    pdf = await signPdf(pdf, signers[i]!.p12, {
      page: box.page,
      rect: box.rect,
      signingTime: now,
      name: infos[i]!.signer,
      reason: reasonFor(req.lang),
    });
  }
  return {
    pdf,
    signers: signers.map((s, i) => ({
      name: infos[i]!.signer,
      position: infos[i]!.position,
      serialHex: infos[i]!.serialHex,
      issuer: infos[i]!.issuer,
      signedAt: now.toISOString(),
      certificateId: s.certificateId,
    })),
  };
}

/**
 * Numbers, renders, signs and registers a final document. Errors: the signers' `documents.wrong_p12_password`,
 * `documents.certificate_expired`, `documents.no_certificate`. Run inside a write transaction.
 */
export async function issueDocument(ctx: IssueContext, req: IssueRequest): Promise<IssuedDocument> {
  const opened: OpenedSigner[] = [];
  for (const s of req.signers) {
    const { id, p12 } = await openSigner(ctx.db, s.certificateId, s.password, ctx.now);
    opened.push({ certificateId: id, p12, position: s.position });
  }
  const year = ctx.now.getFullYear();
  const number = await nextNumber(ctx.db, req.kind, year);
  const id = crypto.randomUUID();
  const registerNumber = formatRegisterNumber(req.kind, year, number);
  const { pdf, signers } = await renderAndSign(req, opened, registerNumber, id, ctx.now);
  const document = await insertDocument(ctx.db, {
    id,
    kind: req.kind,
    year,
    number,
    title: req.title,
    language: req.lang,
    pdf,
    signers,
    sourceType: req.source?.type ?? null,
    sourceId: req.source?.id ?? null,
    createdBy: ctx.session?.accountId ?? null,
    createdAt: ctx.now,
  });
  return { document, pdf };
}
