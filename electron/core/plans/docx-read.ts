/**
 * Reads the tables of a .docx: word/document.xml through a small tokenizer for the WordprocessingML that tables
 * use (w:tbl, w:tr, w:tc, w:p, w:t, w:tab, w:br, w:gridSpan, w:vMerge, w:gridBefore, w:tblHeader, w:jc). Text of
 * deleted revisions (w:delText), field codes (w:instrText) and fallback copies (mc:Fallback) is left out. Nested
 * tables add their text to the outer cell. A vertically merged cell's text is repeated in the rows it covers.
 */
import { AppError } from '../errors';
import { decodeImportFile, parsePlanMeta, unzipOffice } from './io-common';
import type { RawTable } from './import';

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

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

function attrs(s: string, norm: (n: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR)) out[norm(m[1] as string)] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

function isOn(a: Record<string, string>): boolean {
  const v = a['w:val'];
  return v === undefined || !['0', 'false', 'off'].includes(v);
}

interface Para {
  text: string;
  centred: boolean;
  /** how many top-level tables come before this paragraph */
  tablesBefore: number;
}

interface CellBuild {
  paragraphs: string[];
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
}

/** The tables of a WordprocessingML body and the centred paragraphs (title) above each. */
export function readDocumentXml(xml: string): RawTable[] {
  const tables: TableBuild[] = [];
  const paras: Para[] = [];
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

  const norm = normaliser(wordPrefix(xml));
  for (const m of xml.matchAll(TOKEN)) {
    const [whole, cdata, close, rawName, rawAttrs, selfClose, text] = m;
    const name = rawName === undefined ? undefined : norm(rawName);
    if (whole.startsWith('<!--') || whole.startsWith('<?') || whole.startsWith('<!DOCTYPE')) continue;
    if (text !== undefined || cdata !== undefined) {
      if (skipDepth === 0 && inText) {
        const t = cdata ?? decodeEntities(text ?? '');
        if (cellB) cellB.current += t;
        else paraText += t;
      }
      continue;
    }
    if (!name) continue;
    const isClose = close === '/';
    const isSelf = selfClose === '/';
    if (name === 'mc:Fallback' || name === 'w:delText' || name === 'w:instrText') {
      if (isSelf) continue;
      skipDepth += isClose ? -1 : 1;
      continue;
    }
    if (skipDepth > 0) continue;
    const a = isClose ? {} : attrs(rawAttrs ?? '', norm);
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
          if (tblDepth === 1) table = { rows: [] };
        }
        break;
      case 'w:tr':
        if (tblDepth !== 1 || !table) break;
        if (isClose) {
          if (row) table.rows.push(row);
          row = null;
        } else if (!isSelf) {
          row = { gridBefore: 0, header: false, cells: [] };
        }
        break;
      case 'w:trPr':
        if (tblDepth === 1) inTrPr = !isClose && !isSelf;
        break;
      case 'w:gridBefore':
        if (tblDepth === 1 && inTrPr && row) row.gridBefore = Math.max(0, Math.min(60, Number(a['w:val'] ?? 0) || 0));
        break;
      case 'w:tblHeader':
        if (tblDepth === 1 && inTrPr && row) row.header = isOn(a);
        break;
      case 'w:tc':
        if (tblDepth !== 1 || !row) break;
        if (isClose) {
          if (cellB) {
            if (cellB.current !== '' || cellB.paragraphs.length === 0) cellB.paragraphs.push(cellB.current);
            row.cells.push(cellB);
          }
          cellB = null;
        } else if (!isSelf) {
          cellB = { paragraphs: [], current: '', span: 1, vMerge: 'none' };
        }
        break;
      case 'w:tcPr':
        if (tblDepth === 1) inTcPr = !isClose && !isSelf;
        break;
      case 'w:gridSpan':
        if (tblDepth === 1 && inTcPr && cellB) cellB.span = Math.max(1, Math.min(60, Number(a['w:val'] ?? 1) || 1));
        break;
      case 'w:vMerge':
        if (tblDepth === 1 && inTcPr && cellB) cellB.vMerge = a['w:val'] === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:pPr':
        inPPr = !isClose && !isSelf;
        break;
      case 'w:jc':
        if (inPPr && tblDepth === 0) paraCentred = a['w:val'] === 'center';
        break;
      case 'w:p':
        if (isClose || isSelf) {
          if (cellB) {
            cellB.paragraphs.push(cellB.current);
            cellB.current = '';
          } else if (tblDepth === 0) {
            paras.push({ text: paraText, centred: paraCentred, tablesBefore: tables.length });
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
  }

  return tables.map((t, index) => {
    const columns = Math.max(1, ...t.rows.map((r) => r.gridBefore + r.cells.reduce((n, c) => n + c.span, 0)));
    const above: string[] = [];
    const rows = t.rows.map((r) => {
      const cells: string[] = Array.from({ length: columns }, () => '');
      const spans: number[] = Array.from({ length: columns }, () => 1);
      let col = r.gridBefore;
      for (const c of r.cells) {
        if (col >= columns) break;
        let textValue = c.paragraphs.join('\n').replace(/[ \t\u00a0]+\n/g, '\n').trim();
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
    // the title: the last group of centred paragraphs between the previous table and this one
    const before = paras.filter((p) => p.tablesBefore === index);
    let group: string[] = [];
    let last: string[] = [];
    for (const p of before) {
      const txt = p.text.trim();
      if (p.centred && txt !== '') group.push(txt);
      else if (txt !== '') {
        if (group.length > 0) last = group;
        group = [];
      }
    }
    if (group.length > 0) last = group;
    return { name: null, rows, title: last.length > 0 ? last.join('\n') : null };
  });
}

/** The tables of a .docx file (bytes already checked by decodeImportFile). */
export function readDocxTables(base64: string): RawTable[] {
  const bytes = decodeImportFile(base64, 'docx');
  const { names, files } = unzipOffice(bytes, (n) => n === 'word/document.xml' || n === 'docProps/custom.xml');
  const doc = files['word/document.xml'];
  if (!doc) {
    if (names.includes('xl/workbook.xml')) throw new AppError('plans.import_wrong_type', 'an Excel workbook given as a Word document');
    throw new AppError('plans.import_wrong_type', 'the file is not a Word document');
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(doc);
  } catch {
    throw new AppError('plans.import_failed', 'the document text is not UTF-8');
  }
  const tables = readDocumentXml(xml).filter((t) => t.rows.length > 0);
  if (tables.length === 0) throw new AppError('plans.import_no_table', 'the document holds no table');
  const custom = files['docProps/custom.xml'];
  if (custom) {
    const m = /<property\b[^>]*\bname="QorganPlan"[^>]*>\s*<vt:lpwstr>([\s\S]*?)<\/vt:lpwstr>/.exec(new TextDecoder().decode(custom));
    const meta = parsePlanMeta(m ? decodeEntities(m[1] as string) : null);
    for (const t of tables) t.meta = meta;
  }
  return tables;
}
