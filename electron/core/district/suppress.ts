/**
 * Small-cell suppression for the district report.
 *
 * Primary: a count of 1 or 2 is published as "<3" (0 stays 0: "nobody" discloses nobody).
 * Secondary: the report also publishes totals, and a reader can solve the table's sums for a hidden cell. So the
 * suppression is audit-driven: an attacker (`attack`) who knows every published number, every sum that ties the
 * cells together (row and column totals, totals shared by two tables), that a "<3" is 1 or 2 and that an "x" is
 * any count (a "<3" may be hidden as "x" too, so "x" says nothing) tries each "<3" cell with 1 and with 2 and looks for a complete
 * assignment of every hidden cell that satisfies every sum. When only one value is possible the cell is disclosed,
 * and another cell is hidden as "x", chosen for the least information lost: among the non-"x" cells of its own sums
 * (then of the sums of hidden cells), inner cells smallest first (another "<3" loses least), then totals, then
 * zeros, a grand total last — and of the first few, the first that alone makes the cell safe again (the audit tells).
 * This repeats until no "<3" can be pinned down. Then every "x" is tried shown again (grand totals and large counts
 * first) and stays shown when the audit still pins nothing down: a later "x" often makes an earlier one needless.
 * A search that runs out of its budget counts as disclosed, so doubt always hides more.
 */

export type Published = number | '<3' | 'x';

/** `total` = the sum of `parts` (cell ids). */
export interface Equation {
  total: string;
  parts: string[];
}

const NODE_BUDGET = 200_000;
/** how many candidates (best first) are tried for one that alone makes a disclosed cell safe */
const LOOKAHEAD = 6;
/** an upper bound for a hidden cell no published sum bounds (a larger value only helps the attacker less) */
const OPEN_BOUND = 100_000;

interface Var {
  id: string;
  primary: boolean;
  lo: number;
  hi: number;
}

class BudgetExceeded extends Error {}

/** The feasible values of each "<3" cell (a subset of [1, 2]); null when the search ran out of budget. */
export function attack(published: ReadonlyMap<string, Published>, equations: readonly Equation[]): Map<string, number[] | null> {
  const out = new Map<string, number[] | null>();
  const solver = new Solver(published, equations);
  for (const [id, v] of published) {
    if (v !== '<3') continue;
    const ok: number[] = [];
    let exhausted = false;
    for (const value of [1, 2]) {
      try {
        if (solver.feasibleWith(id, value)) ok.push(value);
      } catch (e) {
        if (!(e instanceof BudgetExceeded)) throw e;
        exhausted = true;
      }
    }
    out.set(id, exhausted ? null : ok);
  }
  return out;
}

class Solver {
  private readonly vars = new Map<string, Var>();
  /** equations with every hidden id resolved; `known` is the published part of each side moved to a constant */
  private readonly allEqs: { vars: string[]; coef: number[]; constant: number }[] = [];
  /** the equations each hidden cell is in */
  private readonly eqsOf = new Map<string, { vars: string[]; coef: number[]; constant: number }[]>();
  /** the equations and variables connected to the cell being tried (the rest cannot tell anything about it) */
  private eqs: { vars: string[]; coef: number[]; constant: number }[] = [];
  private active = new Set<string>();
  private nodes = 0;

  constructor(published: ReadonlyMap<string, Published>, equations: readonly Equation[]) {
    for (const [id, v] of published) {
      if (v === '<3') this.vars.set(id, { id, primary: true, lo: 1, hi: 2 });
      else if (v === 'x') this.vars.set(id, { id, primary: false, lo: 0, hi: OPEN_BOUND });
    }
    for (const e of equations) {
      // total - Σ parts = 0  →  Σ coef·var = constant
      const vars: string[] = [];
      const coef: number[] = [];
      let constant = 0;
      const add = (id: string, c: number) => {
        const p = published.get(id) ?? 0;
        if (typeof p === 'number') constant -= c * p;
        else {
          vars.push(id);
          coef.push(c);
        }
      };
      add(e.total, 1);
      for (const p of e.parts) add(p, -1);
      if (vars.length > 0) {
        const eq = { vars, coef, constant };
        this.allEqs.push(eq);
        for (const v of vars) {
          let list = this.eqsOf.get(v);
          if (!list) this.eqsOf.set(v, (list = []));
          list.push(eq);
        }
      }
    }
  }

  /** Restricts the search to the equations linked (through hidden cells) to `id`. */
  private focus(id: string): void {
    const eqs = new Set<(typeof this.allEqs)[number]>();
    const seen = new Set<string>([id]);
    const queue = [id];
    while (queue.length > 0) {
      const v = queue.pop()!;
      for (const e of this.eqsOf.get(v) ?? []) {
        if (eqs.has(e)) continue;
        eqs.add(e);
        for (const w of e.vars) {
          if (!seen.has(w)) {
            seen.add(w);
            queue.push(w);
          }
        }
      }
    }
    this.eqs = [...eqs];
    this.active = seen;
  }

  private baseBounds(): Map<string, [number, number]> {
    const b = new Map<string, [number, number]>();
    for (const id of this.active) {
      const v = this.vars.get(id)!;
      b.set(id, [v.lo, v.hi]);
    }
    return b;
  }

  /** Interval propagation over the equations; false when some equation cannot hold. */
  private tighten(assigned: Map<string, number>, bounds: Map<string, [number, number]>): boolean {
    for (const [id, val] of assigned) bounds.set(id, [val, val]);
    for (let round = 0; round < 50; round++) {
      let changed = false;
      for (const e of this.eqs) {
        let minSum = 0;
        let maxSum = 0;
        for (let i = 0; i < e.vars.length; i++) {
          const [lo, hi] = bounds.get(e.vars[i]!)!;
          const c = e.coef[i]!;
          minSum += c > 0 ? c * lo : c * hi;
          maxSum += c > 0 ? c * hi : c * lo;
        }
        if (minSum > e.constant || maxSum < e.constant) return false;
        for (let i = 0; i < e.vars.length; i++) {
          const id = e.vars[i]!;
          const [lo, hi] = bounds.get(id)!;
          const c = e.coef[i]!;
          const selfMin = c > 0 ? c * lo : c * hi;
          const selfMax = c > 0 ? c * hi : c * lo;
          // c·x ∈ [constant − (maxSum − selfMax), constant − (minSum − selfMin)]
          const a = e.constant - (maxSum - selfMax);
          const b = e.constant - (minSum - selfMin);
          let nlo = c > 0 ? Math.ceil(a / c) : Math.ceil(b / c);
          let nhi = c > 0 ? Math.floor(b / c) : Math.floor(a / c);
          nlo = Math.max(lo, nlo);
          nhi = Math.min(hi, nhi);
          if (nlo > nhi) return false;
          if (nlo !== lo || nhi !== hi) {
            bounds.set(id, [nlo, nhi]);
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    return true;
  }

  feasibleWith(id: string, value: number): boolean {
    this.focus(id);
    this.nodes = 0;
    const assigned = new Map<string, number>([[id, value]]);
    return this.search(assigned);
  }

  private search(assigned: Map<string, number>): boolean {
    if (++this.nodes > NODE_BUDGET) throw new BudgetExceeded();
    const bounds = this.baseBounds();
    if (!this.tighten(assigned, bounds)) return false;
    // a variable whose interval closed is fixed
    let open: string | null = null;
    let openWidth = Infinity;
    for (const [vid, [lo, hi]] of bounds) {
      if (lo === hi) continue;
      if (hi - lo < openWidth) {
        open = vid;
        openWidth = hi - lo;
      }
    }
    if (open === null) {
      // every variable fixed by propagation: check every equation exactly
      const val = (v: string) => bounds.get(v)![0];
      return this.eqs.every((e) => e.vars.reduce((s, v, i) => s + e.coef[i]! * val(v), 0) === e.constant);
    }
    const [lo, hi] = bounds.get(open)!;
    for (let x = lo; x <= hi; x++) {
      const next = new Map(assigned);
      for (const [vid, [l, h]] of bounds) if (l === h) next.set(vid, l);
      next.set(open, x);
      if (this.search(next)) return true;
    }
    return false;
  }
}

/**
 * Publishes `values` (cell id → exact count) with primary and secondary suppression over `equations`. Ids that
 * appear in equations but not in `values` count as 0. Returns every id of `values`.
 */
export function suppress(values: ReadonlyMap<string, number>, equations: readonly Equation[], grandTotals: ReadonlySet<string> = new Set()): Map<string, Published> {
  const published = new Map<string, Published>();
  for (const [id, v] of values) published.set(id, v >= 1 && v <= 2 ? '<3' : v);
  const isTotal = new Set(equations.map((e) => e.total));
  // hiding more only ever weakens the attacker: a "<3" found safe stays safe, so each is made safe once, in turn
  const primaries = [...published].filter(([, v]) => v === '<3').map(([id]) => id);
  // then passes over all of them until one finds nothing to do (a safety net: the audit decides, not the theory)
  for (let pass = 0; pass < 8; pass++) {
    let hid = false;
    for (const cell of primaries) {
      for (let guard = 0; guard <= values.size; guard++) {
        if (published.get(cell) !== '<3') break;
        if (!disclosedNow(cell, published, equations)) break;
        const picks = toHide(cell, published, values, equations, isTotal, grandTotals);
        if (picks.length === 0) break;
        // the first candidate (in the order of least information lost) that alone makes the cell safe, else the first
        let pick = picks[0]!;
        for (const id of picks.slice(0, LOOKAHEAD)) {
          const before = published.get(id)!;
          published.set(id, 'x');
          const safe = !disclosedNow(cell, published, equations);
          published.set(id, before);
          if (safe) {
            pick = id;
            break;
          }
        }
        published.set(pick, 'x');
        hid = true;
      }
    }
    if (!hid) break;
  }
  restoreNeedless(published, values, equations, grandTotals);
  return published;
}

/** What a cell shows when it is not hidden. */
const shown = (v: number): Published => (v >= 1 && v <= 2 ? '<3' : v);

/**
 * The "<3" cells an attacker could learn more about once `id` (hidden now) is shown: those linked to it through sums
 * and hidden cells. Any other "<3" is solved from sums that do not change.
 */
function linkedPrimaries(id: string, published: ReadonlyMap<string, Published>, byCell: ReadonlyMap<string, readonly Equation[]>): string[] {
  const seen = new Set<string>([id]);
  const queue = [id];
  const out: string[] = [];
  while (queue.length > 0) {
    const v = queue.pop()!;
    for (const e of byCell.get(v) ?? []) {
      for (const w of [e.total, ...e.parts]) {
        if (seen.has(w) || typeof (published.get(w) ?? 0) === 'number') continue;
        seen.add(w);
        queue.push(w);
        if (published.get(w) === '<3') out.push(w);
      }
    }
  }
  return out;
}

/**
 * The greedy hides cell after cell, and a later "x" can make an earlier one needless. Each "x" is tried shown
 * again — the grand totals first, then the largest counts (the most information given back) — and stays shown when
 * the audit still finds no "<3" pinned down; else it is hidden again.
 */
function restoreNeedless(published: Map<string, Published>, values: ReadonlyMap<string, number>, equations: readonly Equation[], grandTotals: ReadonlySet<string>): void {
  const hidden = [...published].filter(([, v]) => v === 'x').map(([id]) => id);
  const worth = (id: string) => (grandTotals.has(id) ? Infinity : (values.get(id) ?? 0));
  hidden.sort((a, b) => worth(b) - worth(a) || (a < b ? -1 : a > b ? 1 : 0));
  const byCell = new Map<string, Equation[]>();
  for (const e of equations) {
    for (const id of [e.total, ...e.parts]) {
      let list = byCell.get(id);
      if (!list) byCell.set(id, (list = []));
      list.push(e);
    }
  }
  for (const id of hidden) {
    const check = linkedPrimaries(id, published, byCell);
    const show = shown(values.get(id) ?? 0);
    published.set(id, show);
    if (show === '<3') check.push(id);
    if (check.some((cell) => disclosedNow(cell, published, equations))) published.set(id, 'x');
  }
}

function disclosedNow(cell: string, published: ReadonlyMap<string, Published>, equations: readonly Equation[]): boolean {
  const solver = new Solver(published, equations);
  let n = 0;
  for (const value of [1, 2]) {
    try {
      if (solver.feasibleWith(cell, value)) n++;
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      return true;
    }
  }
  return n < 2;
}

/**
 * The cell to hide next for a disclosed `cell`, from its own sums or (when those are all hidden) the sums of the
 * hidden cells: inner cells of at least 3 (smallest first, its own sums first), then totals that are not a table's
 * grand total, then zeros (an "x" of 0 absorbs little), the grand totals last.
 */
function toHide(
  cell: string,
  published: ReadonlyMap<string, Published>,
  values: ReadonlyMap<string, number>,
  equations: readonly Equation[],
  isTotal: ReadonlySet<string>,
  grandTotals: ReadonlySet<string>,
): string[] {
  const around = (pred: (ids: string[]) => boolean) => {
    const out = new Set<string>();
    for (const e of equations) {
      const ids = [e.total, ...e.parts];
      if (!pred(ids)) continue;
      for (const id of ids) if (id !== cell && published.get(id) !== 'x') out.add(id);
    }
    return out;
  };
  const own = around((ids) => ids.includes(cell));
  const near = around((ids) => ids.some((id) => typeof published.get(id) !== 'number'));
  const rank = (id: string): number[] => {
    const v = values.get(id) ?? 0;
    const mine = own.has(id) ? 0 : 1;
    if (grandTotals.has(id)) return [5, mine, v];
    // inner cells, smallest first: another "<3" hidden as "x" loses least (two "<3" summing to a "<3" are both 1)
    if (v >= 1 && !isTotal.has(id)) return [0, mine, v];
    if (v >= 3) return [1, mine, v];
    if (v >= 1) return [2, mine, v];
    return [3, mine, v];
  };
  const ranked = [...new Set([...own, ...near])].map((id) => ({ id, r: rank(id) }));
  ranked.sort((a, b) => a.r[0]! - b.r[0]! || a.r[1]! - b.r[1]! || a.r[2]! - b.r[2]! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked.map((x) => x.id);
}
