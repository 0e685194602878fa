/**
 * X25519 sealing of keys to an account (or to the recovery key), node:crypto only.
 *
 * seal(key, recipientPublic, aad): ephemeral X25519 pair → shared secret with the recipient → HKDF-SHA256
 * (salt = ephemeral public ‖ recipient public, info = SEAL_INFO) → AES-256-GCM key; the AAD binds the keyring id,
 * the recipient, the key name and its epoch, so that a grant cannot be moved to another recipient or key.
 */
import crypto from 'node:crypto';

const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
export const SEAL_INFO = 'qorgan keyring grant v2';

export interface X25519Pair {
  publicKey: Buffer;
  /** raw 32-byte scalar: wipe after use */
  privateKey: Buffer;
}

export function generatePair(): X25519Pair {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('x25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const priv = Buffer.from(der.subarray(PKCS8_PREFIX.length));
  der.fill(0);
  return { publicKey: Buffer.from(pub), privateKey: priv };
}

function privateKeyObject(raw: Buffer): crypto.KeyObject {
  if (raw.length !== 32) throw new Error('an X25519 private key is 32 bytes');
  const der = Buffer.concat([PKCS8_PREFIX, raw]);
  try {
    return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

function publicKeyObject(raw: Buffer): crypto.KeyObject {
  if (raw.length !== 32) throw new Error('an X25519 public key is 32 bytes');
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function publicOf(privateKey: Buffer): Buffer {
  const pub = crypto.createPublicKey(privateKeyObject(privateKey)).export({ format: 'der', type: 'spki' });
  return Buffer.from(pub.subarray(SPKI_PREFIX.length));
}

export interface Sealed {
  ephemeral: string;
  nonce: string;
  sealed: string;
  tag: string;
}

function sealKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), SEAL_INFO, 32));
}

export function seal(secret: Buffer, recipientPublic: Buffer, aad: string): Sealed {
  const eph = generatePair();
  const shared = crypto.diffieHellman({ privateKey: privateKeyObject(eph.privateKey), publicKey: publicKeyObject(recipientPublic) });
  const k = sealKey(shared, eph.publicKey, recipientPublic);
  shared.fill(0);
  eph.privateKey.fill(0);
  try {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', k, nonce);
    cipher.setAAD(Buffer.from(aad));
    const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
    return {
      ephemeral: eph.publicKey.toString('base64'),
      nonce: nonce.toString('base64'),
      sealed: sealed.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  } finally {
    k.fill(0);
  }
}

/** The sealed secret, or null when this private key (or the AAD) does not match. */
export function open(s: Sealed, privateKey: Buffer, aad: string): Buffer | null {
  try {
    const ephemeral = Buffer.from(s.ephemeral, 'base64');
    const own = publicOf(privateKey);
    const shared = crypto.diffieHellman({ privateKey: privateKeyObject(privateKey), publicKey: publicKeyObject(ephemeral) });
    const k = sealKey(shared, ephemeral, own);
    shared.fill(0);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', k, Buffer.from(s.nonce, 'base64'));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(s.sealed, 'base64')), decipher.final()]);
    } finally {
      k.fill(0);
    }
  } catch {
    return null;
  }
}
