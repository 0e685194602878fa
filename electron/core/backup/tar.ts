/**
 * A minimal POSIX ustar writer and reader for the backup archive (three regular files, short names). Written here
 * rather than through a stream library so that the exact archive size is known before writing (the age header
 * carries it) and the archive streams through async generators without buffering a 200 MB DB.
 * GNU tar, bsdtar and 7-Zip read it.
 */
const BLOCK = 512;

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

export interface TarSource {
  name: string;
  size: number;
  mtime: Date;
  data: () => AsyncIterable<Buffer>;
}

const pad = (n: number) => (BLOCK - (n % BLOCK)) % BLOCK;

export function tarSize(sizes: readonly number[]): number {
  return sizes.reduce((sum, s) => sum + BLOCK + s + pad(s), 0) + 2 * BLOCK;
}

function octal(h: Buffer, value: number, offset: number, length: number): void {
  h.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'latin1');
}

function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 99 || !/^[A-Za-z0-9._-]+$/.test(name)) throw new Error('tar: bad entry name');
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  octal(h, 0o600, 100, 8);
  octal(h, 0, 108, 8);
  octal(h, 0, 116, 8);
  octal(h, size, 124, 12);
  octal(h, Math.floor(mtime.getTime() / 1000), 136, 12);
  h.write('        ', 148, 8, 'latin1');
  h.write('0', 156, 1, 'latin1');
  h.write('ustar\0', 257, 6, 'latin1');
  h.write('00', 263, 2, 'latin1');
  h.write('qorgan', 265, 32, 'latin1');
  h.write('qorgan', 297, 32, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return h;
}

export async function* writeTar(entries: readonly TarSource[]): AsyncGenerator<Buffer> {
  for (const e of entries) {
    yield header(e.name, e.size, e.mtime);
    let n = 0;
    for await (const chunk of e.data()) {
      n += chunk.length;
      if (n > e.size) throw new Error('tar: entry grew while being archived');
      yield chunk;
    }
    if (n !== e.size) throw new Error('tar: entry size changed while being archived');
    if (pad(n) > 0) yield Buffer.alloc(pad(n));
  }
  yield Buffer.alloc(2 * BLOCK);
}

/** Pulls exact byte counts out of an async iterable of buffers. */
class ByteReader {
  private pending: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly it: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    this.pending = this.pending.length === 0 ? r.value : Buffer.concat([this.pending, r.value]);
    return true;
  }

  /** Exactly n bytes, or fewer at the end of the input. */
  async read(n: number): Promise<Buffer> {
    while (this.pending.length < n && (await this.fill()));
    const out = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(out.length);
    return out;
  }

  /** Streams n bytes. */
  async *stream(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.pending.length === 0 && !(await this.fill())) throw new TarFormatError('tar: entry cut short');
      const out = this.pending.subarray(0, Math.min(left, this.pending.length));
      this.pending = this.pending.subarray(out.length);
      left -= out.length;
      yield out;
    }
  }

  /** Reads to the end; true if everything left is zero bytes. */
  async restIsZero(): Promise<boolean> {
    for (;;) {
      if (this.pending.some((b) => b !== 0)) return false;
      this.pending = Buffer.alloc(0);
      if (!(await this.fill())) return true;
    }
  }
}

export interface TarEntry {
  name: string;
  size: number;
}

function parseOctal(h: Buffer, offset: number, length: number): number {
  const text = h.subarray(offset, offset + length).toString('latin1').replace(/[\0 ]+$/g, '').trim();
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('tar: bad number field');
  return parseInt(text, 8);
}

function parseHeader(h: Buffer): TarEntry {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] as number);
  if (parseOctal(h, 148, 8) !== sum) throw new TarFormatError('tar: header checksum mismatch');
  if (h.subarray(257, 262).toString('latin1') !== 'ustar') throw new TarFormatError('tar: not a ustar archive');
  const type = h.subarray(156, 157).toString('latin1');
  if (type !== '0' && type !== '\0') throw new TarFormatError('tar: unexpected entry type');
  const cstr = (o: number, l: number) => {
    const b = h.subarray(o, o + l);
    const z = b.indexOf(0);
    return b.subarray(0, z < 0 ? l : z).toString('utf8');
  };
  const prefix = cstr(345, 155);
  const name = prefix ? `${prefix}/${cstr(0, 100)}` : cstr(0, 100);
  return { name, size: parseOctal(h, 124, 12) };
}

/**
 * Reads the archive entry by entry; `onEntry` must consume `body` fully. Throws TarFormatError for anything that
 * is not a well-formed ustar archive of regular files.
 */
export async function readTar(
  source: AsyncIterable<Buffer>,
  onEntry: (entry: TarEntry, body: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const r = new ByteReader(source[Symbol.asyncIterator]());
  for (;;) {
    const h = await r.read(BLOCK);
    if (h.length === 0) throw new TarFormatError('tar: missing end-of-archive marker');
    if (h.length < BLOCK) throw new TarFormatError('tar: header cut short');
    if (h.every((b) => b === 0)) {
      if (!(await r.restIsZero())) throw new TarFormatError('tar: data after the end-of-archive marker');
      return;
    }
    const entry = parseHeader(h);
    let consumed = 0;
    const body = (async function* () {
      for await (const c of r.stream(entry.size)) {
        consumed += c.length;
        yield c;
      }
    })();
    await onEntry(entry, body);
    if (consumed !== entry.size) for await (const _ of r.stream(entry.size - consumed)) void _;
    const p = pad(entry.size);
    if (p > 0 && (await r.read(p)).length < p) throw new TarFormatError('tar: padding cut short');
  }
}
