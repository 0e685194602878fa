/** `npm run samples` → safety-plan-kk.pdf: a demo pupil's safety plan sheet, one page, 111 and 150, qpdf clean. */
import { describe, expect, it } from 'vitest';
import { writeScreeningSamples } from '../../../scripts/samples/screening';
import { flat, pageCount, pdfText, qpdfCheck } from '../documents/helpers';
import { runSampleWriter } from '../documents/sample-run';

describe('screening sample', () => {
  it('writes the one-page safety plan sheet of a demo pupil and leaves the director logged in', async () => {
    const { written, read, core, demo } = await runSampleWriter(writeScreeningSamples, { pupils: 60 });
    expect(written).toEqual(['safety-plan-kk.pdf']);
    const pdf = read('safety-plan-kk.pdf');
    expect(qpdfCheck(pdf).ok).toBe(true);
    expect(pageCount(pdf)).toBe(1);
    const text = flat(pdfText(pdf));
    expect(text).toContain('Менің қауіпсіздік жоспарым');
    expect(text).toContain('111');
    expect(text).toContain('150');
    expect((await core.call('auth.status', {})).session?.login).toBe(demo.login);
  }, 180_000);
});
