import { describe, expect, it } from 'vitest';
import {
  academicYearOf,
  currentQuarter,
  defaultCalendar,
  dueMask,
  isDueIn,
  itemDueInQuarter,
  monthMask,
  monthsOfMask,
  quarterMasks,
  rangeMask,
  reportDueDate,
} from '../../../shared/calendar';
import { currentAcademicYear, todayIso } from '../../../renderer/src/features/plans/format';

describe('school calendar arithmetic', () => {
  it('reports are due on the 10th of the month after the quarter', () => {
    expect(reportDueDate('2025-10-31')).toBe('2025-11-10');
    expect(reportDueDate('2025-12-31')).toBe('2026-01-10');
    expect(reportDueDate('2026-03-31')).toBe('2026-04-10');
    expect(reportDueDate('2026-05-25')).toBe('2026-06-10');
  });

  it('gives each month to exactly one quarter, also when quarters start or end mid-month', () => {
    const masks = quarterMasks(defaultCalendar(2025));
    expect(masks.map(monthsOfMask)).toEqual([[9, 10], [11, 12], [1, 2, 3], [4, 5]]);
    const custom = quarterMasks({
      academicYear: 2026,
      quarters: [
        { start: '2026-09-01', end: '2026-11-03' },
        { start: '2026-11-10', end: '2026-12-29' },
        { start: '2027-01-08', end: '2027-03-20' },
        { start: '2027-03-30', end: '2027-05-25' },
      ],
    });
    expect(custom.map(monthsOfMask)).toEqual([[9, 10], [11, 12], [1, 2, 3], [4, 5]]);
    expect(custom.reduce((a, m) => a & m, 4095)).toBe(0);
  });

  it('masks months and date ranges, and finds the academic year of a date', () => {
    expect(monthMask([1, 12])).toBe(0b100000000001);
    expect(monthsOfMask(rangeMask('2025-11-20', '2026-02-03'))).toEqual([1, 2, 11, 12]);
    expect(academicYearOf('2025-09-01')).toBe(2025);
    expect(academicYearOf('2026-05-25')).toBe(2025);
    expect(academicYearOf('2026-08-20')).toBe(2026);
  });

  it('a third quarter that ends on 14 March keeps March (the fallback the screen once lacked)', () => {
    const cal = {
      academicYear: 2027,
      quarters: [
        { start: '2027-09-01', end: '2027-10-29' },
        { start: '2027-11-08', end: '2027-12-29' },
        { start: '2028-01-08', end: '2028-03-14' },
        { start: '2028-03-25', end: '2028-05-25' },
      ],
    };
    // 15 March lies in no quarter: March goes to the first quarter that touches it, III
    expect(quarterMasks(cal).map(monthsOfMask)).toEqual([[9, 10], [11, 12], [1, 2, 3], [4, 5]]);
    const marchItem = { dueMonths: [3], dueDates: [] };
    expect(itemDueInQuarter(marchItem, cal, 3)).toBe(true);
    expect(itemDueInQuarter(marchItem, cal, 4)).toBe(false);
    expect(itemDueInQuarter({ dueMonths: [], dueDates: ['2028-03-10'] }, cal, 3)).toBe(true);
    expect(itemDueInQuarter({ dueMonths: [], dueDates: [] }, cal, 2)).toBe(true); // names no month: every quarter
    expect(isDueIn(dueMask({ dueMonths: [12], dueDates: [] }), quarterMasks(cal)[2]!)).toBe(false);
  });

  it('the academic year starts in August on both sides (the screen once said September)', () => {
    expect(academicYearOf('2026-07-31')).toBe(2025);
    expect(academicYearOf('2026-08-01')).toBe(2026);
    // the screens' helpers run the same rule on a local Date
    expect(currentAcademicYear(new Date(2026, 7, 25))).toBe(2026);
    expect(currentAcademicYear(new Date(2026, 6, 31))).toBe(2025);
    expect(currentAcademicYear(new Date(2026, 8, 1))).toBe(2026);
    expect(todayIso(new Date(2026, 7, 5))).toBe('2026-08-05');
  });

  it('the current quarter is the one holding the date, else the last that ended', () => {
    const cal = defaultCalendar(2025);
    expect(currentQuarter(cal, '2025-11-15')).toBe(2);
    expect(currentQuarter(cal, '2026-05-30')).toBe(4);
    expect(currentQuarter(cal, '2025-08-20')).toBe(1);
    expect(currentQuarter(undefined, '2025-11-15')).toBe(1);
  });
});
