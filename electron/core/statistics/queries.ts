/**
 * The school's statistics (shared/statistics.ts says what each number counts). Plain columns (dates, stage, risk,
 * status, grade, sex, decision type, register dates) are counted from SQL rows; the form of harm and the closure
 * reason are protection fields: for the whole months of the period they come from the sealed monthly tally
 * (tally.ts: one decryption per month, checked against the digest of the records and counted again where stale),
 * and only the days of a partial month at the edges of a quarter or a custom period are decrypted here, one value at
 * a time, added to a counter and let go. Nothing decrypted is returned — only the counts. A session without the
 * protection key is refused (`keys.not_holder`) rather than given numbers that silently leave out what it cannot read.
 */
import { CASE_STAGES, CLOSURE_REASONS, CONCERN_STATUSES, FORMS_OF_HARM, RISK_LEVELS } from '../../../shared/cases';
import { DECISION_TYPES } from '../../../shared/council';
import type {
  CaseStatistics,
  ConcernStatistics,
  Count,
  CouncilStatistics,
  MonthRow,
  PlanQuarterCounts,
  PlanStatistics,
  RegisterStatistics,
} from '../../../shared/statistics';
import { caseProtected, concernProtected } from '../cases/protected';
import type { KeySource } from '../core';
import { AppError } from '../errors';
import { duePairs } from '../plans/execution';
import { loadSections } from '../plans/queries';
import type { Db } from '../db/types';
import { localBounds, localDay, localStart, monthsOf, utcBounds, type Range } from './period';
import { sql, type SqlBool } from 'kysely';
import { fillBlobs, readEntry, WholeMonths, wholeMonthsOf, type TallyCounts, type TallyEntry } from './tally';

export const GRADES = Array.from({ length: 13 }, (_, i) => String(i));
export const SEXES = ['f', 'm', 'unknown'] as const;
export const MEETING_STATUSES = ['planned', 'awaiting_chair', 'signed'] as const;
export const REGISTER_BODIES = ['council', 'director'] as const;

/** A counter over a closed list of keys (unknown keys are counted under `other` when the list has it, else dropped). */
export class Counter {
  private readonly m = new Map<string, number>();
  constructor(private readonly keys: readonly string[]) {
    for (const k of keys) this.m.set(k, 0);
  }
  add(key: string): void {
    const v = this.m.get(key);
    if (v !== undefined) this.m.set(key, v + 1);
  }
  /** Adds counts kept elsewhere (the sealed tally), keys outside the list dropped as by `add`. */
  addAll(counts: Record<string, number> | undefined): void {
    for (const [key, n] of Object.entries(counts ?? {})) {
      const v = this.m.get(key);
      if (v !== undefined) this.m.set(key, v + n);
    }
  }
  list(): Count[] {
    return this.keys.map((key) => ({ key, count: this.m.get(key) ?? 0 }));
  }
}

export class Monthly<S extends string> {
  private readonly rows: MonthRow<S>[];
  private readonly index = new Map<string, MonthRow<S>>();
  constructor(range: Range, series: readonly S[]) {
    this.rows = monthsOf(range).map((month) => ({ month, values: Object.fromEntries(series.map((s) => [s, 0])) as Record<S, number> }));
    for (const r of this.rows) this.index.set(r.month, r);
  }
  add(day: string, series: S): void {
    const r = this.index.get(day.slice(0, 7));
    if (r) r.values[series] += 1;
  }
  list(): MonthRow<S>[] {
    return this.rows;
  }
}

const inRange = (day: string, r: Range) => day >= r.from && day <= r.to;

/** The GCM tag of a sealed column (its last 16 bytes): what the tally's digest is made of, without the ciphertext. */
function tagColumn<C extends 'details_enc' | 'closure_enc' | 'content_enc'>(column: C) {
  return sql<Uint8Array | null>`substr(${sql.ref(column)}, -16)`.as(`${column}_tag`);
}
const hex = (b: Uint8Array | null): string | null => (b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex') : null);

function requireProtection(keys: KeySource): void {
  if (!caseProtected.canRead(keys, 'details_enc', 'closure_enc') || !concernProtected.canRead(keys)) {
    throw new AppError('keys.not_holder', 'statistics count protected fields: this session does not hold the protection key');
  }
}

export async function concernStatistics(db: Db, keys: KeySource, range: Range, now: Date): Promise<ConcernStatistics> {
  requireProtection(keys);
  const { lo, hi } = utcBounds(range);
  const rows = await db
    .selectFrom('concerns')
    .select(['id', 'logged_at', 'status', tagColumn('content_enc')])
    .where('logged_at', '>=', lo)
    .where('logged_at', '<', hi)
    .execute();
  const byStatus = new Counter(CONCERN_STATUSES);
  const byHarm = new Counter([...FORMS_OF_HARM, 'awaiting']);
  const monthly = new Monthly(range, ['logged'] as const);
  const whole = new WholeMonths('concerns', wholeMonthsOf(range, monthsOf(range)));
  const edge: TallyEntry[] = [];
  let logged = 0;
  for (const r of rows) {
    const day = localDay(r.logged_at);
    if (!inRange(day, range)) continue;
    logged += 1;
    byStatus.add(r.status);
    monthly.add(day, 'logged');
    if (r.status === 'awaiting' || !r.content_enc_tag) {
      byHarm.add('awaiting');
      continue;
    }
    const entry: TallyEntry = { part: 'concernHarm', id: r.id, tag: hex(r.content_enc_tag) };
    if (!whole.take(day, entry)) edge.push(entry);
  }
  await fillBlobs(db, edge);
  for (const e of edge) {
    const harm = readEntry(keys, e);
    if (harm) byHarm.add(harm);
  }
  byHarm.addAll((await whole.counts(db, keys, now)).concernHarm);
  return { logged, byStatus: byStatus.list(), byHarm: byHarm.list(), monthly: monthly.list() };
}

/** SQL: the local day of a stored moment (`col`) lies in the range (a date-only value is already local). */
function dayIn(col: string, r: Range, b: { start: string; end: string }) {
  const c = sql.ref(col);
  return sql<SqlBool>`(CASE WHEN length(${c}) <= 10 THEN ${c} >= ${r.from} AND ${c} <= ${r.to} ELSE ${c} >= ${b.start} AND ${c} < ${b.end} END)`;
}

/** SQL: the local day of a stored moment (`col`) comes after the range's last day. */
function dayAfter(col: string, r: Range, b: { end: string }) {
  const c = sql.ref(col);
  return sql<SqlBool>`(CASE WHEN length(${c}) <= 10 THEN ${c} > ${r.to} ELSE ${c} >= ${b.end} END)`;
}

/** SQL: the local month ('YYYY-MM') of a stored moment already known to lie in the range. */
function monthIn(col: string, r: Range) {
  const c = sql.ref(col);
  const months = monthsOf(r);
  const last = months[months.length - 1] ?? r.from.slice(0, 7);
  const steps = months.slice(1).map((m, i) => sql`WHEN ${c} < ${localStart(`${m}-01`)} THEN ${months[i]!}`);
  return sql<string>`(CASE WHEN length(${c}) <= 10 THEN substr(${c}, 1, 7) ${sql.join(steps, sql` `)} ELSE ${last} END)`;
}

/**
 * Case statistics, counted in SQL on the plain columns (risk, stage, grade, sex, the local month of opening and
 * closing: the exact local-day test is made in SQL against `localBounds`); only the per-record tags of the sealed
 * form of harm and closure reason come back, to check the monthly tally's digest (and, at a partial edge month, to
 * decrypt).
 */
export async function caseStatistics(db: Db, keys: KeySource, range: Range, now: Date): Promise<CaseStatistics> {
  requireProtection(keys);
  // `lo`/`hi` are wide bounds the indexes can use; `b` the exact ones of the local days
  const { lo, hi } = utcBounds(range);
  const b = localBounds(range);
  const openedInRange = dayIn('opened_at', range, b);
  const [groups, openedRows, closedRows, atEndBefore, atEndNear, atEndWithin, children] = await Promise.all([
    db
      .selectFrom('cases')
      .select((eb) => ['risk', 'stage', eb.fn.countAll<number>().as('n')])
      .where('opened_at', '>=', lo)
      .where('opened_at', '<', hi)
      .where(openedInRange)
      .groupBy(['risk', 'stage'])
      .execute(),
    db
      .selectFrom('cases')
      .select(['id', monthIn('opened_at', range).as('month'), tagColumn('details_enc')])
      .where('opened_at', '>=', lo)
      .where('opened_at', '<', hi)
      .where(openedInRange)
      .execute(),
    db
      .selectFrom('cases')
      .select(['id', monthIn('closed_at', range).as('month'), tagColumn('closure_enc')])
      .where('closed_at', '>=', lo)
      .where('closed_at', '<', hi)
      .where('stage', '=', 'closed')
      .where(dayIn('closed_at', range, b))
      .execute(),
    // open on the period's last day: opened by then, and not closed by then (a case not at the closed stage counts as
    // open whatever its closed_at says). Opened before the wide bound: through the covering (opened_at, closed_at)
    // index, the exact test only for those closed near the period's end …
    db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('opened_at', '<', lo)
      .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', hi)]))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('closed_at', '>=', lo)
      .where('closed_at', '<', hi)
      .where('opened_at', '<', lo)
      .where((eb) => eb.or([dayAfter('closed_at', range, b), eb('stage', '!=', 'closed')]))
      .executeTakeFirstOrThrow(),
    // … and those opened within the wide bounds, tested exactly
    db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('opened_at', '>=', lo)
      .where('opened_at', '<', hi)
      .where(sql<SqlBool>`NOT ${dayAfter('opened_at', range, b)}`)
      .where((eb) => eb.or([eb('closed_at', 'is', null), dayAfter('closed_at', range, b), eb('stage', '!=', 'closed')]))
      .executeTakeFirstOrThrow(),
    // each child of a case opened in the period once, by grade and sex
    db
      .selectFrom('pupils as p')
      .select((eb) => ['p.grade', 'p.sex', eb.fn.countAll<number>().as('n')])
      .where('p.id', 'in', (eb) =>
        eb
          .selectFrom('cases as c')
          .innerJoin('case_pupils as cp', 'cp.case_id', 'c.id')
          .select('cp.pupil_id')
          .where('c.opened_at', '>=', lo)
          .where('c.opened_at', '<', hi)
          .where(dayIn('c.opened_at', range, b)),
      )
      .groupBy(['p.grade', 'p.sex'])
      .execute(),
  ]);
  const byHarm = new Counter(FORMS_OF_HARM);
  const byRisk = new Counter(RISK_LEVELS);
  const byStage = new Counter(CASE_STAGES);
  const byClosure = new Counter(CLOSURE_REASONS);
  const byGrade = new Counter(GRADES);
  const bySex = new Counter(SEXES);
  let opened = 0;
  for (const g of groups) {
    const n = Number(g.n);
    opened += n;
    byRisk.addAll({ [g.risk]: n });
    byStage.addAll({ [g.stage]: n });
  }
  for (const g of children) {
    const n = Number(g.n);
    byGrade.addAll({ [String(g.grade)]: n });
    bySex.addAll({ [g.sex ?? 'unknown']: n });
  }
  const monthly = new Monthly(range, ['opened', 'closed'] as const);
  const whole = new WholeMonths('cases', wholeMonthsOf(range, monthsOf(range)));
  const edge: TallyEntry[] = [];
  for (const r of openedRows) {
    monthly.add(r.month, 'opened');
    const entry: TallyEntry = { part: 'caseHarm', id: r.id, tag: hex(r.details_enc_tag) };
    if (!whole.take(r.month, entry)) edge.push(entry);
  }
  for (const r of closedRows) {
    monthly.add(r.month, 'closed');
    const entry: TallyEntry = { part: 'caseClosure', id: r.id, tag: hex(r.closure_enc_tag) };
    if (!whole.take(r.month, entry)) edge.push(entry);
  }
  // the days of partial months at the period's edges: decrypted one by one
  await fillBlobs(db, edge);
  for (const e of edge) {
    const v = readEntry(keys, e);
    if (v) (e.part === 'caseHarm' ? byHarm : byClosure).add(v);
  }
  const tallied: TallyCounts = await whole.counts(db, keys, now);
  byHarm.addAll(tallied.caseHarm);
  byClosure.addAll(tallied.caseClosure);
  return {
    opened,
    closed: closedRows.length,
    openAtEnd: Number(atEndBefore.n) + Number(atEndNear.n) + Number(atEndWithin.n),
    byHarm: byHarm.list(),
    byRisk: byRisk.list(),
    byStage: byStage.list(),
    byClosure: byClosure.list(),
    byGrade: byGrade.list(),
    bySex: bySex.list(),
    monthly: monthly.list(),
  };
}

/** The register's dates, body, grade and sex are plain columns: no key is needed for these counts. */
export async function registerStatistics(db: Db, range: Range): Promise<RegisterStatistics> {
  const rows = await db
    .selectFrom('register_entries as e')
    .innerJoin('pupils as p', 'p.id', 'e.pupil_id')
    .select(['e.on_date', 'e.off_date', 'e.on_body', 'p.id as pupil_id', 'p.grade', 'p.sex'])
    .where('e.on_date', '<=', range.to)
    .where((eb) => eb.or([eb('e.off_date', 'is', null), eb('e.off_date', '>=', range.from)]))
    .execute();
  const byBody = new Counter(REGISTER_BODIES);
  const byGrade = new Counter(GRADES);
  const bySex = new Counter(SEXES);
  const monthly = new Monthly(range, ['on', 'off'] as const);
  const seen = new Set<string>();
  let on = 0;
  let off = 0;
  let onAtEnd = 0;
  for (const r of rows) {
    if (r.off_date === null || r.off_date > range.to) onAtEnd += 1;
    if (inRange(r.on_date, range)) {
      on += 1;
      byBody.add(r.on_body);
      monthly.add(r.on_date, 'on');
      if (!seen.has(r.pupil_id)) {
        seen.add(r.pupil_id);
        byGrade.add(String(r.grade));
        bySex.add(r.sex ?? 'unknown');
      }
    }
    if (r.off_date !== null && inRange(r.off_date, range)) {
      off += 1;
      monthly.add(r.off_date, 'off');
    }
  }
  return { on, off, onAtEnd, byBody: byBody.list(), byGrade: byGrade.list(), bySex: bySex.list(), monthly: monthly.list() };
}

export async function councilStatistics(db: Db, range: Range): Promise<CouncilStatistics> {
  const meetings = await db
    .selectFrom('council_meetings')
    .select(['date', 'status'])
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .execute();
  const decisions = await db
    .selectFrom('council_decisions as d')
    .innerJoin('council_agenda_items as a', 'a.id', 'd.item_id')
    .innerJoin('council_meetings as m', 'm.id', 'a.meeting_id')
    .select(['m.date', 'd.type'])
    .where('m.date', '>=', range.from)
    .where('m.date', '<=', range.to)
    .execute();
  const byStatus = new Counter(MEETING_STATUSES);
  const byDecision = new Counter(DECISION_TYPES);
  const monthly = new Monthly(range, ['meetings', 'decisions'] as const);
  for (const m of meetings) {
    byStatus.add(m.status);
    monthly.add(m.date, 'meetings');
  }
  for (const d of decisions) {
    byDecision.add(d.type);
    monthly.add(d.date, 'decisions');
  }
  return { meetings: meetings.length, byStatus: byStatus.list(), decisions: decisions.length, byDecision: byDecision.list(), monthly: monthly.list() };
}

function emptyQuarter(quarter: number): PlanQuarterCounts {
  return { quarter, due: 0, done: 0, partly: 0, notDone: 0, unmarked: 0, percent: 0 };
}
function withPercent(c: PlanQuarterCounts): PlanQuarterCounts {
  return { ...c, percent: c.due === 0 ? 0 : Math.round(((c.done + c.partly / 2) / c.due) * 100) };
}

/**
 * The plan of an academic year (the approved one, else the newest draft), by top-level section (subsections roll
 * up into theirs) and quarter: the (item, quarter) pairs due in the quarters begun by `today` and their marks.
 */
export async function planStatistics(db: Db, academicYear: number, today: string): Promise<PlanStatistics> {
  const plan = await db
    .selectFrom('plans')
    .select(['id', 'status'])
    .where('academic_year', '=', academicYear)
    .orderBy((eb) => eb.case().when('status', '=', 'approved').then(0).else(1).end())
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!plan) return { academicYear, hasPlan: false, approved: false, sections: [], total: [1, 2, 3, 4].map(emptyQuarter) };
  const [sections, pairs] = await Promise.all([loadSections(db, plan.id), duePairs(db, plan.id, today)]);
  const top = sections.filter((s) => s.parentId === null);
  const topOf = new Map<string, string>();
  for (const s of sections) topOf.set(s.id, s.parentId ?? s.id);
  const grid = new Map(top.map((s) => [s.id, [1, 2, 3, 4].map(emptyQuarter)]));
  const total = [1, 2, 3, 4].map(emptyQuarter);
  for (const p of pairs) {
    if (p.status === 'not_due') continue;
    const row = grid.get(topOf.get(p.section_id) ?? '');
    for (const c of [row?.[p.quarter - 1], total[p.quarter - 1]]) {
      if (!c) continue;
      c.due += 1;
      if (p.status === 'done') c.done += 1;
      else if (p.status === 'partly') c.partly += 1;
      else if (p.status === 'not_done') c.notDone += 1;
      else if (p.q_end < today) c.unmarked += 1;
    }
  }
  const sum = (qs: PlanQuarterCounts[]): PlanQuarterCounts =>
    withPercent(
      qs.reduce((a, q) => ({ ...a, due: a.due + q.due, done: a.done + q.done, partly: a.partly + q.partly, notDone: a.notDone + q.notDone, unmarked: a.unmarked + q.unmarked }), emptyQuarter(0)),
    );
  return {
    academicYear,
    hasPlan: true,
    approved: plan.status === 'approved',
    sections: top.map((s) => {
      const qs = (grid.get(s.id) ?? []).map(withPercent);
      return { number: s.number, titleKk: s.titleKk, titleRu: s.titleRu, quarters: qs, total: sum(qs) };
    }),
    total: total.map(withPercent),
  };
}
