/** `npm run samples` → case-summary-kk.pdf and parent-letter-kk.pdf: a demo case's documents, signed by the demo director. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoSchool } from '../../../electron/core/demo/school';
import { writeCaseDocumentSamples } from '../../../scripts/samples/case-documents';
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

describe('case documents samples', () => {
  it('writes a signed case summary and a signed letter to parents of a demo case', async () => {
    const demo = await createDemoSchool(testPlatform(dir), { reset: true, pupils: 120 });
    c = createBareCore(dir);
    await c.call('auth.login', { login: demo.login, password: demo.password });
    const written = await writeCaseDocumentSamples({ outDir: out, core: c, demo });
    expect(written).toEqual(['case-summary-kk.pdf', 'parent-letter-kk.pdf']);
    for (const name of written) {
      const pdf = fs.readFileSync(path.join(out, name));
      expect(pdfsig(pdf).signatures.map((s) => s.validation), name).toEqual(['Signature is Valid.']);
      expect(qpdfCheck(pdf).ok, name).toBe(true);
    }
    const summary = flat(pdfText(fs.readFileSync(path.join(out, 'case-summary-kk.pdf'))));
    expect(summary).toMatch(/№ \d+ жағдай \(кейс\) бойынша қорытынды анықтама/u);
    expect(summary).toContain('(демо)');
    expect(summary).toContain('Құпия жазбалар мен скрининг нәтижелері бұл анықтамаға енгізілмейді');
    // the demo's confidential notes never reach the summary
    expect(summary).not.toContain('Құпия жазба: психологиялық диагностика');
    const letter = flat(pdfText(fs.readFileSync(path.join(out, 'parent-letter-kk.pdf'))));
    expect(letter).toContain('Ата-анаға (заңды өкілге) шақыру хат');
    expect(letter).toContain('сағат 15:00');
  }, 240_000);
});
