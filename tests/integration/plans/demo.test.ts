import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/plans';
import { demoPlansSeeder, seedDemoPlans } from '../../../electron/core/plans/demo';
import { createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
let plan: Plan;
beforeAll(async () => {
  c = await createTestCore({ demo: true });
  const id = await seedDemoPlans(c, new Date());
  plan = await c.call('plans.get', { id });
}, 120_000);
afterAll(async () => {
  await c.cleanup();
});

describe('the demo school\'s 2025–2026 plan', () => {
  it('is a full approved plan of at least 60 items, linked to Decree 748, in kk and ru', () => {
    expect(plan).toMatchObject({ academicYear: 2025, status: 'approved', revision: 1, approvedOn: '2025-09-01' });
    expect(plan.items.length).toBeGreaterThanOrEqual(60);
    expect(plan.sections.length).toBe(6);
    expect(plan.items.every((i) => i.measureKk !== '' && i.measureRu !== '')).toBe(true);
    expect(plan.items.filter((i) => i.frameworkLinks.length > 0).length).toBeGreaterThan(40);
  });

  it('has execution marks for quarters I and II, none later', async () => {
    const marks = await c.call('plans.executions', { planId: plan.id });
    const quarters = new Set(marks.map((m) => m.quarter));
    expect([...quarters].sort()).toEqual([1, 2]);
    expect(marks.filter((m) => m.quarter === 1).length).toBeGreaterThan(20);
    expect(marks.filter((m) => m.quarter === 2).length).toBeGreaterThan(20);
    expect(marks.some((m) => m.status === 'done' && m.reachPupils > 0)).toBe(true);
    // at the end of quarter II every due item has a mark, most of them done
    const progress = await c.call('plans.progress', { planId: plan.id, today: '2025-12-31' });
    const top = progress.filter((p) => !p.number.includes('.'));
    const due = top.reduce((a, p) => a + p.due, 0);
    expect(due).toBe(marks.length);
    expect(top.reduce((a, p) => a + p.done, 0) / due).toBeGreaterThan(0.6);
    // only quarter I has ended: its items marked «not done» are the overdue ones
    const overdue = await c.call('plans.overdue', { planId: plan.id, today: '2025-12-31' });
    expect(overdue.map((o) => o.itemId).sort()).toEqual(
      marks.filter((m) => m.quarter === 1 && m.status === 'not_done').map((m) => m.itemId).sort(),
    );
  });

  it('does nothing when run again', async () => {
    await demoPlansSeeder(c, new Date());
    expect(await seedDemoPlans(c, new Date())).toBe(plan.id);
    expect((await c.call('plans.list', {})).length).toBe(1);
  });
});
