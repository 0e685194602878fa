/** The demo register: eight fake registrations dated relative to the clock, some reviews due, plans with work. */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoSchool, DEMO_PASSWORD } from '../../../electron/core/demo/school';
import { demoRegisterSeeder } from '../../../electron/core/register/demo';
import { WORK_SOURCES } from '../../../electron/core/worklists/sources';
import { createBareCore, tempDir, type TestCore } from '../../harness/core';
import { testPlatform } from '../../harness/platform';

const dir = tempDir();
let c: TestCore | null = null;
afterAll(async () => {
  await c?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo register', () => {
  it('seeds eight registrations (six open, two taken off), reviews due and not, measures open, overdue and done', async () => {
    const now = new Date('2026-11-30T09:00:00');
    await createDemoSchool(testPlatform(dir, { now }), { reset: true, pupils: 120, seeders: [demoRegisterSeeder] });
    c = createBareCore(dir);
    c.platform.setNow(now);
    await c.call('auth.login', { login: 'socped', password: DEMO_PASSWORD });
    const all = await c.call('register.list', { includeClosed: true });
    expect(all.items).toHaveLength(8);
    expect(all.items.filter((i) => i.offDate !== null)).toHaveLength(2);
    expect(all.dueCount).toBe(2);
    const open = all.items.filter((i) => i.offDate === null);
    expect(open.filter((i) => i.reviewDue)).toHaveLength(2);
    expect(open.every((i) => i.nextReviewOn !== null && i.openMeasures > 0)).toBe(true);
    expect(open.some((i) => i.overdueMeasures > 0)).toBe(true);
    expect(all.items.every((i) => /^(Мысал|Сынақ|Үлгі|Демо|Тәжірибе)/.test(i.lastName))).toBe(true);
    const reviews = await WORK_SOURCES.find((s) => s.kind === 'register_review')!.open(c.state.db, { ownerId: null, dueBy: '2026-11-30', keys: c.state, now });
    expect(reviews).toHaveLength(2);
    const withExternal = await Promise.all(open.map((i) => c!.call('register.forPupil', { pupilId: i.pupilId })));
    expect(withExternal.flatMap((p) => p.external).map((x) => x.body).sort()).toEqual(['juvenile_police', 'kdn']);
  }, 180_000);
});
