/**
 * The demo school's bullying flows (electron/core/bullying/demo.ts): a bullying case mid-flow (talks and
 * commitments done, a parents step skipped with its reason, one overdue, the follow-up ahead) and a cyberbullying
 * case with its evidence and a screenshot that is a real PNG — all dated relative to the clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BullyingFlow } from '../../../shared/bullying';
import type { CasePage } from '../../../shared/cases';
import { isoDate } from '../../../shared/calendar';
import { createCore, type Core } from '../../../electron/core/api';
import { addDays } from '../../../electron/core/bullying/flow';
import { demoBullyingSeeder } from '../../../electron/core/bullying/demo';
import { createDemoSchool, DEMO_PASSWORD } from '../../../electron/core/demo/school';
import { tempDir } from '../../harness/core';
import { testPlatform } from '../../harness/platform';
import fs from 'node:fs';

let dataDir: string;
let core: Core;
const NOW = new Date('2026-11-30T09:00:00Z');

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
  return r.value as T;
}

beforeAll(async () => {
  dataDir = tempDir();
  const platform = testPlatform(dataDir, { now: NOW });
  await createDemoSchool(platform, { reset: true, pupils: 120, seeders: [demoBullyingSeeder] });
  core = createCore(platform);
  await call('auth.login', { login: 'psychologist', password: DEMO_PASSWORD });
}, 240_000);
afterAll(async () => {
  await core?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo bullying flows', () => {
  it('a bullying case mid-flow and a cyberbullying case with evidence, dated from today', async () => {
    const today = isoDate(NOW);
    const page = await call<CasePage>('cases.list', { search: 'демо' });
    const flows: BullyingFlow[] = [];
    for (const item of page.items) {
      const f = await call<BullyingFlow | null>('bullying.get', { caseId: item.id });
      if (f) flows.push(f);
    }
    expect(flows).toHaveLength(2);
    const bullying = flows.find((f) => !f.cyber)!;
    const cyber = flows.find((f) => f.cyber)!;
    expect(bullying.firstTalkOn).toBe(addDays(today, -5));
    expect(bullying.steps.filter((s) => s.kind === 'initiator_talk').map((s) => s.status)).toEqual(['done', 'done']);
    expect(bullying.steps.filter((s) => s.kind === 'parents').map((s) => s.status)).toEqual(['done', 'skipped', 'open']);
    expect(bullying.steps.find((s) => s.kind === 'parents' && s.status === 'open')?.overdue).toBe(true);
    expect(bullying.steps.find((s) => s.kind === 'follow_up')).toMatchObject({ status: 'open', dueOn: addDays(today, 5), overdue: false });
    expect(cyber.evidence).toHaveLength(1);
    expect(cyber.evidence[0]!.files).toEqual([expect.objectContaining({ mime: 'image/png' })]);
    const shot = await call<{ dataBase64: string }>('bullying.getScreenshot', { id: cyber.evidence[0]!.files[0]!.id });
    const png = Buffer.from(shot.dataBase64, 'base64');
    expect(png.readUInt32BE(16)).toBe(240);
    expect(cyber.steps.find((s) => s.kind === 'platform_report')?.status).toBe('open');
  });
});
