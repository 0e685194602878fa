/**
 * Welfare documents sealed in the `protection` compartment (migration 0018). The register row of a kind in
 * `PROTECTED_DOCUMENT_KINDS` keeps only what the register, verification, the audit and backups need — kind,
 * number, year, the SHA-256 and length of the signed file, its signers and source — and an empty `pdf` and title;
 * the signed file (all its revisions: one incremental PDF) and the title are `document_sealed` fields:
 *
 *   pdf_enc   the raw PDF bytes, sealed with `sealField` (no JSON, no base64: a 1 MB file costs 1 MB + 34 bytes)
 *   title_enc the title, a JSON string
 *
 * Both are declared with `protectedFields`, so a rotation of `protection` re-encrypts them with every other field.
 * A session without `protection` reads no title and gets `keys.not_holder` for the bytes (the registry's guard
 * refuses it before that). A document issued by code that hands over no keys (tests, older callers) is stored
 * plain and sealed by `sealPlaintextDocuments` at the next unlock of a holder, as are documents issued before 0018.
 *
 * A kind in `CONFIDENTIAL_DOCUMENT_KINDS` (the pupil's safety-plan sheet) is the psychologist's: its bytes and title
 * go to `document_confidential` (migration 0022), the same two fields sealed with the `confidential` key, so the
 * director's or any other protection holder's password opens nothing of it offline either. One sealed in
 * `protection` before (or by the plaintext sweep of a holder without `confidential`) is moved by
 * `moveConfidentialDocuments` at the next unlock of a holder of `confidential`.
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { CONFIDENTIAL_DOCUMENT_KINDS, PROTECTED_DOCUMENT_KINDS } from '../../../shared/documents';
import type { DocumentSummary } from '../../../shared/documents';
import { openField, protectedFields, sealField } from '../compartments/fields';
import type { KeySource } from '../core';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';

const TABLE = 'document_sealed';
const PDF_FIELD = 'pdf_enc';

export const documentSealedProtected = protectedFields(TABLE, 'document_id', {
  // raw bytes: written and read with sealField/openField below, never through write()/read()
  pdf_enc: { compartment: 'protection', schema: z.never() },
  title_enc: { compartment: 'protection', schema: z.string() },
});

const CONF_TABLE = 'document_confidential';

export const documentConfidentialProtected = protectedFields(CONF_TABLE, 'document_id', {
  pdf_enc: { compartment: 'confidential', schema: z.never() },
  title_enc: { compartment: 'confidential', schema: z.string() },
});

export function isConfidentialKind(kind: string): boolean {
  return (CONFIDENTIAL_DOCUMENT_KINDS as readonly string[]).includes(kind);
}

function confidentialKey(keys: KeySource | null | undefined) {
  const k = keys?.compartmentKey('confidential') ?? null;
  if (!k) throw new AppError('keys.not_holder', 'this session does not hold the confidential compartment');
  return k;
}

/** The sealed values of a confidential document's bytes and title (throws `keys.not_holder` without `confidential`). */
export function sealConfidentialDocument(keys: KeySource | null | undefined, id: string, pdf: Buffer, title: string): { pdf_enc: Buffer; title_enc: Buffer } {
  const k = confidentialKey(keys);
  return {
    pdf_enc: sealField(k, CONF_TABLE, id, PDF_FIELD, pdf),
    title_enc: documentConfidentialProtected.write(keys!, id, { title_enc: title }).title_enc,
  };
}

export function isSealedKind(kind: string): boolean {
  return (PROTECTED_DOCUMENT_KINDS as readonly string[]).includes(kind);
}

/** What the register row keeps in plain for a sealed document: no title, searchable by its number only. */
export function plainRegisterTitle(registerNumber: string): { title: string; title_search: string } {
  return { title: '', title_search: registerNumber.toLocaleLowerCase('kk') };
}

function protectionKey(keys: KeySource | null | undefined) {
  const k = keys?.compartmentKey('protection') ?? null;
  if (!k) throw new AppError('keys.not_holder', 'this session does not hold the protection compartment');
  return k;
}

/** The sealed values of a document's bytes and title (throws `keys.not_holder` without `protection`). */
export function sealDocument(keys: KeySource | null | undefined, id: string, pdf: Buffer, title: string): { pdf_enc: Buffer; title_enc: Buffer } {
  const k = protectionKey(keys);
  return {
    pdf_enc: sealField(k, TABLE, id, PDF_FIELD, pdf),
    title_enc: documentSealedProtected.write(keys!, id, { title_enc: title }).title_enc,
  };
}

export async function insertSealed(db: Db, keys: KeySource | null | undefined, id: string, pdf: Buffer, title: string, now: Date): Promise<void> {
  const sealed = sealDocument(keys, id, pdf, title);
  await db.insertInto('document_sealed').values({ document_id: id, ...sealed, sealed_at: now.toISOString() }).execute();
}

/** The signed file of a sealed document; `keys.not_holder` without `protection`, `internal` if it does not open. */
export async function openSealedPdf(db: Db, keys: KeySource | null | undefined, id: string): Promise<Buffer> {
  const conf = await db.selectFrom('document_confidential').select('pdf_enc').where('document_id', '=', id).executeTakeFirst();
  if (conf) {
    const plain = conf.pdf_enc ? openField(confidentialKey(keys), CONF_TABLE, id, PDF_FIELD, conf.pdf_enc) : null;
    if (!plain) throw new AppError('internal', 'the sealed document does not open with the current key');
    return plain;
  }
  const k = protectionKey(keys);
  const r = await db.selectFrom('document_sealed').select('pdf_enc').where('document_id', '=', id).executeTakeFirst();
  if (!r) {
    const purged = await db.selectFrom('document_purges').select('document_id').where('document_id', '=', id).executeTakeFirst();
    if (purged) throw new AppError('retention.purged', 'the document was purged under the retention rule');
  }
  const plain = r?.pdf_enc ? openField(k, TABLE, id, PDF_FIELD, r.pdf_enc) : null;
  if (!plain) throw new AppError('internal', 'the sealed document does not open with the current key');
  return plain;
}

/** Replaces the sealed file by its next signed version (the caller has checked that it extends the old one). */
export async function replaceSealedPdf(db: Db, keys: KeySource | null | undefined, id: string, pdf: Buffer): Promise<void> {
  const k = protectionKey(keys);
  const r = await db
    .updateTable('document_sealed')
    .set({ pdf_enc: sealField(k, TABLE, id, PDF_FIELD, pdf) })
    .where('document_id', '=', id)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('internal', 'the sealed document is missing');
}

/**
 * Gives sealed documents their real titles for a holder of `protection`; others keep the empty plain title (they
 * are not shown welfare documents at all; this only matters for `documents.verify` of a file they hold).
 */
export async function revealTitles<T extends DocumentSummary>(db: Db, keys: KeySource | null | undefined, docs: T[]): Promise<T[]> {
  const ids = docs.filter((d) => isSealedKind(d.kind)).map((d) => d.id);
  if (ids.length === 0 || !keys || !documentSealedProtected.canRead(keys, 'title_enc')) return docs;
  const rows = await db.selectFrom('document_sealed').select(['document_id', 'title_enc']).where('document_id', 'in', ids).execute();
  const titles = new Map(rows.map((r) => [r.document_id, documentSealedProtected.read(keys, r.document_id, { pdf_enc: null, title_enc: r.title_enc }).title_enc]));
  if (documentConfidentialProtected.canRead(keys, 'title_enc')) {
    const conf = await db.selectFrom('document_confidential').select(['document_id', 'title_enc']).where('document_id', 'in', ids).execute();
    for (const r of conf) titles.set(r.document_id, documentConfidentialProtected.read(keys, r.document_id, { pdf_enc: null, title_enc: r.title_enc }).title_enc);
  }
  return docs.map((d) => {
    const t = titles.get(d.id);
    return t ? { ...d, title: t } : d;
  });
}

export async function revealTitle<T extends DocumentSummary>(db: Db, keys: KeySource | null | undefined, doc: T): Promise<T> {
  return (await revealTitles(db, keys, [doc]))[0]!;
}

/**
 * The sealed documents whose real title (with the register number) contains every word — the register's search for a
 * holder of `protection` (the plain search column of a sealed document holds its number only). Decrypts one title
 * per welfare document (~30 µs each); none without the key.
 */
export async function sealedTitleMatches(db: Db, keys: KeySource | null | undefined, words: readonly string[]): Promise<string[]> {
  if (words.length === 0 || !keys || !documentSealedProtected.canRead(keys, 'title_enc')) return [];
  const folded = words.map((w) => w.toLocaleLowerCase('kk'));
  const rows = await db
    .selectFrom('document_sealed')
    .innerJoin('documents', 'documents.id', 'document_sealed.document_id')
    .select(['document_sealed.document_id', 'document_sealed.title_enc', 'documents.register_number'])
    .execute();
  const out: string[] = [];
  const conf = documentConfidentialProtected.canRead(keys, 'title_enc')
    ? await db
        .selectFrom('document_confidential')
        .innerJoin('documents', 'documents.id', 'document_confidential.document_id')
        .select(['document_confidential.document_id', 'document_confidential.title_enc', 'documents.register_number'])
        .execute()
    : [];
  for (const r of conf) {
    const title = documentConfidentialProtected.read(keys, r.document_id, { pdf_enc: null, title_enc: r.title_enc }).title_enc;
    const text = `${title ?? ''} ${r.register_number}`.toLocaleLowerCase('kk');
    if (title !== null && folded.every((w) => text.includes(w))) out.push(r.document_id);
  }
  for (const r of rows) {
    const title = documentSealedProtected.read(keys, r.document_id, { pdf_enc: null, title_enc: r.title_enc }).title_enc;
    if (title === null) continue;
    const text = `${title} ${r.register_number}`.toLocaleLowerCase('kk');
    if (folded.every((w) => text.includes(w))) out.push(r.document_id);
  }
  return out;
}

/**
 * Moves confidential documents (the safety-plan sheet) out of `protection`: those sealed in `document_sealed`
 * (before migration 0022, or by the plaintext sweep of a holder without `confidential`) and those still plain.
 * Runs at every unlock of a session holding both `protection` and `confidential`, one document per transaction;
 * returns how many moved. A plain one is emptied the only way the register's triggers allow (a sealed file must
 * exist): a stand-in in `document_sealed` for the length of the transaction.
 */
export async function moveConfidentialDocuments(db: Kysely<Database>, keys: KeySource, now: Date): Promise<number> {
  if (!keys.compartmentKey('confidential') || !keys.compartmentKey('protection')) return 0;
  const kinds = [...CONFIDENTIAL_DOCUMENT_KINDS];
  if (kinds.length === 0) return 0;
  const pending = await db
    .selectFrom('documents')
    .leftJoin('document_confidential', 'document_confidential.document_id', 'documents.id')
    .leftJoin('document_purges', 'document_purges.document_id', 'documents.id')
    .select('documents.id')
    .where('documents.kind', 'in', kinds)
    .where('document_confidential.document_id', 'is', null)
    .where('document_purges.document_id', 'is', null)
    .execute();
  let moved = 0;
  for (const { id } of pending) {
    await db.transaction().execute(async (trx) => {
      const doc = await trx.selectFrom('documents').select(['pdf', 'title', 'register_number']).where('id', '=', id).executeTakeFirstOrThrow();
      const old = await trx.selectFrom('document_sealed').select(['pdf_enc', 'title_enc']).where('document_id', '=', id).executeTakeFirst();
      let pdf: Buffer | null;
      let title: string | null;
      if (doc.pdf.length > 0) {
        pdf = Buffer.from(doc.pdf);
        title = doc.title;
      } else if (old?.pdf_enc) {
        pdf = openField(protectionKey(keys), TABLE, id, PDF_FIELD, old.pdf_enc);
        title = documentSealedProtected.read(keys, id, { pdf_enc: null, title_enc: old.title_enc }).title_enc;
      } else {
        return;
      }
      if (!pdf || title === null) return;
      await trx.insertInto('document_confidential').values({ document_id: id, ...sealConfidentialDocument(keys, id, pdf, title), sealed_at: now.toISOString() }).execute();
      if (doc.pdf.length > 0) {
        const standIn = sealDocument(keys, id, Buffer.alloc(1), '');
        await trx
          .insertInto('document_sealed')
          .values({ document_id: id, ...standIn, sealed_at: now.toISOString() })
          .onConflict((oc) => oc.column('document_id').doUpdateSet({ pdf_enc: standIn.pdf_enc, title_enc: standIn.title_enc }))
          .execute();
        await trx.updateTable('documents').set({ pdf: Buffer.alloc(0), ...plainRegisterTitle(doc.register_number) }).where('id', '=', id).execute();
      }
      await trx.deleteFrom('document_sealed').where('document_id', '=', id).execute();
      pdf.fill(0);
      moved += 1;
    });
  }
  return moved;
}
