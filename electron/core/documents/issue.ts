/**
 * Issuing a final document: number it in the register, lay it out with blank room for each signer's stamp, sign
 * it (one incremental revision per signature; each revision adds its own stamp as the appearance of its signature
 * widget, so revision 0 shows no stamp and revision N shows N) and store the bytes. Other features call
 * `issueDocument` from their handlers (inside the write transaction `ctx.db`).
 *
 * ```ts
 * const issued = await issueDocument(ctx, {
 *   kind: 'minutes', lang: 'kk', title: 'Хаттама № 3',
 *   signers: [input.secretary],                         // SignerInput: { certificateId, password }
 *   later: [{ role: 'chair', roleLabel: 'Төраға', accountId: chairAccountId }],   // co-signs later (cosign.ts)
 *   source: { type: 'council_meeting', id: meeting.id },
 *   build: ({ registerNumber, documentId, stamps }) => officialDocument({
 *     lang: 'kk', title: 'Хаттама № 3', registerNumber, documentId,
 *     content: [ …, signatureLine('Төраға', 'М.Қаншев', stamps[1]), signatureLine('Хатшы', 'Ә.Сейітова', stamps[0]) ],
 *   }),
 * });
 * ```
 * `stamps` holds one blank slot per signer, `signers` first, then `later`; slots the template does not place are
 * added at the end of the document. A document with `later` signers waits in the register as "awaiting the
 * signature of <roleLabel>" until `cosignDocument` adds the next signature.
 */
import crypto from 'node:crypto';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { DocumentKind, DocumentSigner, DocumentSummary, SignerInput } from '../../../shared/documents';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { stampSlot } from './blocks';
import { stampDocument, type StampInfo } from './appearance';
import { openSigner } from './certstore';
import { insertDocument, nextNumber } from './register';
import { assertSlotsPlaceable, renderPdf, renderWithStampBoxes } from './render';
import { signPdf } from './sign';
import type { DocLang, StampBox } from './types';
import type { Role } from '../../../shared/roles';
import { insertSignatureSlots, withAwaiting } from './slots';
import { sha256Hex } from './register';
import { formatRegisterNumber } from '../../../shared/documents';
import type { LoadedP12 } from './certificates';
import type { KeySource } from '../core';

export interface BuildContext {
  registerNumber: string;
  documentId: string;
  /**
   * one blank stamp slot per signer (`signers`, then `later`); place each where its signature belongs (next to the
   * signer's line). The slot draws nothing: the stamp appears with the signature.
   */
  stamps: Content[];
}

export interface IssueRequest {
  kind: DocumentKind;
  lang: DocLang;
  title: string;
  signers: SignerInput[];
  /** the slot key and printed role of each of `signers` (default: "signer-N" and the signer's position) */
  signerRoles?: { role: string; roleLabel: string }[];
  /** signatures added later, from other logins (`cosignDocument`), in this order after `signers` */
  later?: LaterSigner[];
  source?: { type: string; id: string };
  build: (b: BuildContext) => TDocumentDefinitions;
}

/** A signature the document declares but that is made later, by another account. */
export interface LaterSigner {
  /** the slot's key, e.g. 'chair' */
  role: string;
  /** the role as printed in the document's language ("Төраға"); the register shows "awaiting: Төраға" */
  roleLabel: string;
  /** the account that must sign; null: any account holding `requiredRole` */
  accountId: string | null;
  requiredRole?: Role | null;
  /** printed on the stamp instead of the certificate's own title */
  position?: string;
}

export interface IssueContext {
  db: Db;
  now: Date;
  session: { accountId: string } | null;
  /**
   * the session's keys (a handler's `core` does): a welfare kind (`PROTECTED_DOCUMENT_KINDS`) is then stored sealed
   * in `protection` (documents/sealed.ts); without either it is stored plain until a holder's next unlock
   */
  keys?: KeySource;
  core?: KeySource;
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

/** The stamp of one signature, as a one-page PDF the size of the stamp box. */
export async function renderStamp(lang: DocLang, info: StampInfo): Promise<Buffer> {
  return renderPdf(stampDocument(lang, info));
}

function stampInfo(signer: OpenedSigner, now: Date): StampInfo {
  const d = signer.p12.details;
  return {
    signer: d.subjectName,
    position: signer.position ?? d.position,
    signedAt: now,
    serialHex: d.serialHex,
    issuer: d.issuerName,
  };
}

/**
 * Lays the document out with `slotCount` blank stamp slots and reports where each landed. The bytes are
 * revision 0 of the issued file: no stamp, no signature.
 */
export async function layOutForSigning(
  req: Pick<IssueRequest, 'build'>,
  slotCount: number,
  registerNumber: string,
  documentId: string,
): Promise<{ pdf: Buffer; boxes: StampBox[] }> {
  const stamps = Array.from({ length: slotCount }, (_, i) => stampSlot(String(i)));
  let dd = req.build({ registerNumber, documentId, stamps });
  try {
    assertSlotsPlaceable(dd.content);
  } catch {
    throw new AppError('internal', 'a signature stamp slot is inside an unbreakable block');
  }
  let { pdf, boxes } = await renderWithStampBoxes(dd);
  const missing = stamps.filter((_, i) => !boxes.has(String(i)));
  if (missing.length > 0) {
    const content = Array.isArray(dd.content) ? dd.content : [dd.content];
    dd = { ...dd, content: [...content, ...missing.map((m): Content => ({ stack: [m], margin: [0, 10, 0, 0] }))] };
    ({ pdf, boxes } = await renderWithStampBoxes(dd));
  }
  const out: StampBox[] = [];
  for (let i = 0; i < slotCount; i++) {
    const box = boxes.get(String(i));
    if (!box) throw new AppError('internal', 'a signature stamp could not be placed');
    out.push(box);
  }
  return { pdf, boxes: out };
}

/**
 * Adds one signature (an incremental revision) to `pdf` in the reserved `box`; the revision carries the stamp
 * as the appearance of its widget. Earlier bytes are kept as they are.
 */
export async function signSlot(
  pdf: Buffer,
  box: StampBox,
  signer: OpenedSigner,
  lang: DocLang,
  now: Date,
): Promise<{ pdf: Buffer; signer: DocumentSigner }> {
  const info = stampInfo(signer, now);
  const appearance = await renderStamp(lang, info);
  const signed = await signPdf(pdf, signer.p12, {
    page: box.page,
    rect: box.rect,
    signingTime: now,
    name: info.signer,
    reason: reasonFor(lang),
    appearance,
  });
  return {
    pdf: signed,
    signer: {
      name: info.signer,
      position: info.position,
      serialHex: info.serialHex,
      issuer: info.issuer,
      signedAt: now.toISOString(),
      certificateId: signer.certificateId,
    },
  };
}

/**
 * Renders and signs without touching the DB: the register number and id are given. `pendingSlots` more stamp
 * slots are reserved for signatures made later (`signSlot` with the returned boxes). Used by `issueDocument`, by
 * the bench and samples. `revisions` holds the byte length of each revision (0 = unsigned, i = after signer i).
 */
export async function renderAndSign(
  req: Pick<IssueRequest, 'lang' | 'build'>,
  signers: OpenedSigner[],
  registerNumber: string,
  documentId: string,
  now: Date,
  pendingSlots = 0,
): Promise<{ pdf: Buffer; signers: DocumentSigner[]; boxes: StampBox[]; revisions: number[] }> {
  const laidOut = await layOutForSigning(req, signers.length + pendingSlots, registerNumber, documentId);
  let pdf = laidOut.pdf;
  const revisions = [pdf.length];
  const done: DocumentSigner[] = [];
  for (let i = 0; i < signers.length; i++) {
    const r = await signSlot(pdf, laidOut.boxes[i]!, signers[i]!, req.lang, now);
    pdf = r.pdf;
    done.push(r.signer);
    revisions.push(pdf.length);
  }
  return { pdf, signers: done, boxes: laidOut.boxes, revisions };
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
  const later = req.later ?? [];
  const { pdf, signers, boxes, revisions } = await renderAndSign(req, opened, registerNumber, id, ctx.now, later.length);
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
  }, ctx.keys ?? ctx.core);
  await insertSignatureSlots(ctx.db, {
    documentId: id,
    boxes,
    signed: signers.map((s, i) => {
      const size = revisions[i + 1]!;
      return {
        role: req.signerRoles?.[i]?.role ?? `signer-${i + 1}`,
        roleLabel: req.signerRoles?.[i]?.roleLabel ?? s.position,
        signer: s,
        accountId: ctx.session?.accountId ?? null,
        sha256: sha256Hex(pdf.subarray(0, size)),
        sizeBytes: size,
      };
    }),
    later,
  });
  return { document: await withAwaiting(ctx.db, document), pdf };
}
