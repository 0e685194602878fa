import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemDueInQuarter, quarterMasks, dueMask, isDueIn } from '../../../shared/calendar';
import type { Plan, SchoolCalendar } from '../../../shared/plans';
import { createTestCore, type TestCore } from '../../harness/core';

/**
 * The core's overdue list and the execution screen's "only due" filter use the same rule (shared/calendar.ts). With
 * a third quarter that ends on 14 March the screen once counted [1, 2] as its months while the core counted
 * [1, 2, 3]: March items flagged overdue by the core were hidden by the filter.
 */

let c: TestCore;
let plan: Plan;
const calendar: SchoolCalendar = {
  academicYear: 2027,
  quarters: [
    { start: '2027-09-01', end: '2027-10-29' },
    { start: '2027-11-08', end: '2027-12-29' },
    { start: '2028-01-08', end: '2028-03-14' },
    { start: '2028-03-25', end: '2028-05-25' },
  ],
};
const ITEMS = [
  { measureKk: 'Наурыздағы іс-шара', dueMonths: [3] },
  { measureKk: 'Қаңтар мен наурыз', dueMonths: [1, 3] },
  { measureKk: 'Желтоқсандағы іс-шара', dueMonths: [12] },
  { measureKk: 'Күні белгіленген', dueDates: ['2028-03-12'] },
  { measureKk: 'Сәуірде', dueMonths: [4] },
  { measureKk: 'Жыл бойы' },
];

beforeAll(async () => {
  c = await createTestCore();
  await c.call('plans.setCalendar', calendar);
  plan = await c.call('plans.create', { academicYear: 2027, titleKk: 'Тоқсан тексеруі', titleRu: 'Проверка четвертей', from: { kind: 'empty' } });
  plan = await c.call('plans.addSection', { planId: plan.id, titleKk: 'Бөлім', titleRu: 'Раздел' });
  for (const fields of ITEMS) plan = await c.call('plans.addItem', { sectionId: plan.sections[0]!.id, fields });
  plan = await c.call('plans.approve', { id: plan.id, approvedOn: '2027-08-28' });
}, 120_000);
afterAll(async () => {
  await c.cleanup();
});

describe('one rule for "due in a quarter" on both sides', () => {
  it('every item the core finds overdue in a quarter is one the screen shows as due in it, and no other', async () => {
    // after the year: every quarter has ended, nothing is marked, so "overdue" = "due" in the core's eyes
    const overdue = await c.call('plans.overdue', { planId: plan.id, today: '2028-06-20' });
    for (const quarter of [1, 2, 3, 4]) {
      const core = overdue.filter((o) => o.quarter === quarter).map((o) => o.itemId).sort();
      const screen = plan.items.filter((i) => itemDueInQuarter(i, calendar, quarter)).map((i) => i.id).sort();
      expect(screen, `quarter ${quarter}`).toEqual(core);
    }
    const march = plan.items.find((i) => i.measureKk === 'Наурыздағы іс-шара')!;
    expect(overdue.some((o) => o.itemId === march.id && o.quarter === 3)).toBe(true);
    // what ExecutionPanel computes for its filter
    expect(isDueIn(dueMask(march), quarterMasks(calendar)[2]!)).toBe(true);
  });

  it('the calendar the screen reads is the one the core counts with', async () => {
    expect(await c.call('plans.calendar', { academicYear: 2027 })).toEqual(calendar);
  });
});
