/** `npm run samples` → case-summary-kk.pdf and parent-letter-kk.pdf: a demo case's documents, signed by the demo director. */
import { describe, expect, it } from 'vitest';
import { writeCaseDocumentSamples } from '../../../scripts/samples/case-documents';
import { flat, pdfText, pdfsig, qpdfCheck } from '../documents/helpers';
import { runSampleWriter } from '../documents/sample-run';

describe('case documents samples', () => {
  it('writes a signed case summary and a signed letter to parents of a demo case', async () => {
    const { written, read } = await runSampleWriter(writeCaseDocumentSamples, { pupils: 120 });
    expect(written).toEqual(['case-summary-kk.pdf', 'parent-letter-kk.pdf']);
    for (const name of written) {
      const pdf = read(name);
      expect(pdfsig(pdf).signatures.map((s) => s.validation), name).toEqual(['Signature is Valid.']);
      expect(qpdfCheck(pdf).ok, name).toBe(true);
    }
    const summary = flat(pdfText(read('case-summary-kk.pdf')));
    expect(summary).toMatch(/№ \d+ жағдай \(кейс\) бойынша қорытынды анықтама/u);
    expect(summary).toContain('(демо)');
    expect(summary).toContain('Құпия жазбалар мен скрининг нәтижелері бұл анықтамаға енгізілмейді');
    // the demo's confidential notes never reach the summary
    expect(summary).not.toContain('Құпия жазба: психологиялық диагностика');
    const letter = flat(pdfText(read('parent-letter-kk.pdf')));
    expect(letter).toContain('Ата-анаға (заңды өкілге) шақыру хат');
    expect(letter).toContain('сағат 15:00');
  }, 240_000);
});
