/**
 * The append-only, hash-chained audit log. Each entry stores the SHA-256 of the previous entry's hash plus its own
 * fields; the head (last id and hash) is kept in `meta` so that deleting the newest entries is detected too.
 * Entries hold no personal data: time, account id, action (method name), entity type and id, outcome.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditVerifyResult } from '../../../shared/audit';
import type { Database } from '../db/schema';

export const GENESIS_HASH = '0'.repeat(64);
const HEAD_KEY = 'audit_head';

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

export function entryHash(prevHash: string, id: number, e: AuditInput): string {
  const fields: unknown[] = [id, e.at, e.accountId, e.action, e.entityType, e.entityId, e.outcome];
  // details are chained too; entries without them hash as before (older entries stay verifiable)
  if (e.details !== undefined && e.details !== null) fields.push(e.details);
  const canonical = JSON.stringify(fields);
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

type Db = Kysely<Database> | Transaction<Database>;

async function readHead(db: Db): Promise<{ id: number; hash: string }> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', HEAD_KEY).executeTakeFirst();
  if (!row) return { id: 0, hash: GENESIS_HASH };
  const parsed = JSON.parse(row.value) as { id: number; hash: string };
  return parsed;
}

/** Appends one entry. Call inside the transaction of the change it records. */
export async function appendAudit(db: Db, e: AuditInput): Promise<number> {
  const head = await readHead(db);
  const last = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  // The chain continues from the real last row; a mismatch with the head is reported by verify, not hidden here.
  const prevHash = last?.hash ?? head.hash;
  const id = (last?.id ?? head.id) + 1;
  const hash = entryHash(prevHash, id, e);
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
      prev_hash: prevHash,
      hash,
    })
    .execute();
  await db
    .insertInto('meta')
    .values({ key: HEAD_KEY, value: JSON.stringify({ id, hash }) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ id, hash }) }))
    .execute();
  return id;
}

/** Walks the whole chain in id order (streamed in pages) and names the first broken link. */
export async function verifyAudit(db: Db): Promise<AuditVerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  const pageSize = 5000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>=', expectedId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      if (r.id !== expectedId) return { ok: false, checked, firstBrokenId: r.id, reason: 'deleted' };
      // the stored link no longer matches: the entry before this one was rewritten (hash recomputed)
      if (r.prev_hash !== prevHash) return { ok: false, checked, firstBrokenId: r.id - 1, reason: 'edited' };
      const hash = entryHash(prevHash, r.id, {
        at: r.at,
        accountId: r.account_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        outcome: r.outcome,
        details: r.details,
      });
      if (hash !== r.hash) return { ok: false, checked, firstBrokenId: r.id, reason: 'edited' };
      prevHash = r.hash;
      expectedId = r.id + 1;
      checked += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await readHead(db);
  if (head.id !== expectedId - 1 || head.hash !== prevHash) {
    return { ok: false, checked, firstBrokenId: expectedId - 1 || null, reason: 'head_mismatch' };
  }
  return { ok: true, checked, firstBrokenId: null, reason: null };
}

export async function countAudit(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(db);
  return r.rows[0]?.n ?? 0;
}
