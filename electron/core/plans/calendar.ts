/**
 * The school calendar as stored: each academic year's quarters (the defaults until a school edits them). The rules
 * (quarters' months, month masks for "due" questions asked in SQL, report due dates) are in shared/calendar.ts.
 */
import { defaultCalendar } from '../../../shared/calendar';
import { calendarSchema, type SchoolCalendar } from '../../../shared/plans';
import type { Db } from '../db/types';

// The pure rules live in shared/calendar.ts (the screens use them too); re-exported for the core's modules.
export { academicYearOf, defaultCalendar, isoDate, monthMask, monthsOfMask, rangeMask, reportDueDate } from '../../../shared/calendar';

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
