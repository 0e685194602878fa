import dayjs from 'dayjs';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { MyTasks } from '../../renderer/src/features/cases/ConcernsScreen';
import type { MyTask } from '../../shared/cases';
import { installFakeCore, ok, renderWithApp } from './render';

const day = (n: number) => dayjs().add(n, 'day').format('YYYY-MM-DD');
const task = (n: number, title: string, dueOn: string | null): MyTask => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  caseId: '00000000-0000-4000-8000-0000000000aa',
  caseNumber: 40 + n,
  title,
  dueOn,
  ownerId: null,
  ownerName: null,
  doneAt: null,
  version: 1,
});

describe('my tasks on the concerns screen', () => {
  it('shows what is overdue or due within two weeks, marks the overdue one, and the rest one click away', async () => {
    const core = installFakeCore({
      'cases.myTasks': () => ok([task(1, 'Ата-анамен кездесу', day(-3)), task(2, 'Сынып сағаты', day(5)), task(3, 'Қорытынды әңгіме', day(40)), task(4, 'Мерзімсіз', null)]),
      'cases.setTaskDone': () => ok(null),
    });
    renderWithApp(<MyTasks />);
    const table = await screen.findByTestId('my-tasks');
    expect(table.textContent).toContain('Ата-анамен кездесу');
    expect(table.textContent).toContain('Сынып сағаты');
    expect(table.textContent).toContain('Мерзімсіз');
    expect(table.textContent).not.toContain('Қорытынды әңгіме');
    expect(table.textContent).toContain(`${dayjs().add(-3, 'day').format('DD.MM.YYYY')} · ${kk.cases.taskOverdue}`);
    expect(table.textContent?.split(kk.cases.taskOverdue)).toHaveLength(2); // only the one past its date
    // each checkbox says which task it closes
    expect(screen.getByRole('checkbox', { name: `${kk.cases.markDone}: Сынып сағаты` })).toBeTruthy();
    const more = screen.getByTestId('my-tasks-all');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    await waitFor(() => expect(screen.getByTestId('my-tasks').textContent).toContain('Қорытынды әңгіме'));
    expect(more.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('checkbox', { name: `${kk.cases.markDone}: Қорытынды әңгіме` }));
    await waitFor(() => expect(core.inputs('cases.setTaskDone')).toEqual([{ taskId: task(3, '', null).id, version: 1, done: true }]));
  });
});
