/**
 * A small reader of an .xlsx workbook's cell texts for the class-list import (in the parse worker), without ExcelJS:
 * a class list needs texts, not styles, and loading ExcelJS costs more than reading a 1 500-row list. The workbook
 * first passes the same budget as every imported workbook (plans/xlsx-budget.ts: sizes, rows, cells, shared strings
 * and nesting counted while inflating); then the needed parts are inflated again within that budget and read with
 * linear, non-nested patterns.
 *
 * What it gives: every visible sheet (name, rows with their 1-based numbers, cells by column); shared, inline and
 * formula strings; numbers as written (an Excel day number stays a number — the importer reads it as a date where
 * the column is the birth date; the 1904 date system is shifted to 1900); booleans; a formula without a saved
 * value as `FORMULA_CELL` (never evaluated); cells covered by a merge empty, except a vertical merge, whose text
 * repeats down.
 */
import { AppError } from '../errors';
import { checkXlsxBudget, XLSX_LIMITS } from '../plans/xlsx-budget';
import { inflateEntry, type ZipEntry } from '../plans/zip-read';

export const FORMULA_CELL = '\u0000formula';

export interface SheetCells {
  name: string;
  /** row number → cells (index 0 = column A) */
  rows: Map<number, string[]>;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function xmlText(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return ENTITY[name] ?? '';
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? xmlText(m[1] ?? '') : null;
}

/** The text runs of a string item (`<si>` or `<is>`), phonetic runs left out. */
function runs(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += xmlText(m[1] ?? '');
  return out;
}

/** "AB12" → [column index from 0, row] */
function ref(r: string): [number, number] | null {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(r);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [col - 1, Number(m[2])];
}

function numberText(v: string, date1904: boolean, isDateStyle: boolean): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  if (date1904 && isDateStyle) return String(n + 1462);
  // a large integer written in exponent form (an IIN kept as a number)
  if (/e/i.test(v) && Number.isInteger(n)) return n.toFixed(0);
  return v;
}

const MAX_COLUMNS = 40;

/** The visible sheets' cell texts. Errors: as the workbook budget; a workbook without its parts → `import.wrong_type`. */
export function readXlsxCells(bytes: Uint8Array): SheetCells[] {
  const entries = checkXlsxBudget(bytes);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const part = (name: string): string | null => {
    const e: ZipEntry | undefined = byName.get(name);
    if (!e) return null;
    const data = inflateEntry(bytes, e, { maxBytes: XLSX_LIMITS.partBytes });
    return data ? new TextDecoder('utf-8').decode(data) : '';
  };
  const workbook = part('xl/workbook.xml');
  if (workbook === null) {
    throw new AppError('import.wrong_type', byName.has('word/document.xml') ? 'a Word document, not a workbook' : 'the file is not an Excel workbook');
  }
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook);
  const rels = new Map<string, string>();
  for (const m of (part('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1] ?? '', 'Id');
    const target = attr(m[1] ?? '', 'Target');
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const shared: string[] = [];
  for (const m of (part('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(runs(m[1] ?? ''));
  // styles whose number format is a date (built-in 14–22, 45–47, or a custom format with d/m/y)
  const dateStyles = new Set<number>();
  const styles = part('xl/styles.xml') ?? '';
  const customDate = new Set<number>();
  for (const m of styles.matchAll(/<numFmt\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1] ?? '', 'numFmtId'));
    const code = (attr(m[1] ?? '', 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    if (/[dmy]/i.test(code)) customDate.add(id);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  [...xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)].forEach((m, i) => {
    const id = Number(attr(m[1] ?? '', 'numFmtId') ?? '0');
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || customDate.has(id)) dateStyles.add(i);
  });

  const sheets: SheetCells[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const a = m[1] ?? '';
    const state = attr(a, 'state');
    if (state === 'hidden' || state === 'veryHidden') continue;
    const target = rels.get(attr(a, 'r:id') ?? '');
    const xml = target ? part(target) : null;
    if (xml === null) continue;
    const rows = new Map<number, string[]>();
    for (const r of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const body = r[2];
      if (!body) continue;
      let rowNumber = Number(attr(r[1] ?? '', 'r') ?? '0');
      const cells: string[] = [];
      let next = 0;
      for (const c of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ca = c[1] ?? '';
        const at = ref(attr(ca, 'r') ?? '');
        const col = at ? at[0] : next;
        if (at && rowNumber === 0) rowNumber = at[1];
        next = col + 1;
        if (col >= MAX_COLUMNS) continue;
        const inner = c[2] ?? '';
        const t = attr(ca, 't') ?? 'n';
        const hasFormula = /<f\b/.test(inner);
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        let text: string;
        if (t === 'inlineStr') text = runs(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
        else if (v === undefined || t === 'e') text = hasFormula ? FORMULA_CELL : '';
        else if (t === 's') text = shared[Number(v)] ?? '';
        else if (t === 'str' || t === 'd') text = xmlText(v);
        else if (t === 'b') text = v === '1' ? 'TRUE' : 'FALSE';
        else text = numberText(v, date1904, dateStyles.has(Number(attr(ca, 's') ?? '-1')));
        while (cells.length < col) cells.push('');
        cells[col] = text === FORMULA_CELL ? text : text.replace(/\s+/g, ' ').trim();
      }
      if (rowNumber > 0) rows.set(rowNumber, cells);
    }
    // merged cells: the covered ones empty, a vertical merge's text repeated down its column
    const mergeXml = /<mergeCells\b[^>]*>([\s\S]*?)<\/mergeCells>/.exec(xml)?.[1] ?? '';
    for (const mc of mergeXml.matchAll(/<mergeCell\b[^>]*?ref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
      const from = ref(mc[1] ?? '');
      const to = ref(mc[2] ?? '');
      if (!from || !to || to[1] - from[1] > 10_000) continue;
      const master = rows.get(from[1])?.[from[0]] ?? '';
      for (let r = from[1]; r <= to[1]; r++) {
        for (let col = from[0]; col <= Math.min(to[0], MAX_COLUMNS - 1); col++) {
          if (r === from[1] && col === from[0]) continue;
          const cells = rows.get(r) ?? [];
          while (cells.length <= col) cells.push('');
          cells[col] = col === from[0] ? master : '';
          rows.set(r, cells);
        }
      }
    }
    sheets.push({ name: xmlText(attr(a, 'name') ?? ''), rows });
  }
  return sheets;
}
