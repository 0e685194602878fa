/**
 * The demo school's referrals (every state, one past its answer date, on the demo psychologist's overdue list) and
 * `npm run samples` → referral-kk.pdf: a demo referral's letter signed by the demo director, checked with poppler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoSchool, DEMO_PASSWORD } from '../../../electron/core/demo/school';
import { writeReferralSamples } from '../../../scripts/samples/referrals';
import { demoCasesSeeder } from '../../../electron/core/cases/demo';
import { seedDemoReferrals } from '../../../electron/core/referrals/demo';
import { ensureDemoDirectorSigner } from '../../../scripts/samples/documents';
import { createBareCore, tempDir, type TestCore } from '../../harness/core';
import { testPlatform } from '../../harness/platform';
import { flat, pdfText, pdfsig, qpdfCheck } from '../documents/helpers';

const dir = tempDir();
const out = tempDir('qorgan-samples-');
let c: TestCore | null = null;
afterAll(async () => {
  await c?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

describe('demo referrals and the referral sample', () => {
  it('seeds referrals in every state, one overdue on the psychologist’s list; writes a signed letter', async () => {
    const demo = await createDemoSchool(testPlatform(dir), {
      reset: true,
      pupils: 120,
      seeders: [demoCasesSeeder, async (core, now) => seedDemoReferrals(core, now, { director: await ensureDemoDirectorSigner(core) })],
    });
    c = createBareCore(dir);
    await c.call('auth.login', { login: demo.login, password: demo.password });
    const all = await c.call('referrals.list', {});
    expect(new Set(all.map((r) => r.status))).toEqual(new Set(['draft', 'sent', 'accepted', 'done', 'withdrawn']));
    const overdue = all.filter((r) => r.overdue);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.letter?.registerNumber).toMatch(/^RF-\d+\/\d{4}$/);

    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'psychologist', password: DEMO_PASSWORD });
    const list = await c.call('worklists.list', { list: 'overdue' });
    expect(list.items.filter((i) => i.kind === 'referral_answer').map((i) => i.id)).toEqual([overdue[0]!.id]);
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: demo.login, password: demo.password });

    const written = await writeReferralSamples({ outDir: out, core: c, demo });
    expect(written).toEqual(['referral-kk.pdf']);
    const pdf = fs.readFileSync(path.join(out, 'referral-kk.pdf'));
    expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect(qpdfCheck(pdf).ok).toBe(true);
    const text = flat(pdfText(pdf));
    expect(text).toContain('ЖОЛДАМА');
    expect(text).toContain('ювеналды полиция бөлімі (демо)');
    expect(text).toMatch(/Шығыс № RF-\d+\/\d{4}/);
  }, 300_000);
});
