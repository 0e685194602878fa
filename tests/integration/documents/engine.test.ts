/**
 * The PDF engine as a reader sees it: poppler extracts the Kazakh text exactly, pdfsig validates every signature
 * (and catches one flipped byte), qpdf finds no structural error, and every template is rendered to PNG.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MARGINS, officialDocument, paragraph, titleBlock } from '../../../electron/core/documents/blocks';
import type { LoadedP12 } from '../../../electron/core/documents/certificates';
import { exampleMinutes, examplePlan, SEED_PLAN_TITLE_KK } from '../../../electron/core/documents/examples';
import { renderAndSign } from '../../../electron/core/documents/issue';
import { A4, renderPdf, STAMP_SIZE } from '../../../electron/core/documents/render';
import { addSignaturePlaceholder } from '../../../electron/core/documents/sign';
import { checkSignatures } from '../../../electron/core/documents/verify';
import { CHAIR, SECRETARY, makeSigner } from './fixtures';
import { flat, pageCount, pdfText, pdfsig, qpdfCheck, renderPng, savePdfArtifact } from './helpers';

const KAZAKH = ['Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ', 'І', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];
const NOW = new Date(2026, 10, 26, 10, 15);
const ID = '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

let chair: LoadedP12;
let secretary: LoadedP12;
let twoSigned: Buffer;

beforeAll(async () => {
  // issued a day before the fixed signing time, whatever the wall clock and time zone
  const issued = new Date(NOW.getTime() - 86_400_000);
  chair = makeSigner(CHAIR, issued).loaded;
  secretary = makeSigner(SECRETARY, issued).loaded;
  const r = await renderAndSign(
    {
      lang: 'kk',
      build: ({ registerNumber, documentId, stamps }) =>
        exampleMinutes('kk', { number: 3, date: NOW, chairName: 'М.Қаншев', secretaryName: 'Ә.Сейітова', registerNumber, documentId, stamps }),
    },
    [
      { certificateId: null, p12: chair },
      { certificateId: null, p12: secretary },
    ],
    'MN-3/2026',
    ID,
    NOW,
  );
  twoSigned = r.pdf;
  savePdfArtifact(twoSigned, 'two-signatures');
});

describe('text that poppler reads back', () => {
  it('has every Kazakh letter, « », № and the seed title exactly', async () => {
    const alphabet = 'Әліпби: ӘҒҚҢӨҰҮҺІ және әғқңөұүһі, «тырнақша» мен № белгісі.';
    const pdf = await renderPdf(
      officialDocument({
        lang: 'kk',
        title: 'Әліпби',
        registerNumber: 'DC-1/2026',
        content: [titleBlock(SEED_PLAN_TITLE_KK), paragraph(alphabet), paragraph('«Бекітемін» №96 мектеп директоры')],
      }),
    );
    const text = pdfText(pdf);
    for (const letter of [...KAZAKH, '«', '»', '№']) expect(text).toContain(letter);
    expect(flat(text)).toContain(alphabet);
    expect(flat(text)).toContain(SEED_PLAN_TITLE_KK);
    expect(qpdfCheck(pdf).ok).toBe(true);
    renderPng(pdf, 'alphabet', [1]);
  });

  it('writes the approval block, the footer with the register number and page numbers on every page', async () => {
    const pdf = await renderPdf(examplePlan('kk', { items: 60, approverName: 'М.Қаншев', approverPosition: '№96 мектеп директоры', registerNumber: 'PL-7/2026' }));
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    const first = flat(pdfText(pdf, { first: 1, last: 1 }));
    expect(first).toContain('«Бекітемін»');
    expect(first).toContain('__________ М.Қаншев');
    expect(first).toContain('«___» ____________ 20__ ж.');
    expect(first).toContain(SEED_PLAN_TITLE_KK);
    for (let p = 1; p <= pages; p++) {
      const t = flat(pdfText(pdf, { first: p, last: p }));
      expect(t).toContain('Тіркеу № PL-7/2026');
      expect(t).toContain(`Бет ${p} / ${pages}`);
    }
    // the header row repeats at the top of a later page
    const second = pdfText(pdf, { first: 2, last: 2 });
    expect(second.indexOf('Іс-шара')).toBeGreaterThanOrEqual(0);
    expect(second.indexOf('Қаржыландыру')).toBeGreaterThanOrEqual(0);
  });

  it('writes the Russian approval block and footer', async () => {
    const pdf = await renderPdf(examplePlan('ru', { items: 12, approverName: 'М.Каншев', approverPosition: 'Директор школы №96', registerNumber: 'PL-8/2026' }));
    const t = flat(pdfText(pdf));
    expect(t).toContain('«Утверждаю»');
    expect(t).toContain('«___» ____________ 20__ г.');
    expect(t).toContain('Рег. № PL-8/2026');
    expect(t).toMatch(/Стр\. 1 из \d+/);
  });
});

describe('signatures', () => {
  it('pdfsig finds both signatures valid, chair then secretary, with their Cyrillic names', () => {
    const r = pdfsig(twoSigned);
    expect(r.signatures).toHaveLength(2);
    expect(r.signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(r.signatures.map((s) => s.commonName)).toEqual([CHAIR.name, SECRETARY.name]);
    expect(r.signatures[1]!.totalDocumentSigned).toBe(true);
    // PAdES baseline B-B: CAdES detached with signing-certificate-v2, the claimed time in /M
    expect(r.signatures.map((s) => s.type)).toEqual(['ETSI.CAdES.detached', 'ETSI.CAdES.detached']);
    expect(r.raw).toContain('Signing Time: Nov 26 2026 10:15:00');
    expect(qpdfCheck(twoSigned).ok).toBe(true);
  });

  it('shows each stamp as the appearance of its signature widget, the size of the reserved room', () => {
    const t = flat(pdfText(twoSigned));
    expect(t.split('ЭЛЕКТРОНДЫҚ ЦИФРЛЫҚ ҚОЛТАҢБАМЕН ҚОЛ ҚОЙЫЛДЫ').length - 1).toBe(2);
    expect(t).toContain(CHAIR.name);
    expect(t).toContain(SECRETARY.name);
    expect(t).toContain(`Лауазымы: ${CHAIR.position}`);
    expect(t).toContain('Уақыты: 2026 жылғы 26 қараша, 10:15');
    expect(t).toContain(`Сертификат: № ${chair.details.serialHex.slice(0, 4).toUpperCase()}`);
    const rects = [...twoSigned.toString('latin1').matchAll(/\/FT \/Sig\n\/F 132\n\/Rect \[([\d. ]+)\]/g)].map((m) => m[1]!.split(' ').map(Number));
    expect(rects).toHaveLength(2);
    for (const [x1, y1, x2, y2] of rects) {
      expect(x2! - x1!).toBeCloseTo(STAMP_SIZE.width, 1);
      expect(y2! - y1!).toBeCloseTo(STAMP_SIZE.height, 1);
    }
    const pages = pageCount(twoSigned);
    renderPng(twoSigned, 'two-signatures', pages > 1 ? [1, pages] : [1], 72);
  });

  it('one flipped byte inside the signed range breaks the signatures (pdfsig and our own check)', () => {
    const bad = Buffer.from(twoSigned);
    const at = 600; // inside the first content stream: covered by both signatures
    bad[at] = bad[at]! ^ 0x01;
    const r = pdfsig(bad);
    expect(r.signatures).toHaveLength(2);
    for (const s of r.signatures) expect(s.validation).not.toBe('Signature is Valid.');
    expect(checkSignatures(bad).map((c) => c.intact)).toEqual([false, false]);
    expect(checkSignatures(bad).map((c) => c.problem)).toEqual(['digest_mismatch', 'digest_mismatch']);
  });

  it('our own check agrees with pdfsig and reads the Cyrillic name, position and coverage', () => {
    const checks = checkSignatures(twoSigned);
    expect(checks.map((c) => c.intact)).toEqual([true, true]);
    expect(checks.map((c) => c.signerName)).toEqual([CHAIR.name, SECRETARY.name]);
    expect(checks.map((c) => c.position)).toEqual([CHAIR.position, SECRETARY.position]);
    expect(checks.map((c) => c.coversWholeDocument)).toEqual([false, true]);
    expect(checks[0]!.certificateValidAtSigning).toBe(true);
  });

  it('signs landscape plans in kk and ru (stamp beside the approval block), all checks pass, PNGs written', async () => {
    for (const lang of ['kk', 'ru'] as const) {
      const { pdf } = await renderAndSign(
        {
          lang,
          build: ({ registerNumber, documentId, stamps }) =>
            examplePlan(lang, {
              items: 60,
              approverName: lang === 'kk' ? 'М.Қаншев' : 'М.Каншев',
              approverPosition: lang === 'kk' ? '№96 мектеп директоры' : 'Директор школы №96',
              registerNumber,
              documentId,
              stamps,
            }),
        },
        [{ certificateId: null, p12: chair }],
        'PL-1/2026',
        ID,
        NOW,
      );
      expect(pdfsig(pdf).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
      expect(qpdfCheck(pdf).ok).toBe(true);
      savePdfArtifact(pdf, `plan-${lang}`);
      renderPng(pdf, `plan-${lang}`, [1, 2, pageCount(pdf)]);
    }
  });

  it('renders the Russian minutes and a draft (watermark) for the eye', async () => {
    const ru = await renderPdf(exampleMinutes('ru', { number: 4, date: NOW, chairName: 'М.Каншев', secretaryName: 'А.Сейитова', registerNumber: 'MN-4/2026' }));
    expect(qpdfCheck(ru).ok).toBe(true);
    expect(flat(pdfText(ru))).toContain('ПОСТАНОВИЛИ:');
    expect(flat(pdfText(ru))).toContain('26 ноября 2026 г.');
    renderPng(ru, 'minutes-ru', [1]);
    const draft = await renderPdf(exampleMinutes('kk', { number: 5, date: NOW, chairName: 'М.Қаншев', secretaryName: 'Ә.Сейітова', registerNumber: null, draft: true }));
    expect(qpdfCheck(draft).ok).toBe(true);
    // the watermark is drawn diagonally: poppler splits it into pieces (which ones depends on the text around
    // it: "ЖОБ" … "А"), so look for its letters on each page without spaces
    const draftPages = [1, 2].map((p) => pdfText(draft, { first: p, last: p }).replace(/\s/g, ''));
    for (const t of draftPages) expect(t).toMatch(/ЖОБ/);
    expect(pdfText(twoSigned).replace(/\s/g, '')).not.toMatch(/ЖОБ/);
    renderPng(draft, 'minutes-kk-draft', [1]);
  });
});

describe('layout edge', () => {
  it('a stamp that ends exactly at the bottom of a page adds no empty page', async () => {
    const inner = A4.height - MARGINS.portrait[1] - MARGINS.portrait[3];
    const spacer = inner - STAMP_SIZE.height - 0.5;
    const { pdf } = await renderAndSign(
      {
        lang: 'kk',
        build: ({ registerNumber, stamps }) =>
          officialDocument({ lang: 'kk', title: 'edge', registerNumber, content: [{ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 0, y2: spacer, lineWidth: 0.1 }] }, ...stamps] }),
      },
      [{ certificateId: null, p12: chair }],
      'DC-9/2026',
      ID,
      NOW,
    );
    expect(pageCount(pdf)).toBe(1);
    expect(flat(pdfText(pdf))).toContain('ЭЛЕКТРОНДЫҚ ЦИФРЛЫҚ ҚОЛТАҢБАМЕН ҚОЛ ҚОЙЫЛДЫ');
  });
});

describe('signatures made by another tool (openssl cms)', () => {
  it('our check verifies RSA and ECDSA CMS signatures that openssl put into the placeholder, like pdfsig does', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-cms-'));
    try {
      const base = await renderPdf(officialDocument({ lang: 'kk', title: 'cms', content: [paragraph('Басқа құралмен қол қойылған құжат.')] }));
      for (const kind of ['rsa', 'ec'] as const) {
        const key = path.join(dir, `${kind}.key`);
        const crt = path.join(dir, `${kind}.crt`);
        const keyArgs = kind === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
        execFileSync('openssl', ['req', '-x509', ...keyArgs, '-nodes', '-keyout', key, '-out', crt, '-days', '30', '-utf8', '-subj', `/CN=Сыртқы Қол Қоюшы ${kind}`], { stdio: 'pipe' });
        const withPlaceholder = addSignaturePlaceholder(base, { page: 1, rect: [0, 0, 0, 0], signingTime: NOW, name: 'x', reason: 'x' }, 8192);
        // fill /ByteRange the way @signpdf does, then sign the two ranges with openssl
        const text = withPlaceholder.toString('latin1');
        const brAt = text.indexOf('/ByteRange [0 /**********');
        const brEnd = text.indexOf(']', brAt) + 1;
        const lt = text.indexOf('<', text.indexOf('/Contents ', brEnd));
        const gt = text.indexOf('>', lt);
        const ranges = [0, lt, gt + 1, withPlaceholder.length - (gt + 1)];
        const brText = `/ByteRange [${ranges.join(' ')}]`.padEnd(brEnd - brAt, ' ');
        const pdf = Buffer.concat([withPlaceholder.subarray(0, brAt), Buffer.from(brText, 'latin1'), withPlaceholder.subarray(brEnd)]);
        const data = path.join(dir, `${kind}.bin`);
        fs.writeFileSync(data, Buffer.concat([pdf.subarray(0, ranges[1]), pdf.subarray(ranges[2])]));
        const cms = execFileSync('openssl', ['cms', '-sign', '-binary', '-in', data, '-signer', crt, '-inkey', key, '-outform', 'DER', '-md', 'sha256'], { stdio: ['ignore', 'pipe', 'pipe'] });
        const hex = cms.toString('hex').padEnd(gt - lt - 1, '0');
        const signed = Buffer.concat([pdf.subarray(0, lt + 1), Buffer.from(hex, 'latin1'), pdf.subarray(gt)]);
        const ours = checkSignatures(signed);
        expect(ours.map((c) => [c.intact, c.signerName, c.keyAlgorithm])).toEqual([[true, `Сыртқы Қол Қоюшы ${kind}`, kind.toUpperCase()]]);
        expect(pdfsig(signed).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
        const broken = Buffer.from(signed);
        broken[300] = broken[300]! ^ 0x01;
        expect(checkSignatures(broken)[0]!.intact).toBe(false);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
