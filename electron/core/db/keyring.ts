/**
 * The keyring file beside the DB: KDF parameters and wrapped copies of the DB's data key — one per account
 * (wrapped by a key derived from its password with scrypt) and one for the recovery key. Nothing else: no names,
 * no school, no plaintext key. See README "Security model".
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';

export const KEYRING_FILE = 'keyring.json';

/** scrypt N = 2^17, r = 8, p = 1: 128 MiB of memory per derivation; ≈0.3–0.5 s on this machine. */
export const DEFAULT_KDF = { alg: 'scrypt', N: 2 ** 17, r: 8, p: 1 } as const;

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);

const slotSchema = z.object({
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
export type KeySlot = z.infer<typeof slotSchema>;

const pendingAuditSchema = z.object({
  at: z.string(),
  accountId: z.string().uuid().nullable(),
  action: z.string().max(100),
  outcome: z.enum(['ok', 'denied', 'failed']),
});
export type PendingAudit = z.infer<typeof pendingAuditSchema>;

export const keyringSchema = z.object({
  format: z.literal('qorgan-keyring'),
  version: z.literal(1),
  id: z.string().uuid(),
  kdf: z.object({
    alg: z.literal('scrypt'),
    N: z.number().int().min(2 ** 14).max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  }),
  slots: z.array(slotSchema),
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
  return { format: 'qorgan-keyring', version: 1, id: crypto.randomUUID(), kdf, slots: [], throttle: {}, pendingAudit: [] };
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

function aad(keyring: Keyring, slotId: string): Buffer {
  return Buffer.from(`qorgan-keyring-v1:${keyring.id}:${slotId}`);
}

export function wrapKey(
  keyring: Keyring,
  dataKey: Buffer,
  wrappingKey: Buffer,
  salt: Buffer,
  slot: Pick<KeySlot, 'kind' | 'accountId' | 'loginHash'>,
  now: Date,
): KeySlot {
  const id = crypto.randomUUID();
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', wrappingKey, nonce);
  cipher.setAAD(aad(keyring, id));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    id,
    ...slot,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    wrapped: wrapped.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    createdAt: now.toISOString(),
  };
}

/** Returns the data key, or null when the wrapping key is wrong (GCM tag mismatch). */
export function unwrapKey(keyring: Keyring, slot: KeySlot, wrappingKey: Buffer): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(slot.nonce, 'base64'));
    decipher.setAAD(aad(keyring, slot.id));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export async function accountSlot(
  keyring: Keyring,
  dataKey: Buffer,
  accountId: string,
  login: string,
  password: string,
  now: Date,
): Promise<KeySlot> {
  const salt = crypto.randomBytes(16);
  const kek = await deriveFromPassword(password, salt, keyring.kdf);
  try {
    return wrapKey(keyring, dataKey, kek, salt, { kind: 'account', accountId, loginHash: loginHash(keyring, login) }, now);
  } finally {
    kek.fill(0);
  }
}

export function recoverySlot(keyring: Keyring, dataKey: Buffer, recovery: Buffer, now: Date): KeySlot {
  const salt = crypto.randomBytes(16);
  const kek = deriveFromRecovery(recovery, salt);
  try {
    return wrapKey(keyring, dataKey, kek, salt, { kind: 'recovery', accountId: null, loginHash: null }, now);
  } finally {
    kek.fill(0);
  }
}

export async function unwrapWithPassword(keyring: Keyring, slot: KeySlot, password: string): Promise<Buffer | null> {
  const kek = await deriveFromPassword(password, Buffer.from(slot.salt, 'base64'), keyring.kdf);
  try {
    return unwrapKey(keyring, slot, kek);
  } finally {
    kek.fill(0);
  }
}

export function unwrapWithRecovery(keyring: Keyring, recovery: Buffer): Buffer | null {
  for (const slot of keyring.slots.filter((s) => s.kind === 'recovery')) {
    const kek = deriveFromRecovery(recovery, Buffer.from(slot.salt, 'base64'));
    const key = unwrapKey(keyring, slot, kek);
    kek.fill(0);
    if (key) return key;
  }
  return null;
}
