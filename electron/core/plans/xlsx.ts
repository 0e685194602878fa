/**
 * The plan as an Excel workbook (one sheet for the plan: the approval block, the title, the header row with the
 * framework's columns frozen above the data, column widths, wrapped text, section rows merged across the table;
 * A4 landscape, fit to the page's width, the header repeated on each printed page), and the reading of .xlsx sheets
 * as tables for the import (import.ts).
 */
import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { decodeImportFile, parsePlanMeta, planMeta, unzipOffice, type PlanExport } from './io-common';

/** the very hidden sheet that carries the hidden plan data (io-common.ts), in chunks down column A */
export const XLSX_META_SHEET = 'qorgan';
const META_CHUNK = 30_000;
import type { RawRow, RawTable } from './import';

export const XLSX_FONT = 'Times New Roman';
/** column widths in characters: № | measure | form | deadline | responsible | cost | funding */
const WIDTHS = [7, 62, 24, 22, 34, 18, 20];
const LAST_COL = 'G';

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const borders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function estimatedHeight(texts: string[], widths: number[], pointsPerLine = 15.5): number {
  let lines = 1;
  texts.forEach((t, i) => {
    const w = Math.max(4, (widths[i] ?? 10) * 1.05);
    const n = t.split('\n').reduce((acc, part) => acc + Math.max(1, Math.ceil(part.length / w)), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(409, lines * pointsPerLine + 4);
}

/** Sheet names: at most 31 characters, none of []:*?/\ */
export function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet1';
}

export async function planXlsx(e: PlanExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qorgan';
  wb.created = new Date(0);
  const y = e.plan.academicYear;
  const ws = wb.addWorksheet(sheetName(`${e.language === 'kk' ? 'Жоспар' : 'План'} ${y}-${y + 1}`), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.8, right: 0.6, top: 0.8, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '3:3',
    },
    views: [{ state: 'frozen', xSplit: 0, ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }],
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const font = { name: XLSX_FONT, size: 12 };

  // 1: the approval block, top right
  const approval = [e.approval.heading, ...e.approval.position, e.approval.signature, e.approval.date].join('\n');
  ws.mergeCells(`E1:${LAST_COL}1`);
  const a = ws.getCell('E1');
  a.value = approval;
  a.font = { ...font, size: 14 };
  a.alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  ws.getRow(1).height = Math.min(409, (4 + e.approval.position.length) * 18);

  // 2: the title
  ws.mergeCells(`A2:${LAST_COL}2`);
  const t = ws.getCell('A2');
  t.value = e.title;
  t.font = { ...font, size: 14, bold: true };
  t.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ws.getRow(2).height = estimatedHeight([e.title], [WIDTHS.reduce((s, w) => s + w, 0) * 0.85], 19);

  // 3: the header
  const header = ws.getRow(3);
  e.headers.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { ...font, bold: true };
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    c.border = borders;
  });
  header.height = estimatedHeight([...e.headers], WIDTHS);

  let r = 4;
  for (const row of e.rows) {
    const xr = ws.getRow(r);
    if (row.kind === 'section') {
      ws.mergeCells(`A${r}:${LAST_COL}${r}`);
      const c = xr.getCell(1);
      c.value = row.text;
      c.font = { ...font, bold: true };
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'left' };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      c.border = borders;
      xr.height = estimatedHeight([row.text], [WIDTHS.reduce((s, w) => s + w, 0)]);
    } else {
      row.cells.forEach((text, i) => {
        const c = xr.getCell(i + 1);
        c.value = text;
        c.font = font;
        c.alignment = { wrapText: true, vertical: 'top', horizontal: i === 0 ? 'center' : 'left' };
        c.border = borders;
      });
      xr.height = estimatedHeight(row.cells, WIDTHS);
    }
    r++;
  }
  const meta = wb.addWorksheet(XLSX_META_SHEET, { state: 'veryHidden' });
  const json = JSON.stringify(planMeta(e.plan, e.language));
  for (let i = 0, r = 1; i < json.length; i += META_CHUNK, r++) meta.getCell(r, 1).value = json.slice(i, i + META_CHUNK);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
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
  const bytes = decodeImportFile(base64, 'xlsx');
  const { names } = unzipOffice(bytes, () => false);
  if (!names.includes('xl/workbook.xml')) {
    if (names.includes('word/document.xml')) throw new AppError('plans.import_wrong_type', 'a Word document given as an Excel workbook');
    throw new AppError('plans.import_wrong_type', 'the file is not an Excel workbook');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
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
  const wb = await loadWorkbook(base64);
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
