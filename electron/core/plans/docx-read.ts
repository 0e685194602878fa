/**
 * Reads the tables of a .docx: word/document.xml through a small tokenizer for the WordprocessingML that tables
 * use (w:tbl, w:tr, w:tc, w:p, w:t, w:tab, w:br, w:gridSpan, w:vMerge, w:gridBefore, w:tblHeader, w:jc). Text of
 * deleted revisions (w:delText), field codes (w:instrText) and fallback copies (mc:Fallback) is left out. Nested
 * tables add their text to the outer cell. A vertically merged cell's text is repeated in the rows it covers.
 */
import { AppError } from '../errors';
import { checkImportBytes, parsePlanMeta } from './io-common';
import type { RawTable } from './import';
import { inflateEntry, listZip } from './zip-read';

/** Budgets of one document (a real plan is a few hundred rows of seven cells in well under 1 MiB of XML). */
export const DOCX_LIMITS = {
  /** word/document.xml, inflated */
  documentBytes: 16 * 1024 * 1024,
  /** docProps/custom.xml (the hidden plan data), inflated */
  customBytes: 8 * 1024 * 1024,
  /** one tag with its attributes */
  tagChars: 64 * 1024,
  rowsPerTable: 20_000,
  columns: 200,
  /** table cells of the whole document */
  cells: 150_000,
  /** lines kept of a centred title group */
  titleLines: 50,
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    try {
      return String.fromCodePoint(code);
    } catch {
      return '';
    }
  });
}

const W_NAMESPACES = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];

/**
 * The prefix the document binds to the WordprocessingML namespace (transitional or strict): 'w' almost always,
 * '' for a default namespace, another prefix from some generators. Names are read as `w:` names either way.
 */
export function wordPrefix(xml: string): string {
  const head = xml.slice(0, 20_000);
  for (const m of head.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*["']([^"']+)["']/g)) {
    if (W_NAMESPACES.includes(m[2] as string)) return m[1] ?? '';
  }
  return 'w';
}

function normaliser(prefix: string): (name: string) => string {
  if (prefix === 'w') return (n) => n;
  if (prefix === '') return (n) => (n.includes(':') ? (n.startsWith('w:') ? `x-${n}` : n) : `w:${n}`);
  const p = `${prefix}:`;
  return (n) => (n.startsWith(p) ? `w:${n.slice(p.length)}` : n.startsWith('w:') ? `x-${n}` : n);
}

const NAME_CHAR = /[\w:.-]/;

/** name="value" pairs of a tag's attribute text, in one pass. */
function attrs(s: string, norm: (n: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const n = s.length;
  while (i < n) {
    const from = i;
    while (i < n && NAME_CHAR.test(s[i] as string)) i++;
    if (i === from) {
      i++;
      continue;
    }
    const name = s.slice(from, i);
    while (i < n && /\s/.test(s[i] as string)) i++;
    if (s[i] !== '=') continue;
    i++;
    while (i < n && /\s/.test(s[i] as string)) i++;
    const q = s[i];
    if (q !== '"' && q !== "'") continue;
    const end = s.indexOf(q, i + 1);
    if (end < 0) break;
    out[norm(name)] = decodeEntities(s.slice(i + 1, end));
    i = end + 1;
  }
  return out;
}

export type XmlToken =
  | { kind: 'text'; text: string }
  | { kind: 'cdata'; text: string }
  | { kind: 'tag'; name: string; close: boolean; self: boolean; attrs: string };

const malformed = (what: string) => new AppError('plans.import_failed', `the document XML is malformed: ${what}`);

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 58 || c === 46 || c === 45;
}

/**
 * The tokens of an XML text in one left-to-right pass: every scan starts where the previous token ended and stops
 * at its terminator, so the work is linear in the text. A comment, CDATA section, processing instruction,
 * declaration or tag that never ends is refused at once (`plans.import_failed`), and a tag longer than
 * DOCX_LIMITS.tagChars is `file.too_complex`.
 */
export function scanXml(xml: string, on: (token: XmlToken) => void): void {
  const n = xml.length;
  let i = 0;
  const skipTo = (terminator: string, from: number, what: string): number => {
    const end = xml.indexOf(terminator, from);
    if (end < 0) throw malformed(`unterminated ${what}`);
    return end;
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      on({ kind: 'text', text: xml.slice(i) });
      return;
    }
    if (lt > i) on({ kind: 'text', text: xml.slice(i, lt) });
    if (xml.startsWith('<!--', lt)) {
      i = skipTo('-->', lt + 4, 'comment') + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = skipTo(']]>', lt + 9, 'CDATA section');
      on({ kind: 'cdata', text: xml.slice(lt + 9, end) });
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      i = skipTo('?>', lt + 2, 'processing instruction') + 2;
      continue;
    }
    if (xml.startsWith('<!', lt)) {
      // a DOCTYPE (Word never writes one) is skipped, internal subset and all; entities are never expanded
      const close = skipTo('>', lt + 2, 'declaration');
      const bracket = xml.slice(lt, close).indexOf('[');
      i = (bracket < 0 ? close : skipTo('>', skipTo(']', lt + bracket + 1, 'declaration') + 1, 'declaration')) + 1;
      continue;
    }
    let j = lt + 1;
    const close = xml.charCodeAt(j) === 47; // '/'
    if (close) j++;
    const nameStart = j;
    if (!isNameStart(xml.charCodeAt(j))) throw malformed('a stray <');
    while (j < n && isNameChar(xml.charCodeAt(j))) j++;
    const name = xml.slice(nameStart, j);
    const attrStart = j;
    let k = xml.indexOf('>', j);
    if (k < 0) throw malformed('unterminated tag');
    if (k - lt > DOCX_LIMITS.tagChars) throw new AppError('file.too_complex', 'a tag of the document is too long', { limitChars: DOCX_LIMITS.tagChars });
    const body = xml.slice(j, k);
    if (body.includes('"') || body.includes("'")) {
      // attribute values may hold '>': walk the quotes (still within this tag's bytes)
      k = j;
      for (;;) {
        if (k >= n) throw malformed('unterminated tag');
        if (k - lt > DOCX_LIMITS.tagChars) throw new AppError('file.too_complex', 'a tag of the document is too long', { limitChars: DOCX_LIMITS.tagChars });
        const c = xml.charCodeAt(k);
        if (c === 62) break; // '>'
        if (c === 34 || c === 39) {
          const end = xml.indexOf(c === 34 ? '"' : "'", k + 1);
          if (end < 0 || end - lt > DOCX_LIMITS.tagChars) throw malformed('unterminated attribute value');
          k = end + 1;
          continue;
        }
        if (c === 60) throw malformed('a < inside a tag');
        k++;
      }
    } else if (body.includes('<')) {
      throw malformed('a < inside a tag');
    }
    const self = xml.charCodeAt(k - 1) === 47 && k - 1 >= attrStart;
    on({ kind: 'tag', name, close, self, attrs: xml.slice(attrStart, self ? k - 1 : k) });
    i = k + 1;
  }
}

function isOn(a: Record<string, string>): boolean {
  const v = a['w:val'];
  return v === undefined || !['0', 'false', 'off'].includes(v);
}

interface CellBuild {
  /** the finished paragraphs, joined with \n */
  text: string;
  paragraphs: number;
  current: string;
  span: number;
  vMerge: 'none' | 'restart' | 'continue';
}

interface RowBuild {
  gridBefore: number;
  header: boolean;
  cells: CellBuild[];
}

interface TableBuild {
  rows: RowBuild[];
  title: string | null;
}

const tooComplex = (what: string, details: Record<string, number>) => new AppError('file.too_complex', `the document has too many ${what}`, details);

/**
 * The title of a table: the last group of centred paragraphs between the previous table and this one, built as
 * the paragraphs go by (nothing kept of the paragraphs themselves).
 */
class TitleTracker {
  private group: string[] = [];
  private last: string[] = [];

  paragraph(text: string, centred: boolean): void {
    const txt = text.trim();
    if (txt === '') return;
    if (centred) {
      if (this.group.length < DOCX_LIMITS.titleLines) this.group.push(txt);
    } else {
      if (this.group.length > 0) this.last = this.group;
      this.group = [];
    }
  }

  /** the title for a table starting now; starts over for the next table */
  take(): string | null {
    const lines = this.group.length > 0 ? this.group : this.last;
    this.group = [];
    this.last = [];
    return lines.length > 0 ? lines.join('\n') : null;
  }
}

/** The tables of a WordprocessingML body and the centred paragraphs (title) above each. Linear in the text. */
export function readDocumentXml(xml: string): RawTable[] {
  const tables: TableBuild[] = [];
  const titles = new TitleTracker();
  let tblDepth = 0;
  let table: TableBuild | null = null;
  let row: RowBuild | null = null;
  let cellB: CellBuild | null = null;
  let inText = false;
  let skipDepth = 0; // inside mc:Fallback, w:delText, w:instrText
  let paraText = '';
  let paraCentred = false;
  let inPPr = false;
  let inTcPr = false;
  let inTrPr = false;
  let cells = 0;

  const norm = normaliser(wordPrefix(xml));
  scanXml(xml, (tok) => {
    if (tok.kind !== 'tag') {
      if (skipDepth === 0 && inText) {
        const t = tok.kind === 'cdata' ? tok.text : decodeEntities(tok.text);
        if (cellB) cellB.current += t;
        else paraText += t;
      }
      return;
    }
    const name = norm(tok.name);
    const isClose = tok.close;
    const isSelf = tok.self;
    if (name === 'mc:Fallback' || name === 'w:delText' || name === 'w:instrText') {
      if (isSelf) return;
      skipDepth += isClose ? -1 : 1;
      return;
    }
    if (skipDepth > 0) return;
    switch (name) {
      case 'w:tbl':
        if (isClose) {
          tblDepth--;
          if (tblDepth === 0 && table) {
            tables.push(table);
            table = null;
          }
        } else if (!isSelf) {
          tblDepth++;
          if (tblDepth === 1) table = { rows: [], title: titles.take() };
        }
        break;
      case 'w:tr':
        if (tblDepth !== 1 || !table) break;
        if (isClose) {
          if (row) {
            if (table.rows.length >= DOCX_LIMITS.rowsPerTable) {
              throw new AppError('plans.import_too_large', 'a table has too many rows', { limitRows: DOCX_LIMITS.rowsPerTable });
            }
            table.rows.push(row);
          }
          row = null;
        } else if (!isSelf) {
          row = { gridBefore: 0, header: false, cells: [] };
        }
        break;
      case 'w:trPr':
        if (tblDepth === 1) inTrPr = !isClose && !isSelf;
        break;
      case 'w:gridBefore':
        if (tblDepth === 1 && inTrPr && row) row.gridBefore = Math.max(0, Math.min(60, Number(attrs(tok.attrs, norm)['w:val'] ?? 0) || 0));
        break;
      case 'w:tblHeader':
        if (tblDepth === 1 && inTrPr && row) row.header = isOn(attrs(tok.attrs, norm));
        break;
      case 'w:tc':
        if (tblDepth !== 1 || !row) break;
        if (isClose) {
          if (cellB) {
            if (cellB.current !== '' || cellB.paragraphs === 0) endParagraph(cellB);
            row.cells.push(cellB);
          }
          cellB = null;
        } else if (!isSelf) {
          if (++cells > DOCX_LIMITS.cells) throw tooComplex('table cells', { limitCells: DOCX_LIMITS.cells });
          cellB = { text: '', paragraphs: 0, current: '', span: 1, vMerge: 'none' };
        }
        break;
      case 'w:tcPr':
        if (tblDepth === 1) inTcPr = !isClose && !isSelf;
        break;
      case 'w:gridSpan':
        if (tblDepth === 1 && inTcPr && cellB) cellB.span = Math.max(1, Math.min(60, Number(attrs(tok.attrs, norm)['w:val'] ?? 1) || 1));
        break;
      case 'w:vMerge':
        if (tblDepth === 1 && inTcPr && cellB) cellB.vMerge = attrs(tok.attrs, norm)['w:val'] === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:pPr':
        inPPr = !isClose && !isSelf;
        break;
      case 'w:jc':
        if (inPPr && tblDepth === 0) paraCentred = attrs(tok.attrs, norm)['w:val'] === 'center';
        break;
      case 'w:p':
        if (isClose || isSelf) {
          if (cellB) {
            endParagraph(cellB);
          } else if (tblDepth === 0) {
            titles.paragraph(paraText, paraCentred);
          }
          if (!cellB && tblDepth === 0) {
            paraText = '';
            paraCentred = false;
          }
        } else {
          if (tblDepth === 0) {
            paraText = '';
            paraCentred = false;
          }
        }
        break;
      case 'w:t':
        inText = !isClose && !isSelf;
        break;
      case 'w:tab':
        if (!inPPr) {
          if (cellB) cellB.current += ' ';
          else paraText += ' ';
        }
        break;
      case 'w:noBreakHyphen':
        if (cellB) cellB.current += '-';
        else paraText += '-';
        break;
      case 'w:br':
      case 'w:cr':
        if (cellB) cellB.current += '\n';
        else paraText += '\n';
        break;
      default:
        break;
    }
  });

  return tables.map((t) => {
    let columns = 1;
    for (const r of t.rows) {
      let width = r.gridBefore;
      for (const c of r.cells) width += c.span;
      if (width > columns) columns = width;
    }
    if (columns > DOCX_LIMITS.columns) throw tooComplex('columns', { limitColumns: DOCX_LIMITS.columns });
    const above: string[] = [];
    const rows = t.rows.map((r) => {
      const cells: string[] = Array.from({ length: columns }, () => '');
      const spans: number[] = Array.from({ length: columns }, () => 1);
      let col = r.gridBefore;
      for (const c of r.cells) {
        if (col >= columns) break;
        let textValue = c.text.replace(/[ \t\u00a0]+\n/g, '\n').trim();
        if (c.vMerge === 'continue' && textValue === '') textValue = above[col] ?? '';
        cells[col] = textValue;
        spans[col] = c.span;
        for (let k = 1; k < c.span && col + k < columns; k++) spans[col + k] = 0;
        if (c.vMerge !== 'none') above[col] = textValue;
        else above[col] = '';
        col += c.span;
      }
      return { cells, spans, header: r.header };
    });
    return { name: null, rows, title: t.title };
  });
}

function endParagraph(c: CellBuild): void {
  c.text = c.paragraphs === 0 ? c.current : `${c.text}\n${c.current}`;
  c.paragraphs++;
  c.current = '';
}

/** The hidden plan data: the `QorganPlan` custom property, found with forward scans only. */
export function qorganPlanProperty(xml: string): string | null {
  let from = 0;
  for (;;) {
    const at = xml.indexOf('<property', from);
    if (at < 0) return null;
    const end = xml.indexOf('>', at);
    if (end < 0) return null;
    from = end + 1;
    if (!/\bname="QorganPlan"/.test(xml.slice(at, end))) continue;
    const open = /^\s*<vt:lpwstr>/.exec(xml.slice(end + 1, end + 1 + 4096));
    if (!open) return null;
    const start = end + 1 + open[0].length;
    const stop = xml.indexOf('</vt:lpwstr>', start);
    return stop < 0 ? null : decodeEntities(xml.slice(start, stop));
  }
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('plans.import_failed', 'the document text is not UTF-8');
  }
}

/** The tables of a .docx file's bytes (run in the parse worker). */
export function readDocxBytes(bytes: Uint8Array): RawTable[] {
  checkImportBytes(bytes, 'docx');
  const entries = listZip(bytes);
  const doc = entries.find((e) => e.name === 'word/document.xml');
  if (!doc) {
    if (entries.some((e) => e.name === 'xl/workbook.xml')) throw new AppError('plans.import_wrong_type', 'an Excel workbook given as a Word document');
    throw new AppError('plans.import_wrong_type', 'the file is not a Word document');
  }
  const xml = utf8(inflateEntry(bytes, doc, { maxBytes: DOCX_LIMITS.documentBytes }) as Uint8Array);
  const tables = readDocumentXml(xml).filter((t) => t.rows.length > 0);
  if (tables.length === 0) throw new AppError('plans.import_no_table', 'the document holds no table');
  const custom = entries.find((e) => e.name === 'docProps/custom.xml');
  if (custom) {
    const meta = parsePlanMeta(qorganPlanProperty(new TextDecoder().decode(inflateEntry(bytes, custom, { maxBytes: DOCX_LIMITS.customBytes }) as Uint8Array)));
    for (const t of tables) t.meta = meta;
  }
  return tables;
}

/** The tables of a .docx file given as base64 (on the calling thread: for tests and tools). */
export function readDocxTables(base64: string): RawTable[] {
  return readDocxBytes(Buffer.from(base64, 'base64'));
}
