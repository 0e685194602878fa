/**
 * Reading a class-list file into tables of texts — run in the parse worker (workers/tasks.ts), never on the main
 * thread. Told apart by content, not by name: a ZIP is an XLSX, an old binary .xls is refused, anything else a CSV.
 *
 * CSV: UTF-8 (with or without BOM) or UTF-16 with a BOM; otherwise Windows-1251 (what Excel on a Russian Windows
 * writes). A cp1251 file that lost its Kazakh letters (Excel writes "?" for Ә, Қ, Ң …) is refused with
 * `import.encoding` — a name with "?" in it is not a name. The delimiter (; , or tab) is the one that splits the
 * first lines most consistently; quotes follow RFC 4180.
 *
 * XLSX: through the budgeted workbook reader (xlsx-cells.ts, no ExcelJS): every visible sheet; a cell covered by a
 * merge reads empty (a vertical merge repeats its text down); a formula reads as its cached result, and one without
 * a cached result as FORMULA_CELL (the row is refused, never evaluated). Empty rows are dropped. Over
 * MAX_CLASS_LIST_ROWS non-empty rows → `import.too_many_rows`.
 */
import { MAX_CLASS_LIST_BYTES, MAX_CLASS_LIST_ROWS } from '../../../shared/pupils-import';
import { AppError, isAppError } from '../errors';
import { FORMULA_CELL, readXlsxCells, type SheetCells } from './xlsx-cells';

/** What a formula cell without a cached value reads as (no file text can hold a NUL). */
export { FORMULA_CELL };
/** header rows a file may have above its data, beyond the row limit */
const HEADER_SLACK = 50;
const MAX_COLUMNS = 40;

export interface ClassListTable {
  /** the sheet's name (XLSX) or null (CSV) */
  sheet: string | null;
  /** non-empty rows with their 1-based row/line number */
  rows: { line: number; cells: string[] }[];
}

export interface ClassListFile {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-16' | 'windows-1251' | null;
  tables: ClassListTable[];
}

function tooMany(): AppError {
  return new AppError('import.too_many_rows', 'the class list has more rows than one import takes', { limitRows: MAX_CLASS_LIST_ROWS });
}

/** Reads a class-list file's bytes (in the parse worker). */
export async function readClassList(bytes: Uint8Array): Promise<ClassListFile> {
  if (bytes.length === 0) throw new AppError('import.empty', 'the file is empty');
  if (bytes.length > MAX_CLASS_LIST_BYTES) {
    throw new AppError('import.too_large', 'the file is larger than the import limit', { limitMb: MAX_CLASS_LIST_BYTES / (1024 * 1024) });
  }
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) throw new AppError('import.old_format', 'an old binary Excel file (.xls)');
  if (b(0) === 0x50 && b(1) === 0x4b) return { format: 'xlsx', encoding: null, tables: await readXlsx(bytes) };
  return readCsv(bytes);
}

// --- CSV -------------------------------------------------------------------------------------------------------

function decode(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16' | 'windows-1251' } {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16' };
  if (b(0) === 0xfe && b(1) === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16' };
  const body = b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(body), encoding: 'windows-1251' };
  }
}

/** Control characters other than tab, CR, LF: not a text file. */
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

function splitCsv(text: string, delimiter: string, maxRows: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      if (rows.length > maxRows) return rows;
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function pickDelimiter(text: string): string {
  const sample = text.split(/\r?\n/).slice(0, 30).filter((l) => l.trim() !== '');
  let best = ';';
  let bestScore = -1;
  for (const d of [';', ',', '\t']) {
    const counts = sample.map((l) => splitCsv(l, d, 2)[0]?.length ?? 1);
    const most = Math.max(...counts, 1);
    // the columns of most lines, if there is more than one
    const score = most > 1 ? counts.filter((c) => c === most).length * most : 0;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function readCsv(bytes: Uint8Array): ClassListFile {
  const { text, encoding } = decode(bytes);
  if (BINARY.test(text.slice(0, 64 * 1024))) throw new AppError('import.wrong_type', 'the file is neither a CSV text nor an Excel workbook');
  // Excel on a Russian Windows writes "?" for the Kazakh letters it cannot encode in cp1251
  if (encoding === 'windows-1251' && /[А-Яа-яЁё]\?|\?[А-Яа-яЁё]/.test(text)) {
    throw new AppError('import.encoding', 'the file lost its Kazakh letters (saved in Windows-1251)', { encoding });
  }
  const delimiter = pickDelimiter(text);
  const all = splitCsv(text, delimiter, MAX_CLASS_LIST_ROWS + HEADER_SLACK);
  const rows: ClassListTable['rows'] = [];
  all.forEach((cells, i) => {
    const trimmed = cells.slice(0, MAX_COLUMNS).map((c) => c.trim());
    if (trimmed.some((c) => c !== '')) rows.push({ line: i + 1, cells: trimmed });
  });
  if (all.length > MAX_CLASS_LIST_ROWS + HEADER_SLACK) throw tooMany();
  if (rows.length === 0) throw new AppError('import.empty', 'the file holds no rows');
  return { format: 'csv', encoding, tables: [{ sheet: null, rows }] };
}

// --- XLSX ------------------------------------------------------------------------------------------------------

/** The budgeted workbook loader's codes (plans/xlsx.ts) as the class-list import's own. */
function asImportError(e: unknown): unknown {
  if (!isAppError(e)) return e;
  switch (e.code) {
    case 'plans.import_too_large':
      return e.details?.limitRows !== undefined ? tooMany() : new AppError('import.too_large', e.message, e.details);
    case 'plans.import_old_format':
      return new AppError('import.old_format', e.message);
    case 'plans.import_wrong_type':
      return new AppError('import.wrong_type', e.message);
    case 'plans.import_failed':
      return new AppError('import.broken_file', e.message);
    default:
      return e;
  }
}

async function readXlsx(bytes: Uint8Array): Promise<ClassListTable[]> {
  let sheets: SheetCells[];
  try {
    sheets = readXlsxCells(bytes);
  } catch (e) {
    throw asImportError(e);
  }
  const tables: ClassListTable[] = [];
  let total = 0;
  for (const sheet of sheets) {
    const rows: ClassListTable['rows'] = [];
    for (const n of [...sheet.rows.keys()].sort((a, b) => a - b)) {
      const cells = (sheet.rows.get(n) ?? []).slice(0, MAX_COLUMNS);
      if (!cells.some((c) => c !== '')) continue;
      if (++total > MAX_CLASS_LIST_ROWS + HEADER_SLACK) throw tooMany();
      rows.push({ line: n, cells });
    }
    if (rows.length > 0) tables.push({ sheet: sheet.name, rows });
  }
  if (tables.length === 0) throw new AppError('import.empty', 'the workbook holds no rows');
  return tables;
}
