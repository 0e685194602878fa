/**
 * The sealed monthly tally (migration 0023): what the statistics would otherwise decrypt record by record — the form
 * of harm of each case opened and each concern triaged, the closure reason of each case closed — counted once per
 * calendar month (the school's local month) and kept as one `protection` field per month and subject.
 *
 * Each tally row carries the digest of its inputs: SHA-256 over the sorted list of (part, record id, SHA-256 of the
 * counted field's ciphertext) of the records that month. Every re-seal of a field makes new ciphertext (a fresh
 * nonce), and a record that moves to another month (back-dated, closed, reopened, purged) leaves one month's list and
 * joins another's, so a digest equal to the records' digest means the counts are those of the records as they are.
 * Whoever holds the key and finds a month whose digest differs (or whose row is missing or of an older version)
 * counts that month again from the records and stores the new tally: the writers (cases/queries.ts, the retention
 * purge) do so in their own transaction for the months they touched; the first unlock of a protection holder after
 * the migration builds every month; and a statistics read repairs any month it finds stale (a write by a session
 * without the key, a key rotation, a restore) before using it. Nothing decrypted is kept: only the counts, sealed.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { CLOSURE_REASONS, FORMS_OF_HARM } from '../../../shared/cases';
import { caseProtected, concernProtected } from '../cases/protected';
import { protectedFields } from '../compartments/fields';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { localDay, utcBounds } from './period';

/** Bump when what a tally counts changes: rows of an older version are counted again at the next read. */
export const TALLY_VERSION = 1;

export type TallySubject = 'cases' | 'concerns';
/** The counted parts: a case's form of harm (opening month), its closure reason (closing month), a concern's form of harm. */
export type TallyPart = 'caseHarm' | 'caseClosure' | 'concernHarm';

const countMap = z.record(z.string(), z.number().int().min(0));
const tallyCountsSchema = z.object({ caseHarm: countMap, caseClosure: countMap, concernHarm: countMap }).partial().strict();
export type TallyCounts = Partial<Record<TallyPart, Record<string, number>>>;

export const tallyProtected = protectedFields('statistics_tally', 'id', {
  counts_enc: { compartment: 'protection', schema: tallyCountsSchema },
});

const PART_KEYS: Record<TallyPart, readonly string[]> = {
  caseHarm: FORMS_OF_HARM,
  caseClosure: CLOSURE_REASONS,
  concernHarm: FORMS_OF_HARM,
};

/**
 * One counted sealed value: which part, whose, the GCM tag of its ciphertext (hex; null: nothing sealed, counts
 * nothing) and the ciphertext itself once loaded (undefined: not loaded yet, `fillBlobs`). The tag stands for the
 * ciphertext in the digest: every seal draws a fresh nonce, so a re-sealed value has another tag (a 128-bit MAC).
 */
export interface TallyEntry {
  part: TallyPart;
  id: string;
  tag: string | null;
  blob?: Uint8Array | null;
}

const TAG_BYTES = 16;

/** The hex tag of a field blob (its last 16 bytes, the AES-GCM tag), as SQL `substr(col, -16)` gives it too. */
export function tagOf(blob: Uint8Array | null): string | null {
  return blob ? Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).subarray(Math.max(0, blob.byteLength - TAG_BYTES)).toString('hex') : null;
}

export function entryOf(part: TallyPart, id: string, blob: Uint8Array | null): TallyEntry {
  return { part, id, tag: tagOf(blob), blob };
}

const PART_COLUMN = {
  caseHarm: { table: 'cases', column: 'details_enc' },
  caseClosure: { table: 'cases', column: 'closure_enc' },
  concernHarm: { table: 'concerns', column: 'content_enc' },
} as const;

/** Loads the ciphertext of the entries that carry only their tag (to decrypt them: partial months, repairs). */
export async function fillBlobs(db: Db, entries: readonly TallyEntry[]): Promise<void> {
  for (const part of Object.keys(PART_COLUMN) as TallyPart[]) {
    const want = entries.filter((e) => e.part === part && e.blob === undefined && e.tag !== null);
    const { table, column } = PART_COLUMN[part];
    for (let i = 0; i < want.length; i += 500) {
      const chunk = want.slice(i, i + 500);
      const rows = await sql<{ id: string; blob: Uint8Array | null }>`SELECT id, ${sql.ref(column)} AS blob FROM ${sql.table(table)} WHERE id IN (${sql.join(chunk.map((e) => e.id))})`.execute(db);
      const byId = new Map(rows.rows.map((r) => [r.id, r.blob]));
      for (const e of chunk) e.blob = byId.get(e.id) ?? null;
    }
  }
  for (const e of entries) if (e.blob === undefined) e.blob = null;
}

export interface CaseTallyRow {
  id: string;
  opened_at: string;
  closed_at: string | null;
  stage: string;
  details_enc: Uint8Array | null;
  closure_enc: Uint8Array | null;
}

export interface ConcernTallyRow {
  id: string;
  logged_at: string;
  status: string;
  content_enc: Uint8Array | null;
}

/** The local day a case was closed, or null while it is not closed (the same test as the statistics'). */
export function closedDayOf(r: Pick<CaseTallyRow, 'stage' | 'closed_at'>): string | null {
  return r.stage === 'closed' && r.closed_at ? localDay(r.closed_at) : null;
}

/** The tally entries of a case, each with the local day it is counted on. */
export function caseEntries(r: CaseTallyRow): { day: string; entry: TallyEntry }[] {
  const out: { day: string; entry: TallyEntry }[] = [{ day: localDay(r.opened_at), entry: entryOf('caseHarm', r.id, r.details_enc) }];
  const closed = closedDayOf(r);
  if (closed !== null) out.push({ day: closed, entry: entryOf('caseClosure', r.id, r.closure_enc) });
  return out;
}

/** A concern counts in the tally once triaged (before, its content is sealed to the intake key: `awaiting`). */
export function concernEntry(r: ConcernTallyRow): { day: string; entry: TallyEntry } | null {
  if (r.status === 'awaiting' || !r.content_enc) return null;
  return { day: localDay(r.logged_at), entry: entryOf('concernHarm', r.id, r.content_enc) };
}

/**
 * The sealed value an entry counts under (null: unreadable or absent — counted nowhere, as the statistics do). The
 * entry's blob must be loaded (`fillBlobs`).
 */
export function readEntry(keys: KeySource, e: TallyEntry): string | null {
  if (!e.blob) return null;
  switch (e.part) {
    case 'caseHarm':
      return caseProtected.read(keys, e.id, { details_enc: e.blob, closure_enc: null }).details_enc?.formOfHarm ?? null;
    case 'caseClosure':
      return caseProtected.read(keys, e.id, { details_enc: null, closure_enc: e.blob }).closure_enc?.reason ?? null;
    case 'concernHarm':
      return concernProtected.read(keys, e.id, { content_enc: e.blob }).content_enc?.formOfHarm ?? null;
  }
}

export function digestOf(entries: readonly TallyEntry[]): string {
  const lines = entries.map((e) => `${e.part}:${e.id}:${e.tag ?? '-'}`);
  lines.sort();
  return crypto.createHash('sha256').update(`v${TALLY_VERSION}\n`).update(lines.join('\n')).digest('hex');
}

/** The counts of the entries, decrypting each (the reference computation; also the repair). */
export function countEntries(keys: KeySource, entries: readonly TallyEntry[]): TallyCounts {
  const out: TallyCounts = {};
  for (const e of entries) {
    const v = readEntry(keys, e);
    if (v === null || !PART_KEYS[e.part].includes(v)) continue;
    const m = (out[e.part] ??= {});
    m[v] = (m[v] ?? 0) + 1;
  }
  return out;
}

const monthOf = (day: string) => day.slice(0, 7);
const rowId = (subject: TallySubject, month: string) => `${subject}:${month}`;

interface StoredTally {
  id: string;
  month: string;
  version: number;
  digest: string;
  counts_enc: Uint8Array;
}

/**
 * The tallies of some months of a subject, given every entry counted in those months: the stored counts where the
 * digest matches, else counted from the entries and stored (a month left with no entry loses its row).
 */
async function settle(db: Db, keys: KeySource, subject: TallySubject, months: ReadonlyMap<string, TallyEntry[]>, now: Date): Promise<Map<string, TallyCounts>> {
  const out = new Map<string, TallyCounts>();
  if (months.size === 0) return out;
  const ids = [...months.keys()].map((m) => rowId(subject, m));
  const stored = new Map<string, StoredTally>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = await db
      .selectFrom('statistics_tally')
      .select(['id', 'month', 'version', 'digest', 'counts_enc'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of part) stored.set(r.month, r);
  }
  for (const [month, entries] of months) {
    const s = stored.get(month);
    if (!s && entries.length === 0) {
      out.set(month, {});
      continue;
    }
    const digest = digestOf(entries);
    if (s && s.version === TALLY_VERSION && s.digest === digest) {
      const counts = tallyProtected.read(keys, s.id, { counts_enc: s.counts_enc }).counts_enc;
      if (counts) {
        out.set(month, counts);
        continue;
      }
    }
    await fillBlobs(db, entries);
    const counts = countEntries(keys, entries);
    out.set(month, counts);
    if (entries.length === 0) {
      if (s) await db.deleteFrom('statistics_tally').where('id', '=', s.id).execute();
      continue;
    }
    const id = rowId(subject, month);
    const sealed = tallyProtected.write(keys, id, { counts_enc: counts });
    await db
      .insertInto('statistics_tally')
      .values({ id, subject, month, version: TALLY_VERSION, digest, counts_enc: sealed.counts_enc, updated_at: now.toISOString() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ version: TALLY_VERSION, digest, counts_enc: sealed.counts_enc, updated_at: now.toISOString() }))
      .execute();
  }
  return out;
}

/**
 * Collects the entries of the whole months of a statistics range while its rows are walked, then gives their summed
 * counts (reading the sealed tally, repairing what is stale). Entries of other days are not its business: the
 * caller decrypts those (the partial months at the edges of a custom period or a quarter).
 */
export class WholeMonths {
  private readonly entries = new Map<string, TallyEntry[]>();
  constructor(
    private readonly subject: TallySubject,
    months: readonly string[],
  ) {
    for (const m of months) this.entries.set(m, []);
  }
  /** True when the day's month is a whole month of the range (its entry is then added here, not decrypted). */
  take(day: string, entry: TallyEntry): boolean {
    const list = this.entries.get(monthOf(day));
    if (!list) return false;
    list.push(entry);
    return true;
  }
  async counts(db: Db, keys: KeySource, now: Date): Promise<TallyCounts> {
    const sum: TallyCounts = {};
    for (const counts of (await settle(db, keys, this.subject, this.entries, now)).values()) {
      for (const [part, m] of Object.entries(counts) as [TallyPart, Record<string, number>][]) {
        const into = (sum[part] ??= {});
        for (const [k, n] of Object.entries(m)) into[k] = (into[k] ?? 0) + n;
      }
    }
    return sum;
  }
}

/** The months of a range that lie whole inside it (first to last day). */
export function wholeMonthsOf(range: { from: string; to: string }, months: readonly string[]): string[] {
  return months.filter((m) => range.from <= `${m}-01` && lastDayOf(m) <= range.to);
}

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function monthBounds(month: string): { lo: string; hi: string } {
  return utcBounds({ from: `${month}-01`, to: lastDayOf(month) });
}

function group<T>(rows: readonly T[], entriesOf: (r: T) => { day: string; entry: TallyEntry }[], keep?: ReadonlySet<string>): Map<string, TallyEntry[]> {
  const out = new Map<string, TallyEntry[]>();
  for (const m of keep ?? []) out.set(m, []);
  for (const r of rows) {
    for (const { day, entry } of entriesOf(r)) {
      const m = monthOf(day);
      if (keep && !keep.has(m)) continue;
      let list = out.get(m);
      if (!list) out.set(m, (list = []));
      list.push(entry);
    }
  }
  return out;
}

const concernEntries = (r: ConcernTallyRow) => {
  const e = concernEntry(r);
  return e ? [e] : [];
};

/**
 * After a write that may change what is counted: the given months of a subject counted again from the records (in
 * the writer's transaction). A session without the protection key leaves them to the next holder (the digest tells).
 */
export async function retally(db: Db, keys: KeySource, subject: TallySubject, days: readonly (string | null | undefined)[], now: Date): Promise<void> {
  if (!keys.compartmentKey('protection')) return;
  const months = new Set(days.filter((d): d is string => !!d).map((d) => monthOf(localDay(d))));
  if (months.size === 0) return;
  for (const month of months) {
    const { lo, hi } = monthBounds(month);
    const keep = new Set([month]);
    if (subject === 'cases') {
      const rows = await db
        .selectFrom('cases')
        .select(['id', 'opened_at', 'closed_at', 'stage', 'details_enc', 'closure_enc'])
        .where((eb) => eb.or([eb.and([eb('opened_at', '>=', lo), eb('opened_at', '<', hi)]), eb.and([eb('closed_at', '>=', lo), eb('closed_at', '<', hi)])]))
        .execute();
      await settle(db, keys, subject, group(rows, caseEntries, keep), now);
    } else {
      const rows = await db
        .selectFrom('concerns')
        .select(['id', 'logged_at', 'status', 'content_enc'])
        .where('logged_at', '>=', lo)
        .where('logged_at', '<', hi)
        .execute();
      await settle(db, keys, subject, group(rows, concernEntries, keep), now);
    }
  }
}

/** The case's counted days as they are now (call before and after a write to know which months it touched). */
export async function caseDays(db: Db, id: string): Promise<string[]> {
  const r = await db.selectFrom('cases').select(['opened_at', 'closed_at', 'stage']).where('id', '=', id).executeTakeFirst();
  if (!r) return [];
  const closed = closedDayOf(r);
  return closed ? [r.opened_at, closed] : [r.opened_at];
}

/**
 * The months of each subject whose tally does not match its records (missing, of an older version, another digest,
 * or a row left for a month that has no counted record any more), with their entries. Reads only.
 */
export async function staleMonths(db: Db): Promise<Record<TallySubject, Map<string, TallyEntry[]>>> {
  const before = await db.selectFrom('statistics_tally').select(['id', 'subject', 'month', 'digest', 'version']).execute();
  const known = new Map(before.map((r) => [r.id, r]));
  const cases = await db.selectFrom('cases').select(['id', 'opened_at', 'closed_at', 'stage', 'details_enc', 'closure_enc']).execute();
  const concerns = await db.selectFrom('concerns').select(['id', 'logged_at', 'status', 'content_enc']).execute();
  const all = { cases: group(cases, caseEntries), concerns: group(concerns, concernEntries) };
  const out = { cases: new Map<string, TallyEntry[]>(), concerns: new Map<string, TallyEntry[]>() };
  for (const subject of ['cases', 'concerns'] as const) {
    const months = all[subject];
    for (const r of before) if (r.subject === subject && !months.has(r.month)) months.set(r.month, []);
    for (const [m, entries] of months) {
      const k = known.get(rowId(subject, m));
      if (k && k.version === TALLY_VERSION && k.digest === digestOf(entries)) continue;
      if (!k && entries.length === 0) continue;
      out[subject].set(m, entries);
    }
  }
  return out;
}

/**
 * Every month of both subjects checked against its records and counted again where stale (the build at the first
 * unlock of a protection holder after migration 0023, and the repair after a retention purge or the demo's
 * back-dating). Returns how many months were counted again.
 */
export async function refreshTallies(db: Db, keys: KeySource, now: Date): Promise<number> {
  if (!keys.compartmentKey('protection')) return 0;
  const stale = await staleMonths(db);
  await settle(db, keys, 'cases', stale.cases, now);
  await settle(db, keys, 'concerns', stale.concerns, now);
  return stale.cases.size + stale.concerns.size;
}

/** True when a holder's unlock should build the tally: records exist and no tally row does, or an older version. */
export async function tallyNeedsBuild(db: Db): Promise<boolean> {
  const r = await sql<{ records: number; rows: number; old: number }>`
    SELECT (SELECT count(*) FROM (SELECT 1 FROM cases LIMIT 1)) + (SELECT count(*) FROM (SELECT 1 FROM concerns WHERE status != 'awaiting' LIMIT 1)) AS records,
           (SELECT count(*) FROM statistics_tally) AS rows,
           (SELECT count(*) FROM statistics_tally WHERE version != ${TALLY_VERSION}) AS old`.execute(db);
  const row = r.rows[0];
  return !!row && ((row.records > 0 && row.rows === 0) || row.old > 0);
}
