/**
 * The first-day guides (issue 15 item 8): for the director and the psychologist, in kk and ru, each on ONE page;
 * poppler finds the Kazakh letters and every step, qpdf finds the file sound; the academic year comes from the core's
 * clock; the guides are not registered documents. PNG renders go to test-artifacts/ to be looked at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYearOf, isoDate } from '../../../shared/calendar';
import { firstDayGuide } from '../../../electron/core/help/first-day';
import { createTestCore, type TestCore } from '../../harness/core';
import { flat, pageCount, pdfText, qpdfCheck, renderPng, savePdfArtifact } from '../documents/helpers';

let c: TestCore;

beforeAll(async () => {
  c = await createTestCore();
}, 60_000);
afterAll(async () => c?.cleanup());

describe('the first-day guides', () => {
  for (const audience of ['director', 'psychologist'] as const) {
    for (const language of ['kk', 'ru'] as const) {
      it(`${audience} in ${language}: one page, every step, the school's name`, async () => {
        const before = (await c.call('documents.list', {})).total;
        const r = await c.call('help.firstDayPdf', { audience, language });
        expect(r.fileName).toMatch(new RegExp(`-${audience}-${language}\\.pdf$`, 'u'));
        const pdf = Buffer.from(r.pdfBase64, 'base64');
        savePdfArtifact(pdf, `first-day-${audience}-${language}`);
        renderPng(pdf, `first-day-${audience}-${language}`, [1], 60);
        expect(qpdfCheck(pdf).ok).toBe(true);
        expect(pageCount(pdf)).toBe(1);
        const text = flat(pdfText(pdf));
        const year = academicYearOf(isoDate(c.state.platform.now()));
        const guide = firstDayGuide(audience, language, year);
        for (const s of guide.steps) expect(text).toContain(s.title);
        expect(text).toContain(language === 'kk' ? 'Қарасақал Ерімбет атындағы №96 мектеп' : 'Школа №96 имени Карасакала Еримбета');
        if (language === 'kk') {
          // the Kazakh letters survive into the text layer
          for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і']) expect(text.toLowerCase()).toContain(letter);
          expect(text).toContain(audience === 'director' ? 'Қалпына келтіру кілтін қағазға басып шығару' : 'Суицид қаупін бағалау');
        } else {
          expect(text).toContain(audience === 'director' ? 'Ключ восстановления на бумаге' : 'Оценка суицидального риска');
        }
        if (audience === 'director') expect(text).toContain(`${year}–${year + 1}`);
        // printed from the help panel, not a document of the register
        expect((await c.call('documents.list', {})).total).toBe(before);
      });
    }
  }

  it('prints through the shell and saves where the user chooses', async () => {
    await c.call('help.firstDayPrint', { audience: 'psychologist', language: 'kk' });
    expect(c.platform.printed.at(-1)).toMatchObject({ title: 'alghashqy-kun-psychologist-kk.pdf' });
    expect(c.platform.printed.at(-1)?.bytes).toBeGreaterThan(10_000);
    const target = path.join(c.dataDir, '..', `${path.basename(c.dataDir)}-out`, 'guide.pdf');
    c.platform.dialogAnswers.push(target);
    expect(await c.call('help.firstDaySave', { audience: 'director', language: 'ru' })).toEqual({ saved: true });
    expect(fs.readFileSync(target).subarray(0, 5).toString()).toBe('%PDF-');
    fs.rmSync(path.dirname(target), { recursive: true, force: true });
    // cancelled: nothing written
    expect(await c.call('help.firstDaySave', { audience: 'director', language: 'ru' })).toEqual({ saved: false });
  });

  it('the home screen offers it until this account puts it away', async () => {
    expect(await c.call('help.firstDay', {})).toEqual({ dismissed: false });
    await c.call('help.dismissFirstDay', {});
    expect(await c.call('help.firstDay', {})).toEqual({ dismissed: true });
    // another account still sees it
    await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'psy', password: 'psy password 1' });
    expect(await c.call('help.firstDay', {})).toEqual({ dismissed: false });
  });
});
