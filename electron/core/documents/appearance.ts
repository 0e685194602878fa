/**
 * Signature appearances: the visible stamp of a signature is the appearance stream (/AP /N, a Form XObject) of
 * its own signature widget, written in the incremental revision that signs it. Nothing is drawn on the page
 * beforehand: the layout only reserves blank room (see `stampSlot` in blocks.ts).
 *
 * The stamp is laid out by pdfmake as a one-page PDF exactly the size of the box (so it gets the same embedded
 * PT Serif subset with /ToUnicode that the documents use: Kazakh letters stay exact in pdftotext), then that
 * page's content stream and everything its /Resources reach (fonts, font files, graphics states) are copied into
 * the signed file as new objects of the incremental update, renumbered. The page's content becomes the Form
 * XObject's stream, its /MediaBox the form's /BBox.
 */
import crypto from 'node:crypto';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { FONT_FAMILY } from './fonts';
import { IncrementalUpdate, PdfStructureError, dictGet, pageObjects, readXref, refNumber, type XrefIndex } from './pdf-structure';
import type { DocLang } from './types';
import { formatDateTime } from './dates';

/** What a signature stamp shows. */
export interface StampInfo {
  signer: string;
  position: string;
  signedAt: Date;
  /** certificate serial number, hex */
  serialHex: string;
  /** issuer's common name (or organisation) */
  issuer: string;
}

/** Size of a stamp box in points: ≥ 8 pt text, six lines, framed. */
export const STAMP_BOX = { width: 252, height: 80 } as const;

const WORDS = {
  kk: {
    header: 'ЭЛЕКТРОНДЫҚ ЦИФРЛЫҚ ҚОЛТАҢБАМЕН ҚОЛ ҚОЙЫЛДЫ',
    position: 'Лауазымы',
    time: 'Уақыты',
    serial: 'Сертификат',
    issuer: 'Берген',
  },
  ru: {
    header: 'ПОДПИСАНО ЭЛЕКТРОННОЙ ЦИФРОВОЙ ПОДПИСЬЮ',
    position: 'Должность',
    time: 'Время',
    serial: 'Сертификат',
    issuer: 'Издатель',
  },
} as const;

function fit(s: string, max: number): string {
  const clean = s.replace(/\s+/g, ' ').trim();
  return clean.length > max ? clean.slice(0, max - 1) + '…' : clean;
}

/** "1A2B 3C4D …" short form: the first `digits` hex digits in groups of four. */
export function shortHex(hex: string, digits = 16): string {
  const h = hex.toUpperCase().replace(/[^0-9A-F]/g, '');
  const cut = h.length > digits ? h.slice(0, digits) + '…' : h;
  return cut.replace(/(.{4})(?=[0-9A-F])/g, '$1 ');
}

/** The stamp as a one-page pdfmake document exactly `STAMP_BOX` in size. */
export function stampDocument(lang: DocLang, s: StampInfo, box: { width: number; height: number } = STAMP_BOX): TDocumentDefinitions {
  const w = WORDS[lang];
  // one inline per line, never wrapped: a stamp is one page whatever the names (an over-long value is cut with …)
  const line = (label: string, value: string, max: number): Content => ({ text: fit(`${label}: ${value}`, max), noWrap: true });
  return {
    pageSize: { width: box.width, height: box.height },
    pageMargins: [0, 0, 0, 0],
    info: { title: 'stamp', creator: 'Qorgan', producer: 'Qorgan' },
    defaultStyle: { font: FONT_FAMILY, fontSize: 8, lineHeight: 1, color: '#1f3a93' },
    content: [
      {
        absolutePosition: { x: 0, y: 0 },
        canvas: [
          { type: 'rect', x: 0.8, y: 0.8, w: box.width - 1.6, h: box.height - 1.6, r: 4, lineWidth: 1.2, lineColor: '#1f3a93' },
        ],
      },
      {
        margin: [5, 5, 5, 0],
        stack: [
          { text: w.header, bold: true, noWrap: true, alignment: 'center', margin: [0, 1, 0, 2] },
          { text: fit(s.signer, 46), bold: true, noWrap: true },
          line(w.position, s.position, 54),
          line(w.time, formatDateTime(lang, s.signedAt), 54),
          line(w.serial, `№ ${shortHex(s.serialHex, 24)}`, 54),
          line(w.issuer, s.issuer, 54),
        ],
      },
    ],
  };
}

interface RawObject {
  /** dictionary text (without << >>) of a dictionary or stream object, or the whole text of other objects */
  text: string;
  stream: Buffer | null;
  isDict: boolean;
}

function readRawObject(pdf: Buffer, index: XrefIndex, num: number): RawObject {
  const offset = index.offsets.get(num);
  if (offset === undefined) throw new PdfStructureError('object not in xref');
  const headEnd = pdf.indexOf('obj', offset, 'latin1');
  if (headEnd < 0) throw new PdfStructureError('object without obj');
  const bodyStart = headEnd + 3;
  const streamKw = pdf.indexOf('stream', bodyStart, 'latin1');
  const endobj = pdf.indexOf('endobj', bodyStart, 'latin1');
  if (endobj < 0) throw new PdfStructureError('object without endobj');
  if (streamKw >= 0 && streamKw < endobj) {
    const dictText = pdf.subarray(bodyStart, streamKw).toString('latin1');
    const open = dictText.indexOf('<<');
    const close = dictText.lastIndexOf('>>');
    if (open < 0 || close < open) throw new PdfStructureError('stream without dictionary');
    const dict = dictText.slice(open + 2, close);
    let dataStart = streamKw + 'stream'.length;
    if (pdf[dataStart] === 0x0d) dataStart++;
    if (pdf[dataStart] === 0x0a) dataStart++;
    const lengthValue = dictGet(dict, 'Length');
    if (!lengthValue) throw new PdfStructureError('stream without /Length');
    let length: number;
    if (/R$/.test(lengthValue)) {
      const lenObj = readRawObject(pdf, index, refNumber(lengthValue));
      length = Number(lenObj.text.trim());
    } else {
      length = Number(lengthValue);
    }
    if (!Number.isInteger(length) || length < 0 || dataStart + length > endobj) throw new PdfStructureError('bad stream length');
    return { text: dict, stream: pdf.subarray(dataStart, dataStart + length), isDict: true };
  }
  const text = pdf.subarray(bodyStart, endobj).toString('latin1').trim();
  if (text.startsWith('<<')) {
    const close = text.lastIndexOf('>>');
    return { text: text.slice(2, close), stream: null, isDict: true };
  }
  return { text, stream: null, isDict: false };
}

const REF = /(\d+)\s+(\d+)\s+R\b/g;

/** The object numbers an object's text refers to. */
function refsIn(text: string): number[] {
  return [...text.matchAll(REF)].map((m) => Number(m[1]));
}

/**
 * Copies page 1 of `stampPdf` into `upd` as a Form XObject (with its resources, renumbered) and returns the
 * form's object number. `subsetTag` renames the embedded font subsets (six capital letters), so that two stamps
 * of one file never share a subset name for different glyph sets.
 */
export function importPageAsForm(stampPdf: Buffer, upd: IncrementalUpdate): number {
  const index = readXref(stampPdf);
  const pages = pageObjects(stampPdf, index);
  const pageNum = pages[0];
  if (pageNum === undefined || pages.length !== 1) throw new PdfStructureError('the stamp must be exactly one page');
  const page = readRawObject(stampPdf, index, pageNum);
  const mediaBox = dictGet(page.text, 'MediaBox');
  const contentsRef = dictGet(page.text, 'Contents');
  const resources = dictGet(page.text, 'Resources');
  if (!mediaBox || !contentsRef || !/R$/.test(contentsRef) || !resources || !/R$/.test(resources)) {
    throw new PdfStructureError('unexpected stamp page');
  }
  const content = readRawObject(stampPdf, index, refNumber(contentsRef));
  if (!content.stream) throw new PdfStructureError('stamp contents is not a stream');

  // every object reachable from the resources
  const mapping = new Map<number, number>();
  const queue = [refNumber(resources)];
  const objects = new Map<number, RawObject>();
  while (queue.length > 0) {
    const num = queue.shift()!;
    if (objects.has(num)) continue;
    if (objects.size > 256) throw new PdfStructureError('stamp resources too large');
    const obj = readRawObject(stampPdf, index, num);
    objects.set(num, obj);
    mapping.set(num, upd.allocate());
    for (const r of refsIn(obj.text)) if (!objects.has(r)) queue.push(r);
  }
  const tag = crypto.randomBytes(6).reduce((s, b) => s + String.fromCharCode(65 + (b % 26)), '');
  const rewrite = (text: string) =>
    text
      .replace(REF, (_m, n: string) => {
        const to = mapping.get(Number(n));
        if (to === undefined) throw new PdfStructureError('dangling reference in stamp');
        return `${to} 0 R`;
      })
      .replace(/\/([A-Z]{6})\+/g, `/${tag}+`);
  for (const [num, obj] of objects) {
    const to = mapping.get(num)!;
    if (obj.stream) {
      const dict = rewrite(obj.text).replace(/\/Length\s+\d+\s+0\s+R/, `/Length ${obj.stream.length}`);
      upd.set(to, Buffer.concat([Buffer.from(`<<${dict}>>\nstream\n`, 'latin1'), obj.stream, Buffer.from('\nendstream', 'latin1')]));
    } else {
      upd.set(to, obj.isDict ? `<<${rewrite(obj.text)}>>` : rewrite(obj.text));
    }
  }
  const formNum = upd.allocate();
  const filter = dictGet(content.text, 'Filter');
  const bbox = mediaBox.replace(/\s+/g, ' ');
  const formDict =
    `<< /Type /XObject /Subtype /Form /FormType 1 /BBox ${bbox} /Matrix [1 0 0 1 0 0] ` +
    `/Resources ${mapping.get(refNumber(resources))} 0 R` +
    (filter ? ` /Filter ${filter}` : '') +
    ` /Length ${content.stream.length} >>\nstream\n`;
  upd.set(formNum, Buffer.concat([Buffer.from(formDict, 'latin1'), content.stream, Buffer.from('\nendstream', 'latin1')]));
  return formNum;
}
