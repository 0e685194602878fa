/** `npm run samples` → safety-plan-kk.pdf: a demo pupil's safety plan sheet, one page, 111 and 150, qpdf clean. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoSchool } from '../../../electron/core/demo/school';
import { writeScreeningSamples } from '../../../scripts/samples/screening';
import { createBareCore, tempDir, type TestCore } from '../../harness/core';
import { testPlatform } from '../../harness/platform';
import { flat, pageCount, pdfText, qpdfCheck } from '../documents/helpers';

const dir = tempDir();
const out = tempDir('qorgan-samples-');
let c: TestCore | null = null;
afterAll(async () => {
  await c?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

describe('screening sample', () => {
  it('writes the one-page safety plan sheet of a demo pupil and leaves the director logged in', async () => {
    const demo = await createDemoSchool(testPlatform(dir), { reset: true, pupils: 60 });
    c = createBareCore(dir);
    await c.call('auth.login', { login: demo.login, password: demo.password });
    const written = await writeScreeningSamples({ outDir: out, core: c, demo });
    expect(written).toEqual(['safety-plan-kk.pdf']);
    const pdf = fs.readFileSync(path.join(out, 'safety-plan-kk.pdf'));
    expect(qpdfCheck(pdf).ok).toBe(true);
    expect(pageCount(pdf)).toBe(1);
    const text = flat(pdfText(pdf));
    expect(text).toContain('Менің қауіпсіздік жоспарым');
    expect(text).toContain('111');
    expect(text).toContain('150');
    expect((await c.call('auth.status', {})).session?.login).toBe(demo.login);
  }, 180_000);
});
