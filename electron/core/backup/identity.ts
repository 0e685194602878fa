/**
 * The backup's age identity, derived from the school's recovery key so that the recovery key alone opens every
 * backup (and the standard `age` tool opens it with the identity file the recovery key yields).
 *
 * identity scalar = HKDF-SHA256(ikm = the 32 recovery-key bytes, salt = empty, info = IDENTITY_INFO, 32 bytes),
 * encoded as age encodes X25519 identities: bech32 with the HRP "AGE-SECRET-KEY-", upper case.
 * The recipient (public, `age1…`) is stored in the DB so that backups can be made without the recovery key.
 */
import crypto from 'node:crypto';
import { bech32 } from '@scure/base';
import { identityToRecipient } from 'age-encryption';

export const IDENTITY_INFO = 'qorgan backup age identity v1';

export function backupIdentityFromRecovery(recovery: Buffer): string {
  if (recovery.length !== 32) throw new Error('the recovery key must be 32 bytes');
  const scalar = new Uint8Array(crypto.hkdfSync('sha256', recovery, Buffer.alloc(0), IDENTITY_INFO, 32));
  try {
    return bech32.encodeFromBytes('AGE-SECRET-KEY-', scalar).toUpperCase();
  } finally {
    scalar.fill(0);
  }
}

export async function recipientOfIdentity(identity: string): Promise<string> {
  return identityToRecipient(identity);
}

export async function backupRecipientFromRecovery(recovery: Buffer): Promise<string> {
  return recipientOfIdentity(backupIdentityFromRecovery(recovery));
}

/** An X25519 age recipient (`age1…`, 32 bytes). */
export function isX25519Recipient(text: string): boolean {
  if (!/^age1[02-9ac-hj-np-z]{58}$/.test(text)) return false;
  try {
    const decoded = bech32.decodeToBytes(text);
    return decoded.prefix === 'age' && decoded.bytes.length === 32;
  } catch {
    return false;
  }
}

/** An X25519 age identity (`AGE-SECRET-KEY-1…`), e.g. the district's; accepts the text of an identity file. */
export function parseX25519Identity(text: string): string | null {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0 && !l.startsWith('#'));
  if (!line || !/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/.test(line)) return null;
  try {
    const decoded = bech32.decodeToBytes(line);
    return decoded.bytes.length === 32 ? line : null;
  } catch {
    return null;
  }
}
