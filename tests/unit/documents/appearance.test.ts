/**
 * The stamp as a signature appearance: always one page whatever the names, imported as a Form XObject whose
 * references all point into the same update, with its font subsets renamed; anything but one page is refused.
 */
import { describe, expect, it } from 'vitest';
import { importPageAsForm, shortHex, stampDocument, STAMP_BOX } from '../../../electron/core/documents/appearance';
import { officialDocument, paragraph } from '../../../electron/core/documents/blocks';
import { IncrementalUpdate, PdfStructureError, pageObjects, readXref } from '../../../electron/core/documents/pdf-structure';
import { assertSlotsPlaceable, renderPdf } from '../../../electron/core/documents/render';
import { stampSlot } from '../../../electron/core/documents/blocks';

const LONG = 'Қаншева-Сейітова Әйгерім-Гүлжан Ғалымқызы Нұрсұлтанқызы Өмірзақова Ұлықпанова Һамит';

async function stamp(name = 'Қаншев Марат Серікұлы'): Promise<Buffer> {
  return renderPdf(
    stampDocument('kk', { signer: name, position: LONG, signedAt: new Date(2026, 10, 26, 10, 15), serialHex: 'ab'.repeat(20), issuer: LONG }),
  );
}

describe('stamp appearance', () => {
  it('writes the serial in groups of four and cuts it', () => {
    expect(shortHex('0a1b2c3d4e5f', 8)).toBe('0A1B 2C3D…');
    expect(shortHex('0a1b2c', 8)).toBe('0A1B 2C');
  });

  it('is one page of the stamp box size even with over-long names', async () => {
    const pdf = await stamp(LONG);
    const index = readXref(pdf);
    expect(pageObjects(pdf, index)).toHaveLength(1);
    expect(pdf.toString('latin1')).toContain(`/MediaBox [0 0 ${STAMP_BOX.width} ${STAMP_BOX.height}]`);
  });

  it('imports into an update as a form whose every reference is an object of that update, fonts renamed', async () => {
    const base = await renderPdf(officialDocument({ lang: 'kk', title: 't', content: [paragraph('Мәтін')] }));
    const upd = new IncrementalUpdate(base, readXref(base));
    const first = upd.allocate();
    const form = importPageAsForm(await stamp(), upd);
    const out = upd.build();
    const update = out.subarray(base.length).toString('latin1');
    // the objects of the update (the trailer after them names the base file's catalog and info)
    const added = update.slice(0, update.lastIndexOf('\nxref\n'));
    const defined = new Set([...added.matchAll(/^(\d+) 0 obj$/gm)].map((m) => Number(m[1])));
    expect(defined.has(form)).toBe(true);
    // only dictionaries are scanned for references (stream data is binary)
    const dicts = added.replace(/stream\n[\s\S]*?\nendstream/g, '');
    for (const m of dicts.matchAll(/(\d+) 0 R/g)) expect(defined.has(Number(m[1]))).toBe(true);
    expect(first).toBeLessThan(form);
    expect(dicts).toMatch(new RegExp(`${form} 0 obj\\n<< /Type /XObject /Subtype /Form /FormType 1 /BBox \\[0 0 ${STAMP_BOX.width} ${STAMP_BOX.height}\\]`));
    const subsetNames = [...dicts.matchAll(/\/BaseFont \/([A-Z]{6})\+/g)].map((m) => m[1]);
    expect(subsetNames.length).toBeGreaterThan(0);
    expect(new Set(subsetNames).size).toBe(1);
  });

  it('refuses a stamp of more than one page', async () => {
    const two = await renderPdf(officialDocument({ lang: 'kk', title: 't', content: [paragraph('1'), { text: '2', pageBreak: 'before' }] }));
    const upd = new IncrementalUpdate(two, readXref(two));
    expect(() => importPageAsForm(two, upd)).toThrow(PdfStructureError);
  });

  it('refuses a stamp slot inside an unbreakable block (pdfmake reports no true position there), allows it elsewhere', () => {
    const slot = stampSlot('0');
    expect(() => assertSlotsPlaceable([{ unbreakable: true, stack: [{ columns: [{ text: 'x' }, { stack: [slot] }] }] }])).toThrow(/unbreakable/);
    expect(() => assertSlotsPlaceable([{ stack: [{ columns: [{ text: 'x' }, { stack: [slot] }] }] }, slot])).not.toThrow();
  });
});
