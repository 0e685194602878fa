/**
 * A small reader/appender for PDFs with classic cross-reference tables (what pdfmake/pdfkit writes, and what the
 * signature increments below write). Enough to add a signature field to a chosen page as an incremental update:
 * earlier bytes are never touched, so earlier signatures stay valid.
 */
export interface XrefIndex {
  /** object number → byte offset of "N G obj" */
  offsets: Map<number, number>;
  size: number;
  rootRef: string;
  infoRef: string | null;
  /** the trailer's /ID array text, copied into each new trailer */
  idText: string | null;
  /** offset of the last xref section (the file's startxref) */
  startxref: number;
}

export class PdfStructureError extends Error {}

function latin1(buf: Buffer, start: number, end?: number): string {
  return buf.subarray(start, end).toString('latin1');
}

function lastStartxref(pdf: Buffer): number {
  const tail = latin1(pdf, Math.max(0, pdf.length - 1024));
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new PdfStructureError('no startxref at the end of the file');
  return Number(m[1]);
}

/** Reads the chain of classic xref sections and the newest trailer. */
export function readXref(pdf: Buffer): XrefIndex {
  const startxref = lastStartxref(pdf);
  const offsets = new Map<number, number>();
  let pos: number | null = startxref;
  let trailerText: string | null = null;
  const seen = new Set<number>();
  while (pos !== null) {
    if (seen.has(pos) || pos >= pdf.length) throw new PdfStructureError('broken xref chain');
    seen.add(pos);
    const head = latin1(pdf, pos, pos + 4);
    if (head !== 'xref') throw new PdfStructureError('cross-reference streams are not supported');
    const trailerAt = pdf.indexOf('trailer', pos, 'latin1');
    if (trailerAt < 0) throw new PdfStructureError('no trailer');
    const table = latin1(pdf, pos + 4, trailerAt);
    const lines = table.split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean);
    let i = 0;
    while (i < lines.length) {
      const sub = /^(\d+)\s+(\d+)$/.exec(lines[i]!);
      if (!sub) throw new PdfStructureError('bad xref subsection');
      const first = Number(sub[1]);
      const count = Number(sub[2]);
      for (let k = 0; k < count; k++) {
        const entry = /^(\d{10})\s+(\d{5})\s+([nf])$/.exec(lines[i + 1 + k] ?? '');
        if (!entry) throw new PdfStructureError('bad xref entry');
        const num = first + k;
        if (entry[3] === 'n' && !offsets.has(num)) offsets.set(num, Number(entry[1]));
      }
      i += 1 + count;
    }
    const dictEnd = pdf.indexOf('startxref', trailerAt, 'latin1');
    const trailer = latin1(pdf, trailerAt, dictEnd < 0 ? undefined : dictEnd);
    if (trailerText === null) trailerText = trailer;
    const prev = /\/Prev\s+(\d+)/.exec(trailer);
    pos = prev ? Number(prev[1]) : null;
  }
  const t = trailerText ?? '';
  const size = /\/Size\s+(\d+)/.exec(t);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(t);
  if (!size || !root) throw new PdfStructureError('trailer without /Size or /Root');
  const info = /\/Info\s+(\d+\s+\d+\s+R)/.exec(t);
  const id = /\/ID\s*(\[[^\]]*\])/.exec(t);
  return {
    offsets,
    size: Number(size[1]),
    rootRef: root[1]!.replace(/\s+/g, ' '),
    infoRef: info ? info[1]!.replace(/\s+/g, ' ') : null,
    idText: id ? id[1]! : null,
    startxref,
  };
}

export function refNumber(ref: string): number {
  const m = /^(\d+)\s+\d+\s+R$/.exec(ref.trim());
  if (!m) throw new PdfStructureError('bad reference');
  return Number(m[1]);
}

/** The body of a dictionary object (the text between its outer << and >>), not for streams. */
export function readDictObject(pdf: Buffer, index: XrefIndex, num: number): string {
  const offset = index.offsets.get(num);
  if (offset === undefined) throw new PdfStructureError('object not in xref');
  const end = pdf.indexOf('endobj', offset, 'latin1');
  if (end < 0) throw new PdfStructureError('object without endobj');
  const text = latin1(pdf, offset, end);
  const streamAt = text.indexOf('stream');
  const body = streamAt >= 0 ? text.slice(0, streamAt) : text;
  const open = body.indexOf('<<');
  const close = body.lastIndexOf('>>');
  if (open < 0 || close < open) throw new PdfStructureError('object is not a dictionary');
  return body.slice(open + 2, close);
}

/** Value text of a key at the top level of a dictionary body: a ref, a name, a number or an array. */
export function dictGet(body: string, key: string): string | null {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '<' && body[i + 1] === '<') {
      depth++;
      i++;
      continue;
    }
    if (c === '>' && body[i + 1] === '>') {
      depth--;
      i++;
      continue;
    }
    if (c === '(') {
      // skip a literal string
      let level = 1;
      i++;
      while (i < body.length && level > 0) {
        if (body[i] === '\\') i++;
        else if (body[i] === '(') level++;
        else if (body[i] === ')') level--;
        i++;
      }
      i--;
      continue;
    }
    if (depth === 0 && c === '/' && body.startsWith(key, i + 1) && !/[A-Za-z0-9]/.test(body[i + 1 + key.length] ?? '')) {
      const rest = body.slice(i + 1 + key.length).trimStart();
      if (rest.startsWith('[')) return rest.slice(0, rest.indexOf(']') + 1);
      const ref = /^(\d+\s+\d+\s+R)/.exec(rest);
      if (ref) return ref[1]!;
      const atom = /^([^\s/<>[\]()]+|\/[^\s/<>[\]()]+)/.exec(rest);
      return atom ? atom[1]! : null;
    }
  }
  return null;
}

/** Removes a top-level key (with a ref, atom or array value) from a dictionary body. */
export function dictRemove(body: string, key: string): string {
  const value = dictGet(body, key);
  if (value === null) return body;
  const re = new RegExp(`/${key}\\s*${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  return body.replace(re, '');
}

/** Page object numbers in document order (walks the /Pages tree). */
export function pageObjects(pdf: Buffer, index: XrefIndex): number[] {
  const root = readDictObject(pdf, index, refNumber(index.rootRef));
  const pagesRef = dictGet(root, 'Pages');
  if (!pagesRef) throw new PdfStructureError('catalog without /Pages');
  const out: number[] = [];
  const walk = (num: number, depth: number) => {
    if (depth > 32) throw new PdfStructureError('page tree too deep');
    const node = readDictObject(pdf, index, num);
    const type = dictGet(node, 'Type');
    if (type === '/Page') {
      out.push(num);
      return;
    }
    const kids = dictGet(node, 'Kids');
    if (!kids) return;
    for (const m of kids.matchAll(/(\d+)\s+\d+\s+R/g)) walk(Number(m[1]), depth + 1);
  };
  walk(refNumber(pagesRef), 0);
  return out;
}

/** Collects new object bodies and writes them, an xref section and a trailer after the existing bytes. */
export class IncrementalUpdate {
  private readonly objects = new Map<number, Buffer>();
  private next: number;

  constructor(
    private readonly pdf: Buffer,
    readonly index: XrefIndex,
  ) {
    this.next = index.size;
  }

  allocate(): number {
    return this.next++;
  }

  /** Sets (or replaces) object `num` with the given body text (dictionary or stream, without "obj"/"endobj"). */
  set(num: number, body: string | Buffer): void {
    this.objects.set(num, Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  }

  build(): Buffer {
    let base = this.pdf;
    // end the previous revision with a line break
    const parts: Buffer[] = [base, Buffer.from('\n')];
    let offset = base.length + 1;
    const entries = new Map<number, number>();
    for (const [num, body] of [...this.objects.entries()].sort((a, b) => a[0] - b[0])) {
      const head = Buffer.from(`${num} 0 obj\n`, 'latin1');
      const tail = Buffer.from('\nendobj\n', 'latin1');
      entries.set(num, offset);
      parts.push(head, body, tail);
      offset += head.length + body.length + tail.length;
    }
    const xrefAt = offset;
    const nums = [...entries.keys()].sort((a, b) => a - b);
    let xref = 'xref\n';
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
      xref += `${nums[i]} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) xref += `${String(entries.get(nums[k]!)).padStart(10, '0')} 00000 n \n`;
      i = j + 1;
    }
    const size = Math.max(this.next, this.index.size);
    xref +=
      `trailer\n<<\n/Size ${size}\n/Root ${this.index.rootRef}\n` +
      (this.index.infoRef ? `/Info ${this.index.infoRef}\n` : '') +
      (this.index.idText ? `/ID ${this.index.idText}\n` : '') +
      `/Prev ${this.index.startxref}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
    parts.push(Buffer.from(xref, 'latin1'));
    base = Buffer.concat(parts);
    return base;
  }
}

/** A PDF text string: ASCII as a literal, anything else as UTF-16BE hex with BOM. */
export function pdfText(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => '\\' + c)})`;
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return `<FEFF${b.toString('hex').toUpperCase()}>`;
}

/** D:YYYYMMDDHHmmSSZ */
export function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** At most this many distinct signatures (/ByteRange arrays) of a PDF are considered; the rest are not checked. */
export const MAX_SIGNATURES = 16;
/** how far around a /ByteRange its signature dictionary's /M (claimed signing time) is looked for */
const DICT_WINDOW = 256 * 1024;

export interface SignatureRangeHit {
  ranges: [number, number, number, number];
  /** the raw /M string of the signature dictionary (D:…), null when absent */
  claimedTime: string | null;
}

/**
 * The filled /ByteRange [a b c d] arrays of a PDF, in file order, each distinct array once, at most MAX_SIGNATURES
 * of them. One forward scan of the file; the dictionary around each kept hit is read within a bounded window, so
 * a file of 100 000 /ByteRange lines costs one pass, not one pass per line.
 */
export function findSignatureByteRanges(pdf: Buffer): SignatureRangeHit[] {
  const text = pdf.toString('latin1');
  const out: SignatureRangeHit[] = [];
  const seen = new Set<string>();
  const re = /\/ByteRange\s{0,64}\[\s{0,64}(\d{1,15})\s{1,64}(\d{1,15})\s{1,64}(\d{1,15})\s{1,64}(\d{1,15})\s{0,256}\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < MAX_SIGNATURES) {
    const ranges: [number, number, number, number] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    const key = ranges.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const before = text.slice(Math.max(0, m.index - DICT_WINDOW), m.index);
    const objStart = Math.max(0, m.index - before.length + Math.max(0, before.lastIndexOf(' obj')));
    const after = text.slice(m.index, m.index + DICT_WINDOW);
    const endAt = after.indexOf('endobj');
    const dict = text.slice(objStart, endAt < 0 ? m.index + 200 : m.index + endAt);
    const time = /\/M\s*\((D:[^)]{0,64})\)/.exec(dict);
    out.push({ ranges, claimedTime: time ? (time[1] as string) : null });
  }
  return out;
}
