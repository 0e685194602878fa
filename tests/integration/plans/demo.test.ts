/**
 * The demo plans are dated by the clock they are given (the platform's): the demo always lives in the current
 * school year. Pinned clocks here, so the test means the same on any day it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentQuarter, reportDueDate } from '../../../shared/calendar';
import type { ExecutionMark, Plan, SchoolCalendar } from '../../../shared/plans';
import { demoPlansSeeder, demoPlanYear, seedDemoPlans } from '../../../electron/core/plans/demo';
import { createTestCore, type TestCore } from '../../harness/core';

interface Seeded {
  c: TestCore;
  plan: Plan;
  marks: ExecutionMark[];
  cal: SchoolCalendar;
}

async function seedAt(now: Date): Promise<Seeded> {
  const c = await createTestCore({ demo: true, now });
  const id = await seedDemoPlans(c, now);
  const plan = await c.call('plans.get', { id });
  const marks = await c.call('plans.executions', { planId: id });
  const cal = await c.call('plans.calendar', { academicYear: plan.academicYear });
  return { c, plan, marks, cal };
}

function inQuarter(cal: SchoolCalendar, m: ExecutionMark): boolean {
  const q = cal.quarters[m.quarter - 1]!;
  return m.doneOn === null || (q.start <= m.doneOn && m.doneOn <= q.end);
}

describe('the demo plans on 30 November (quarter II of the 2026–2027 year)', () => {
  const today = '2026-11-30';
  let s: Seeded;
  beforeAll(async () => {
    s = await seedAt(new Date(2026, 10, 30, 10, 0));
  }, 180_000);
  afterAll(async () => {
    await s.c.cleanup();
  });

  it("is this year's plan, approved on 1 September, full, linked to Decree 748, in kk and ru", () => {
    expect(demoPlanYear(new Date(2026, 10, 30))).toBe(2026);
    expect(s.plan).toMatchObject({ academicYear: 2026, status: 'approved', revision: 1, approvedOn: '2026-09-01' });
    expect(s.plan.items.length).toBeGreaterThanOrEqual(60);
    expect(s.plan.sections.length).toBe(6);
    expect(s.plan.items.every((i) => i.measureKk !== '' && i.measureRu !== '')).toBe(true);
    expect(s.plan.items.filter((i) => i.frameworkLinks.length > 0).length).toBeGreaterThan(40);
  });

  it('keeps last year\'s plan, approved and marked for all four quarters', async () => {
    const plans = await s.c.call('plans.list', {});
    expect(plans.map((p) => p.academicYear).sort()).toEqual([2025, 2026]);
    const last = plans.find((p) => p.academicYear === 2025)!;
    expect(last.status).toBe('approved');
    const marks = await s.c.call('plans.executions', { planId: last.id });
    expect([...new Set(marks.map((m) => m.quarter))].sort()).toEqual([1, 2, 3, 4]);
    const cal = await s.c.call('plans.calendar', { academicYear: 2025 });
    expect(marks.every((m) => inQuarter(cal, m))).toBe(true);
  });

  it('has marks up to last week only: quarter I whole, quarter II in part, nothing later', () => {
    expect([...new Set(s.marks.map((m) => m.quarter))].sort()).toEqual([1, 2]);
    expect(s.marks.every((m) => inQuarter(s.cal, m))).toBe(true);
    expect(s.marks.every((m) => m.doneOn === null || m.doneOn <= '2026-11-23')).toBe(true);
    expect(s.marks.filter((m) => m.quarter === 1).length).toBeGreaterThan(20);
    const q2 = s.marks.filter((m) => m.quarter === 2);
    expect(q2.length).toBeGreaterThan(5);
    expect(q2.some((m) => m.doneOn !== null && m.doneOn.slice(5, 7) === '11')).toBe(true);
    expect(s.marks.some((m) => m.status === 'done' && m.reachPupils > 0)).toBe(true);
    expect(currentQuarter(s.cal, today)).toBe(2);
  });

  it('has a few honestly overdue items (quarter I, not done or never marked), not dozens', async () => {
    const overdue = await s.c.call('plans.overdue', { planId: s.plan.id, today });
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.length).toBeLessThanOrEqual(6);
    expect(overdue.every((o) => o.quarter === 1)).toBe(true);
    const progress = await s.c.call('plans.progress', { planId: s.plan.id, today });
    const top = progress.filter((p) => !p.number.includes('.'));
    const due = top.reduce((a, p) => a + p.due, 0);
    expect(top.reduce((a, p) => a + p.done, 0) / due).toBeGreaterThan(0.6);
  });

  it('owes the quarter I report (due 10 November), nothing of last year', async () => {
    const due = await s.c.call('plans.reportsDue', { today });
    expect(due).toEqual([expect.objectContaining({ planId: s.plan.id, academicYear: 2026, quarter: 1, dueDate: reportDueDate(s.cal.quarters[0]!.end) })]);
  });

  it('does nothing when run again', async () => {
    const now = s.c.platform.now();
    await demoPlansSeeder(s.c, now);
    expect(await seedDemoPlans(s.c, now)).toBe(s.plan.id);
    expect((await s.c.call('plans.list', {})).length).toBe(2);
  });
});

describe('the demo plans on other days', () => {
  it('in February: the year that began last September, quarters I–II done, III in part', async () => {
    const s = await seedAt(new Date(2028, 1, 15, 9, 0));
    try {
      expect(s.plan).toMatchObject({ academicYear: 2027, approvedOn: '2027-09-01' });
      expect([...new Set(s.marks.map((m) => m.quarter))].sort()).toEqual([1, 2, 3]);
      expect(s.marks.every((m) => inQuarter(s.cal, m) && (m.doneOn === null || m.doneOn <= '2028-02-08'))).toBe(true);
      const overdue = await s.c.call('plans.overdue', { planId: s.plan.id, today: '2028-02-15' });
      expect(overdue.length).toBeLessThanOrEqual(10);
    } finally {
      await s.c.cleanup();
    }
  }, 180_000);

  it('in late August: the new plan is approved today and has no marks yet', async () => {
    const s = await seedAt(new Date(2030, 7, 25, 9, 0));
    try {
      expect(s.plan).toMatchObject({ academicYear: 2030, approvedOn: '2030-08-25' });
      expect(s.marks).toEqual([]);
      expect(await s.c.call('plans.overdue', { planId: s.plan.id, today: '2030-08-25' })).toEqual([]);
    } finally {
      await s.c.cleanup();
    }
  }, 180_000);
});
