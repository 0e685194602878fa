/**
 * Frameworks as XLSX: Decree 748 written to a workbook imports back (under a new code) to the same sections,
 * items and abbreviations; a hand-made workbook of a successor framework (the Concept 2026–2030 typed into Excel
 * with ordinary headers and section rows) imports without code; broken rows and missing metadata are reported.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../../shared/frameworks';
import { createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
let decree: Framework;
beforeAll(async () => {
  c = await createTestCore();
  decree = await c.call('frameworks.get', { code: 'decree-748' });
});
afterAll(async () => {
  await c.cleanup();
});

const strip = (f: Framework) => ({
  sections: f.sections,
  items: f.items.map(({ id: _i, frameworkId: _f, ...rest }) => rest),
  abbreviations: f.abbreviations,
  fragments: f.fragments,
  columns: f.columns,
  reporting: f.reporting,
  years: [f.yearFrom, f.yearTo],
  titles: [f.titleKk, f.titleRu, f.shortTitleKk, f.shortTitleRu],
});

describe('Decree 748 through XLSX', () => {
  it('is saved as a workbook only where the user chooses, and nothing is written when the dialog is cancelled', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-fw-save-'));
    try {
      c.platform.dialogAnswers.push(null);
      expect(await c.call('plansIo.frameworkSaveXlsx', { id: decree.id })).toEqual({ path: null });
      expect(fs.readdirSync(dir)).toEqual([]);
      const target = path.join(dir, 'қаулы-748.xlsx');
      c.platform.dialogAnswers.push(target);
      expect(await c.call('plansIo.frameworkSaveXlsx', { id: decree.id })).toEqual({ path: target });
      const back = await c.call('plansIo.frameworkPreviewXlsx', { fileBase64: fs.readFileSync(target).toString('base64') });
      expect(back).toMatchObject({ code: 'decree-748', items: decree.items.length, problems: [] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports to the documented sheets and imports back to the same framework', async () => {
    const x = await c.call('plansIo.frameworkExportXlsx', { id: decree.id });
    expect(x.fileName).toBe('decree-748-r2.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['framework', 'columns', 'sections', 'items', 'abbreviations', 'fragments']);
    const items = wb.getWorksheet('items')!;
    expect(items.getCell('A1').value).toBe('number');
    const row8 = items.getRows(2, items.rowCount - 1)!.find((r) => r.getCell(1).value === '8')!;
    expect(String(row8.getCell(3).value)).toContain('KiVa');

    // the same (code, revision) is refused
    const again = await c.try('plansIo.frameworkImportXlsx', { fileBase64: x.base64 });
    expect(again.ok ? null : again.error.code).toBe('conflict');

    const pv = await c.call('plansIo.frameworkPreviewXlsx', { fileBase64: x.base64, overrides: { code: 'decree-748-copy' } });
    expect(pv).toMatchObject({ code: 'decree-748-copy', valid: true, problems: [], items: decree.items.length, sections: decree.sections.length });
    const summary = await c.call('plansIo.frameworkImportXlsx', { fileBase64: x.base64, overrides: { code: 'decree-748-copy' } });
    expect(summary).toMatchObject({ code: 'decree-748-copy', revision: 2, builtin: false, itemCount: decree.items.length });
    const copy = await c.call('frameworks.get', { id: summary.id });
    expect(strip(copy)).toEqual(strip(decree));
  });
});

describe('a successor framework typed into Excel', () => {
  async function conceptWorkbook(withBrokenRow: boolean): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Тұжырымдама');
    ws.addRow(['№', 'Іс-шаралар', 'Аяқталу нысаны', 'Орындау мерзімі', 'Жауаптылар']);
    ws.addRow(['1. Балалардың құқықтарын қорғау']);
    ws.mergeCells('A2:E2');
    ws.addRow(['1', 'Балалар құқықтары бойынша ақпараттық науқан', 'ақпарат', 'жыл сайын', 'ОМ, ЖАО']);
    ws.addRow(['2', 'Мектептерде психологиялық қолдау қызметін күшейту', 'бұйрық', '2026 жылғы желтоқсан', 'ОМ']);
    if (withBrokenRow) ws.addRow(['3', '', 'ақпарат', '2027 жылғы маусым', 'ОМ']);
    ws.addRow(['2. Балалардың қауіпсіздігі']);
    ws.mergeCells(`A${ws.rowCount}:E${ws.rowCount}`);
    ws.addRow(['4', 'Кибербуллингтің алдын алу бағдарламасы', 'бағдарлама', '2027 жылғы қыркүйек', 'ОМ, ЦДИАӨМ']);
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }
  const overrides = { code: 'concept-2026', kind: 'concept' as const, titleKk: '«Қазақстан балалары» тұжырымдамасы 2026–2030', yearFrom: 2026, yearTo: 2030 };

  it('needs the metadata the sheet does not hold', async () => {
    const pv = await c.call('plansIo.frameworkPreviewXlsx', { fileBase64: await conceptWorkbook(false) });
    expect(pv.valid).toBe(false);
    expect(pv.invalidPath).toBe('code');
    expect(pv.items).toBe(3);
    const r = await c.try('plansIo.frameworkImportXlsx', { fileBase64: await conceptWorkbook(false) });
    expect(r.ok ? null : r.error.code).toBe('frameworks.import_failed');
  });

  it('reports a broken row, imports after confirmation, with sections and item numbers as typed', async () => {
    const fileBase64 = await conceptWorkbook(true);
    const pv = await c.call('plansIo.frameworkPreviewXlsx', { fileBase64, overrides });
    expect(pv.valid).toBe(true);
    expect(pv.problems).toEqual([{ sheet: 'Тұжырымдама', row: 5, reason: 'no_measure', column: '2' }]);
    const refused = await c.try('plansIo.frameworkImportXlsx', { fileBase64, overrides });
    expect(refused.ok ? null : refused.error.code).toBe('plans.import_has_problems');
    const s = await c.call('plansIo.frameworkImportXlsx', { fileBase64, overrides, acceptProblems: true });
    expect(s).toMatchObject({ code: 'concept-2026', kind: 'concept', yearFrom: 2026, yearTo: 2030, itemCount: 3 });
    const f = await c.call('frameworks.get', { id: s.id });
    expect(f.sections.map((x) => [x.code, x.titleKk])).toEqual([
      ['1', 'Балалардың құқықтарын қорғау'],
      ['2', 'Балалардың қауіпсіздігі'],
    ]);
    expect(f.items.map((i) => [i.number, i.section, i.deadlineKk, i.responsibleKk])).toEqual([
      ['1', '1', 'жыл сайын', 'ОМ, ЖАО'],
      ['2', '1', '2026 жылғы желтоқсан', 'ОМ'],
      ['4', '2', '2027 жылғы қыркүйек', 'ОМ, ЦДИАӨМ'],
    ]);
    // a plan item can link to it like to Decree 748
    const plan = await c.call('plans.create', { academicYear: 2026, from: { kind: 'empty' } });
    const withSection = await c.call('plans.addSection', { planId: plan.id, parentId: null, titleKk: 'Бөлім', titleRu: 'Раздел' });
    const linked = await c.call('plans.addItem', {
      sectionId: withSection.sections[0]!.id,
      fields: { measureKk: 'Науқанға қатысу', frameworkItemIds: [f.items[0]!.id] },
    });
    expect(linked.items[0]!.frameworkLinks).toEqual([{ frameworkItemId: f.items[0]!.id, frameworkCode: 'concept-2026', number: '1' }]);
  });
});
