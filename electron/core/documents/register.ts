/**
 * The register of issued documents: numbers per kind and year that are never reused, the immutable PDF bytes
 * with their SHA-256, and paged search in SQL.
 */
import crypto from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import {
  formatRegisterNumber,
  type DocumentKind,
  type DocumentPage,
  type DocumentSigner,
  type DocumentSummary,
} from '../../../shared/documents';
import type { DocumentsTable } from '../db/schema';
import type { Db } from '../db/types';
import { currentHead } from '../audit/log';
import type { KeySource } from '../core';
import { AppError } from '../errors';
import { isConfidentialKind, isSealedKind, openSealedPdf, plainRegisterTitle, revealTitle, sealConfidentialDocument, sealDocument } from './sealed';

const signersJson = z.array(
  z.object({
    name: z.string(),
    position: z.string(),
    serialHex: z.string(),
    issuer: z.string(),
    signedAt: z.string(),
    certificateId: z.string().nullable(),
  }),
);

type SummaryRow = Omit<Selectable<DocumentsTable>, 'pdf' | 'audit_head'>;

export function toSummary(r: SummaryRow): DocumentSummary {
  return {
    id: r.id,
    kind: r.kind as DocumentKind,
    year: r.year,
    number: r.number,
    registerNumber: r.register_number,
    title: r.title,
    language: r.language,
    sha256: r.sha256,
    sizeBytes: r.size_bytes,
    signers: signersJson.parse(JSON.parse(r.signers)),
    sourceType: r.source_type,
    sourceId: r.source_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

const SUMMARY_COLUMNS = [
  'id',
  'kind',
  'year',
  'number',
  'register_number',
  'title',
  'title_search',
  'language',
  'sha256',
  'size_bytes',
  'signers',
  'source_type',
  'source_id',
  'created_by',
  'created_at',
] as const;

/** The documents issued from one source (a case, a meeting …), newest first; titles as stored (sealed ones empty). */
export async function documentsOfSource(db: Db, sourceType: string, sourceId: string): Promise<DocumentSummary[]> {
  const rows = await db
    .selectFrom('documents')
    .select(SUMMARY_COLUMNS)
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .orderBy('created_at', 'desc')
    // issued in the same instant (a fixed clock): the later insert first
    .orderBy(sql`rowid`, 'desc')
    .execute();
  return rows.map(toSummary);
}

/**
 * Takes the next number of `kind` in `year`. Run it in the transaction that stores the document: a rolled-back
 * issue gives its number back, an issued number is never given again (the counter cannot decrease).
 */
export async function nextNumber(db: Db, kind: DocumentKind, year: number): Promise<number> {
  const row = await db
    .insertInto('document_counters')
    .values({ kind, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['kind', 'year']).doUpdateSet((eb) => ({ last_number: eb('document_counters.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export interface NewDocument {
  id: string;
  kind: DocumentKind;
  year: number;
  number: number;
  title: string;
  language: 'kk' | 'ru';
  pdf: Buffer;
  signers: DocumentSigner[];
  sourceType?: string | null;
  sourceId?: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function searchText(title: string, registerNumber: string): string {
  return `${title} ${registerNumber}`.toLocaleLowerCase('kk');
}

/**
 * Stores a register entry. A welfare kind (`PROTECTED_DOCUMENT_KINDS`) is sealed in `protection` when `keys` are
 * given (`keys.not_holder` if they lack it): the row keeps an empty file and title (documents/sealed.ts). Without
 * keys (older callers, tests) it is stored plain and sealed at the next unlock of a holder.
 */
export async function insertDocument(db: Db, d: NewDocument, keys?: KeySource | null): Promise<DocumentSummary> {
  const registerNumber = formatRegisterNumber(d.kind, d.year, d.number);
  // a confidential kind (the safety-plan sheet) is sealed with the `confidential` key when the session holds it
  const confidential = isConfidentialKind(d.kind) && keys?.compartmentKey('confidential') ? sealConfidentialDocument(keys, d.id, d.pdf, d.title) : null;
  const sealed = !confidential && isSealedKind(d.kind) && keys ? sealDocument(keys, d.id, d.pdf, d.title) : null;
  const row = {
    id: d.id,
    kind: d.kind,
    year: d.year,
    number: d.number,
    register_number: registerNumber,
    ...(sealed || confidential ? plainRegisterTitle(registerNumber) : { title: d.title, title_search: searchText(d.title, registerNumber) }),
    language: d.language,
    sha256: sha256Hex(d.pdf),
    size_bytes: d.pdf.length,
    pdf: sealed || confidential ? Buffer.alloc(0) : d.pdf,
    signers: JSON.stringify(d.signers),
    source_type: d.sourceType ?? null,
    source_id: d.sourceId ?? null,
    created_by: d.createdBy,
    created_at: d.createdAt.toISOString(),
  };
  // the audit log's head goes with the register entry: verify reports a log cut short behind it
  const head = await currentHead(db);
  await db.insertInto('documents').values({ ...row, audit_head: head ? JSON.stringify(head) : null }).execute();
  if (sealed) await db.insertInto('document_sealed').values({ document_id: d.id, ...sealed, sealed_at: d.createdAt.toISOString() }).execute();
  if (confidential) await db.insertInto('document_confidential').values({ document_id: d.id, ...confidential, sealed_at: d.createdAt.toISOString() }).execute();
  return toSummary({ ...row, title: d.title });
}

export interface ListFilter {
  page: number;
  pageSize: number;
  search?: string | undefined;
  kind?: DocumentKind | undefined;
  year?: number | undefined;
  /** kinds the caller may not see (welfare documents for a session without the protection compartment) */
  excludeKinds?: readonly string[];
  /** documents that match `search` by their sealed title (documents/sealed.ts `sealedTitleMatches`) */
  alsoIds?: readonly string[];
}

/** The search words of the register (at most six). */
export function searchWords(search: string | undefined): string[] {
  return (search ?? '').split(/\s+/).filter(Boolean).slice(0, 6);
}

function likePattern(text: string): string {
  return `%${text.toLocaleLowerCase('kk').replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** A page of the register, newest first, filtered and searched in SQL. */
export async function listDocuments(db: Db, f: ListFilter): Promise<DocumentPage> {
  let q = db.selectFrom('documents');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.excludeKinds && f.excludeKinds.length > 0) q = q.where('kind', 'not in', [...f.excludeKinds]);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  const words = searchWords(f.search);
  if (words.length > 0) {
    const likes = words.map((w) => sql<boolean>`title_search LIKE ${likePattern(w)} ESCAPE '\\'`);
    const byTitle = sql.join(likes, sql` AND `);
    // sealed welfare documents whose real title matches (found by the caller with the protection key)
    const ids = [...(f.alsoIds ?? [])];
    q = q.where(ids.length > 0 ? sql<boolean>`((${byTitle}) OR id IN (${sql.join(ids)}))` : sql<boolean>`(${byTitle})`);
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .select(SUMMARY_COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.pageSize)
    .offset(f.page * f.pageSize)
    .execute();
  // tombstones of documents purged under the retention rule (documents/purge.ts): the register says so, with the date
  const ids = rows.map((r) => r.id);
  const purges = ids.length > 0 ? await db.selectFrom('document_purges').select(['document_id', 'purged_at']).where('document_id', 'in', ids).execute() : [];
  const purgedAt = new Map(purges.map((p) => [p.document_id, p.purged_at]));
  return { items: rows.map((r) => ({ ...toSummary(r), purgedAt: purgedAt.get(r.id) ?? null })), total };
}

export async function getDocument(db: Db, id: string): Promise<DocumentSummary> {
  const r = await db.selectFrom('documents').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such document');
  return toSummary(r);
}

/**
 * The signed file and its summary. A sealed welfare document is opened with `keys` (`keys.not_holder` without
 * `protection`) and its summary carries the real title; `sealed` says where the bytes live.
 */
export async function getDocumentPdf(db: Db, id: string, keys?: KeySource | null): Promise<{ summary: DocumentSummary; pdf: Buffer; sealed: boolean }> {
  const r = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such document');
  if (r.pdf.length === 0 && isSealedKind(r.kind)) {
    const pdf = await openSealedPdf(db, keys, id);
    return { summary: await revealTitle(db, keys, toSummary(r)), pdf, sealed: true };
  }
  return { summary: toSummary(r), pdf: Buffer.from(r.pdf), sealed: false };
}

export async function findBySha256(db: Db, sha256: string): Promise<DocumentSummary | null> {
  const r = await db.selectFrom('documents').select(SUMMARY_COLUMNS).where('sha256', '=', sha256).executeTakeFirst();
  return r ? toSummary(r) : null;
}

export async function findById(db: Db, id: string): Promise<DocumentSummary | null> {
  const r = await db.selectFrom('documents').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toSummary(r) : null;
}

/** A file name for a saved copy: register number and a short title, no characters a file system refuses. */
export function fileNameFor(d: DocumentSummary): string {
  const title = d.title.replace(/[\\/:*?"<>|\r\n\t]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return `${d.registerNumber.replace('/', '-')} ${title}.pdf`;
}
