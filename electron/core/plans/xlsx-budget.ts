/**
 * The budget of an imported workbook, enforced while inflating and before ExcelJS builds anything: every entry of
 * the ZIP is inflated step by step (zip-read.ts: never past its declared size or the part budget), the sheet XML is
 * counted as it streams by (row and cell elements), and the shared strings likewise (`<si>` items). A workbook over
 * any budget is refused with `file.too_complex` after reading at most one step past the budget; only a workbook
 * within all of them is handed to ExcelJS, whose memory then stays bounded.
 */
import { AppError } from '../errors';
import { inflateEntry, listZip, type ZipEntry } from './zip-read';

export const XLSX_LIMITS = {
  /** one part (sheet, shared strings, styles …), inflated */
  partBytes: 24 * 1024 * 1024,
  /** all parts together, inflated */
  totalBytes: 48 * 1024 * 1024,
  /** <row> elements of all sheets (formatted empty rows count too) */
  rows: 100_000,
  /** <c> elements of all sheets */
  cells: 150_000,
  /** <si> items of the shared strings */
  sharedStrings: 150_000,
  /** element nesting of any XML part (a real sheet nests about 5 deep) */
  depth: 256,
};

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const DELIMS = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2f, 0x3e]); // space, tab, LF, CR, '/', '>'

/**
 * Counts the opening tags `<name` (followed by a delimiter) in a stream of chunks, and follows the nesting of the
 * elements; each tag is counted once, when its last byte arrives, so tags cut between chunks count too.
 */
export class TagCounter {
  private carry = new Uint8Array(0);
  readonly counts: number[];
  /** opening tags minus closing ones so far (`</…` and `…/>` close) */
  depth = 0;
  /** the deepest nesting seen */
  maxDepth = 0;
  private readonly names: Uint8Array[];
  private readonly longest: number;

  constructor(names: readonly string[]) {
    this.names = names.map((n) => new TextEncoder().encode(n));
    this.counts = names.map(() => 0);
    this.longest = Math.max(1, ...this.names.map((n) => n.length)) + 1;
  }

  push(chunk: Uint8Array): void {
    const carried = this.carry.length;
    const buf = carried === 0 ? chunk : new Uint8Array(carried + chunk.length);
    if (carried > 0) {
      buf.set(this.carry, 0);
      buf.set(chunk, carried);
    }
    const n = buf.length;
    // one pass: the nesting follows every '<' (when the byte after it arrives) and every '/>' (when its '>' does)
    for (let i = Math.max(1, carried); i < n; i++) {
      const b = buf[i] as number;
      if (b === GT) {
        if (buf[i - 1] === SLASH) this.depth--;
        continue;
      }
      if (buf[i - 1] !== LT) continue;
      if (b === SLASH) this.depth--;
      else if (b !== 0x3f && b !== 0x21) {
        // not <? nor <!
        if (++this.depth > this.maxDepth) this.maxDepth = this.depth;
      }
    }
    for (let i = buf.indexOf(LT); i >= 0 && i < n; i = buf.indexOf(LT, i + 1)) {
      for (let k = 0; k < this.names.length; k++) {
        const name = this.names[k] as Uint8Array;
        const end = i + 1 + name.length; // the delimiter's index
        if (end >= n || end < carried) continue;
        let same = true;
        for (let m = 0; m < name.length; m++) {
          if (buf[i + 1 + m] !== name[m]) {
            same = false;
            break;
          }
        }
        if (same && DELIMS.has(buf[end] as number)) (this.counts[k] as number)++;
      }
    }
    this.carry = buf.slice(Math.max(0, n - this.longest - 1));
  }
}

const over = (what: string, details: Record<string, number>) => new AppError('file.too_complex', `the workbook has too many ${what}`, details);

/**
 * Inflates every entry of the workbook within the budgets and counts its rows, cells and shared strings.
 * Returns the entries (the caller checks which parts are there).
 */
export function checkXlsxBudget(bytes: Uint8Array): ZipEntry[] {
  const entries = listZip(bytes);
  let total = 0;
  let rows = 0;
  let cells = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    if (e.size > XLSX_LIMITS.partBytes) throw new AppError('file.too_complex', 'a part of the workbook is larger than allowed', { limitMb: XLSX_LIMITS.partBytes / (1024 * 1024) });
    total += e.size;
    if (total > XLSX_LIMITS.totalBytes) throw new AppError('file.too_complex', 'the workbook unpacks to more than allowed', { limitMb: XLSX_LIMITS.totalBytes / (1024 * 1024) });
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    const isStrings = /^xl\/sharedStrings\.xml$/i.test(e.name);
    const isXml = /\.(xml|rels|vml)$/i.test(e.name);
    const counter = new TagCounter(isSheet ? ['row', 'c'] : isStrings ? ['si'] : []);
    const before = { rows, cells };
    inflateEntry(bytes, e, {
      maxBytes: XLSX_LIMITS.partBytes,
      onChunk: (chunk) => {
        if (!isXml) return;
        counter.push(chunk);
        if (counter.maxDepth > XLSX_LIMITS.depth) throw over('nested elements', { limitDepth: XLSX_LIMITS.depth });
        if (isSheet) {
          rows = before.rows + (counter.counts[0] as number);
          cells = before.cells + (counter.counts[1] as number);
          if (rows > XLSX_LIMITS.rows) throw over('rows', { limitRows: XLSX_LIMITS.rows });
          if (cells > XLSX_LIMITS.cells) throw over('cells', { limitCells: XLSX_LIMITS.cells });
        } else if (isStrings && (counter.counts[0] as number) > XLSX_LIMITS.sharedStrings) {
          throw over('shared strings', { limitStrings: XLSX_LIMITS.sharedStrings });
        }
      },
    });
  }
  return entries;
}
