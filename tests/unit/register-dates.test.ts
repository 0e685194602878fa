import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../shared/calendar';
import { addMonthsIso, defaultNextReview } from '../../shared/register';

describe('register review dates', () => {
  it('adds calendar months, clamping the day to the month’s end', () => {
    expect(addMonthsIso('2026-11-20', 3)).toBe('2027-02-20');
    expect(addMonthsIso('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsIso('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonthsIso('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsIso('2026-12-15', 12)).toBe('2027-12-15');
  });

  it('defaults to one quarter on, moved out of the holidays to the first day of the next quarter', () => {
    const cals = [defaultCalendar(2026), defaultCalendar(2027)];
    expect(defaultNextReview('2026-11-20', cals)).toBe('2027-02-20');
    // 10 April + 3 months = 10 July: summer holidays → 1 September
    expect(defaultNextReview('2027-04-10', cals)).toBe('2027-09-01');
    // 28 September + 3 = 28 December (quarter II) stays
    expect(defaultNextReview('2026-09-28', cals)).toBe('2026-12-28');
    // a school's own interval
    expect(defaultNextReview('2026-09-28', cals, 1)).toBe('2026-10-28');
    // without a calendar, plain months
    expect(defaultNextReview('2027-04-10', [])).toBe('2027-07-10');
  });
});
