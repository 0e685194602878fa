/**
 * The age file format (https://age-encryption.org/v1) for backups.
 *
 * The header (recipient stanzas + HMAC) is made and checked by `age-encryption`. The payload — ChaCha20-Poly1305
 * in 64 KiB STREAM chunks — is sealed here with Node's OpenSSL ChaCha20-Poly1305, about 15× faster than the pure
 * JS cipher, which matters for a 200 MB school DB on a slow PC. Any age implementation opens the result.
 *
 * The header carries one more stanza, `-> qorgan/backup <format> <plaintext size>`, covered by the header MAC:
 * it marks a Qorgan backup before any key is tried, and gives the exact expected file size, so that a truncated
 * file is told apart from a damaged one. age implementations ignore stanzas they do not know.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Decrypter, Encrypter, Stanza, type Recipient } from 'age-encryption';
import { AppError } from '../errors';

export const QORGAN_STANZA = 'qorgan/backup';
export const AGE_FORMAT = 1;
const VERSION_LINE = 'age-encryption.org/v1';
const CHUNK = 64 * 1024;
const TAG = 16;
const CT_CHUNK = CHUNK + TAG;
const NONCE = 16;
const MAX_HEADER = 64 * 1024;

/** Size of the payload (nonce + sealed chunks) for a plaintext of `plain` bytes. */
export function payloadSize(plain: number): number {
  const chunks = Math.max(1, Math.ceil(plain / CHUNK));
  return NONCE + plain + TAG * chunks;
}

export interface AgeHeader {
  header: Buffer;
  fileKey: Buffer;
}

/** Makes a header for the recipients (`age1…`) and returns it with the file key it wraps. */
export async function makeHeader(recipients: readonly string[], plaintextSize: number): Promise<AgeHeader> {
  const captured: { key: Buffer | null } = { key: null };
  const marker: Recipient = {
    wrapFileKey(fileKey: Uint8Array) {
      captured.key = Buffer.from(fileKey);
      return [new Stanza([QORGAN_STANZA, String(AGE_FORMAT), String(plaintextSize)], new Uint8Array(0))];
    },
  };
  const enc = new Encrypter();
  for (const r of recipients) enc.addRecipient(r);
  enc.addRecipient(marker);
  // An empty file is header ‖ 16-byte nonce ‖ one 16-byte tag: the header is all but the last 32 bytes.
  const empty = await enc.encrypt(new Uint8Array(0));
  if (!captured.key) throw new Error('age header: the file key was not captured');
  return { header: Buffer.from(empty.subarray(0, empty.length - NONCE - TAG)), fileKey: captured.key };
}

function chunkNonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6); // 11-byte big-endian counter (bytes 0..10); 48 bits are plenty
  n[11] = last ? 1 : 0;
  return n;
}

function seal(key: Buffer, counter: number, last: boolean, plain: Buffer): Buffer {
  const c = crypto.createCipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG });
  const body = c.update(plain);
  c.final();
  return Buffer.concat([body, c.getAuthTag()]);
}

function open(key: Buffer, counter: number, last: boolean, sealed: Buffer): Buffer | null {
  if (sealed.length < TAG) return null;
  const d = crypto.createDecipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG });
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  const body = d.update(sealed.subarray(0, sealed.length - TAG));
  try {
    d.final();
    return body;
  } catch {
    return null;
  }
}

function payloadKey(fileKey: Buffer, nonce: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', fileKey, nonce, 'payload', 32));
}

/** Seals the plaintext stream: yields the 16-byte nonce, then the STREAM chunks. */
export async function* encryptPayload(fileKey: Buffer, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const nonce = crypto.randomBytes(NONCE);
  const key = payloadKey(fileKey, nonce);
  try {
    yield nonce;
    const buf = Buffer.alloc(CHUNK);
    let used = 0;
    let counter = 0;
    for await (const chunk of source) {
      let off = 0;
      while (off < chunk.length) {
        if (used === CHUNK) {
          yield seal(key, counter++, false, buf);
          used = 0;
        }
        const n = Math.min(CHUNK - used, chunk.length - off);
        chunk.copy(buf, used, off, off + n);
        used += n;
        off += n;
      }
    }
    yield seal(key, counter, true, buf.subarray(0, used));
    buf.fill(0);
  } finally {
    key.fill(0);
  }
}

/** Opens the payload stream (nonce + chunks). Throws backup.truncated / backup.corrupt. */
export async function* decryptPayload(fileKey: Buffer, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let key: Buffer | null = null;
  const nonce = Buffer.alloc(NONCE);
  let nonceUsed = 0;
  const buf = Buffer.alloc(CT_CHUNK);
  let used = 0;
  let counter = 0;
  try {
    for await (const chunk of source) {
      let off = 0;
      if (nonceUsed < NONCE) {
        const n = Math.min(NONCE - nonceUsed, chunk.length);
        chunk.copy(nonce, nonceUsed, 0, n);
        nonceUsed += n;
        off = n;
        if (nonceUsed === NONCE) key = payloadKey(fileKey, nonce);
      }
      while (off < chunk.length) {
        if (used === CT_CHUNK) {
          const plain = open(key as Buffer, counter, false, buf);
          if (!plain) throw new AppError('backup.corrupt', 'a block of the backup fails authentication');
          counter++;
          used = 0;
          yield plain;
        }
        const n = Math.min(CT_CHUNK - used, chunk.length - off);
        chunk.copy(buf, used, off, off + n);
        used += n;
        off += n;
      }
    }
    if (!key) throw new AppError('backup.truncated', 'the backup ends before its data starts');
    const last = open(key, counter, true, buf.subarray(0, used));
    if (!last) {
      // A full chunk that opens as a middle chunk: the file was cut at a chunk boundary.
      if (used === CT_CHUNK && open(key, counter, false, buf)) {
        throw new AppError('backup.truncated', 'the backup file is cut short');
      }
      throw new AppError('backup.corrupt', 'the last block of the backup fails authentication');
    }
    if (last.length === 0 && counter > 0) throw new AppError('backup.corrupt', 'the backup ends with an empty block');
    yield last;
  } finally {
    key?.fill(0);
  }
}

export interface ParsedHeader {
  header: Buffer;
  plaintextSize: number;
  format: number;
}

/**
 * Reads and parses the header of a file without any key: refuses what is not age (`backup.not_a_backup`), an age
 * file without the Qorgan stanza (`backup.not_a_backup`), a newer format (`backup.newer_version`).
 */
export async function readHeader(file: string): Promise<ParsedHeader> {
  const fh = await fs.promises.open(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(MAX_HEADER);
    const { bytesRead } = await fh.read(buf, 0, MAX_HEADER, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const firstNl = head.indexOf(0x0a);
  if (firstNl < 0 || head.subarray(0, firstNl).toString('latin1') !== VERSION_LINE) {
    throw new AppError('backup.not_a_backup', 'the file is not an age-encrypted Qorgan backup');
  }
  const macAt = head.indexOf('\n--- ');
  const end = macAt < 0 ? -1 : head.indexOf(0x0a, macAt + 1);
  if (end < 0) {
    throw new AppError(head.length < MAX_HEADER ? 'backup.truncated' : 'backup.corrupt', 'the backup header is incomplete');
  }
  const header = Buffer.from(head.subarray(0, end + 1));
  const lines = header.toString('latin1').split('\n');
  const marker = lines.find((l) => l.startsWith(`-> ${QORGAN_STANZA} `));
  if (!marker) throw new AppError('backup.not_a_backup', 'an age file, but not a Qorgan backup');
  const [, , formatText, sizeText] = marker.split(' ');
  const format = Number(formatText);
  const plaintextSize = Number(sizeText);
  if (!Number.isSafeInteger(format) || !Number.isSafeInteger(plaintextSize) || plaintextSize < 0) {
    throw new AppError('backup.corrupt', 'the backup header is damaged');
  }
  if (format > AGE_FORMAT) throw new AppError('backup.newer_version', 'the backup was made by a newer Qorgan');
  return { header, plaintextSize, format };
}

/** Unwraps the file key with the identities (`AGE-SECRET-KEY-1…`) and checks the header MAC. */
export async function unwrapHeader(header: Buffer, identities: readonly string[]): Promise<Buffer> {
  const dec = new Decrypter();
  for (const id of identities) dec.addIdentity(id);
  try {
    return Buffer.from(await dec.decryptHeader(new Uint8Array(header)));
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    if (/no identity matched/i.test(message)) {
      throw new AppError('backup.wrong_key', 'the key does not open this backup');
    }
    throw new AppError('backup.corrupt', 'the backup header is damaged');
  }
}

/** Checks the header MAC with a known file key (the app's read-back check right after writing). */
export async function checkHeaderWithFileKey(header: Buffer, fileKey: Buffer): Promise<void> {
  const identity: { unwrapFileKey(): Uint8Array } = { unwrapFileKey: () => new Uint8Array(fileKey) };
  const dec = new Decrypter();
  dec.addIdentity(identity);
  try {
    await dec.decryptHeader(new Uint8Array(header));
  } catch {
    throw new AppError('backup.corrupt', 'the backup header is damaged');
  }
}

/** The exact size a complete file with this header must have. */
export function expectedFileSize(parsed: ParsedHeader): number {
  return parsed.header.length + payloadSize(parsed.plaintextSize);
}
