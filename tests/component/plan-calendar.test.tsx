import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { CalendarModal } from '../../renderer/src/features/plans/CalendarModal';
import { defaultCalendar } from '../../shared/calendar';
import { calendarSchema } from '../../shared/plans';
import { errorOf, installFakeCore, ok, renderWithApp } from './render';

const YEAR = 2026;

describe('the school calendar (plans.setCalendar on the contract schema)', () => {
  it('the shared rule names the date that breaks it', () => {
    const c = defaultCalendar(YEAR);
    const overlap = calendarSchema.safeParse({ ...c, quarters: c.quarters.map((q, i) => (i === 1 ? { ...q, start: '2026-10-20' } : q)) });
    expect(overlap.success ? [] : overlap.error.issues.map((i) => i.path.join('.'))).toEqual(['quarters.1.start']);
    const reversed = calendarSchema.safeParse({ ...c, quarters: c.quarters.map((q, i) => (i === 2 ? { start: q.end, end: q.start } : q)) });
    expect(reversed.success ? [] : reversed.error.issues.map((i) => i.path.join('.'))).toEqual(['quarters.2.end']);
    const late = calendarSchema.safeParse({ ...c, quarters: c.quarters.map((q, i) => (i === 3 ? { ...q, end: '2027-08-15' } : q)) });
    expect(late.success ? [] : late.error.issues.map((i) => i.path.join('.'))).toEqual(['quarters.3.end']);
  });

  it('shows a quarter that starts inside the previous one on its start date and sends nothing; a good calendar is sent', async () => {
    const core = installFakeCore({ 'plans.setCalendar': (input) => ok(input) });
    const c = defaultCalendar(YEAR);
    renderWithApp(<CalendarModal calendar={{ ...c, quarters: c.quarters.map((q, i) => (i === 1 ? { ...q, start: '2026-10-20' } : q)) }} onClose={() => undefined} />);
    fireEvent.click(screen.getByTestId('calendar-save'));
    const start2 = await screen.findByTestId('date-calendar-start-2');
    await waitFor(() => expect(errorOf(start2)).toBe(kk.plans.calendar.afterPrevious));
    expect(core.inputs('plans.setCalendar')).toEqual([]);
  });

  it('sends an unchanged default calendar as it is', async () => {
    const core = installFakeCore({ 'plans.setCalendar': (input) => ok(input) });
    renderWithApp(<CalendarModal calendar={defaultCalendar(YEAR)} onClose={() => undefined} />);
    fireEvent.click(screen.getByTestId('calendar-save'));
    await waitFor(() => expect(core.inputs('plans.setCalendar')).toEqual([defaultCalendar(YEAR)]));
  });
});
