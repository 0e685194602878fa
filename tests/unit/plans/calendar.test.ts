import { describe, expect, it } from 'vitest';
import { academicYearOf, defaultCalendar, monthMask, monthsOfMask, rangeMask, reportDueDate } from '../../../electron/core/plans/calendar';
import { quarterMasks } from '../../../electron/core/plans/execution';

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
});
