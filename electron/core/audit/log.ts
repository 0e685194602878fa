/**
 * The append-only audit log, chained with HMAC-SHA256 under the audit key (a random 256-bit key kept in `meta`
 * inside the encrypted DB, made by migration 0009_audit_mac). Each entry's MAC covers the previous entry's MAC and
 * its own fields; the head (last id and MAC) is kept in `meta`. Entries written by releases before 0007 keep their
 * SHA-256 links; the first MAC entry links to the last of them, so the old chain is sealed by the new one.
 *
 * Fail closed: an append refuses (`audit.broken`) when the stored head and the last row disagree — a cut tail is
 * never "healed" by continuing from whatever row is last. Verify walks the chain, compares the head, and compares
 * the log with every head recorded outside it (backup manifests, document register entries) and reports the tamper
 * events that the unlock wrote (see pending.ts).
 *
 * Entries hold no personal data: time, account id, action (method name), entity type and id, outcome.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { PENDING_TAMPER, type AuditBackupCheck, type AuditProblem, type AuditVerifyResult, type PendingTamper } from '../../../shared/audit';
import type { Db } from '../db/types';
import { AppError } from '../errors';

export const GENESIS_HASH = '0'.repeat(64);
const HEAD_KEY = 'audit_head';
const MAC_KEY = 'audit_mac';
/** actions the unlock writes when the sealed queue of failed logins does not add up (pending.ts) */
export const QUEUE_TAMPERED = 'audit.queue_tampered';
export const QUEUE_RESTARTED = 'audit.queue_restarted';

export interface AuditInput {
  at: string;
  accountId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  /** neutral facts as JSON (a list read's filter shape and count); never personal data */
  details?: string | null;
}

export interface AuditHead {
  id: number;
  hash: string;
}

function canonical(id: number, e: AuditInput): string {
  const fields: unknown[] = [id, e.at, e.accountId, e.action, e.entityType, e.entityId, e.outcome];
  // details are chained too; entries without them hash as before (older entries stay verifiable)
  if (e.details !== undefined && e.details !== null) fields.push(e.details);
  return JSON.stringify(fields);
}

/** The SHA-256 link of releases before 0007 (still used to check their entries). */
export function entryHash(prevHash: string, id: number, e: AuditInput): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonical(id, e)).digest('hex');
}

/** The HMAC-SHA256 link under the audit key. */
export function entryMac(key: Buffer, prevMac: string, id: number, e: AuditInput): string {
  return crypto.createHmac('sha256', key).update(prevMac).update('\n').update(canonical(id, e)).digest('hex');
}

const headSchema = z.object({ id: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) });
const macStateSchema = z.object({ version: z.literal(1), key: z.string().regex(/^[0-9a-f]{64}$/), from: z.number().int().min(1) });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The stored head, or null when there is none (a new log) — and 'damaged' when it cannot be read. */
export async function readHead(db: Db): Promise<AuditHead | null | 'damaged'> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', HEAD_KEY).executeTakeFirst();
  if (!row) return null;
  const parsed = headSchema.safeParse(parseJson(row.value));
  return parsed.success ? parsed.data : 'damaged';
}

interface MacState {
  key: Buffer;
  from: number;
}

async function readMacState(db: Db): Promise<MacState | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', MAC_KEY).executeTakeFirst();
  if (!row) return null;
  const parsed = macStateSchema.safeParse(parseJson(row.value));
  return parsed.success ? { key: Buffer.from(parsed.data.key, 'hex'), from: parsed.data.from } : null;
}

function broken(detail: string): AppError {
  return new AppError('audit.broken', `the audit log is damaged (${detail}); nothing can be changed until it is looked into`);
}

/**
 * The head as it must be for an append: stored head and last row agree, or the log is empty and has never had a
 * head. Throws `audit.broken` otherwise.
 */
export async function checkedHead(db: Db): Promise<AuditHead> {
  const head = await readHead(db);
  if (head === 'damaged') throw broken('head unreadable');
  const last = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!last && !head) return { id: 0, hash: GENESIS_HASH };
  if (!last || !head || last.id !== head.id || last.hash !== head.hash) throw broken('head and last entry disagree');
  return head;
}

/** Appends one entry. Call inside the transaction of the change it records. Refuses when the log is damaged. */
export async function appendAudit(db: Db, e: AuditInput): Promise<number> {
  const mac = await readMacState(db);
  if (!mac) throw broken('no audit key');
  try {
    const head = await checkedHead(db);
    const id = head.id + 1;
    if (id < mac.from) throw broken('head before the MAC chain');
    const hash = entryMac(mac.key, head.hash, id, e);
    await db
      .insertInto('audit_log')
      .values({
        id,
        at: e.at,
        account_id: e.accountId,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        outcome: e.outcome,
        details: e.details ?? null,
        prev_hash: head.hash,
        hash,
      })
      .execute();
    const value = JSON.stringify({ id, hash });
    await db
      .insertInto('meta')
      .values({ key: HEAD_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    return id;
  } finally {
    mac.key.fill(0);
  }
}

/** The head to write outside the DB (backup manifest, register entry): `seq` = last id, `mac` = its MAC. */
export async function currentHead(db: Db): Promise<{ seq: number; mac: string } | null> {
  const head = await readHead(db);
  if (!head || head === 'damaged') return null;
  return { seq: head.id, mac: head.hash };
}

/** Records a head written outside the log, so that verify can compare the log with it later. */
export async function recordExternalHead(
  db: Db,
  h: { kind: 'backup' | 'document'; ref: string; at: string; seq: number; mac: string },
): Promise<void> {
  await db.insertInto('audit_external_heads').values(h).execute();
}

interface KnownHead {
  source: 'backup' | 'document';
  ref: string;
  at: string;
  seq: number;
  mac: string;
}

const docHeadSchema = z.object({ seq: z.number().int().min(0), mac: z.string().regex(/^[0-9a-f]{64}$/) });

/** Every head recorded outside the log: the external heads table (backups that did not fail) and register entries. */
async function knownHeads(db: Db): Promise<KnownHead[]> {
  const heads: KnownHead[] = [];
  const ext = await db
    .selectFrom('audit_external_heads')
    .leftJoin('backups', (j) => j.onRef('backups.id', '=', 'audit_external_heads.ref').on('audit_external_heads.kind', '=', 'backup'))
    .select(['audit_external_heads.kind', 'audit_external_heads.ref', 'audit_external_heads.at', 'audit_external_heads.seq', 'audit_external_heads.mac', 'backups.status'])
    .execute();
  for (const h of ext) {
    // a backup that failed never left the PC: its head proves nothing
    if (h.kind === 'backup' && h.status === 'failed') continue;
    heads.push({ source: h.kind, ref: h.ref, at: h.at, seq: h.seq, mac: h.mac });
  }
  const docs = await db.selectFrom('documents').select(['register_number', 'created_at', 'audit_head']).where('audit_head', 'is not', null).execute();
  for (const d of docs) {
    const parsed = docHeadSchema.safeParse(parseJson(d.audit_head ?? ''));
    if (parsed.success) heads.push({ source: 'document', ref: d.register_number, at: d.created_at, ...parsed.data });
  }
  return heads;
}

const tamperDetail = z.enum(PENDING_TAMPER);

/** Compares the log with the recorded heads and lists the tamper events written at unlock. */
async function problemsOf(db: Db, lastId: number, broken: number | null): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = [];
  const heads = await knownHeads(db);
  // one report for the longest head beyond the end (the most entries missing), then every diverging head
  const beyond = heads.filter((h) => h.seq > lastId).sort((a, b) => b.seq - a.seq)[0];
  if (beyond) problems.push({ kind: 'missing_since_head', from: lastId + 1, to: beyond.seq, source: beyond.source, ref: beyond.ref, at: beyond.at });
  const within = heads.filter((h) => h.seq >= 1 && h.seq <= lastId);
  if (within.length > 0) {
    const seqs = [...new Set(within.map((h) => h.seq))];
    const rows = new Map<number, string>();
    for (let i = 0; i < seqs.length; i += 500) {
      const part = await db.selectFrom('audit_log').select(['id', 'hash']).where('id', 'in', seqs.slice(i, i + 500)).execute();
      for (const r of part) rows.set(r.id, r.hash);
    }
    const diverged = within.filter((h) => rows.get(h.seq) !== h.mac && (broken === null || h.seq < broken)).sort((a, b) => a.seq - b.seq);
    // entries at a head's position that are missing are already "deleted"; a different MAC there is a rewrite
    const first = diverged.find((h) => rows.has(h.seq));
    if (first) problems.push({ kind: 'diverged_from_head', seq: first.seq, source: first.source, ref: first.ref, at: first.at });
  }
  const events = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'entity_id'])
    .where('action', 'in', [QUEUE_TAMPERED, QUEUE_RESTARTED])
    .orderBy('id')
    .execute();
  for (const ev of events) {
    if (ev.action === QUEUE_RESTARTED) {
      problems.push({ kind: 'queue_restarted', entryId: ev.id, at: ev.at });
    } else {
      const detail: PendingTamper = tamperDetail.safeParse(ev.entity_id).data ?? 'unreadable';
      problems.push({ kind: 'queue_tampered', entryId: ev.id, at: ev.at, detail });
    }
  }
  return problems;
}

/** Walks the whole chain in id order (streamed in pages), names the first broken link, then the other problems. */
export async function verifyAudit(db: Db): Promise<AuditVerifyResult> {
  const mac = await readMacState(db);
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  let firstBrokenId: number | null = null;
  let reason: AuditVerifyResult['reason'] = null;
  const pageSize = 5000;
  try {
    walk: for (;;) {
      const rows = await db.selectFrom('audit_log').selectAll().where('id', '>=', expectedId).orderBy('id').limit(pageSize).execute();
      for (const r of rows) {
        if (r.id !== expectedId) {
          [firstBrokenId, reason] = [r.id, 'deleted'];
          break walk;
        }
        // the stored link no longer matches: the entry before this one was rewritten
        if (r.prev_hash !== prevHash) {
          [firstBrokenId, reason] = [Math.max(1, r.id - 1), 'edited'];
          break walk;
        }
        const e: AuditInput = { at: r.at, accountId: r.account_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id, outcome: r.outcome, details: r.details };
        // without the audit key every entry would look like the old chain: that is a broken log, not an old one
        if (!mac) {
          [firstBrokenId, reason] = [r.id, 'no_mac_key'];
          break walk;
        }
        const expected = r.id >= mac.from ? entryMac(mac.key, prevHash, r.id, e) : entryHash(prevHash, r.id, e);
        if (expected !== r.hash) {
          [firstBrokenId, reason] = [r.id, 'edited'];
          break walk;
        }
        prevHash = r.hash;
        expectedId = r.id + 1;
        checked += 1;
      }
      if (rows.length < pageSize) break;
    }
  } finally {
    mac?.key.fill(0);
  }
  const lastRow = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const lastId = lastRow?.id ?? 0;
  const head = await readHead(db);
  const headId = head && head !== 'damaged' ? head.id : 0;
  if (reason === null) {
    if (!mac && lastId === 0) {
      [firstBrokenId, reason] = [null, 'no_mac_key'];
    } else if (head === 'damaged' || (head === null ? lastId !== 0 : head.id !== lastId || head.hash !== lastRow?.hash)) {
      [firstBrokenId, reason] = [lastId + 1, 'head_mismatch'];
    } else if (mac && lastId < mac.from - 1) {
      // the MAC chain started after entry from−1: a log that ends before it has lost its newest entries
      [firstBrokenId, reason] = [lastId + 1, 'deleted'];
    } else if (lastId === 0 && (await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst())) {
      // set-up itself writes the first entry: a school with accounts and an empty log has lost it all
      [firstBrokenId, reason] = [1, 'deleted'];
    }
  }
  const problems = await problemsOf(db, lastId, firstBrokenId);
  const serious = problems.some((p) => p.kind !== 'queue_restarted');
  return { ok: reason === null && !serious, checked, firstBrokenId, reason, lastId, headId, macFrom: mac?.from ?? null, problems };
}

/** The log compared with one head read from outside (a backup file the user picked). */
export async function compareWithHead(
  db: Db,
  createdAt: string,
  head: { seq: number; mac: string } | null,
  sameSchool: boolean,
): Promise<AuditBackupCheck> {
  const last = await db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const lastId = last?.id ?? 0;
  const base = { createdAt, seq: head?.seq ?? null, lastId, from: null, to: null };
  if (!sameSchool) return { ...base, result: 'other_school' };
  if (!head) return { ...base, result: 'no_head' };
  if (head.seq > lastId) return { ...base, result: 'missing', from: lastId + 1, to: head.seq };
  if (head.seq === 0) return { ...base, result: 'consistent' };
  const row = await db.selectFrom('audit_log').select('hash').where('id', '=', head.seq).executeTakeFirst();
  // a missing row inside the log is a deletion: the chain check names it; here it is a divergence from the backup
  return { ...base, result: row?.hash === head.mac ? 'consistent' : 'diverged' };
}

export async function countAudit(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(db);
  return r.rows[0]?.n ?? 0;
}
