/**
 * The district report's reminder (Decree 748 §2: a quarterly report is due by the 10th of the month after the
 * quarter). The school's quarters are its own calendar's (shared/calendar.ts, the same rule as the plan's quarterly
 * reports): a quarter ending 31 October is due by 10 November, one ending 25 May by 10 June.
 *
 * From the 1st of the month after a quarter's end the quarter's report is "due" (by the 10th: `reportDueDate`), after
 * the 10th "overdue" — until a district report for that academic year and quarter is issued (in any language). The
 * current academic year is looked at, and the previous one until 30 days after its last due date (the rule of the
 * plan's quarterly reports), so a new school year does not open with last year's backlog for ever.
 */
import { academicYearOf, reportDueDate } from '../../../shared/calendar';
import type { DistrictReportDue } from '../../../shared/district-school';
import type { Db } from '../db/types';
import { readCalendar } from '../plans/calendar';

/** The 1st of the month after a quarter's end: the day the reminder starts. */
export function reminderStart(quarterEnd: string): string {
  return `${reportDueDate(quarterEnd).slice(0, 8)}01`;
}

function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The quarters whose district report is due or overdue today and not issued, oldest first. */
export async function districtReportsDue(db: Db, today: string): Promise<DistrictReportDue[]> {
  const year = academicYearOf(today);
  const issued = new Set(
    (
      await db
        .selectFrom('district_reports')
        .select(['academic_year', 'quarter'])
        .where('academic_year', 'in', [year - 1, year])
        .where('quarter', '>', 0)
        .execute()
    ).map((r) => `${r.academic_year}:${r.quarter}`),
  );
  const out: DistrictReportDue[] = [];
  for (const academicYear of [year - 1, year]) {
    const cal = await readCalendar(db, academicYear);
    const lastDue = reportDueDate(cal.quarters[3]!.end);
    if (academicYear < year && today > plusDays(lastDue, 30)) continue;
    cal.quarters.forEach((q, i) => {
      const quarter = i + 1;
      if (issued.has(`${academicYear}:${quarter}`)) return;
      const from = reminderStart(q.end);
      // a quarter ending on the last day of a month starts its reminder the next day; one ending mid-month (25 May)
      // waits for the 1st (the report counts the whole quarter, so never before the quarter has ended)
      if (today < from || today <= q.end) return;
      const dueDate = reportDueDate(q.end);
      out.push({ academicYear, quarter, quarterEnd: q.end, dueDate, state: today > dueDate ? 'overdue' : 'due' });
    });
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/** The last quarter that has ended by today (its report is the one to carry to the district), or null before the first. */
export async function latestEndedQuarter(db: Db, today: string): Promise<{ academicYear: number; quarter: number } | null> {
  const year = academicYearOf(today);
  for (const academicYear of [year, year - 1]) {
    const cal = await readCalendar(db, academicYear);
    for (let i = 3; i >= 0; i--) if (cal.quarters[i]!.end < today) return { academicYear, quarter: i + 1 };
  }
  return null;
}
