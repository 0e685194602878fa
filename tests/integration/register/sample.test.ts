/** `npm run samples` → prevention-plan-kk.pdf: a demo pupil's plan, signed by the demo director, checked with poppler. */
import { describe, expect, it } from 'vitest';
import { writeRegisterSamples } from '../../../scripts/samples/register';
import { flat, pdfText, pdfsig, qpdfCheck } from '../documents/helpers';
import { runSampleWriter } from '../documents/sample-run';

describe('register sample', () => {
  it('writes a signed prevention plan of a demo pupil', async () => {
    const { written, read } = await runSampleWriter(writeRegisterSamples, { pupils: 60 });
    expect(written).toEqual(['prevention-plan-kk.pdf']);
    const pdf = read('prevention-plan-kk.pdf');
    expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect(qpdfCheck(pdf).ok).toBe(true);
    const text = flat(pdfText(pdf));
    expect(text).toContain('жеке профилактикалық жұмыс жоспары');
    expect(text).toMatch(/Оқушы: (Мысал|Сынақ|Үлгі|Демо|Тәжірибе)/);
    expect(text).toMatch(/демо/i);
  }, 180_000);
});
