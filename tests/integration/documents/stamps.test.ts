/**
 * Stamps are signature appearances (issue 12 item 4): revision 0 of a signed file (the bytes before the first
 * signature) shows no stamp and has no widget; revision N shows exactly N stamps, each the /AP /N of its own
 * signature widget; every revision passes pdfsig and qpdf; stamps sit in blank room next to the signer's line,
 * never over text, in the document's language, at ≥ 8 pt. Checked with poppler and qpdf, and rendered to PNG.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedP12 } from '../../../electron/core/documents/certificates';
import { exampleMinutes, examplePlan } from '../../../electron/core/documents/examples';
import { renderAndSign } from '../../../electron/core/documents/issue';
import { dictGet, pageObjects, readDictObject, readXref, refNumber } from '../../../electron/core/documents/pdf-structure';
import { A4 } from '../../../electron/core/documents/render';
import { CHAIR, SECRETARY, makeSigner } from './fixtures';
import { flat, pageCount, pdfText, pdfsig, qpdfCheck, renderPng, savePdfArtifact } from './helpers';

const NOW = new Date(2026, 10, 26, 10, 15);
const ID = '0b7e8c1d-2f3a-4b5c-9d6e-7f8091a2b3c4';
const KK_HEADER = 'ЭЛЕКТРОНДЫҚ ЦИФРЛЫҚ ҚОЛТАҢБАМЕН ҚОЛ ҚОЙЫЛДЫ';
const RU_HEADER = 'ПОДПИСАНО ЭЛЕКТРОННОЙ ЦИФРОВОЙ ПОДПИСЬЮ';

let chair: LoadedP12;
let secretary: LoadedP12;
let minutes: { pdf: Buffer; revisions: number[] };
let planRu: { pdf: Buffer; revisions: number[] };

interface Widget {
  page: number;
  rect: number[];
  signed: boolean;
  hasAppearance: boolean;
}

/** Signature widgets of each page, read with the engine's own structure reader (classic xref files). */
function widgets(pdf: Buffer): Widget[] {
  const index = readXref(pdf);
  const out: Widget[] = [];
  pageObjects(pdf, index).forEach((num, i) => {
    const annots = dictGet(readDictObject(pdf, index, num), 'Annots');
    for (const m of (annots ?? '').matchAll(/(\d+)\s+\d+\s+R/g)) {
      const w = readDictObject(pdf, index, Number(m[1]));
      if (dictGet(w, 'Subtype') !== '/Widget') continue;
      const rect = (dictGet(w, 'Rect') ?? '').replace(/[[\]]/g, '').trim().split(/\s+/).map(Number);
      const ap = /\/AP\s*<<\s*\/N\s+(\d+\s+\d+\s+R)/.exec(w);
      let hasAppearance = false;
      if (ap) {
        // an appearance that draws something: a non-empty form stream
        const form = readDictObject(pdf, index, refNumber(ap[1]!));
        hasAppearance = Number(dictGet(form, 'Length') ?? '0') > 0;
      }
      out.push({ page: i + 1, rect, signed: dictGet(w, 'V') !== null, hasAppearance });
    }
  });
  return out;
}

function count(text: string, what: string): number {
  return flat(text).split(what).length - 1;
}

interface Word {
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** pdftotext -bbox words of one page (top-left origin, points). */
function words(pdf: Buffer, page: number): Word[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-bbox-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
    return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x1: Number(m[1]),
      y1: Number(m[2]),
      x2: Number(m[3]),
      y2: Number(m[4]),
      text: m[5]!,
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A widget rect (PDF user space, bottom-left origin) in pdftotext's top-left coordinates. */
function topLeft(rect: number[], pageHeight: number): { x1: number; y1: number; x2: number; y2: number } {
  return { x1: rect[0]!, x2: rect[2]!, y1: pageHeight - rect[3]!, y2: pageHeight - rect[1]! };
}

function overlaps(a: { x1: number; y1: number; x2: number; y2: number }, b: { x1: number; y1: number; x2: number; y2: number }): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

beforeAll(async () => {
  const issued = new Date(NOW.getTime() - 86_400_000);
  chair = makeSigner(CHAIR, issued).loaded;
  secretary = makeSigner(SECRETARY, issued).loaded;
  minutes = await renderAndSign(
    {
      lang: 'kk',
      build: ({ registerNumber, documentId, stamps }) =>
        exampleMinutes('kk', {
          number: 2,
          date: NOW,
          chairName: 'М.Қаншев',
          secretaryName: 'Ә.Сейітова',
          registerNumber,
          documentId,
          stamps: { secretary: stamps[0], chair: stamps[1] },
        }),
    },
    [
      { certificateId: null, p12: secretary },
      { certificateId: null, p12: chair },
    ],
    'MN-2/2026',
    ID,
    NOW,
  );
  planRu = await renderAndSign(
    {
      lang: 'ru',
      build: ({ registerNumber, documentId, stamps }) =>
        examplePlan('ru', { items: 20, approverName: 'М.Каншев', approverPosition: 'Директор школы №96', registerNumber, documentId, stamps }),
    },
    [{ certificateId: null, p12: chair, position: 'Директор школы №96' }],
    'PL-2/2026',
    ID,
    NOW,
  );
  savePdfArtifact(minutes.pdf, 'stamps-minutes-kk');
  savePdfArtifact(planRu.pdf, 'stamps-plan-ru');
});

describe('stamp per revision', () => {
  it('revision 0 (before the first signature) shows no stamp and has no signature widget', () => {
    for (const doc of [minutes, planRu]) {
      const rev0 = doc.pdf.subarray(0, doc.revisions[0]);
      expect(count(pdfText(rev0), KK_HEADER) + count(pdfText(rev0), RU_HEADER)).toBe(0);
      expect(widgets(rev0)).toEqual([]);
      expect(pdfsig(rev0).signatures).toEqual([]);
      expect(qpdfCheck(rev0).ok).toBe(true);
    }
  });

  it('revision N shows exactly N stamps, each the appearance of its own signed widget, and N valid signatures', () => {
    expect(minutes.revisions).toHaveLength(3);
    for (let n = 1; n < minutes.revisions.length; n++) {
      const rev = minutes.pdf.subarray(0, minutes.revisions[n]);
      // earlier revisions are an exact prefix
      expect(rev.equals(minutes.pdf.subarray(0, rev.length))).toBe(true);
      expect(count(pdfText(rev), KK_HEADER)).toBe(n);
      const ws = widgets(rev);
      expect(ws).toHaveLength(n);
      expect(ws.every((w) => w.signed && w.hasAppearance)).toBe(true);
      const sig = pdfsig(rev);
      expect(sig.signatures.map((s) => s.validation)).toEqual(Array.from({ length: n }, () => 'Signature is Valid.'));
      expect(qpdfCheck(rev).ok).toBe(true);
    }
    // revision 1 is the secretary's: her stamp only, not the chair's
    const rev1 = flat(pdfText(minutes.pdf.subarray(0, minutes.revisions[1])));
    expect(rev1).toContain(SECRETARY.name);
    expect(rev1).not.toContain(CHAIR.name);
  });

  it('the kk stamp text reads back exactly (Kazakh letters), the ru stamp is Russian', () => {
    const kk = flat(pdfText(minutes.pdf));
    expect(kk).toContain(KK_HEADER);
    expect(kk).toContain(SECRETARY.name); // Сейітова Әйгерім Ғалымқызы
    expect(kk).toContain(`Лауазымы: ${SECRETARY.position}`);
    expect(kk).toContain(`Лауазымы: ${CHAIR.position}`);
    expect(kk).toContain('Уақыты: 2026 жылғы 26 қараша, 10:15');
    expect(kk).toContain(`Берген: ${CHAIR.name}`);
    const ru = flat(pdfText(planRu.pdf));
    expect(count(ru, RU_HEADER)).toBe(1);
    expect(ru).toContain('Должность: Директор школы №96');
    expect(ru).toContain('Время: 26 ноября 2026 г., 10:15');
    expect(ru).not.toContain(KK_HEADER);
  });
});

describe('where the stamps go', () => {
  it('minutes: each stamp sits under its own signature line, over no text of the page, at 8 pt or more', () => {
    const ws = widgets(minutes.pdf);
    const last = pageCount(minutes.pdf);
    const rev0 = minutes.pdf.subarray(0, minutes.revisions[0]);
    const [secretaryWidget, chairWidget] = ws;
    for (const [w, line] of [
      [chairWidget!, 'М.Қаншев'],
      [secretaryWidget!, 'Ә.Сейітова'],
    ] as const) {
      const box = topLeft(w.rect, A4.height);
      const pageWords = words(rev0, w.page);
      // nothing of the page under the stamp
      expect(pageWords.filter((x) => overlaps(x, box)).map((x) => x.text)).toEqual([]);
      // the signer's name line ends just above the stamp, over its right part
      const name = pageWords.find((x) => x.text === line);
      expect(name).toBeDefined();
      expect(box.y1 - name!.y2).toBeGreaterThanOrEqual(0);
      expect(box.y1 - name!.y2).toBeLessThan(12);
      expect(name!.x2).toBeLessThanOrEqual(box.x2 + 0.5);
      expect(name!.x1).toBeGreaterThanOrEqual(box.x1);
      // the stamp's own words: readable size
      const stampWords = words(minutes.pdf, w.page).filter((x) => overlaps(x, box));
      expect(stampWords.length).toBeGreaterThan(10);
      for (const x of stampWords) expect(x.y2 - x.y1).toBeGreaterThanOrEqual(8);
    }
    // the chair's line comes before the secretary's, as the paper prints them
    expect(chairWidget!.page * 10_000 - chairWidget!.rect[3]!).toBeLessThan(secretaryWidget!.page * 10_000 - secretaryWidget!.rect[3]!);
    renderPng(minutes.pdf, 'stamps-minutes-kk', [last], 80);
    renderPng(minutes.pdf.subarray(0, minutes.revisions[1]), 'stamps-minutes-kk-rev1', [last], 80);
    renderPng(rev0, 'stamps-minutes-kk-rev0', [last], 80);
  });

  it('plan: the director’s stamp is beside «Утверждаю» on page 1, level with it, over no text', () => {
    const [w] = widgets(planRu.pdf);
    expect(w!.page).toBe(1);
    const box = topLeft(w!.rect, A4.width);
    const rev0 = planRu.pdf.subarray(0, planRu.revisions[0]);
    const pageWords = words(rev0, 1);
    expect(pageWords.filter((x) => overlaps(x, box)).map((x) => x.text)).toEqual([]);
    const heading = pageWords.find((x) => x.text === '«Утверждаю»');
    expect(heading).toBeDefined();
    expect(box.x2).toBeLessThan(heading!.x1);
    expect(heading!.y1).toBeGreaterThanOrEqual(box.y1 - 2);
    expect(heading!.y2).toBeLessThanOrEqual(box.y2);
    renderPng(planRu.pdf, 'stamps-plan-ru', [1], 80);
  });
});
