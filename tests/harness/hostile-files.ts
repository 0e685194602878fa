/**
 * Hostile files, made the way an attacker makes them: small on disk, huge or pathological once unpacked or
 * scanned. Used by tests/integration/hostile/ (each is refused with its code, in bounded time, the core staying
 * responsive) and by `npm run bench hostile` (time to refusal and peak RSS of each).
 */
import { zipSync, type Zippable } from 'fflate';

const enc = new TextEncoder();
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const CONTENT_TYPES_DOCX =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** a .docx holding only word/document.xml (what the reader needs) */
export function docxWith(documentXml: string | Uint8Array): Buffer {
  const files: Zippable = {
    '[Content_Types].xml': enc.encode(CONTENT_TYPES_DOCX),
    'word/document.xml': typeof documentXml === 'string' ? enc.encode(documentXml) : documentXml,
  };
  return Buffer.from(zipSync(files, { level: 9 }));
}

const table = (rows: number) =>
  `<w:tbl>${Array.from({ length: rows }, (_, i) => `<w:tr><w:tc><w:p><w:r><w:t>${i + 1}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Іс-шара</w:t></w:r></w:p></w:tc></w:tr>`).join('')}</w:tbl>`;

/** ~18 KB: a table, then `<!--` repeated (never closed) — quadratic for a regex tokenizer */
export function docxUnterminatedComments(copies = 1_000_000): Buffer {
  return docxWith(`<?xml version="1.0"?><w:document ${W}><w:body>${table(3)}${'<!--'.repeat(copies)}</w:body></w:document>`);
}

/** `<w:tc><w:t x="` repeated with no closing quote: every tag start scans to the end in a regex tokenizer */
export function docxUnterminatedAttributes(copies = 500_000): Buffer {
  return docxWith(`<w:document ${W}><w:body>${table(2)}${'<w:p a="'.repeat(copies)}</w:body></w:document>`);
}

/** a row of 600 000 empty cells (~0.1 MB zipped): a cell budget, not a 1.9 GB grid */
export function docxManyCells(cells = 600_000): Buffer {
  return docxWith(`<w:document ${W}><w:body><w:tbl><w:tr>${'<w:tc></w:tc>'.repeat(cells)}</w:tr></w:tbl></w:body></w:document>`);
}

/** word/document.xml that inflates to `mb` MiB (over the part budget) from a few hundred KB */
export function docxHugeDocument(mb = 150): Buffer {
  const chunk = `<w:p><w:r><w:t>${'x'.repeat(1000)}</w:t></w:r></w:p>`;
  const head = `<w:document ${W}><w:body>${table(2)}`;
  const n = Math.ceil((mb * 1024 * 1024) / chunk.length);
  const xml = new Uint8Array(head.length + n * chunk.length + 30);
  let o = 0;
  xml.set(enc.encode(head), o);
  o += head.length;
  const c = enc.encode(chunk);
  for (let i = 0; i < n; i++, o += c.length) xml.set(c, o);
  xml.set(enc.encode('</w:body></w:document>'), o);
  return docxWith(xml.subarray(0, o + 22));
}

/** elements nested 900 000 deep (just inside the 16 MB part budget) */
export function docxDeeplyNested(depth = 900_000): Buffer {
  return docxWith(`<w:document ${W}><w:body>${'<w:sdt>'.repeat(depth)}${table(2)}${'</w:sdt>'.repeat(depth)}</w:body></w:document>`);
}

const CONTENT_TYPES_XLSX =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WB_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="Жоспар" sheetId="1" r:id="rId1"/></sheets></workbook>';

/** an .xlsx with one sheet whose <sheetData> body is given */
export function xlsxWith(sheetData: string | Uint8Array): Buffer {
  const head = enc.encode('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const tail = enc.encode('</sheetData></worksheet>');
  const body = typeof sheetData === 'string' ? enc.encode(sheetData) : sheetData;
  const sheet = new Uint8Array(head.length + body.length + tail.length);
  sheet.set(head, 0);
  sheet.set(body, head.length);
  sheet.set(tail, head.length + body.length);
  return Buffer.from(
    zipSync(
      {
        '[Content_Types].xml': enc.encode(CONTENT_TYPES_XLSX),
        '_rels/.rels': enc.encode(RELS),
        'xl/workbook.xml': enc.encode(WORKBOOK),
        'xl/_rels/workbook.xml.rels': enc.encode(WB_RELS),
        'xl/worksheets/sheet1.xml': sheet,
      },
      { level: 9 },
    ),
  );
}

function repeated(unit: (i: number) => string, n: number): Uint8Array {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(unit(i));
  return enc.encode(parts.join(''));
}

/** ~0.7 MB: a million rows of one inline-string cell (ExcelJS alone would build them all before any check) */
export function xlsxManyRows(rows = 1_000_000): Buffer {
  return xlsxWith(repeated((i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>x</t></is></c></row>`, rows));
}

/** a plain, legitimate sheet of `rows` rows × 7 columns (slow for ExcelJS, inside every budget) */
export function xlsxPlainRows(rows: number): Buffer {
  const cols = 'ABCDEFG';
  return xlsxWith(
    repeated(
      (i) =>
        `<row r="${i + 1}">${[...cols].map((c, k) => `<c r="${c}${i + 1}" t="inlineStr"><is><t>${k === 0 ? i + 1 : `Іс-шара ${i + 1}/${k}`}</t></is></c>`).join('')}</row>`,
      rows,
    ),
  );
}

/** elements nested a million deep inside the sheet */
export function xlsxDeeplyNested(depth = 1_000_000): Buffer {
  return xlsxWith(`<row r="1"><c r="A1" t="inlineStr"><is>${'<r>'.repeat(depth)}<t>x</t>${'</r>'.repeat(depth)}</is></c></row>`);
}

/**
 * A ZIP bomb that lies: the directory says the sheet is 64 KiB, the data inflates to `mb` MiB of zeros.
 * (The honest bomb — sizes that say 3 GB — is refused from the directory alone.)
 */
export function xlsxLyingBomb(mb = 1024): Buffer {
  const sheet = new Uint8Array(mb * 1024 * 1024).fill(0x20);
  const zip = Buffer.from(
    zipSync(
      {
        '[Content_Types].xml': enc.encode(CONTENT_TYPES_XLSX),
        'xl/workbook.xml': enc.encode(WORKBOOK),
        'xl/worksheets/sheet1.xml': sheet,
      },
      { level: 9 },
    ),
  );
  const lie = 64 * 1024;
  // the sheet's sizes in its local header and in the central directory
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  for (let at = zip.indexOf(name); at >= 0; at = zip.indexOf(name, at + 1)) {
    if (zip.readUInt32LE(at - 30) === 0x04034b50) zip.writeUInt32LE(lie, at - 30 + 22);
    else if (zip.readUInt32LE(at - 46) === 0x02014b50) zip.writeUInt32LE(lie, at - 46 + 24);
  }
  return zip;
}

/** an honest bomb: the directory declares `gb` GiB */
export function xlsxDeclaredBomb(gb = 3): Buffer {
  const zip = xlsxWith('<row r="1"/>');
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  for (let at = zip.indexOf(name); at >= 0; at = zip.indexOf(name, at + 1)) {
    if (zip.readUInt32LE(at - 30) === 0x04034b50) zip.writeUInt32LE(gb * 1024 ** 3, at - 30 + 22);
    else if (zip.readUInt32LE(at - 46) === 0x02014b50) zip.writeUInt32LE(gb * 1024 ** 3, at - 46 + 24);
  }
  return zip;
}

/** a PDF-looking file of `lines` distinct /ByteRange lines (`mb` sets a target size with padding lines) */
export function pdfManyByteRanges(lines = 100_000, mb = 0): Buffer {
  const parts: string[] = ['%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'];
  const pad = mb > 0 ? Math.max(0, Math.floor((mb * 1024 * 1024) / lines) - 40) : 0;
  for (let i = 0; i < lines; i++) parts.push(`/ByteRange [0 ${i + 10} ${i + 20} 30]${pad ? ` %${'x'.repeat(pad)}` : ''}\n`);
  parts.push('%%EOF\n');
  return Buffer.from(parts.join(''), 'latin1');
}

/** the same /ByteRange line repeated */
export function pdfRepeatedByteRange(lines = 100_000): Buffer {
  return Buffer.from(`%PDF-1.7\n${'/ByteRange [0 10 20 30]\n'.repeat(lines)}%%EOF\n`, 'latin1');
}

const FRAMEWORK_HEAD = {
  format: 'qorgan.framework',
  formatVersion: 1,
  code: 'hostile',
  revision: 1,
  kind: 'other',
  titleKk: 'Т',
  titleRu: 'Т',
  shortTitleKk: null,
  shortTitleRu: null,
  issuedOn: null,
  issuedNumber: null,
  yearFrom: 2026,
  yearTo: 2030,
  notes: null,
  columns: [
    { key: 'number', kk: '№', ru: '№' },
    { key: 'measure', kk: 'Іс-шара', ru: 'Мероприятие' },
  ],
  sections: [{ code: '1', parent: null, titleKk: 'Бөлім', titleRu: null, notes: null }],
};

/** a framework file with a million items */
export function frameworkMillionItems(n = 1_000_000): string {
  const item = JSON.stringify({ number: '1', section: '1', measureKk: 'x' });
  return `${JSON.stringify(FRAMEWORK_HEAD).slice(0, -1)},"items":[${Array.from({ length: n }, () => item).join(',')}]}`;
}

/** a framework file with one title of `mb` MiB */
export function frameworkHugeString(mb = 19): string {
  return JSON.stringify({ ...FRAMEWORK_HEAD, titleKk: 'x'.repeat(mb * 1024 * 1024), items: [{ number: '1', section: '1', measureKk: 'x' }] });
}

/** arrays nested a million deep */
export function frameworkDeeplyNested(depth = 1_000_000): string {
  return `${JSON.stringify(FRAMEWORK_HEAD).slice(0, -1)},"items":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}
