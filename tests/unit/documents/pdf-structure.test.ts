/** The incremental writer under the signatures: earlier bytes stay a prefix, the page tree and dictionaries read right. */
import { beforeAll, describe, expect, it } from 'vitest';
import { officialDocument, paragraph } from '../../../electron/core/documents/blocks';
import { createSchoolCertificate, loadP12, type LoadedP12 } from '../../../electron/core/documents/certificates';
import { dictGet, dictRemove, pageObjects, pdfText, readDictObject, readXref } from '../../../electron/core/documents/pdf-structure';
import { renderPdf } from '../../../electron/core/documents/render';
import { addSignaturePlaceholder, signPdf } from '../../../electron/core/documents/sign';
import { AppError } from '../../../electron/core/errors';

let signer: LoadedP12;
let base: Buffer;
beforeAll(async () => {
  signer = loadP12(createSchoolCertificate({ commonName: 'Тест Қолтаңба', position: 'Тест', organization: 'Тест', password: 'pw-123456', now: new Date() }).p12, 'pw-123456');
  base = await renderPdf(officialDocument({ lang: 'kk', title: 't', content: [paragraph('Бірінші бет'), { text: 'Екінші бет', pageBreak: 'before' }] }));
  // the first render starts the render worker (under Node from the sources: bundled on demand, scripts/dev-parse-worker.mjs)
}, 60_000);

describe('incremental updates', () => {
  it('keeps every earlier byte: the unsigned file is a prefix of the signed one, the first signature of the second', async () => {
    const now = new Date();
    const one = await signPdf(base, signer, { page: 2, rect: [100, 100, 328, 170], signingTime: now, name: 'Тест', reason: 'r' });
    const two = await signPdf(one, signer, { page: 1, rect: [100, 100, 328, 170], signingTime: now, name: 'Тест', reason: 'r' });
    expect(one.subarray(0, base.length).equals(base)).toBe(true);
    expect(two.subarray(0, one.length).equals(one)).toBe(true);
    const idx = readXref(two);
    expect(pageObjects(two, idx)).toHaveLength(2);
    // the widget sits on the page it was asked for: page 2 carries the first widget, page 1 the second
    const [p1, p2] = pageObjects(two, idx);
    const annots = (n: number) => dictGet(readDictObject(two, idx, n), 'Annots');
    expect(annots(p2!)).toMatch(/^\[\d+ 0 R\]$/);
    expect(annots(p1!)).toMatch(/^\[\d+ 0 R\]$/);
  });

  it('refuses a page that does not exist and a file that is not a PDF with a clear code', async () => {
    await expect(signPdf(base, signer, { page: 9, rect: [0, 0, 1, 1], signingTime: new Date(), name: 'x', reason: 'x' })).rejects.toMatchObject({ code: 'documents.not_pdf' });
    await expect(signPdf(Buffer.from('hello'), signer, { page: 1, rect: [0, 0, 1, 1], signingTime: new Date(), name: 'x', reason: 'x' })).rejects.toBeInstanceOf(AppError);
    expect(() => addSignaturePlaceholder(Buffer.from('%PDF-1.7\nno xref\n%%EOF'), { page: 1, rect: [0, 0, 1, 1], signingTime: new Date(), name: 'x', reason: 'x' })).toThrow();
  });

  it('reads dictionary values at the top level only, past nested dictionaries and strings', () => {
    const body = '/Type /Page /Resources << /Font << /F1 5 0 R >> >> /T (a /Annots b) /Annots [1 0 R 2 0 R] /Parent 3 0 R';
    expect(dictGet(body, 'Annots')).toBe('[1 0 R 2 0 R]');
    expect(dictGet(body, 'Parent')).toBe('3 0 R');
    expect(dictGet(body, 'Type')).toBe('/Page');
    expect(dictGet(body, 'Font')).toBeNull();
    expect(dictRemove(body, 'Annots')).not.toContain('[1 0 R 2 0 R]');
    expect(pdfText('abc')).toBe('(abc)');
    expect(pdfText('Қ')).toBe('<FEFF049A>');
  });
});
