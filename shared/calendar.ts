/**
 * The school calendar's pure rules, used by the core (SQL month masks, overdue items, report due dates) and by the
 * screens (which quarter is current, which items are due in it), so both sides always count the same way. See
 * docs/DOMAIN.md "The school calendar".
 *
 * Dates are ISO `YYYY-MM-DD` strings (the school's local calendar day); months are 1–12; a month mask has bit
 * (month - 1) set for each month.
 */
import type { SchoolCalendar } from './plans';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/**
 * The first month of an academic year. The year is named by the calendar year it starts in; classes start on
 * 1 September, but the plan for the year is prepared and approved in late August (the seed plan's approval date is
 * 31 August), so from August on a date belongs to the new year. `calendarSchema` allows quarters from 1 August.
 */
export const ACADEMIC_YEAR_FIRST_MONTH = 8;

/** The academic year a date falls in (August starts a year). */
export function academicYearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m >= ACADEMIC_YEAR_FIRST_MONTH ? y : y - 1;
}

/** The local calendar date of a moment (the school's PC clock). */
export function isoDate(d: Date): string {
  return iso(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** Defaults of the ministry's usual order: I Sep–Oct, II Nov–Dec, III Jan–Mar, IV Apr–25 May. */
export function defaultCalendar(academicYear: number): SchoolCalendar {
  const y = academicYear;
  return {
    academicYear: y,
    quarters: [
      { start: iso(y, 9, 1), end: iso(y, 10, 31) },
      { start: iso(y, 11, 1), end: iso(y, 12, 31) },
      { start: iso(y + 1, 1, 1), end: iso(y + 1, 3, 31) },
      { start: iso(y + 1, 4, 1), end: iso(y + 1, 5, 25) },
    ],
  };
}

/** Bit (month - 1) for each month in the list. */
export function monthMask(months: readonly number[]): number {
  let m = 0;
  for (const month of months) m |= 1 << (month - 1);
  return m;
}

export function monthsOfMask(mask: number): number[] {
  const out: number[] = [];
  for (let m = 1; m <= 12; m++) if (mask & (1 << (m - 1))) out.push(m);
  return out;
}

/** Months touched by a date range (inclusive). */
export function rangeMask(start: string, end: string): number {
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  const ey = Number(end.slice(0, 4));
  const em = Number(end.slice(5, 7));
  let mask = 0;
  for (let guard = 0; guard < 24 && (y < ey || (y === ey && m <= em)); guard++) {
    mask |= 1 << (m - 1);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return mask;
}

/**
 * The month mask of each quarter: a month belongs to the quarter that holds its 15th day or, failing that, to the
 * first quarter that touches it (a third quarter ending on 14 March keeps March), so that no month counts twice
 * when quarters start or end mid-month and no month a quarter touches is lost.
 */
export function quarterMasks(c: SchoolCalendar): number[] {
  const masks = [0, 0, 0, 0];
  const y = c.academicYear;
  for (let k = 0; k < 12; k++) {
    const month = ((8 + k) % 12) + 1; // Sep … Aug
    const year = month >= 9 ? y : y + 1;
    const mid = `${year}-${pad(month)}-15`;
    let q = c.quarters.findIndex((r) => r.start <= mid && mid <= r.end);
    if (q < 0) {
      const bit = 1 << (month - 1);
      q = c.quarters.findIndex((r) => (rangeMask(r.start, r.end) & bit) !== 0 && r.start.slice(0, 4) <= String(year) && String(year) <= r.end.slice(0, 4));
    }
    if (q >= 0) masks[q]! |= 1 << (month - 1);
  }
  return masks;
}

/** The quarter (1–4) a date is in; between quarters (holidays) the last one that ended; before the first, 1. */
export function currentQuarter(c: SchoolCalendar | undefined, today: string): number {
  if (!c) return 1;
  const inside = c.quarters.findIndex((q) => q.start <= today && today <= q.end);
  if (inside >= 0) return inside + 1;
  let last = 1;
  c.quarters.forEach((q, i) => {
    if (q.end < today) last = i + 1;
  });
  return last;
}

/** The month mask of a plan item: its named months and the months of its dates; 0 = due throughout the year. */
export function dueMask(item: { dueMonths: readonly number[]; dueDates: readonly string[] }): number {
  return monthMask([...item.dueMonths, ...item.dueDates.map((d) => Number(d.slice(5, 7)))]);
}

/** Whether an item with this due mask is due in a quarter with this month mask (an item naming no month always is). */
export function isDueIn(itemMask: number, quarterMask: number): boolean {
  return itemMask === 0 || (itemMask & quarterMask) !== 0;
}

/**
 * Whether a plan item is due in a quarter of this calendar: the rule of the core's overdue list and of the
 * execution screen's "only due" filter.
 */
export function itemDueInQuarter(item: { dueMonths: readonly number[]; dueDates: readonly string[] }, c: SchoolCalendar, quarter: number): boolean {
  return isDueIn(dueMask(item), quarterMasks(c)[quarter - 1] ?? 0);
}

/**
 * Whether a day lies within a quarter's dates: the day a plan item was carried out lies in the quarter it is marked
 * for (the core refuses it with `plans.date_outside_quarter`, the execution form on its date field before sending).
 */
export function dateInQuarter(date: string, range: { start: string; end: string }): boolean {
  return range.start <= date && date <= range.end;
}

/** The 10th of the month after the quarter's end (Decree 748: reports by the 10th of the following month). */
export function reportDueDate(quarterEnd: string): string {
  let y = Number(quarterEnd.slice(0, 4));
  let m = Number(quarterEnd.slice(5, 7)) + 1;
  if (m === 13) {
    m = 1;
    y += 1;
  }
  return iso(y, m, 10);
}
