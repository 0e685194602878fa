/**
 * The recovery key: 32 random bytes shown once at set-up as 52 Crockford base32 characters in groups of four,
 * plus a 4-character checksum group so that a typo is caught before any decryption is tried.
 * It unwraps the DB's data key (keyring recovery slot) and, through backup/, opens the school's backups.
 */
import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function decode(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) return null;
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

function checksum(bytes: Buffer): string {
  return encode(crypto.createHash('sha256').update(bytes).digest()).slice(0, 4);
}

export function generateRecoveryKey(): { text: string; bytes: Buffer } {
  const bytes = crypto.randomBytes(32);
  return { text: formatRecoveryKey(bytes), bytes };
}

export function formatRecoveryKey(bytes: Buffer): string {
  const body = encode(bytes) + checksum(bytes);
  return (body.match(/.{1,4}/g) ?? []).join('-');
}

/** Parses what a person typed (any case, spaces or dashes, O→0, I/L→1). Null if malformed or the checksum fails. */
export function parseRecoveryKey(input: string): Buffer | null {
  const clean = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (clean.length !== 56) return null;
  const bytes = decode(clean.slice(0, 52));
  if (!bytes || bytes.length !== 32) return null;
  if (checksum(bytes) !== clean.slice(52)) return null;
  return bytes;
}
