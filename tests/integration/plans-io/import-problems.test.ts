/**
 * Import of files Qorgan did not write: a Word table with its own headers, a row of column numbers, unnumbered and
 * Roman-numbered section rows, a merged "responsible" cell, broken rows (shown with their reason, never dropped
 * silently), the column mapping chosen by the user; and the clear errors for a foreign .docx without a table, a
 * damaged file, the wrong type, an old .doc and a file over the limit.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, type ImportRow } from '../../../shared/plans-io';
import { createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
beforeAll(async () => {
  c = await createTestCore();
});
afterAll(async () => {
  await c.cleanup();
});

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const cell = (text: string, extra: { columnSpan?: number; rowSpan?: number } = {}) => new TableCell({ children: [p(text)], ...extra });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });

async function docxBase64(children: (Paragraph | Table)[]): Promise<string> {
  const doc = new Document({ sections: [{ children }] });
  return (await Packer.toBuffer(doc)).toString('base64');
}

const LONG = 'ұ'.repeat(4001);

async function foreignPlan(): Promise<string> {
  return docxBase64([
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'Буллингтің алдын алу жоспары', bold: true })] }),
    new Table({
      rows: [
        row(cell('Р/с'), cell('Іс-шаралар'), cell('Орындау мерзімі'), cell('Жауапты')),
        row(cell('1'), cell('2'), cell('3'), cell('4')),
        row(cell('І. Ұйымдастыру жұмыстары')),
        row(cell('1'), cell('Жоспарды бекіту'), cell('қыркүйек'), cell('Мектеп директоры', { rowSpan: 2 })),
        row(cell('2'), cell('Сынып сағаттары'), cell('тоқсан сайын')),
        row(cell('3'), cell(''), cell('қазан'), cell('Педагог-психолог')),
        row(cell('Ата-аналармен жұмыс', { columnSpan: 4 })),
        row(cell('4'), cell(LONG), cell('мамыр'), cell('ЖАО')),
        row(cell(''), cell(''), cell(''), cell('')),
        row(cell('5'), cell('Ата-аналар жиналысы; 15.11.2025 және 20.04.2026'), cell('15.11.2025, 20.04.2026'), cell('Сынып жетекшілері, Ата-аналар комитеті, ПДН')),
      ],
    }),
  ]);
}

describe('a foreign Word plan', () => {
  it('shows every row: sections, items, skipped rows and rows that do not parse with their reason', async () => {
    const fileBase64 = await foreignPlan();
    const pv = await c.call('plansIo.importPreview', { kind: 'docx', fileBase64 });
    expect(pv.headerRow).toBe(0);
    expect(pv.title).toBe('Буллингтің алдын алу жоспары');
    expect(pv.mapping).toEqual(['number', 'measureKk', 'deadlineKk', 'responsible']);
    const brief = pv.rows.map((r: ImportRow) =>
      r.kind === 'section'
        ? `section:${r.section.level}:${r.section.titleKk}`
        : r.kind === 'item'
          ? `item:${r.item.measureKk.slice(0, 20)}`
          : `${r.kind}:${r.reason}`,
    );
    expect(brief).toEqual([
      'skipped:header',
      'skipped:column_numbers',
      'section:1:Ұйымдастыру жұмыстары',
      'item:Жоспарды бекіту',
      'item:Сынып сағаттары',
      'problem:no_measure',
      'section:1:Ата-аналармен жұмыс',
      'problem:cell_too_long',
      'skipped:empty',
      'item:Ата-аналар жиналысы;',
    ]);
    expect(pv.rows[5]).toMatchObject({ row: 6, kind: 'problem', column: 1, cells: ['3', '', 'қазан', 'Педагог-психолог'] });
    expect(pv.rows[7]).toMatchObject({ row: 8, kind: 'problem', reason: 'cell_too_long', column: 1 });
    expect(pv.counts).toEqual({ sections: 2, items: 3, problems: 2, skipped: 3, restored: 0 });
    // the merged "responsible" cell belongs to both rows it covers
    const items = pv.rows.flatMap((r) => (r.kind === 'item' ? [r.item] : []));
    expect(items[0]).toMatchObject({ responsibleRoles: ['director'], dueMonths: [9] });
    expect(items[1]).toMatchObject({ responsibleRoles: ['director'], dueMonths: [3, 5, 10, 12] });
    expect(items[2]).toMatchObject({
      responsibleRoles: ['class_teacher', 'parent_committee'],
      responsibleBodies: ['ПДН'],
      dueDates: ['2025-11-15', '2026-04-20'],
    });
  });

  it('refuses to leave rows out unless the user confirms, then imports the good rows', async () => {
    const fileBase64 = await foreignPlan();
    const target = { kind: 'new' as const, academicYear: 2025 };
    const refused = await c.try('plansIo.importCommit', { source: { kind: 'docx', fileBase64 }, target });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'plans.import_has_problems', details: { problems: 2 } });
    expect(await c.call('plans.list', {})).toHaveLength(0);

    const r = await c.call('plansIo.importCommit', { source: { kind: 'docx', fileBase64 }, target, acceptProblems: true });
    expect(r).toMatchObject({ sectionsCreated: 2, itemsCreated: 3, rowsLeftOut: 2 });
    const plan = await c.call('plans.get', { id: r.planId });
    expect(plan.titleKk).toBe('Буллингтің алдын алу жоспары');
    expect(plan.sections.map((s) => [s.number, s.titleKk])).toEqual([
      ['1', 'Ұйымдастыру жұмыстары'],
      ['2', 'Ата-аналармен жұмыс'],
    ]);
    expect(plan.items.map((i) => [i.number, i.measureKk])).toEqual([
      [1, 'Жоспарды бекіту'],
      [2, 'Сынып сағаттары'],
      [3, 'Ата-аналар жиналысы; 15.11.2025 және 20.04.2026'],
    ]);
  });

  it('follows the mapping the user chose (a column left out, a column read as Russian)', async () => {
    const fileBase64 = await foreignPlan();
    const pv = await c.call('plansIo.importPreview', {
      kind: 'docx',
      fileBase64,
      mapping: ['ignore', 'measureRu', 'ignore', 'responsible'],
    });
    const first = pv.rows.find((r) => r.kind === 'item');
    expect(first && first.kind === 'item' ? first.item : null).toMatchObject({ measureKk: '', measureRu: 'Жоспарды бекіту', deadlineKk: '', printedNumber: '' });
    const twice = await c.try('plansIo.importPreview', { kind: 'docx', fileBase64, mapping: ['measureKk', 'measureKk', 'ignore', 'ignore'] });
    expect(twice.ok ? null : twice.error.code).toBe('validation');
    const none = await c.call('plansIo.importPreview', { kind: 'docx', fileBase64, mapping: ['number', 'ignore', 'deadlineKk', 'ignore'] });
    expect(none.counts.items).toBe(0);
    expect(none.rows.filter((r) => r.kind === 'problem').every((r) => r.kind === 'problem' && r.reason === 'no_measure_column')).toBe(true);
    const nothing = await c.try('plansIo.importCommit', {
      source: { kind: 'docx', fileBase64, mapping: ['number', 'ignore', 'deadlineKk', 'ignore'] },
      target: { kind: 'new', academicYear: 2025 },
      acceptProblems: true,
    });
    expect(nothing.ok ? null : nothing.error.code).toBe('plans.import_no_items');
  });

  it('reads an Excel sheet with two language columns and picks the sheet that holds the plan', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Мұқаба').getCell('A1').value = 'Жоспар';
    const ws = wb.addWorksheet('Жоспар');
    ws.addRow(['№', 'Іс-шара (қаз)', 'Мероприятие (рус)', 'Мерзімі', 'Жауаптылар']);
    ws.addRow(['1. Ұйымдастыру']);
    ws.mergeCells('A2:E2');
    ws.addRow([1, 'Сынып сағаты', 'Классный час', 'қазан', 'Сынып жетекшілері']);
    ws.addRow([2, { richText: [{ text: 'Ата-аналар ' }, { text: 'жиналысы', font: { bold: true } }] }, 'Родительское собрание', 'желтоқсан', 'ЖАО']);
    // formatting far below and to the right of the data does not count as rows or columns
    ws.getCell('Z60000').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    ws.getCell('AB2').border = { top: { style: 'thin' } };
    const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const pv = await c.call('plansIo.importPreview', { kind: 'xlsx', fileBase64 });
    expect(pv.tables.map((t) => [t.name, t.rows, t.columns])).toEqual([
      ['Мұқаба', 1, 1],
      ['Жоспар', 4, 5],
    ]);
    expect(pv.table).toBe(1);
    expect(pv.mapping).toEqual(['number', 'measureKk', 'measureRu', 'deadlineKk', 'responsible']);
    expect(pv.counts).toMatchObject({ sections: 1, items: 2, problems: 0 });
    const items = pv.rows.flatMap((r) => (r.kind === 'item' ? [r.item] : []));
    expect(items[1]).toMatchObject({ measureKk: 'Ата-аналар жиналысы', measureRu: 'Родительское собрание', dueMonths: [12], responsibleBodies: ['ЖАО'] });
  });
});

describe('clear errors', () => {
  async function code(kind: 'docx' | 'xlsx', bytes: Uint8Array): Promise<string | null> {
    const r = await c.try('plansIo.importPreview', { kind, fileBase64: Buffer.from(bytes).toString('base64') });
    return r.ok ? null : r.error.code;
  }

  it('a foreign .docx without a table', async () => {
    const b64 = await docxBase64([p('Хат мәтіні, кестесіз.')]);
    expect(await code('docx', Buffer.from(b64, 'base64'))).toBe('plans.import_no_table');
  });

  it('a damaged file, a PDF, an old .doc, a workbook given as a document and the other way round', async () => {
    const good = Buffer.from(await foreignPlan(), 'base64');
    expect(await code('docx', good.subarray(0, good.length - 200))).toBe('plans.import_failed');
    expect(await code('docx', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).toBe('plans.import_wrong_type');
    expect(await code('xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toBe('plans.import_old_format');
    expect(await code('xlsx', good)).toBe('plans.import_wrong_type');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').getCell('A1').value = 'x';
    expect(await code('docx', new Uint8Array(await wb.xlsx.writeBuffer()))).toBe('plans.import_wrong_type');
    // a ZIP that says it is a workbook but whose parts are not XML
    expect(await code('xlsx', zipSync({ 'xl/workbook.xml': new TextEncoder().encode('not xml <<<'), '[Content_Types].xml': new Uint8Array(3) }))).toBe(
      'plans.import_failed',
    );
  });

  it('a file over the limit, and a ZIP that unpacks to far more than it weighs', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const r = await c.try('plansIo.importPreview', { kind: 'docx', fileBase64: Buffer.from(big).toString('base64') });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'plans.import_too_large', details: { limitMb: 10 } });
    // 1 MB of zeros that says it unpacks to 3 GB (sizes in the local header and in the central directory)
    const bomb = Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(1024 * 1024) }, { level: 9 }));
    bomb.writeUInt32LE(3 * 1024 ** 3, 22);
    const cd = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(3 * 1024 ** 3, cd + 24);
    expect(bomb.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(await code('docx', bomb)).toBe('plans.import_too_large');
  });
});
