/**
 * Reading the ZIP of an imported Office file with a byte budget enforced while inflating, not after: the central
 * directory is read first (entry count and declared sizes refused before anything is inflated), then each entry is
 * inflated in small steps through fflate's streaming `Inflate`, stopping as soon as it passes its declared size or
 * its budget. A ZIP bomb (declared or lying) therefore costs at most one step of output before it is refused.
 *
 * Errors: a damaged archive → `plans.import_failed`; declared sizes over the total → `plans.import_too_large`;
 * an entry that inflates past its budget or its declared size, or too many entries → `file.too_complex`.
 */
import { Inflate } from 'fflate';
import { AppError } from '../errors';
import { MAX_UNPACKED_BYTES } from './io-common';

export const MAX_ZIP_ENTRIES = 10_000;
/** compressed bytes pushed per step: deflate's ratio is at most ~1 032:1, so one step yields at most ~8 MiB */
const STEP = 8 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** the size the archive declares */
  size: number;
  /** offset of the local file header */
  localOffset: number;
}

const damaged = (why: string) => new AppError('plans.import_failed', `the file is damaged (not a readable ZIP): ${why}`);

/** The entries of the central directory, in order. Linear in the directory's size. */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end-of-central-directory record: within the last 64 KiB + 22 bytes (the comment is at most 65 535 bytes)
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new AppError('file.too_complex', 'a ZIP64 archive is not an Office file we read', { reason: 'zip64' });
  if (count > MAX_ZIP_ENTRIES) throw new AppError('file.too_complex', 'the archive has too many entries', { limitEntries: MAX_ZIP_ENTRIES });
  if (cdOffset + cdSize > eocd) throw damaged('central directory outside the file');
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let declared = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) throw damaged('bad central directory entry');
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen > eocd) throw damaged('entry name outside the directory');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw new AppError('file.too_complex', 'a ZIP64 archive is not an Office file we read', { reason: 'zip64' });
    }
    declared += size;
    if (declared > MAX_UNPACKED_BYTES) {
      throw new AppError('plans.import_too_large', 'the file unpacks to too much data', { limitMb: MAX_UNPACKED_BYTES / (1024 * 1024) });
    }
    entries.push({ name, method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of an entry (from its local header). */
function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = e.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw damaged('bad local header');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw damaged('entry data outside the file');
  return bytes.subarray(start, end);
}

export interface InflateBudget {
  /** most bytes this entry may inflate to (besides its declared size) */
  maxBytes: number;
  /** each piece of output, in order (for counting without keeping); when set, nothing is kept and null returned */
  onChunk?: (chunk: Uint8Array) => void;
}

/**
 * Inflates one entry step by step: refused (`file.too_complex`) as soon as the output passes the smaller of its
 * declared size and `maxBytes`, and as damaged when it ends short of the declared size.
 */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry, budget: InflateBudget): Uint8Array | null {
  if (e.size > budget.maxBytes) throw new AppError('file.too_complex', 'a part of the file is larger than allowed', { limitMb: Math.floor(budget.maxBytes / (1024 * 1024)) });
  const data = entryData(bytes, e);
  const keep = budget.onChunk === undefined;
  const parts: Uint8Array[] = [];
  let total = 0;
  const take = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > e.size) throw new AppError('file.too_complex', 'a part of the file inflates past its declared size', { reason: 'zip_bomb' });
    if (keep) parts.push(chunk);
    else budget.onChunk?.(chunk);
  };
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw damaged('stored entry with two sizes');
    take(data);
  } else if (e.method === 8) {
    let failure: unknown = null;
    const inflate = new Inflate((chunk) => {
      if (failure !== null) return;
      try {
        take(chunk);
      } catch (err) {
        failure = err;
      }
    });
    try {
      for (let i = 0; i < data.length && failure === null; i += STEP) {
        const end = Math.min(data.length, i + STEP);
        inflate.push(data.subarray(i, end), end === data.length);
      }
    } catch {
      throw damaged('bad deflate data');
    }
    if (failure !== null) throw failure;
  } else {
    throw damaged('unsupported compression method');
  }
  if (total !== e.size) throw damaged('entry shorter than declared');
  if (!keep) return null;
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(total);
  let o = 0;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}
