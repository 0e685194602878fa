/**
 * Search over the cases' protected text (title and summary). No index may hold a protected field in the clear, and
 * decrypting one field per case costs ~30 µs (20 000 cases: most of a second). So the searchable text is kept a
 * second time, folded (lower case, ё → е), in **chunks of 256 cases**, each chunk one `protection` field (AES-256-GCM,
 * AAD = table/chunk/field/epoch, re-encrypted by a rotation like every other field): a search decrypts a few dozen
 * blobs and scans them in memory; nothing of it is written anywhere else.
 *
 * A chunk is rewritten in the transaction that changes a case's title or summary. `rebuildSearchIndex` remakes every
 * chunk from the cases themselves (used when chunks are missing, e.g. after a rotation dropped a value that did not
 * open, and by the bench).
 */
import { openField } from '../compartments/fields';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { caseProtected, caseSearchProtected } from './protected';

export const CHUNK = 256;
const ID_LENGTH = 36;
/**
 * Record and unit separators that JSON leaves as they are (the field layer stores the chunk as a JSON string), so a
 * search can scan the decrypted bytes without decoding them: the indexed text and the search text lose every
 * character JSON would escape, and these two.
 */
const REC = '\u241E';
const UNIT = '\u241F';
const REC_BYTES = Buffer.from(REC);
const UNIT_BYTES = Buffer.from(UNIT);
const STRIP = /[\u0000-\u001f"\\\u241E\u241F]+/gu;

/** Folds case and letters the way a search box should (Kazakh and Russian letters alike, case-insensitive). */
export function foldText(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/ё/gu, 'е').replace(STRIP, ' ');
}

function chunkId(caseNumber: number): string {
  return `c${Math.floor(caseNumber / CHUNK)}`;
}

function line(caseId: string, title: string, summary: string): string {
  return `${caseId}${UNIT}${foldText(`${title} ${summary}`)}${REC}`;
}

async function readChunk(db: Db, keys: KeySource, id: string): Promise<string | null> {
  const r = await db.selectFrom('case_search_chunks').select(['id', 'text_enc']).where('id', '=', id).executeTakeFirst();
  return r ? caseSearchProtected.read(keys, r.id, r).text_enc : null;
}

async function writeChunk(db: Db, keys: KeySource, id: string, text: string): Promise<void> {
  const sealed = caseSearchProtected.write(keys, id, { text_enc: text });
  await db
    .insertInto('case_search_chunks')
    .values({ id, ...sealed })
    .onConflict((oc) => oc.column('id').doUpdateSet(sealed))
    .execute();
}

/** Puts (or replaces) a case's text in its chunk. */
export async function indexCase(db: Db, keys: KeySource, c: { id: string; number: number; title: string; summary: string }): Promise<void> {
  const id = chunkId(c.number);
  const text = (await readChunk(db, keys, id)) ?? '';
  const kept = text
    .split(REC)
    .filter((l) => l.length > 0 && !l.startsWith(`${c.id}${UNIT}`))
    .map((l) => `${l}${REC}`)
    .join('');
  await writeChunk(db, keys, id, kept + line(c.id, c.title, c.summary));
}

/** Remakes every chunk from the cases' own protected details (the session must hold `protection`). */
export async function rebuildSearchIndex(db: Db, keys: KeySource): Promise<void> {
  const rows = await db.selectFrom('cases').select(['id', 'number', 'details_enc']).orderBy('number').execute();
  const chunks = new Map<string, string[]>();
  for (const r of rows) {
    const d = caseProtected.read(keys, r.id, { details_enc: r.details_enc, closure_enc: null }).details_enc;
    if (!d) continue;
    const id = chunkId(r.number);
    const list = chunks.get(id) ?? [];
    list.push(line(r.id, d.title, d.summary));
    chunks.set(id, list);
  }
  await db.deleteFrom('case_search_chunks').execute();
  for (const [id, lines] of chunks) await writeChunk(db, keys, id, lines.join(''));
}

/**
 * The ids of the cases whose title or summary contains the (folded) text. Each chunk is decrypted to bytes and
 * scanned as bytes (decoding megabytes of UTF-8 would cost more than the decryption); the bytes are wiped after.
 */
export async function searchCaseText(db: Db, keys: KeySource, text: string): Promise<Set<string>> {
  const key = keys.compartmentKey('protection');
  if (!key) throw new AppError('keys.not_holder', 'searching cases needs the protection compartment');
  const needle = Buffer.from(foldText(text).trim());
  const hits = new Set<string>();
  if (needle.length === 0) return hits;
  const maxNumber = Number((await db.selectFrom('cases').select((eb) => eb.fn.max<number>('number').as('n')).executeTakeFirst())?.n ?? 0);
  const expected = maxNumber > 0 ? Math.floor(maxNumber / CHUNK) + 1 : 0;
  const open = async () =>
    (await db.selectFrom('case_search_chunks').select(['id', 'text_enc']).execute()).map((r) => (r.text_enc ? openField(key, 'case_search_chunks', r.id, 'text_enc', r.text_enc) : null));
  let chunks = await open();
  // every case's chunk must be there and open (a rotation drops a value that did not open): otherwise remake them
  if (chunks.length < expected || chunks.some((c) => c === null)) {
    for (const c of chunks) c?.fill(0);
    await rebuildSearchIndex(db, keys);
    chunks = await open();
  }
  for (const buf of chunks) {
    if (!buf) continue;
    for (const id of scanChunk(buf, needle)) hits.add(id);
    buf.fill(0);
  }
  return hits;
}

/** The ids of the records of one decrypted chunk (a JSON string's bytes) whose text contains the needle's bytes. */
export function scanChunk(buf: Buffer, needle: Buffer): string[] {
  const ids: string[] = [];
  let at = buf.indexOf(needle);
  while (at !== -1) {
    const sep = buf.lastIndexOf(REC_BYTES, at);
    // the chunk's bytes are a JSON string: the first record starts after the opening quote
    const start = sep === -1 ? 1 : sep + REC_BYTES.length;
    // a match inside the id itself is not a match of the text
    if (at >= start + ID_LENGTH + UNIT_BYTES.length) ids.push(buf.toString('latin1', start, start + ID_LENGTH));
    const end = buf.indexOf(REC_BYTES, at);
    if (end === -1) break;
    at = buf.indexOf(needle, end + REC_BYTES.length);
  }
  return ids;
}

/** A chunk's plaintext as the field layer stores it (a JSON string), for tests. */
export function chunkBytes(records: { id: string; title: string; summary: string }[]): Buffer {
  return Buffer.from(JSON.stringify(records.map((r) => line(r.id, r.title, r.summary)).join('')));
}

/** Takes cases out of their chunks (a retention purge deletes them). */
export async function unindexCases(db: Db, keys: KeySource, cases: readonly { id: string; number: number }[]): Promise<void> {
  const byChunk = new Map<string, Set<string>>();
  for (const c of cases) byChunk.set(chunkId(c.number), (byChunk.get(chunkId(c.number)) ?? new Set()).add(c.id));
  for (const [id, gone] of byChunk) {
    const text = await readChunk(db, keys, id);
    if (text === null) continue;
    const kept = text
      .split(REC)
      .filter((l) => l.length > 0 && !gone.has(l.slice(0, ID_LENGTH)))
      .map((l) => `${l}${REC}`)
      .join('');
    // an emptied chunk stays (empty): a missing one would make every search rebuild the index
    await writeChunk(db, keys, id, kept);
  }
}
