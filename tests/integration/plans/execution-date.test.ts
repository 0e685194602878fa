/**
 * The day an item was carried out lies in the quarter it is marked for (issue 15): a date outside is refused with
 * its own error, naming the field and the quarter's dates, by the school's calendar of the plan's year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/plans';
import { createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
let plan: Plan;
beforeAll(async () => {
  c = await createTestCore();
  plan = await c.call('plans.create', { academicYear: 2030, from: { kind: 'template' } });
  plan = await c.call('plans.approve', { id: plan.id, approvedOn: '2030-09-01' });
}, 120_000);
afterAll(async () => {
  await c.cleanup();
});

describe('execution date and quarter', () => {
  it('accepts the first and the last day of the quarter, and no date for «not done»', async () => {
    const item = plan.items[0]!;
    expect((await c.call('plans.setExecution', { itemId: item.id, quarter: 1, status: 'done', doneOn: '2030-09-01' })).doneOn).toBe('2030-09-01');
    expect((await c.call('plans.setExecution', { itemId: item.id, quarter: 1, status: 'done', doneOn: '2030-10-31' })).doneOn).toBe('2030-10-31');
    expect((await c.call('plans.setExecution', { itemId: item.id, quarter: 2, status: 'not_done', doneOn: null })).doneOn).toBeNull();
  });

  it('refuses a date before or after the quarter with its own error, naming the field and the quarter', async () => {
    const item = plan.items[1]!;
    for (const doneOn of ['2030-11-01', '2030-08-31', '2031-03-15']) {
      const r = await c.try('plans.setExecution', { itemId: item.id, quarter: 1, status: 'done', doneOn });
      expect(r.ok ? null : r.error).toMatchObject({ code: 'plans.date_outside_quarter', details: { field: 'doneOn', start: '2030-09-01', end: '2030-10-31' } });
    }
    expect(await c.call('plans.executions', { planId: plan.id, quarter: 1 })).toHaveLength(1);
  });

  it('follows the school\'s edited calendar', async () => {
    await c.call('plans.setCalendar', {
      academicYear: 2030,
      quarters: [
        { start: '2030-09-02', end: '2030-10-27' },
        { start: '2030-11-05', end: '2030-12-28' },
        { start: '2031-01-09', end: '2031-03-20' },
        { start: '2031-03-31', end: '2031-05-25' },
      ],
    });
    const item = plan.items[2]!;
    const holiday = await c.try('plans.setExecution', { itemId: item.id, quarter: 2, status: 'done', doneOn: '2030-11-02' });
    expect(holiday.ok ? null : holiday.error.code).toBe('plans.date_outside_quarter');
    expect((await c.call('plans.setExecution', { itemId: item.id, quarter: 2, status: 'partly', doneOn: '2030-11-05' })).status).toBe('partly');
  });
});
