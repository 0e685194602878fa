/**
 * The keyring file beside the DB (v2): KDF parameters; one slot per account holding an X25519 pair whose private
 * key is wrapped by a key derived from its password with scrypt; the recovery key's public key; and grants — the
 * data key (`base`) and the compartment keys (`protection`, `confidential`), each sealed to one account's public
 * key (only those its roles grant) or to the recovery key (all). Nothing else: no names, no school, no plaintext
 * key. A keyring v1 (every slot wrapping the data key) is upgraded at unlock (compartments/upgrade.ts).
 * See README "Security model".
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { IDENTITY_INFO } from '../backup/identity';
import type { KeyName } from '../compartments/policy';
import { generatePair, open, seal, type X25519Pair } from '../compartments/seal';

export const KEYRING_FILE = 'keyring.json';

/** scrypt N = 2^17, r = 8, p = 1: 128 MiB of memory per derivation; ≈0.3–0.5 s on this machine. */
export const DEFAULT_KDF = { alg: 'scrypt', N: 2 ** 17, r: 8, p: 1 } as const;

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);

/** Keyring v1 slot (and v2's not-yet-upgraded account slots): the data key wrapped by the password KEK. */
const legacySlotSchema = z.object({
  v: z.literal(1).default(1),
  id: z.string().uuid(),
  kind: z.enum(['account', 'recovery']),
  accountId: z.string().uuid().nullable(),
  /** HMAC-SHA256(keyringId, login): finds the slot without storing the login */
  loginHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  salt: b64,
  nonce: b64,
  wrapped: b64,
  tag: b64,
  createdAt: z.string(),
});

const mustChangeSchema = z.object({ by: z.string().uuid().nullable(), at: z.string() });

/** Keyring v2 account slot: an X25519 pair, the private key wrapped by the password KEK (scrypt → AES-256-GCM). */
const accountSlotSchema = z.object({
  v: z.literal(2),
  id: z.string().uuid(),
  kind: z.literal('account'),
  accountId: z.string().uuid(),
  loginHash: z.string().regex(/^[0-9a-f]{64}$/),
  publicKey: b64,
  salt: b64,
  nonce: b64,
  wrapped: b64,
  tag: b64,
  createdAt: z.string(),
  /** set by an administrator's reset: the password is one-time and must be changed at the next login */
  mustChangePassword: mustChangeSchema.nullable().default(null),
});

/** Keyring v2 recovery slot: only the public key (the private key is derived from the recovery key). */
const recoverySlotSchema = z.object({
  v: z.literal(2),
  id: z.string().uuid(),
  kind: z.literal('recovery'),
  accountId: z.null(),
  loginHash: z.null(),
  publicKey: b64,
  createdAt: z.string(),
});

const slotSchema = z.union([accountSlotSchema, recoverySlotSchema, legacySlotSchema]);
export type KeySlot = z.infer<typeof slotSchema>;
export type LegacySlot = z.infer<typeof legacySlotSchema>;
export type AccountSlot = z.infer<typeof accountSlotSchema>;
export type RecoverySlot = z.infer<typeof recoverySlotSchema>;

export const KEY_NAME_VALUES = ['base', 'protection', 'confidential'] as const;

/** A key (base or a compartment, at an epoch) sealed to one account's public key or to the recovery key. */
const grantSchema = z.object({
  recipient: z.union([z.string().uuid(), z.literal('recovery')]),
  key: z.enum(KEY_NAME_VALUES),
  epoch: z.number().int().min(0),
  ephemeral: b64,
  nonce: b64,
  sealed: b64,
  tag: b64,
});
export type Grant = z.infer<typeof grantSchema>;

const pendingAuditSchema = z.object({
  at: z.string(),
  accountId: z.string().uuid().nullable(),
  action: z.string().max(100),
  outcome: z.enum(['ok', 'denied', 'failed']),
});
export type PendingAudit = z.infer<typeof pendingAuditSchema>;

const epoch = z.number().int().min(0);

export const keyringSchema = z.object({
  format: z.literal('qorgan-keyring'),
  version: z.union([z.literal(1), z.literal(2)]),
  id: z.string().uuid(),
  kdf: z.object({
    alg: z.literal('scrypt'),
    N: z.number().int().min(2 ** 14).max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  }),
  slots: z.array(slotSchema),
  grants: z.array(grantSchema).default([]),
  /** the current epoch of every key (null: the compartment key does not exist yet — keyring v1) */
  epochs: z
    .object({ base: epoch, protection: epoch.nullable(), confidential: epoch.nullable() })
    .default({ base: 0, protection: null, confidential: null }),
  /** a base-key rotation under way: grants exist for both epochs; the DB is under one of them */
  baseRotation: z.object({ from: epoch, to: epoch }).nullable().default(null),
  /** an account lost access: the base key is rotated at once, or at the next unlock if that was cut short */
  rotateBasePending: z.boolean().default(false),
  /** accounts upgraded from keyring v1 whose compartment grants the first holder seals without a confirmation */
  upgradePending: z.array(z.string().uuid()).default([]),
  /** compartments to re-encrypt under a new key at the next unlock by a holder (a holder lost access meanwhile) */
  rotatePending: z.array(z.enum(['protection', 'confidential'])).default([]),
  /** failed logins per loginHash, for the growing delay */
  throttle: z.record(z.string(), z.object({ failures: z.number().int().min(0), lastFailureAt: z.string() })),
  /** audit entries that happened while the DB was closed (failed logins); written into the log at next unlock */
  pendingAudit: z.array(pendingAuditSchema),
});
export type Keyring = z.infer<typeof keyringSchema>;

export function keyringPath(dataDir: string): string {
  return path.join(dataDir, KEYRING_FILE);
}

export function readKeyring(dataDir: string): Keyring | null {
  const file = keyringPath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('db.corrupt', 'the keyring file is not valid JSON');
  }
  const parsed = keyringSchema.safeParse(json);
  if (!parsed.success) throw new AppError('db.corrupt', 'the keyring file is damaged');
  return parsed.data;
}

/** Atomic write: temp file in the same folder, fsync, rename. */
export function writeKeyring(dataDir: string, keyring: Keyring): void {
  const file = keyringPath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(keyring, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export function newKeyring(kdf: Keyring['kdf'] = { ...DEFAULT_KDF }): Keyring {
  return {
    format: 'qorgan-keyring',
    version: 2,
    id: crypto.randomUUID(),
    kdf,
    slots: [],
    grants: [],
    epochs: { base: 0, protection: 0, confidential: 0 },
    baseRotation: null,
    rotateBasePending: false,
    upgradePending: [],
    rotatePending: [],
    throttle: {},
    pendingAudit: [],
  };
}

export function loginHash(keyring: Keyring, login: string): string {
  return crypto.createHmac('sha256', keyring.id).update(login.toLowerCase()).digest('hex');
}

export function deriveFromPassword(password: string, salt: Buffer, kdf: Keyring['kdf']): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(
      password.normalize('NFC'),
      salt,
      32,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** The recovery key is 256 random bits already: HKDF is enough (no memory-hard stretching needed). */
export function deriveFromRecovery(recovery: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', recovery, salt, 'qorgan keyring recovery slot v1', 32));
}

function slotAad(keyring: Keyring, slotId: string): Buffer {
  return Buffer.from(`qorgan-keyring-v1:${keyring.id}:${slotId}`);
}

function aesWrap(keyring: Keyring, slotId: string, secret: Buffer, wrappingKey: Buffer) {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', wrappingKey, nonce);
  cipher.setAAD(slotAad(keyring, slotId));
  const wrapped = Buffer.concat([cipher.update(secret), cipher.final()]);
  return { nonce: nonce.toString('base64'), wrapped: wrapped.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function aesUnwrap(keyring: Keyring, slot: { id: string; nonce: string; wrapped: string; tag: string }, wrappingKey: Buffer): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(slot.nonce, 'base64'));
    decipher.setAAD(slotAad(keyring, slot.id));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** A keyring v1 slot (kept for tests that build a v1 keyring as the previous release wrote it). */
export function wrapKey(
  keyring: Keyring,
  dataKey: Buffer,
  wrappingKey: Buffer,
  salt: Buffer,
  slot: Pick<LegacySlot, 'kind' | 'accountId' | 'loginHash'>,
  now: Date,
): LegacySlot {
  const id = crypto.randomUUID();
  return { v: 1, id, ...slot, salt: salt.toString('base64'), ...aesWrap(keyring, id, dataKey, wrappingKey), createdAt: now.toISOString() };
}

/** Opens a v1 slot: the data key, or null when the wrapping key is wrong (GCM tag mismatch). */
export function unwrapKey(keyring: Keyring, slot: LegacySlot, wrappingKey: Buffer): Buffer | null {
  return aesUnwrap(keyring, slot, wrappingKey);
}

/** A keyring v1 account slot, as the previous release wrote it (tests of the upgrade). */
export async function legacyAccountSlot(keyring: Keyring, dataKey: Buffer, accountId: string, login: string, password: string, now: Date): Promise<LegacySlot> {
  const salt = crypto.randomBytes(16);
  const kek = await deriveFromPassword(password, salt, keyring.kdf);
  try {
    return wrapKey(keyring, dataKey, kek, salt, { kind: 'account', accountId, loginHash: loginHash(keyring, login) }, now);
  } finally {
    kek.fill(0);
  }
}

/** A keyring v1 recovery slot, as the previous release wrote it (tests of the upgrade). */
export function legacyRecoverySlot(keyring: Keyring, dataKey: Buffer, recovery: Buffer, now: Date): LegacySlot {
  const salt = crypto.randomBytes(16);
  const kek = deriveFromRecovery(recovery, salt);
  try {
    return wrapKey(keyring, dataKey, kek, salt, { kind: 'recovery', accountId: null, loginHash: null }, now);
  } finally {
    kek.fill(0);
  }
}

/**
 * A v2 account slot: a new X25519 pair, its private key wrapped by the password's KEK. Returns the slot and the
 * raw private key (the caller wipes it).
 */
export async function newAccountSlot(
  keyring: Keyring,
  accountId: string,
  login: string,
  password: string,
  now: Date,
  mustChangePassword: AccountSlot['mustChangePassword'] = null,
): Promise<{ slot: AccountSlot; pair: X25519Pair }> {
  const pair = generatePair();
  const salt = crypto.randomBytes(16);
  const kek = await deriveFromPassword(password, salt, keyring.kdf);
  const id = crypto.randomUUID();
  try {
    const slot: AccountSlot = {
      v: 2,
      id,
      kind: 'account',
      accountId,
      loginHash: loginHash(keyring, login),
      publicKey: pair.publicKey.toString('base64'),
      salt: salt.toString('base64'),
      ...aesWrap(keyring, id, pair.privateKey, kek),
      createdAt: now.toISOString(),
      mustChangePassword,
    };
    return { slot, pair };
  } finally {
    kek.fill(0);
  }
}

/** The same private key under a new password (the account's own change: its grants stay valid). */
export async function rewrapAccountSlot(keyring: Keyring, slot: AccountSlot, privateKey: Buffer, login: string, password: string, now: Date): Promise<AccountSlot> {
  const salt = crypto.randomBytes(16);
  const kek = await deriveFromPassword(password, salt, keyring.kdf);
  const id = crypto.randomUUID();
  try {
    return {
      ...slot,
      id,
      loginHash: loginHash(keyring, login),
      salt: salt.toString('base64'),
      ...aesWrap(keyring, id, privateKey, kek),
      createdAt: now.toISOString(),
      mustChangePassword: null,
    };
  } finally {
    kek.fill(0);
  }
}

export function newRecoverySlot(publicKey: Buffer, now: Date): RecoverySlot {
  return { v: 2, id: crypto.randomUUID(), kind: 'recovery', accountId: null, loginHash: null, publicKey: publicKey.toString('base64'), createdAt: now.toISOString() };
}

/** The private key of a v2 slot, or null when the password is wrong. */
export async function openAccountSlot(keyring: Keyring, slot: AccountSlot, password: string): Promise<Buffer | null> {
  const kek = await deriveFromPassword(password, Buffer.from(slot.salt, 'base64'), keyring.kdf);
  try {
    return aesUnwrap(keyring, slot, kek);
  } finally {
    kek.fill(0);
  }
}

/**
 * The recovery key's X25519 private key. It is the scalar of the backup age identity (backup/identity.ts): the
 * recovery key already opens every backup, so a second derivation would separate nothing, and this one lets a
 * keyring v1 be upgraded with its public half, which the DB already stores as the backup recipient.
 */
export function recoveryPrivateKey(recovery: Buffer): Buffer {
  if (recovery.length !== 32) throw new Error('the recovery key must be 32 bytes');
  return Buffer.from(crypto.hkdfSync('sha256', recovery, Buffer.alloc(0), IDENTITY_INFO, 32));
}

export function grantAad(keyring: Keyring, recipient: string, key: KeyName, epochNo: number): string {
  return `qorgan-grant-v2:${keyring.id}:${recipient}:${key}:${epochNo}`;
}

export function makeGrant(keyring: Keyring, recipient: string, recipientPublic: Buffer, key: KeyName, epochNo: number, secret: Buffer): Grant {
  return { recipient, key, epoch: epochNo, ...seal(secret, recipientPublic, grantAad(keyring, recipient, key, epochNo)) };
}

export function openGrant(keyring: Keyring, grant: Grant, privateKey: Buffer): Buffer | null {
  return open(grant, privateKey, grantAad(keyring, grant.recipient, grant.key, grant.epoch));
}

/** The base-key epochs a DB may be under: during a rotation the target first, then the current one. */
export function baseEpochs(keyring: Keyring): number[] {
  return keyring.baseRotation ? [keyring.baseRotation.to, keyring.baseRotation.from] : [keyring.epochs.base];
}

/** Opens the base-key candidates a recipient's private key unwraps (newest first). */
export function openBaseCandidates(keyring: Keyring, recipient: string, privateKey: Buffer): { epoch: number; key: Buffer }[] {
  const out: { epoch: number; key: Buffer }[] = [];
  for (const e of baseEpochs(keyring)) {
    const g = keyring.grants.find((x) => x.recipient === recipient && x.key === 'base' && x.epoch === e);
    const key = g ? openGrant(keyring, g, privateKey) : null;
    if (key) out.push({ epoch: e, key });
  }
  return out;
}

/**
 * The data key a password opens through this slot (v1: the wrapped key itself; v2: the private key, then its base
 * grant), or null. Used by restore to check a backup's keyring; the running app logs in through auth/keys.ts.
 */
export async function unwrapWithPassword(keyring: Keyring, slot: KeySlot, password: string): Promise<Buffer | null> {
  if (slot.v === 1) {
    const kek = await deriveFromPassword(password, Buffer.from(slot.salt, 'base64'), keyring.kdf);
    try {
      return unwrapKey(keyring, slot, kek);
    } finally {
      kek.fill(0);
    }
  }
  if (slot.kind !== 'account') return null;
  const priv = await openAccountSlot(keyring, slot, password);
  if (!priv) return null;
  try {
    const candidates = openBaseCandidates(keyring, slot.accountId, priv);
    for (const c of candidates.slice(1)) c.key.fill(0);
    return candidates[0]?.key ?? null;
  } finally {
    priv.fill(0);
  }
}

/** The data key the recovery key opens (v2 grant, or a v1 slot not yet upgraded), or null. */
export function unwrapWithRecovery(keyring: Keyring, recovery: Buffer): Buffer | null {
  const priv = recoveryPrivateKey(recovery);
  try {
    const candidates = openBaseCandidates(keyring, 'recovery', priv);
    for (const c of candidates.slice(1)) c.key.fill(0);
    if (candidates[0]) return candidates[0].key;
  } finally {
    priv.fill(0);
  }
  for (const slot of keyring.slots) {
    if (slot.v !== 1 || slot.kind !== 'recovery') continue;
    const kek = deriveFromRecovery(recovery, Buffer.from(slot.salt, 'base64'));
    const key = unwrapKey(keyring, slot, kek);
    kek.fill(0);
    if (key) return key;
  }
  return null;
}
