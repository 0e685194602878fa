/**
 * What a thief does with a copy of the data folder and one password: node:crypto and a stock SQLCipher 4 only —
 * none of the app's unlock code. It follows the documented formats (README "Security model"):
 *  keyring v1 slot: scrypt(password, salt) → AES-256-GCM(AAD "qorgan-keyring-v1:<keyring id>:<slot id>") → data key;
 *  keyring v2 slot: the same unwraps an X25519 private key; a grant is ECIES: X25519(private, ephemeral) →
 *    HKDF-SHA256(salt = ephemeral ‖ own public, info "qorgan keyring grant v2") → AES-256-GCM with
 *    AAD "qorgan-grant-v2:<keyring id>:<recipient>:<key name>:<epoch>";
 *  a field: 'Q' 0x01 | epoch u32 | nonce 12 | ciphertext | tag 16, AAD "qorgan-field-v1:<table>:<id>:<field>:<epoch>".
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { querySqlcipher4 } from '../../harness/sqlcipher4';

interface RawGrant { recipient: string; key: string; epoch: number; ephemeral: string; nonce: string; sealed: string; tag: string }
interface RawSlot { v?: number; id: string; kind: string; accountId: string | null; loginHash: string | null; salt?: string; nonce?: string; wrapped?: string; tag?: string; publicKey?: string }
export interface RawKeyring { id: string; kdf: { N: number; r: number; p: number }; slots: RawSlot[]; grants?: RawGrant[] }

export interface Loot {
  base: Buffer[];
  compartments: { name: string; epoch: number; key: Buffer }[];
}

function gcmOpen(key: Buffer, nonce: Buffer, ct: Buffer, tag: Buffer, aad: Buffer): Buffer | null {
  try {
    const d = crypto.createDecipheriv('aes-256-gcm', key, nonce);
    d.setAAD(aad);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]);
  } catch {
    return null;
  }
}

const b = (s: string | undefined) => Buffer.from(s ?? '', 'base64');

export function steal(keyring: RawKeyring, login: string, password: string): Loot {
  const hash = crypto.createHmac('sha256', keyring.id).update(login.toLowerCase()).digest('hex');
  const loot: Loot = { base: [], compartments: [] };
  for (const slot of keyring.slots.filter((s) => s.kind === 'account' && s.loginHash === hash)) {
    const kek = crypto.scryptSync(password.normalize('NFC'), b(slot.salt), 32, { N: keyring.kdf.N, r: keyring.kdf.r, p: keyring.kdf.p, maxmem: 512 * 1024 * 1024 });
    const secret = gcmOpen(kek, b(slot.nonce), b(slot.wrapped), b(slot.tag), Buffer.from(`qorgan-keyring-v1:${keyring.id}:${slot.id}`));
    if (!secret) continue;
    if ((slot.v ?? 1) === 1) {
      loot.base.push(secret);
      continue;
    }
    const priv = crypto.createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), secret]), format: 'der', type: 'pkcs8' });
    const own = b(slot.publicKey);
    for (const g of keyring.grants ?? []) {
      if (g.recipient !== slot.accountId) continue;
      const eph = b(g.ephemeral);
      const shared = crypto.diffieHellman({
        privateKey: priv,
        publicKey: crypto.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), eph]), format: 'der', type: 'spki' }),
      });
      const k = Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.concat([eph, own]), 'qorgan keyring grant v2', 32));
      const key = gcmOpen(k, b(g.nonce), b(g.sealed), b(g.tag), Buffer.from(`qorgan-grant-v2:${keyring.id}:${g.recipient}:${g.key}:${g.epoch}`));
      if (!key) continue;
      if (g.key === 'base') loot.base.push(key);
      else loot.compartments.push({ name: g.key, epoch: g.epoch, key });
    }
  }
  return loot;
}

/** The rows of every table (FTS shadow tables included) a key opens in stock SQLCipher 4, or null if it opens nothing. */
export function dumpAll(file: string, key: Buffer): Record<string, Record<string, unknown>[]> | null {
  const hex = key.toString('hex');
  let tables: { name: string }[];
  try {
    tables = querySqlcipher4(file, hex, `SELECT name FROM sqlite_master WHERE type = 'table'`) as { name: string }[];
  } catch {
    return null;
  }
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of tables) out[t.name] = querySqlcipher4(file, hex, `SELECT * FROM "${t.name.replace(/"/g, '""')}"`) as Record<string, unknown>[];
  return out;
}

/** Cells (table.column) whose text or bytes contain any of the needles. */
export function cellsContaining(dump: Record<string, Record<string, unknown>[]>, needles: string[]): string[] {
  const hits: string[] = [];
  for (const [table, rows] of Object.entries(dump)) {
    for (const row of rows) {
      for (const [col, v] of Object.entries(row)) {
        const text = typeof v === 'string' ? v : v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v);
        if (needles.some((n) => text.includes(n))) hits.push(`${table}.${col}`);
      }
    }
  }
  return hits;
}

/** Decrypts a field blob with a stolen compartment key (null if it does not open). */
export function openFieldBlob(key: { epoch: number; key: Buffer }, table: string, id: string, field: string, blob: Uint8Array): string | null {
  const buf = Buffer.from(blob);
  if (buf.length < 34 || buf[0] !== 0x51 || buf[1] !== 0x01 || buf.readUInt32BE(2) !== key.epoch) return null;
  const plain = gcmOpen(key.key, buf.subarray(6, 18), buf.subarray(18, buf.length - 16), buf.subarray(buf.length - 16), Buffer.from(`qorgan-field-v1:${table}:${id}:${field}:${key.epoch}`));
  return plain ? plain.toString('utf8') : null;
}

/** Like `openFieldBlob`, for a field sealed as raw bytes (a sealed document's PDF). */
export function openFieldBytes(key: { epoch: number; key: Buffer }, table: string, id: string, field: string, blob: Uint8Array): Buffer | null {
  const buf = Buffer.from(blob);
  if (buf.length < 34 || buf[0] !== 0x51 || buf[1] !== 0x01 || buf.readUInt32BE(2) !== key.epoch) return null;
  return gcmOpen(key.key, buf.subarray(6, 18), buf.subarray(18, buf.length - 16), buf.subarray(buf.length - 16), Buffer.from(`qorgan-field-v1:${table}:${id}:${field}:${key.epoch}`));
}

/**
 * Every page of a SQLCipher 4 file (and its WAL) decrypted with a raw base key, free pages and old WAL frames
 * included: what a thief sees beyond the rows SQL returns. SQLCipher 4 defaults: 4096-byte pages, 80 reserved bytes
 * at the end of each (IV 16 ‖ HMAC 64), AES-256-CBC; page 1 starts with the 16-byte salt.
 */
export function decryptedPages(file: string, key: Buffer): Buffer[] {
  const P = 4096;
  const R = 80;
  const decrypt = (page: Buffer, first: boolean): Buffer => {
    const d = crypto.createDecipheriv('aes-256-cbc', key, page.subarray(P - R, P - R + 16)).setAutoPadding(false);
    return Buffer.concat([d.update(page.subarray(first ? 16 : 0, P - R)), d.final()]);
  };
  const out: Buffer[] = [];
  const db = fs.readFileSync(file);
  for (let off = 0; off + P <= db.length; off += P) out.push(decrypt(db.subarray(off, off + P), off === 0));
  const walFile = `${file}-wal`;
  if (fs.existsSync(walFile)) {
    const wal = fs.readFileSync(walFile);
    // 32-byte WAL header, then frames: 24-byte frame header (page number first) + the page
    for (let off = 32; off + 24 + P <= wal.length; off += 24 + P) {
      const pgno = wal.readUInt32BE(off);
      out.push(decrypt(wal.subarray(off + 24, off + 24 + P), pgno === 1));
    }
  }
  return out;
}

/** The X25519 private key an account's v2 slot wraps under its password (null: wrong password or no such slot). */
export function stealAccountKey(keyring: RawKeyring, login: string, password: string): Buffer | null {
  const hash = crypto.createHmac('sha256', keyring.id).update(login.toLowerCase()).digest('hex');
  for (const slot of keyring.slots.filter((s) => s.kind === 'account' && s.loginHash === hash && (s.v ?? 1) === 2)) {
    const kek = crypto.scryptSync(password.normalize('NFC'), b(slot.salt), 32, { N: keyring.kdf.N, r: keyring.kdf.r, p: keyring.kdf.p, maxmem: 512 * 1024 * 1024 });
    const secret = gcmOpen(kek, b(slot.nonce), b(slot.wrapped), b(slot.tag), Buffer.from(`qorgan-keyring-v1:${keyring.id}:${slot.id}`));
    if (secret) return secret;
  }
  return null;
}

/** Opens a value sealed to an X25519 public key (ephemeral X25519 → HKDF-SHA256 → AES-256-GCM) with its private key. */
export function openSealedTo(privateKey: Buffer, s: { ephemeral: string; nonce: string; sealed: string; tag: string }, aad: string): Buffer | null {
  const priv = crypto.createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), privateKey]), format: 'der', type: 'pkcs8' });
  const own = Buffer.from(crypto.createPublicKey(priv).export({ format: 'der', type: 'spki' }).subarray(12));
  const eph = b(s.ephemeral);
  try {
    const shared = crypto.diffieHellman({
      privateKey: priv,
      publicKey: crypto.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), eph]), format: 'der', type: 'spki' }),
    });
    const k = Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.concat([eph, own]), 'qorgan keyring grant v2', 32));
    return gcmOpen(k, b(s.nonce), b(s.sealed), b(s.tag), Buffer.from(aad));
  } catch {
    return null;
  }
}
