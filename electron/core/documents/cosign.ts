/**
 * Co-signing at different times. A document is issued with the signatures at hand (e.g. the council's
 * secretary) and declares the ones made later (the chair) as signature slots; it then waits in the register as
 * "awaiting the signature of <role>". `cosignDocument` adds the next signature from the right account's login as
 * an incremental update of the stored signed bytes, with its own stamp as the appearance of its widget.
 *
 * Safety of the stored file: the new version is built in memory, verified (the old bytes are its exact prefix,
 * every signature is intact, the new one covers the whole file) and only then swapped in, in the caller's write
 * transaction; the DB's own trigger (migration 0010) refuses any update that is not such an extension. An error
 * anywhere leaves the previous signed file as it was.
 */
import type { AwaitingSignature, DocumentSummary, SignerInput } from '../../../shared/documents';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { openSigner } from './certstore';
import { signSlot } from './issue';
import { getDocument, getDocumentPdf, sha256Hex } from './register';
import { mayFill, rectSchema, withAwaiting, type Signatory } from './slots';
import { checkSignatures } from './verify';
import { replaceSealedPdf, revealTitle } from './sealed';
import type { KeySource } from '../core';

export interface CosignOptions {
  /** test seam: called with the verified new bytes just before they replace the stored ones */
  beforeSwap?: (pdf: Buffer) => void;
}

/**
 * Adds the next signature of document `id`, by `who` with `signer`'s certificate (held by `who`). Errors:
 * `not_found`, `documents.not_awaiting_signature`, `documents.not_your_signature`, the certificate errors of
 * `openSigner`. Run inside a write transaction.
 */
export async function cosignDocument(
  ctx: { db: Db; now: Date; keys?: KeySource },
  who: Signatory,
  id: string,
  signer: SignerInput,
  options: CosignOptions = {},
): Promise<DocumentSummary> {
  const { db, now } = ctx;
  // a sealed welfare document opens only for a holder of `protection` (`keys.not_holder`)
  const { summary, pdf, sealed } = await getDocumentPdf(db, id, ctx.keys);
  const slotRow = await db
    .selectFrom('document_signature_slots')
    .selectAll()
    .where('document_id', '=', id)
    .where('signed_at', 'is', null)
    .orderBy('slot')
    .executeTakeFirst();
  if (!slotRow) throw new AppError('documents.not_awaiting_signature', 'this document waits for no signature');
  const slot: AwaitingSignature = {
    slot: slotRow.slot,
    role: slotRow.role,
    roleLabel: slotRow.role_label,
    accountId: slotRow.account_id,
    requiredRole: slotRow.required_role,
  };
  if (!mayFill(slot, who)) throw new AppError('documents.not_your_signature', 'this signature is another account’s to make');
  const cert = await db
    .selectFrom('signing_certificates')
    .select(['owner_account_id'])
    .where('id', '=', signer.certificateId)
    .executeTakeFirst();
  if (!cert) throw new AppError('documents.no_certificate', 'no such signing certificate');
  // the signer's own certificate, or one the school shares (no holder), as plans accept
  if (cert.owner_account_id !== null && cert.owner_account_id !== who.accountId) {
    throw new AppError('documents.not_your_signature', 'the certificate is held by another account');
  }
  const opened = await openSigner(db, signer.certificateId, signer.password, now);
  const rect = rectSchema.parse(JSON.parse(slotRow.rect));
  const position = signer.position ?? slotRow.position ?? undefined;
  const { pdf: next, signer: made } = await signSlot(
    pdf,
    { page: slotRow.page, rect },
    { certificateId: opened.id, p12: opened.p12, position },
    summary.language,
    now,
  );

  // verify the new version before it replaces the stored one
  const before = checkSignatures(pdf).length;
  const checks = checkSignatures(next);
  const prefixKept = next.length > pdf.length && next.subarray(0, pdf.length).equals(pdf);
  if (!prefixKept || checks.length !== before + 1 || !checks.every((c) => c.intact) || !checks.at(-1)!.coversWholeDocument) {
    throw new AppError('internal', 'the co-signed file did not verify; the stored file is unchanged');
  }
  options.beforeSwap?.(next);

  const sha256 = sha256Hex(next);
  const signers = [...summary.signers, made];
  const swapped = await db
    .updateTable('documents')
    .set(sealed ? { sha256, size_bytes: next.length, signers: JSON.stringify(signers) } : { pdf: next, sha256, size_bytes: next.length, signers: JSON.stringify(signers) })
    .where('id', '=', id)
    .where('sha256', '=', summary.sha256)
    .executeTakeFirst();
  if (Number(swapped.numUpdatedRows) !== 1) throw new AppError('internal', 'the document changed meanwhile; nothing was signed');
  if (sealed) await replaceSealedPdf(db, ctx.keys, id, next);
  await db
    .updateTable('document_signature_slots')
    .set({
      signed_at: now.toISOString(),
      signed_by: who.accountId,
      signer: JSON.stringify(made),
      sha256_after: sha256,
      size_after: next.length,
    })
    .where('document_id', '=', id)
    .where('slot', '=', slotRow.slot)
    .where('signed_at', 'is', null)
    .execute();
  return withAwaiting(db, await revealTitle(db, ctx.keys, await getDocument(db, id)));
}
