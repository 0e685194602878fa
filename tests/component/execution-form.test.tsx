import { fireEvent, screen, waitFor } from '@testing-library/react';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { beforeEach, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { ExecutionMarkModal } from '../../renderer/src/features/plans/ExecutionMarkModal';
import { EMPTY_ITEM_FIELDS, type ExecutionMark, type PlanItem } from '../../shared/plans';
import { descriptionOf, errorOf, fail, type FakeCore, type FakeHandler, installFakeCore, ok, renderWithApp } from './render';

const item: PlanItem = {
  ...EMPTY_ITEM_FIELDS,
  measureKk: 'Сынып сағаты',
  id: '2b1f6c1e-7d0a-4c55-9a51-0d3f2a9c8e01',
  sectionId: '7c0d9b1a-1f2e-4a3b-8c4d-5e6f7a8b9c0d',
  position: 0,
  number: 7,
  frameworkLinks: [],
};

/** the second quarter of 2026–2027; the tests' days lie in it or outside it whatever today is */
const range = { start: '2026-11-05', end: '2026-12-26' };

const mark = (over: Partial<ExecutionMark> = {}): ExecutionMark => ({
  itemId: item.id,
  quarter: 2,
  status: 'partly',
  doneText: 'Екі сабақ өтті',
  doneOn: '2026-11-20',
  reachPupils: 40,
  reachParents: 0,
  reachTeachers: 3,
  updatedAt: '2026-11-20T10:00:00.000Z',
  evidence: [],
  ...over,
});

const fmt = (template: string, v: Record<string, string>) => Object.entries(v).reduce((s, [k, x]) => s.replace(`{{${k}}}`, x), template);

function byName(name: string): HTMLElement {
  const el = document.querySelector(`[name="${name}"]`);
  if (!(el instanceof HTMLElement)) throw new Error(`no field ${name}`);
  return el;
}

/** The date picker's own button (the field Mantine links its error to). */
const dateField = () => screen.getByTestId('date-doneOn');

describe('execution mark form (plans.setExecution on the contract schema)', () => {
  let core: FakeCore;
  let setExecution: FakeHandler;
  beforeEach(() => {
    notifications.clean(); // a «saved» of the test before is no alert of this one
    setExecution = (i) => ok({ ...mark(), ...(i as object) });
    core = installFakeCore({ 'plans.setExecution': (i) => setExecution(i), 'plans.executions': () => ok([]), 'plans.progress': () => ok([]), 'plans.overdue': () => ok([]) });
  });

  it('counts a text past its limit and refuses it on its field, sending nothing', () => {
    renderWithApp(<ExecutionMarkModal item={item} academicYear={2026} quarter={2} range={range} mark={mark()} onClose={() => undefined} />);
    fireEvent.change(byName('doneText'), { target: { value: 'ә'.repeat(10_000) } });
    expect(descriptionOf(byName('doneText'))).toBe(fmt(kk.common.counter, { n: '10000', max: '4000' }));
    fireEvent.click(screen.getByTestId('mark-save'));
    expect(errorOf(byName('doneText'))).toBe(kk.validation.tooLong);
    expect(core.inputs('plans.setExecution')).toEqual([]);
  });

  it('sends the parsed mark: text trimmed, an emptied count as none', async () => {
    renderWithApp(<ExecutionMarkModal item={item} academicYear={2026} quarter={2} range={range} mark={mark()} onClose={() => undefined} />);
    fireEvent.change(byName('doneText'), { target: { value: '  5–9 сыныптарда 4 сабақ өтті  ' } });
    fireEvent.change(screen.getByTestId('mark-reachTeachers'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('mark-save'));
    await waitFor(() =>
      expect(core.inputs('plans.setExecution')).toEqual([
        {
          itemId: item.id,
          quarter: 2,
          status: 'partly',
          doneText: '5–9 сыныптарда 4 сабақ өтті',
          doneOn: '2026-11-20',
          reachPupils: 40,
          reachParents: 0,
          reachTeachers: 0,
        },
      ]),
    );
  });

  it('refuses a day outside the quarter on the date field before sending', () => {
    // a mark saved before the school moved the quarter's dates
    renderWithApp(<ExecutionMarkModal item={item} academicYear={2026} quarter={2} range={range} mark={mark({ doneOn: '2026-10-28' })} onClose={() => undefined} />);
    const outside = fmt(kk.plans.exec.dateOutside, { start: dayjs(range.start).format('L'), end: dayjs(range.end).format('L') });
    expect(errorOf(dateField())).toBe(outside);
    fireEvent.click(screen.getByTestId('mark-save'));
    expect(errorOf(dateField())).toBe(outside);
    expect(core.inputs('plans.setExecution')).toEqual([]);
  });

  it("puts the core's «outside the quarter» on the date field, with no general alert", async () => {
    // the core holds the school's calendar: its quarter may differ from the one the screen had
    setExecution = () => fail('plans.date_outside_quarter', 'outside', { field: 'doneOn', start: '2026-11-10', end: '2026-12-26' });
    renderWithApp(<ExecutionMarkModal item={item} academicYear={2026} quarter={2} range={range} mark={mark({ doneOn: '2026-11-06' })} onClose={() => undefined} />);
    expect(errorOf(dateField())).toBeNull();
    fireEvent.click(screen.getByTestId('mark-save'));
    await waitFor(() =>
      expect(errorOf(dateField())).toBe(fmt(kk.errors.plans.date_outside_quarter, { start: dayjs('2026-11-10').format('L'), end: dayjs('2026-12-26').format('L') })),
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(core.inputs('plans.setExecution')).toHaveLength(1);
  });
});
