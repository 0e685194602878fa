/**
 * The documents engine's public API for other features (plans, council, reports …). Import from here.
 *
 * - Blocks (blocks.ts): `officialDocument` (A4, PT Serif 14 pt, footer with register number and page numbers),
 *   `approvalBlock` («Бекітемін» / «Утверждаю», with the approver's stamp slot), `titleBlock`, `paragraph`,
 *   `dataTable` (header row repeats on every page) with `sectionRow`, `signatureLine` (with a stamp slot),
 *   `stampSlot` (blank room for a stamp).
 * - Dates (dates.ts): `formatDateKk` → "2023 жылғы 31 тамыз", `formatDateRu` → "31 августа 2023 г.",
 *   `formatDate`, `formatMonth`, `formatDateTime`, `blankDateLine`.
 * - Rendering (render.ts): `renderPdf(dd)` for drafts and previews.
 * - Issuing (issue.ts): `issueDocument(ctx, { kind, lang, title, signers, source, build })` numbers the document,
 *   renders it with the signers' stamps, signs it (one incremental signature per signer, in order) and stores it in
 *   the register. Call it inside a write handler with `ctx` (its `db` is the transaction). Stamps are the
 *   appearances of their signatures (appearance.ts), added in the revision that signs.
 * - Co-signing (cosign.ts, slots.ts): `issueDocument(…, { later: [...] })` leaves signatures for later;
 *   `cosignDocument` appends the next one from the right login; `listAwaitingFor` lists what an account must sign.
 * - Verification (verify.ts, check.ts): `checkSignatures(bytes)`, `verifyPdf(db, bytes)`.
 */
export {
  BODY_FONT_SIZE,
  TABLE_FONT_SIZE,
  MARGINS,
  approvalBlock,
  dataTable,
  keepHyphenatedWords,
  officialDocument,
  paragraph,
  sectionRow,
  signatureLine,
  signatureLineText,
  stampSlot,
  titleBlock,
  type ApprovalInfo,
  type Cell,
  type DataTableOptions,
  type OfficialDocumentOptions,
} from './blocks';
export { blankDateLine, formatDate, formatDateKk, formatDateRu, formatDateTime, formatMonth, KK_MONTHS, RU_MONTHS_GENITIVE } from './dates';
export { renderPdf, STAMP_SIZE } from './render';
export { STAMP_BOX, stampDocument, type StampInfo } from './appearance';
export { cosignDocument } from './cosign';
export { attachAwaiting, listAwaitingFor, withAwaiting } from './slots';
export { issueDocument, layOutForSigning, renderAndSign, signSlot, type BuildContext, type IssueContext, type IssueRequest, type IssuedDocument, type LaterSigner, type OpenedSigner } from './issue';
export { checkSignatures, type SignatureCheck } from './verify';
export { verifyPdf } from './check';
export type { DocLang, Orientation } from './types';
