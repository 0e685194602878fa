/**
 * What happens while the DB is closed — failed logins, the login throttle, a restore — is queued in
 * `auth-queue.json` beside the keyring, sealed so that removing or editing it is found at the next unlock.
 *
 * - Every queued item gets the next sequence number and is MACed with a key that ratchets forward
 *   (K_s = SHA-256(label ‖ K_{s−1})); the file keeps only the newest key. The DB remembers the sequence and key of
 *   the last item it consumed, so at unlock it recomputes every key: a gap, an edited item, a cut tail (the file's
 *   key or sequence does not match the items) or a sequence lower than the one the DB last saw is a tamper event.
 * - Items are sealed to the audit public key (X25519 + HKDF + AES-256-GCM; the private key is inside the encrypted
 *   DB), so the file does not show whose login failed.
 * - The throttle (failed logins per login hash) is kept in the file for the locked app to enforce; at unlock it is
 *   recomputed from the anchor (the throttle the DB last saw, MACed with a secret in the DB) plus the sealed failures:
 *   a throttle that was cleared by editing the file is put back and logged. Clearing it on a successful login is an
 *   item authenticated with that secret (kept in memory only while unlocked).
 *
 * Limit (README "Audit log"): replacing the file with a copy made after the last unlock cannot be told apart from
 * "nothing happened since" without storage outside the data folder.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { PendingTamper } from '../../../shared/audit';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { isAppError } from '../errors';
import { appendAudit, QUEUE_RESTARTED, QUEUE_TAMPERED, type AuditInput } from './log';

export const QUEUE_FILE = 'auth-queue.json';
const STATE_KEY = 'audit_queue';
/** a flood of failed logins cannot grow the file without end; beyond this only the throttle counts */
export const MAX_QUEUED = 20_000;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const b64 = z.string().regex(/^[A-Za-z0-9+/]*=*$/);
const throttleSchema = z.record(z.string().max(100), z.object({ failures: z.number().int().min(0), lastFailureAt: z.string().max(40) }));
export type ThrottleMap = z.infer<typeof throttleSchema>;

const fileSchema = z.object({
  format: z.literal('qorgan-auth-queue'),
  version: z.literal(1),
  chain: z.string().uuid(),
  /** written by the unlocked app: the sequence it consumed up to and the throttle then, MACed with the DB's secret */
  anchor: z.object({ seq: z.number().int().min(0), throttle: throttleSchema, mac: hex64 }).nullable(),
  /** the audit public key (X25519, raw, base64); null in a file started while no DB was ever opened here */
  publicKey: b64.nullable(),
  /** the sequence of the newest item, and the ratchet key after it */
  seq: z.number().int().min(0),
  key: hex64,
  items: z.array(z.object({ seq: z.number().int().min(1), data: b64.max(4000), mac: hex64 })).max(MAX_QUEUED),
  throttle: throttleSchema,
});
type QueueFile = z.infer<typeof fileSchema>;

const auditItem = z.object({
  t: z.literal('audit'),
  at: z.string().max(40),
  accountId: z.string().uuid().nullable(),
  action: z.string().max(100),
  outcome: z.enum(['ok', 'denied', 'failed']),
  /** absent in entries of a failed login: the entity is the account */
  entityType: z.string().max(100).nullable().optional(),
  entityId: z.string().max(100).nullable().optional(),
});
const failItem = z.object({ t: z.literal('fail'), at: z.string().max(40), loginHash: z.string().max(100) });
const clearItem = z.object({ t: z.literal('clear'), at: z.string().max(40), loginHash: z.string().max(100), auth: hex64.nullable() });
const itemSchema = z.discriminatedUnion('t', [auditItem, failItem, clearItem]);
type Item = z.infer<typeof itemSchema>;
export type PendingAuditItem = Omit<z.infer<typeof auditItem>, 't'>;

const stateSchema = z.object({
  version: z.literal(1),
  chain: z.string().uuid(),
  secret: hex64,
  seq: z.number().int().min(0),
  key: hex64,
  publicKey: b64,
  privateKey: b64,
});
type QueueState = z.infer<typeof stateSchema>;

// --- primitives ---

const RATCHET = Buffer.from('qorgan auth-queue ratchet v1\n');

export function ratchet(key: Buffer): Buffer {
  return crypto.createHash('sha256').update(RATCHET).update(key).digest();
}

function ratchetTo(key: Buffer, from: number, to: number): Buffer {
  let k = key;
  for (let s = from; s < to; s++) k = ratchet(k);
  return k;
}

function itemMac(key: Buffer, chain: string, seq: number, data: string): string {
  return crypto.createHmac('sha256', key).update(`${chain}\n${seq}\n`).update(data).digest('hex');
}

function canonicalThrottle(t: ThrottleMap): string {
  return JSON.stringify(Object.keys(t).sort().map((k) => [k, t[k]?.failures ?? 0, t[k]?.lastFailureAt ?? '']));
}

function anchorMac(secret: Buffer, chain: string, seq: number, throttle: ThrottleMap): string {
  return crypto.createHmac('sha256', secret).update(`anchor\n${chain}\n${seq}\n`).update(canonicalThrottle(throttle)).digest('hex');
}

function clearAuth(secret: Buffer, chain: string, seq: number, loginHash: string): string {
  return crypto.createHmac('sha256', secret).update(`clear\n${chain}\n${seq}\n${loginHash}`).digest('hex');
}

const b64url = (b: Buffer) => b.toString('base64url');

function publicKeyObject(raw: Buffer): crypto.KeyObject {
  return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(raw) }, format: 'jwk' });
}

function sealKey(shared: Buffer, eph: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.concat([eph, recipient]), 'qorgan auth-queue seal v1', 32));
}

/** X25519 ephemeral-static + HKDF-SHA256 + AES-256-GCM; the chain and sequence are the associated data. */
export function seal(recipientRaw: Buffer, plain: Buffer, aad: string): string {
  const eph = crypto.generateKeyPairSync('x25519');
  const ephRaw = Buffer.from(eph.publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  const shared = crypto.diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyObject(recipientRaw) });
  const k = sealKey(shared, ephRaw, recipientRaw);
  const nonce = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', k, nonce);
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plain), c.final()]);
  const out = Buffer.concat([ephRaw, nonce, c.getAuthTag(), ct]).toString('base64');
  k.fill(0);
  shared.fill(0);
  return out;
}

export function unseal(privateRaw: Buffer, publicRaw: Buffer, data: string, aad: string): Buffer | null {
  try {
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length < 60) return null;
    const ephRaw = bytes.subarray(0, 32);
    const priv = crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(publicRaw), d: b64url(privateRaw) }, format: 'jwk' });
    const shared = crypto.diffieHellman({ privateKey: priv, publicKey: publicKeyObject(ephRaw) });
    const k = sealKey(shared, ephRaw, publicRaw);
    const d = crypto.createDecipheriv('aes-256-gcm', k, bytes.subarray(32, 44));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(bytes.subarray(44, 60));
    const plain = Buffer.concat([d.update(bytes.subarray(60)), d.final()]);
    k.fill(0);
    shared.fill(0);
    return plain;
  } catch {
    return null;
  }
}

// --- the file ---

export function queuePath(dataDir: string): string {
  return path.join(dataDir, QUEUE_FILE);
}

type ReadFile = { kind: 'missing' } | { kind: 'damaged' } | { kind: 'ok'; file: QueueFile };

function readQueueFile(dataDir: string): ReadFile {
  let text: string;
  try {
    text = fs.readFileSync(queuePath(dataDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'damaged' };
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    return parsed.success ? { kind: 'ok', file: parsed.data } : { kind: 'damaged' };
  } catch {
    return { kind: 'damaged' };
  }
}

/** Atomic write: temp file in the same folder, fsync, rename. */
function writeQueueFile(dataDir: string, file: QueueFile): void {
  const target = queuePath(dataDir);
  const tmp = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(file));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, target);
}

/** A file started without the DB (first failure after set-up or a restore on a new PC): unanchored, not sealed. */
function freshFile(): QueueFile {
  return {
    format: 'qorgan-auth-queue',
    version: 1,
    chain: crypto.randomUUID(),
    anchor: null,
    publicKey: null,
    seq: 0,
    key: crypto.randomBytes(32).toString('hex'),
    items: [],
    throttle: {},
  };
}

/** For the locked app: the file to add to (a damaged one is kept aside and replaced: the unlock will say so). */
function fileForAppend(dataDir: string): QueueFile {
  const r = readQueueFile(dataDir);
  if (r.kind === 'ok') return r.file;
  if (r.kind === 'damaged') {
    try {
      fs.renameSync(queuePath(dataDir), `${queuePath(dataDir)}.damaged`);
    } catch {
      // nothing to keep
    }
  }
  return freshFile();
}

function appendItem(file: QueueFile, item: Item): QueueFile {
  if (file.items.length >= MAX_QUEUED) return file;
  const seq = file.seq + 1;
  const plain = Buffer.from(JSON.stringify(item));
  const data = file.publicKey ? seal(Buffer.from(file.publicKey, 'base64'), plain, `${file.chain}\n${seq}`) : plain.toString('base64');
  const key = Buffer.from(file.key, 'hex');
  const mac = itemMac(key, file.chain, seq, data);
  const next = ratchet(key);
  key.fill(0);
  return { ...file, seq, key: next.toString('hex'), items: [...file.items, { seq, data, mac }] };
}

// --- what the locked (and unlocked) app writes ---

/** Queues an audit entry that cannot be written into the log now (the DB is closed, or the log refuses appends). */
export function queuePendingAudit(dataDir: string, entry: PendingAuditItem): void {
  writeQueueFile(dataDir, appendItem(fileForAppend(dataDir), { t: 'audit', ...entry }));
}

export function readThrottle(dataDir: string): ThrottleMap {
  const r = readQueueFile(dataDir);
  return r.kind === 'ok' ? r.file.throttle : {};
}

/** One failed password for `loginHash`: counted in the throttle and sealed in the queue. */
export function queueFailure(dataDir: string, loginHash: string, now: Date): void {
  const file = fileForAppend(dataDir);
  const prev = file.throttle[loginHash]?.failures ?? 0;
  const withItem = appendItem(file, { t: 'fail', at: now.toISOString(), loginHash });
  writeQueueFile(dataDir, { ...withItem, throttle: { ...file.throttle, [loginHash]: { failures: prev + 1, lastFailureAt: now.toISOString() } } });
}

/** Secrets of the queue while the DB is open (set at unlock, wiped at lock). */
const unlockedSecrets = new Map<string, Buffer>();

/** A successful password for `loginHash`: its failures are cleared, with an item that only the unlocked app can make. */
export function queueClear(dataDir: string, loginHash: string, now: Date): void {
  const file = fileForAppend(dataDir);
  if (!file.throttle[loginHash]) return;
  const secret = unlockedSecrets.get(dataDir);
  const seq = file.seq + 1;
  const auth = secret && file.anchor ? clearAuth(secret, file.chain, seq, loginHash) : null;
  const withItem = appendItem(file, { t: 'clear', at: now.toISOString(), loginHash, auth });
  const throttle = { ...file.throttle };
  delete throttle[loginHash];
  writeQueueFile(dataDir, { ...withItem, throttle });
}

export function forgetUnlockedSecret(dataDir: string): void {
  unlockedSecrets.get(dataDir)?.fill(0);
  unlockedSecrets.delete(dataDir);
}

// --- at unlock ---

async function readState(db: Db): Promise<QueueState | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', STATE_KEY).executeTakeFirst();
  if (!row) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function newState(): QueueState {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    version: 1,
    chain: crypto.randomUUID(),
    secret: crypto.randomBytes(32).toString('hex'),
    seq: 0,
    key: crypto.randomBytes(32).toString('hex'),
    publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64'),
    privateKey: Buffer.from(jwk.d ?? '', 'base64url').toString('base64'),
  };
}

export interface FlushReport {
  /** false when the log refused the entries (`audit.broken`): the file was left as it is */
  written: boolean;
  consumed: number;
  events: (PendingTamper | 'restarted')[];
}

function addFailure(t: ThrottleMap, hash: string, at: string): void {
  const prev = t[hash];
  t[hash] = { failures: (prev?.failures ?? 0) + 1, lastFailureAt: prev && prev.lastFailureAt > at ? prev.lastFailureAt : at };
}

/**
 * Checks the queue file against the DB, writes its audit entries, the tamper events and the new anchor into the DB
 * (one transaction), then rewrites the file anchored and empty. Call right after the DB is opened. When the log
 * refuses appends (`audit.broken`) the file is left as it is, to be consumed once the log is sound.
 */
export async function flushPendingQueue(
  dataDir: string,
  db: Kysely<Database>,
  now: Date,
  legacy: readonly PendingAuditItem[] = [],
): Promise<FlushReport> {
  const stored = await readState(db);
  const state = stored ?? newState();
  const secret = Buffer.from(state.secret, 'hex');
  const privateRaw = Buffer.from(state.privateKey, 'base64');
  const publicRaw = Buffer.from(state.publicKey, 'base64');
  const events = new Set<PendingTamper | 'restarted'>();
  const entries: AuditInput[] = [];
  const read = readQueueFile(dataDir);
  if (fs.existsSync(`${queuePath(dataDir)}.damaged`)) events.add('unreadable');
  let seq = state.seq;
  let key: Buffer = Buffer.from(state.key, 'hex');
  let throttle: ThrottleMap = {};

  const consume = (item: Item) => {
    if (item.t === 'audit') {
      entries.push({
        at: item.at,
        accountId: item.accountId,
        action: item.action,
        entityType: item.entityType === undefined ? 'account' : item.entityType,
        entityId: item.entityId === undefined ? item.accountId : item.entityId,
        outcome: item.outcome,
      });
    }
  };

  if (read.kind === 'damaged') {
    events.add('unreadable');
  } else if (read.kind === 'missing') {
    // the DB anchored a queue here before: a missing file is a removed one
    if (stored) events.add('entries_removed');
  } else {
    const file = read.file;
    const anchorOk =
      file.anchor !== null && file.chain === state.chain && file.anchor.mac === anchorMac(secret, file.chain, file.anchor.seq, file.anchor.throttle);
    if (!anchorOk) {
      // a file started without the DB (first failure after set-up, or the restore that moved the previous queue
      // aside) or one of another school: its items cannot be checked against what the DB saw; readable ones are
      // still written. After a restore that is expected (a warning); otherwise the anchored queue was replaced.
      throttle = { ...file.throttle };
      let restore = false;
      if (!file.publicKey) {
        for (const it of file.items) {
          const parsed = itemSchema.safeParse(parseJsonBytes(Buffer.from(it.data, 'base64')));
          if (!parsed.success) continue;
          if (parsed.data.t === 'audit' && parsed.data.action === 'backup.restore') restore = true;
          consume(parsed.data);
        }
      }
      if (stored) events.add(restore ? 'restarted' : 'entries_removed');
      // an anchored file, and a DB that has no memory of anchoring it: the DB's side was removed
      else if (file.anchor) events.add('entries_removed');
    } else if (file.anchor && file.seq < state.seq) {
      events.add('counter_rolled_back');
      throttle = { ...file.anchor.throttle };
    } else if (file.anchor) {
      if (file.anchor.seq > state.seq) {
        // this DB is older than the file (a backup restored over the folder): the items in between went into the
        // DB that was replaced; continue from the anchor (the ratchet only runs forward, so the key follows)
        events.add('restarted');
        key = ratchetTo(key, state.seq, file.anchor.seq);
        seq = file.anchor.seq;
      }
      const expected: ThrottleMap = { ...file.anchor.throttle };
      let cursor = seq;
      let cursorKey: Buffer = key;
      for (const it of [...file.items].sort((a, b) => a.seq - b.seq)) {
        if (it.seq <= cursor) {
          if (it.seq <= state.seq) continue; // consumed before a crash cut off the rewrite of the file
          events.add('entries_removed');
          continue;
        }
        if (it.seq !== cursor + 1) events.add('entries_removed');
        const k = ratchetTo(cursorKey, cursor, it.seq - 1);
        cursor = it.seq;
        cursorKey = ratchet(k);
        if (itemMac(k, file.chain, it.seq, it.data) !== it.mac) {
          events.add('entry_edited');
          continue;
        }
        const plain = unseal(privateRaw, publicRaw, it.data, `${file.chain}\n${it.seq}`);
        const parsed = plain ? itemSchema.safeParse(parseJsonBytes(plain)) : null;
        if (!parsed?.success) {
          events.add('entry_edited');
          continue;
        }
        const item = parsed.data;
        if (item.t === 'fail') addFailure(expected, item.loginHash, item.at);
        else if (item.t === 'clear') {
          if (item.auth !== null && item.auth === clearAuth(secret, file.chain, it.seq, item.loginHash)) delete expected[item.loginHash];
          else events.add('throttle_cleared');
        } else consume(item);
      }
      // the file's own sequence and key must be where its items lead: a cut tail leaves them ahead
      const tailKey = ratchetTo(cursorKey, cursor, file.seq);
      if (file.seq !== cursor || tailKey.toString('hex') !== file.key) events.add('entries_removed');
      seq = Math.max(cursor, file.seq);
      key = ratchetTo(cursorKey, cursor, seq);
      // a throttle lower than the sealed failures say was cleared by hand: put it back
      throttle = { ...file.throttle };
      for (const [hash, t] of Object.entries(expected)) {
        const have = throttle[hash];
        if (!have || have.failures < t.failures) {
          events.add('throttle_cleared');
          throttle[hash] = t;
        }
      }
    }
  }
  const legacyEntries: AuditInput[] = legacy.map((p) => ({ ...p, entityType: 'account', entityId: p.accountId }));
  const at = now.toISOString();
  const next: QueueState = { ...state, seq, key: key.toString('hex') };
  try {
    await db.transaction().execute(async (trx) => {
      for (const e of [...legacyEntries, ...entries]) await appendAudit(trx, e);
      for (const ev of events) {
        await appendAudit(trx, {
          at,
          accountId: null,
          action: ev === 'restarted' ? QUEUE_RESTARTED : QUEUE_TAMPERED,
          entityType: 'auth_queue',
          entityId: ev === 'restarted' ? null : ev,
          outcome: ev === 'restarted' ? 'ok' : 'failed',
        });
      }
      const value = JSON.stringify(next);
      await trx
        .insertInto('meta')
        .values({ key: STATE_KEY, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    });
  } catch (e) {
    if (isAppError(e) && e.code === 'audit.broken') {
      rememberSecret(dataDir, null);
      secret.fill(0);
      privateRaw.fill(0);
      return { written: false, consumed: 0, events: [...events] };
    }
    throw e;
  }
  // the DB has it all: the file starts again from the anchor (a crash before this line is handled above)
  writeQueueFile(dataDir, {
    format: 'qorgan-auth-queue',
    version: 1,
    chain: state.chain,
    anchor: { seq, throttle, mac: anchorMac(secret, state.chain, seq, throttle) },
    publicKey: state.publicKey,
    seq,
    key: next.key,
    items: [],
    throttle,
  });
  fs.rmSync(`${queuePath(dataDir)}.damaged`, { force: true });
  rememberSecret(dataDir, secret);
  privateRaw.fill(0);
  return { written: true, consumed: legacyEntries.length + entries.length, events: [...events] };
}

/**
 * At set-up: a queue file left by an earlier school in this folder (its DB was moved aside) is moved aside too, and
 * the new DB anchors a fresh queue — from the first minute, removing a failed login is detected.
 */
export async function startQueue(dataDir: string, db: Kysely<Database>, now: Date): Promise<void> {
  for (const name of [QUEUE_FILE, `${QUEUE_FILE}.damaged`]) {
    const file = path.join(dataDir, name);
    if (fs.existsSync(file)) fs.renameSync(file, path.join(dataDir, `${name}.orphaned-${now.toISOString().replace(/[:.]/g, '-')}`));
  }
  await flushPendingQueue(dataDir, db, now);
}

/**
 * Writes an audit entry outside a write transaction (auth events, sensitive reads); when the log refuses appends
 * (`audit.broken`) the entry is queued instead, so that reads and logins still work and nothing goes unrecorded.
 */
export async function appendOrQueue(db: Db, dataDir: string, e: AuditInput): Promise<void> {
  try {
    await appendAudit(db, e);
  } catch (err) {
    if (!(isAppError(err) && err.code === 'audit.broken')) throw err;
    queuePendingAudit(dataDir, { at: e.at, accountId: e.accountId, action: e.action, outcome: e.outcome, entityType: e.entityType, entityId: e.entityId });
  }
}

function rememberSecret(dataDir: string, secret: Buffer | null): void {
  forgetUnlockedSecret(dataDir);
  if (secret) unlockedSecrets.set(dataDir, Buffer.from(secret));
  secret?.fill(0);
}

function parseJsonBytes(b: Buffer): unknown {
  try {
    return JSON.parse(b.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
