/** `npm run samples` → prevention-plan-kk.pdf: a demo pupil's plan, signed by the demo director, checked with poppler. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoSchool } from '../../../electron/core/demo/school';
import { writeRegisterSamples } from '../../../scripts/samples/register';
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

describe('register sample', () => {
  it('writes a signed prevention plan of a demo pupil', async () => {
    const demo = await createDemoSchool(testPlatform(dir), { reset: true, pupils: 60 });
    c = createBareCore(dir);
    await c.call('auth.login', { login: demo.login, password: demo.password });
    const written = await writeRegisterSamples({ outDir: out, core: c, demo });
    expect(written).toEqual(['prevention-plan-kk.pdf']);
    const pdf = fs.readFileSync(path.join(out, 'prevention-plan-kk.pdf'));
    expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect(qpdfCheck(pdf).ok).toBe(true);
    const text = flat(pdfText(pdf));
    expect(text).toContain('жеке профилактикалық жұмыс жоспары');
    expect(text).toMatch(/Оқушы: (Мысал|Сынақ|Үлгі|Демо|Тәжірибе)/);
    expect(text).toMatch(/демо/i);
  }, 180_000);
});
