/** A minimal DER reader with byte offsets (signature verification needs the exact signed bytes). */
export interface Tlv {
  /** the identifier byte: class bits, constructed bit and tag number (low tag numbers only) */
  tag: number;
  cls: number;
  constructed: boolean;
  tagNumber: number;
  /** offset of the identifier byte */
  start: number;
  /** offset of the contents */
  contentStart: number;
  /** offset after the contents */
  end: number;
}

export class DerError extends Error {}

export function readTlv(buf: Buffer, offset: number, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let pos = offset + 1;
  let len = buf[pos++]!;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || pos + n > limit) throw new DerError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++]!;
  }
  const end = pos + len;
  if (end > limit) throw new DerError('truncated');
  return { tag, cls: tag >> 6, constructed: (tag & 0x20) !== 0, tagNumber: tag & 0x1f, start: offset, contentStart: pos, end };
}

export function children(buf: Buffer, t: Tlv): Tlv[] {
  if (!t.constructed) throw new DerError('not constructed');
  const out: Tlv[] = [];
  let pos = t.contentStart;
  while (pos < t.end) {
    const c = readTlv(buf, pos, t.end);
    out.push(c);
    pos = c.end;
  }
  return out;
}

export function content(buf: Buffer, t: Tlv): Buffer {
  return buf.subarray(t.contentStart, t.end);
}

export function whole(buf: Buffer, t: Tlv): Buffer {
  return buf.subarray(t.start, t.end);
}

export function oidString(bytes: Buffer): string {
  if (bytes.length === 0) throw new DerError('empty oid');
  const parts: number[] = [];
  const first = bytes[0]!;
  parts.push(first < 80 ? Math.floor(first / 40) : 2, first < 80 ? first % 40 : first - 80);
  let v = 0;
  for (let i = 1; i < bytes.length; i++) {
    v = v * 128 + (bytes[i]! & 0x7f);
    if (!(bytes[i]! & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** Decodes a directory string (UTF8String, BMPString, PrintableString, IA5String, TeletexString …). */
export function directoryString(buf: Buffer, t: Tlv): string {
  const b = content(buf, t);
  switch (t.tag) {
    case 0x0c:
      return b.toString('utf8');
    case 0x1e: {
      let s = '';
      for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b.readUInt16BE(i));
      return s;
    }
    case 0x1c: {
      // UniversalString (UCS-4)
      let s = '';
      for (let i = 0; i + 3 < b.length; i += 4) s += String.fromCodePoint(b.readUInt32BE(i));
      return s;
    }
    default:
      return b.toString('latin1');
  }
}

const NAME_OIDS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SURNAME',
  '2.5.4.42': 'G',
  '2.5.4.12': 'title',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'SERIALNUMBER',
};

/** A Name as attribute short name → first value. */
export function readName(buf: Buffer, name: Tlv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rdn of children(buf, name)) {
    for (const atv of children(buf, rdn)) {
      const [type, value] = children(buf, atv);
      if (!type || !value) continue;
      const oid = oidString(content(buf, type));
      const key = NAME_OIDS[oid] ?? oid;
      if (!(key in out)) out[key] = directoryString(buf, value);
    }
  }
  return out;
}

/** UTCTime / GeneralizedTime → Date */
export function readTime(buf: Buffer, t: Tlv): Date | null {
  const s = content(buf, t).toString('latin1');
  let m: RegExpExecArray | null;
  if (t.tag === 0x17 && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s))) {
    const yy = Number(m[1]);
    return new Date(Date.UTC(yy >= 50 ? 1900 + yy : 2000 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  if (t.tag === 0x18 && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s))) {
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  return null;
}
