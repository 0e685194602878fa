/**
 * The plan as an Excel workbook (one sheet for the plan: the approval block, the title, the header row with the
 * framework's columns frozen above the data, column widths, wrapped text, section rows merged across the table;
 * A4 landscape, fit to the page's width, the header repeated on each printed page), and the reading of .xlsx sheets
 * as tables for the import (import.ts).
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { AppError } from '../errors';
import { checkImportBytes, parsePlanMeta, planMeta, type PlanExport } from './io-common';
import { itemTexts } from './printed';
import { checkXlsxBudget } from './xlsx-budget';

/** the very hidden sheet that carries the hidden plan data (io-common.ts), in chunks down column A */
export const XLSX_META_SHEET = 'qorgan';
const META_CHUNK = 30_000;
import type { RawRow, RawTable } from './import';

export const XLSX_FONT = 'Times New Roman';
/**
 * Column widths in characters: № | measure | form | deadline | responsible | cost | funding. They add up to what an
 * A4 landscape page holds between the margins at 100 % in LibreOffice and Excel (about 110 width units), so that
 * the print is not scaled down (fit-to-width stays only as a guard: `npm run check:office` measures the text);
 * each narrow column holds its longest word ("Республикасының", "Қаржыландыру", "қорытындысын").
 */
const WIDTHS = [4, 29, 17, 15, 15, 13, 14];
const LAST_COL = 'G';
const TABLE_PT = 11;
const TOTAL = WIDTHS.reduce((s, w) => s + w, 0);

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const borders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * A row height that shows every line of the texts (points). Cyrillic in Times New Roman is about as wide as the
 * width unit's digit at 11 pt; the estimate counts 0.9 characters per unit and breaks at words, so that it errs
 * towards a row too tall rather than a clipped one.
 */
function estimatedHeight(texts: string[], widths: number[], fontPt = TABLE_PT): number {
  let lines = 1;
  texts.forEach((t, i) => {
    const perLine = Math.max(3, Math.floor((widths[i] ?? 10) * 0.8 * (11 / fontPt)) - 1);
    const n = t.split('\n').reduce((acc, part) => {
      let count = 1;
      let used = 0;
      for (const word of part.split(/\s+/).filter((w) => w !== '')) {
        const len = word.length;
        if (used === 0) used = len;
        else if (used + 1 + len <= perLine) used += 1 + len;
        else {
          count++;
          used = len;
        }
        while (used > perLine) {
          count++;
          used -= perLine;
        }
      }
      return acc + count;
    }, 0);
    lines = Math.max(lines, n);
  });
  return Math.min(409, lines * fontPt * 1.25 + 6);
}

/** Sheet names: at most 31 characters, none of []:*?/\ */
export function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet1';
}

const PAGE_FOOTER = { kk: '&R&"Times New Roman"&10Бет &P / &N', ru: '&R&"Times New Roman"&10Стр. &P из &N' } as const;

/** One merged line of text across the table's width (title, year line, note lines). */
function mergedLine(ws: ExcelJS.Worksheet, r: number, text: string, font: Partial<ExcelJS.Font>, align: 'left' | 'center'): void {
  ws.mergeCells(`A${r}:${LAST_COL}${r}`);
  const c = ws.getCell(`A${r}`);
  c.value = text;
  c.font = font;
  c.alignment = { wrapText: true, vertical: 'top', horizontal: align };
  ws.getRow(r).height = estimatedHeight([text], [TOTAL], font.size ?? TABLE_PT);
}

export async function planXlsx(e: PlanExport, now: Date = new Date()): Promise<Buffer> {
  const p = e.printed;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qorgan';
  wb.lastModifiedBy = 'Qorgan';
  wb.created = now;
  wb.modified = now;
  wb.title = e.title.slice(0, 250);
  const y = e.plan.academicYear;
  const ws = wb.addWorksheet(sheetName(`${e.language === 'kk' ? 'Жоспар' : 'План'} ${y}-${y + 1}`), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '4:4',
    },
    headerFooter: { oddFooter: PAGE_FOOTER[e.language], evenFooter: PAGE_FOOTER[e.language] },
    views: [{ state: 'frozen', xSplit: 0, ySplit: 4, topLeftCell: 'A5', activeCell: 'A5' }],
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const font = { name: XLSX_FONT, size: TABLE_PT };

  // 1: the approval block, top right
  const approval = [e.approval.heading, ...e.approval.position, e.approval.signature, e.approval.date].join('\n');
  ws.mergeCells(`E1:${LAST_COL}1`);
  const a = ws.getCell('E1');
  a.value = approval;
  a.font = { ...font, size: 12 };
  a.alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  ws.getRow(1).height = estimatedHeight([approval], [WIDTHS[4]! + WIDTHS[5]! + WIDTHS[6]!], 12);

  // 2–3: the title and the academic year
  mergedLine(ws, 2, e.title, { ...font, size: 13, bold: true }, 'center');
  mergedLine(ws, 3, p.yearLine, { ...font, size: 12 }, 'center');

  // 4: the header (repeated on every printed page)
  const header = ws.getRow(4);
  e.headers.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { ...font, size: 10, bold: true };
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    c.border = borders;
  });
  header.height = estimatedHeight([...e.headers], WIDTHS, 10);

  let r = 5;
  for (const row of p.rows) {
    const xr = ws.getRow(r);
    if (row.kind !== 'item') {
      ws.mergeCells(`A${r}:${LAST_COL}${r}`);
      const c = xr.getCell(1);
      c.value = row.text;
      c.font = { ...font, bold: true };
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: row.kind === 'part' ? 'center' : 'left' };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: row.kind === 'part' ? 'FFE4E4E4' : 'FFF2F2F2' } };
      c.border = borders;
      xr.height = estimatedHeight([row.text], [TOTAL]);
    } else {
      const cells = itemTexts(row);
      cells.forEach((text, i) => {
        const c = xr.getCell(i + 1);
        c.value = text;
        c.font = font;
        c.alignment = { wrapText: true, vertical: 'top', horizontal: i === 0 ? 'center' : 'left' };
        c.border = borders;
      });
      xr.height = estimatedHeight(cells, WIDTHS);
    }
    r++;
  }
  // the note under the table, as in the PDF
  if (p.note) {
    r++;
    mergedLine(ws, r++, p.note.heading, { ...font, size: 10, bold: true }, 'left');
    for (const line of p.note.lines) mergedLine(ws, r++, line, { ...font, size: 10 }, 'left');
  }
  if (p.translationNote) mergedLine(ws, ++r, p.translationNote, { ...font, size: 10, italic: true }, 'left');
  if (e.plan.revision > 1) mergedLine(ws, ++r, e.language === 'kk' ? `${e.plan.revision}-редакция` : `Редакция ${e.plan.revision}`, { ...font, size: 10 }, 'left');

  const meta = wb.addWorksheet(XLSX_META_SHEET, { state: 'veryHidden' });
  const json = JSON.stringify(planMeta(e.plan, e.language));
  for (let i = 0, k = 1; i < json.length; i += META_CHUNK, k++) meta.getCell(k, 1).value = json.slice(i, i + META_CHUNK);
  const out = Buffer.from((await wb.xlsx.writeBuffer()));
  return withApplication(out);
}

/** exceljs writes "Microsoft Excel" as the application into docProps/app.xml; the file is Qorgan's. */
function withApplication(xlsx: Buffer): Buffer {
  const files = unzipSync(xlsx);
  const app = files['docProps/app.xml'];
  if (!app) return xlsx;
  const text = strFromU8(app).replace(/<Application>[^<]*<\/Application>/, '<Application>Qorgan</Application>');
  files['docProps/app.xml'] = strToU8(text);
  return Buffer.from(zipSync(files, { level: 6 }));
}

// --- reading ---------------------------------------------------------------------------------------------------

const MAX_ROWS = 20_000;
const MAX_COLS = 60;

/** The text a cell shows (rich text joined, formulas by their result, dates as ISO dates). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((p) => p.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const res = (v as { result?: ExcelJS.CellValue }).result;
      return res === undefined ? '' : cellText(res);
    }
    if ('text' in v) {
      const t = (v as { text: unknown }).text;
      if (typeof t === 'string') return t;
      if (t && typeof t === 'object' && 'richText' in t) return cellText(t as ExcelJS.CellValue);
    }
    if ('error' in v) return '';
  }
  return '';
}

/** Loads an .xlsx after the size and type checks; `plans.import_failed` when exceljs cannot read it. */
export async function loadWorkbook(base64: string): Promise<ExcelJS.Workbook> {
  return loadWorkbookBytes(Buffer.from(base64, 'base64'));
}

/**
 * Loads an .xlsx's bytes after the size and type checks and the budget (xlsx-budget.ts: sizes, rows, cells and
 * shared strings counted while inflating), so that ExcelJS only ever sees a workbook of bounded size.
 */
export async function loadWorkbookBytes(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  checkImportBytes(bytes, 'xlsx');
  const names = checkXlsxBudget(bytes).map((e) => e.name);
  if (!names.includes('xl/workbook.xml')) {
    if (names.includes('word/document.xml')) throw new AppError('plans.import_wrong_type', 'a Word document given as an Excel workbook');
    throw new AppError('plans.import_wrong_type', 'the file is not an Excel workbook');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('plans.import_failed', 'the workbook cannot be read');
  }
  return wb;
}

/** One worksheet as a table of texts with the spans of merged cells. */
export function sheetTable(ws: ExcelJS.Worksheet): RawTable {
  // the last row and column that hold a value (formatting often reaches much further than the data)
  let rowCount = 0;
  let lastCol = 1;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (!row.hasValues) return;
    rowCount = n;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > lastCol && cellText(cell.value).trim() !== '') lastCol = c;
    });
  });
  if (rowCount > MAX_ROWS) throw new AppError('plans.import_too_large', 'the sheet has too many rows', { limitRows: MAX_ROWS });
  const columns = Math.min(MAX_COLS, lastCol);
  const rows: RawRow[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const xr = ws.getRow(r);
    const cells: string[] = [];
    const spans: number[] = [];
    for (let c = 1; c <= columns; c++) {
      const cell = xr.getCell(c);
      if (cell.isMerged && cell.master.address !== cell.address) {
        const m = cell.master;
        if (Number(m.row) === r) {
          cells.push('');
          spans.push(0);
        } else if (Number(m.col) === c) {
          // a vertical merge: the text belongs to every row it covers
          cells.push(cellText(m.value).trim());
          spans.push(1);
        } else {
          cells.push('');
          spans.push(0);
        }
        continue;
      }
      cells.push(cellText(cell.value).replace(/\r\n?/g, '\n').trim());
      spans.push(1);
    }
    // the span of each master: the covered cells to its right in the same row
    for (let c = 0; c < columns; c++) {
      if (spans[c] === 0) continue;
      let k = c + 1;
      while (k < columns && spans[k] === 0) k++;
      spans[c] = k - c;
    }
    rows.push({ cells, spans });
  }
  while (rows.length > 0 && (rows.at(-1) as RawRow).cells.every((t) => t === '')) rows.pop();
  return { name: ws.name, rows, title: null };
}

export async function readXlsxTables(base64: string): Promise<RawTable[]> {
  return readXlsxBytes(Buffer.from(base64, 'base64'));
}

/** The sheets of an .xlsx file's bytes as tables (run in the parse worker). */
export async function readXlsxBytes(bytes: Uint8Array): Promise<RawTable[]> {
  const wb = await loadWorkbookBytes(bytes);
  const tables = wb.worksheets.filter((ws) => ws.state !== 'veryHidden').map(sheetTable);
  if (tables.every((t) => t.rows.length === 0)) throw new AppError('plans.import_no_table', 'the workbook holds no data');
  const metaSheet = wb.worksheets.find((ws) => ws.state === 'veryHidden' && ws.name === XLSX_META_SHEET);
  if (metaSheet) {
    const parts: string[] = [];
    for (let r = 1; r <= Math.min(metaSheet.rowCount, 2000); r++) parts.push(cellText(metaSheet.getCell(r, 1).value));
    const meta = parsePlanMeta(parts.join(''));
    for (const t of tables) t.meta = meta;
  }
  return tables;
}
