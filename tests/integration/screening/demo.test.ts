/** The demo screenings: a positive one with its assessment task, an acute one with its checklist closed and a plan. */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { demoCasesSeeder } from '../../../electron/core/cases/demo';
import { createDemoSchool, DEMO_PASSWORD } from '../../../electron/core/demo/school';
import { demoScreeningSeeder } from '../../../electron/core/screening/demo';
import { ASSESSMENT_TASK_TITLE } from '../../../electron/core/screening/queries';
import { createBareCore, tempDir, type TestCore } from '../../harness/core';
import { testPlatform } from '../../harness/platform';

const dir = tempDir();
let c: TestCore | null = null;
afterAll(async () => {
  await c?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo screenings', () => {
  it('one positive screen with a full-assessment task, one acute with its checklist done and a two-version safety plan', async () => {
    const now = new Date('2026-11-30T09:00:00');
    await createDemoSchool(testPlatform(dir, { now }), { reset: true, pupils: 120, seeders: [demoCasesSeeder, demoScreeningSeeder] });
    c = createBareCore(dir);
    c.platform.setNow(now);
    await c.call('auth.login', { login: 'psychologist', password: DEMO_PASSWORD });
    const cases = (await c.call('cases.list', { pageSize: 200 })).items;
    const all = [];
    for (const k of cases) {
      const o = await c.call('screening.forCase', { caseId: k.id });
      if (o.screenings.length > 0) all.push({ k, o });
    }
    expect(all).toHaveLength(2);
    const positive = all.find((x) => x.o.screenings[0]!.result === 'positive')!;
    const acute = all.find((x) => x.o.screenings[0]!.result === 'acute')!;
    const task = (await c.call('cases.get', { id: positive.k.id })).tasks.find((t) => t.id === positive.o.screenings[0]!.assessmentTaskId);
    expect(task).toMatchObject({ title: ASSESSMENT_TASK_TITLE, dueOn: '2026-12-01', doneAt: null });
    expect(acute.k.risk).toBe('acute');
    expect(acute.o.screenings[0]!.checklistClosedAt).not.toBeNull();
    expect(acute.o.screenings[0]!.checklist!.every((l) => l.state !== null)).toBe(true);
    expect(acute.o.plans).toHaveLength(1);
    expect(acute.o.plans[0]).toMatchObject({ version: 2, withPupil: true });
  }, 240_000);
});
