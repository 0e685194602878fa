/**
 * A statistics period as dates: a quarter of the school calendar (as the school set it), an academic year
 * (1 August – 31 July, shared/calendar.ts), or a custom range; and the calendar months it spans.
 */
import { ACADEMIC_YEAR_FIRST_MONTH, academicYearOf, isoDate } from '../../../shared/calendar';
import type { StatisticsPeriod } from '../../../shared/statistics';
import type { Db } from '../db/types';
import { readCalendar } from '../plans/calendar';

export interface Range {
  from: string;
  to: string;
  academicYear: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export async function resolvePeriod(db: Db, p: StatisticsPeriod): Promise<Range> {
  switch (p.kind) {
    case 'quarter': {
      const cal = await readCalendar(db, p.academicYear);
      const q = cal.quarters[p.quarter - 1]!;
      return { from: q.start, to: q.end, academicYear: p.academicYear };
    }
    case 'year': {
      // from the first day of the year's first month to the day before it a year later
      const m: number = ACADEMIC_YEAR_FIRST_MONTH;
      const end = new Date(Date.UTC(p.academicYear + 1, m - 1, 0));
      return { from: `${p.academicYear}-${pad(m)}-01`, to: end.toISOString().slice(0, 10), academicYear: p.academicYear };
    }
    case 'custom':
      return { from: p.from, to: p.to, academicYear: academicYearOf(p.from) };
  }
}

/** 'YYYY-MM' of every month the range touches, in order. */
export function monthsOf(r: { from: string; to: string }): string[] {
  const out: string[] = [];
  let y = Number(r.from.slice(0, 4));
  let m = Number(r.from.slice(5, 7));
  const end = r.to.slice(0, 7);
  for (let guard = 0; guard < 12 * 12; guard++) {
    const key = `${y}-${pad(m)}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * The school's local date of a stored moment (an ISO timestamp in UTC): the day the person saw on the PC's clock.
 * A date-only value is already local.
 */
export function localDay(stored: string): string {
  return stored.length <= 10 ? stored : isoDate(new Date(stored));
}

/**
 * A bound for SQL on stored UTC timestamps that is sure to include every moment whose local day is in the range
 * (time zones reach ±14 h): the exact local-day test is then made in JS.
 */
export function utcBounds(r: { from: string; to: string }): { lo: string; hi: string } {
  const lo = new Date(`${r.from}T00:00:00Z`);
  lo.setUTCDate(lo.getUTCDate() - 1);
  const hi = new Date(`${r.to}T00:00:00Z`);
  hi.setUTCDate(hi.getUTCDate() + 2);
  return { lo: lo.toISOString(), hi: hi.toISOString() };
}

/** The moment (UTC ISO, as stored) a local day begins on the PC's clock; `plusDays` moves the day first. */
export function localStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/**
 * The exact stored-moment bounds of a range's local days: a stored UTC timestamp `t` has its local day in the range
 * iff `start <= t < end` (string order is time order for the stored `toISOString()` form). Lets SQL make the exact
 * local-day test that `localDay` makes in JS.
 */
export function localBounds(r: { from: string; to: string }): { start: string; end: string } {
  return { start: localStart(r.from), end: localStart(r.to, 1) };
}
