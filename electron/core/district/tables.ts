/**
 * From exact counts to the published tables: every cell gets an id, every row and column total an equation, the
 * totals two tables share (children by sex and by grade band count the same children) one id, and `suppress` hides
 * what must be hidden across all of them at once.
 */
import {
  GRADE_BANDS,
  TABLE_IDS,
  TABLE_SHAPES,
  type Cell,
  type DistrictReport,
  type GradeBand,
  type TableId,
} from '../../../shared/district-report';
import { suppress, type Equation, type Published } from './suppress';

/** Exact counts: table → row → column → n (missing = 0). */
export type Counts = { [T in TableId]: Record<string, Record<string, number>> } & { registerAtEnd: Partial<Record<GradeBand, number>> };

export function emptyCounts(): Counts {
  const c = {} as Counts;
  for (const t of TABLE_IDS) c[t] = {};
  c.registerAtEnd = {};
  return c;
}

export function bump(c: Counts, table: TableId, row: string, col: string, by = 1): void {
  const r = (c[table][row] ??= {});
  r[col] = (r[col] ?? 0) + by;
}

const TOTAL = 'total';
/** Totals that are the same number in two tables: the id of the second is the first's. */
const ALIASES: Partial<Record<TableId, TableId>> = { childrenByGrade: 'childrenBySex' };

export function cellId(table: TableId | 'registerAtEnd', row: string, col: string): string {
  if (table !== 'registerAtEnd') {
    const cols: readonly string[] = TABLE_SHAPES[table].cols;
    // a one-column table's row total is its cell: one number, one id
    if (col === TOTAL && cols.length === 1) return `${table}:${row}:${cols[0]}`;
    const alias = ALIASES[table];
    if (alias && col === TOTAL) return `${alias}:${row}:${TOTAL}`;
  }
  return `${table}:${row}:${col}`;
}

/** Every cell id with its exact value, and every sum, for the tables present (`referrals` may be absent). */
export function cellsAndSums(c: Counts, withReferrals: boolean): { values: Map<string, number>; equations: Equation[] } {
  const values = new Map<string, number>();
  const equations: Equation[] = [];
  for (const t of TABLE_IDS) {
    if (t === 'referrals' && !withReferrals) continue;
    const { rows, cols } = TABLE_SHAPES[t];
    const colTotals = new Map<string, number>();
    let grand = 0;
    for (const r of rows) {
      let rowTotal = 0;
      for (const col of cols) {
        const v = c[t][r]?.[col] ?? 0;
        values.set(cellId(t, r, col), v);
        rowTotal += v;
        colTotals.set(col, (colTotals.get(col) ?? 0) + v);
      }
      values.set(cellId(t, r, TOTAL), rowTotal);
      grand += rowTotal;
      equations.push({ total: cellId(t, r, TOTAL), parts: cols.map((col) => cellId(t, r, col)) });
    }
    for (const col of cols) {
      values.set(cellId(t, TOTAL, col), colTotals.get(col) ?? 0);
      equations.push({ total: cellId(t, TOTAL, col), parts: rows.map((r) => cellId(t, r, col)) });
    }
    values.set(cellId(t, TOTAL, TOTAL), grand);
    equations.push({ total: cellId(t, TOTAL, TOTAL), parts: rows.map((r) => cellId(t, r, TOTAL)) });
    equations.push({ total: cellId(t, TOTAL, TOTAL), parts: cols.map((col) => cellId(t, TOTAL, col)) });
  }
  let atEnd = 0;
  for (const b of GRADE_BANDS) {
    const v = c.registerAtEnd[b] ?? 0;
    values.set(cellId('registerAtEnd', 'all', b), v);
    atEnd += v;
  }
  values.set(cellId('registerAtEnd', 'all', TOTAL), atEnd);
  equations.push({ total: cellId('registerAtEnd', 'all', TOTAL), parts: GRADE_BANDS.map((b) => cellId('registerAtEnd', 'all', b)) });
  return { values, equations: dedupe(equations) };
}

function dedupe(eqs: Equation[]): Equation[] {
  const seen = new Set<string>();
  return eqs.filter((e) => {
    const k = `${e.total}=${[...e.parts].sort().join('+')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

type Tables = DistrictReport['tables'];

/** Suppresses and lays the cells out in the report's shape. */
export function publishTables(
  c: Counts,
  withReferrals: boolean,
): { tables: Tables; registerAtEnd: DistrictReport['registerAtEnd']; suppressed: DistrictReport['suppressed']; published: Map<string, Published> } {
  const { values, equations } = cellsAndSums(c, withReferrals);
  const grand = new Set([...values.keys()].filter((id) => id.endsWith(`:${TOTAL}:${TOTAL}`) || id === cellId('registerAtEnd', 'all', TOTAL)));
  const published = suppress(values, equations, grand);
  const get = (id: string): Cell => published.get(id) ?? 0;
  const table = (t: TableId) => {
    const { rows, cols } = TABLE_SHAPES[t];
    const row = (r: string) => ({
      cells: Object.fromEntries(cols.map((col) => [col, get(cellId(t, r, col))])),
      total: get(cellId(t, r, TOTAL)),
    });
    return { rows: Object.fromEntries(rows.map((r) => [r, row(r)])), total: row(TOTAL) };
  };
  const tables = Object.fromEntries(TABLE_IDS.map((t) => [t, t === 'referrals' && !withReferrals ? null : table(t)])) as unknown as Tables;
  const registerAtEnd = {
    cells: Object.fromEntries(GRADE_BANDS.map((b) => [b, get(cellId('registerAtEnd', 'all', b))])) as Record<GradeBand, Cell>,
    total: get(cellId('registerAtEnd', 'all', TOTAL)),
  };
  let primary = 0;
  let secondary = 0;
  for (const v of published.values()) {
    if (v === '<3') primary++;
    else if (v === 'x') secondary++;
  }
  return { tables, registerAtEnd, suppressed: { primary, secondary }, published };
}

/** The published cells of a report back as id → cell, and the sums among them (the district's merge, the tests). */
export function publishedCells(r: Pick<DistrictReport, 'tables' | 'registerAtEnd'>): { cells: Map<string, Published>; equations: Equation[] } {
  const cells = new Map<string, Published>();
  const counts = emptyCounts();
  for (const t of TABLE_IDS) {
    const tab = r.tables[t];
    if (!tab) continue;
    const { rows, cols } = TABLE_SHAPES[t];
    const rowsRec = tab.rows as Record<string, { cells: Record<string, Cell>; total: Cell }>;
    const totalRow = tab.total;
    for (const row of rows) {
      for (const col of cols) cells.set(cellId(t, row, col), rowsRec[row]!.cells[col]!);
      cells.set(cellId(t, row, TOTAL), rowsRec[row]!.total);
    }
    for (const col of cols) cells.set(cellId(t, TOTAL, col), totalRow.cells[col]);
    cells.set(cellId(t, TOTAL, TOTAL), totalRow.total);
  }
  for (const b of GRADE_BANDS) cells.set(cellId('registerAtEnd', 'all', b), r.registerAtEnd.cells[b]);
  cells.set(cellId('registerAtEnd', 'all', TOTAL), r.registerAtEnd.total);
  const { equations } = cellsAndSums(counts, r.tables.referrals !== null);
  return { cells, equations };
}
