/**
 * The school calendar: four quarters per academic year (defaults from the ministry's usual order, editable per
 * year), month masks for "due" questions asked in SQL, and the quarterly report's due date (10th of the month after
 * the quarter, Decree 748 §2).
 */
import type { Kysely, Transaction } from 'kysely';
import { calendarSchema, type SchoolCalendar } from '../../../shared/plans';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** I Sep–Oct, II Nov–Dec, III Jan–Mar, IV Apr–25 May. */
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

export async function readCalendar(db: Db, academicYear: number): Promise<SchoolCalendar> {
  const row = await db.selectFrom('school_calendar').select('quarters').where('academic_year', '=', academicYear).executeTakeFirst();
  if (!row) return defaultCalendar(academicYear);
  const parsed = calendarSchema.safeParse({ academicYear, quarters: JSON.parse(row.quarters) as unknown });
  return parsed.success ? parsed.data : defaultCalendar(academicYear);
}

export async function writeCalendar(db: Db, c: SchoolCalendar, now: Date): Promise<void> {
  const quarters = JSON.stringify(c.quarters);
  await db
    .insertInto('school_calendar')
    .values({ academic_year: c.academicYear, quarters, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('academic_year').doUpdateSet({ quarters, updated_at: now.toISOString() }))
    .execute();
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

/** The 10th of the month after the quarter's end. */
export function reportDueDate(quarterEnd: string): string {
  let y = Number(quarterEnd.slice(0, 4));
  let m = Number(quarterEnd.slice(5, 7)) + 1;
  if (m === 13) {
    m = 1;
    y += 1;
  }
  return iso(y, m, 10);
}

/** The academic year a date falls in (September starts a year). */
export function academicYearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m >= 8 ? y : y - 1;
}

/** The local calendar date of a moment (the school's PC clock). */
export function isoDate(d: Date): string {
  return iso(d.getFullYear(), d.getMonth() + 1, d.getDate());
}
