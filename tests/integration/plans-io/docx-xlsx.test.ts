/**
 * DOCX and XLSX of a plan on a live core (real encrypted DB): the seed's layout, the round trip export → import →
 * the same sections and items (and the same cells when exported again), XLSX read back with exceljs, the save
 * dialog, the lock of an approved plan.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanItem } from '../../../shared/plans';
import type { ImportField } from '../../../shared/plans-io';
import { readDocumentXml } from '../../../electron/core/plans/docx-read';
import { createTestCore, tempDir, type TestCore } from '../../harness/core';

let c: TestCore;
let plan: Plan;
const out = tempDir('qorgan-plans-io-');

beforeAll(async () => {
  c = await createTestCore();
  plan = await c.call('plans.create', { academicYear: 2025, from: { kind: 'template' } });
  // a subsection "2.1", an item with outside bodies, a two-line measure and characters XML must escape
  const s2 = plan.sections[1]!;
  plan = await c.call('plans.addSection', { planId: plan.id, parentId: s2.id, titleKk: 'Қысқа мерзімді шаралар', titleRu: 'Краткосрочные меры' });
  const sub = plan.sections.find((s) => s.parentId === s2.id)!;
  plan = await c.call('plans.addItem', {
    sectionId: sub.id,
    fields: {
      measureKk: 'KiVa негізіндегі сабақ: «Біз бірге» & <қауіпсіз мектеп>\nекінші жол',
      measureRu: 'Занятие на основе KiVa: «Мы вместе» & <безопасная школа>\nвторая строка',
      completionFormKk: 'ақпарат',
      completionFormRu: 'информация',
      deadlineKk: 'қазан, наурыз',
      deadlineRu: 'октябрь, март',
      dueMonths: [3, 10],
      responsibleRoles: ['psychologist', 'class_teacher'],
      responsibleBodies: ['ЖАО', 'БП (келісу бойынша)'],
      costKk: '0,5 млн теңге',
      costRu: '0,5 млн тенге',
      fundingKk: 'ЖБ',
      fundingRu: 'МБ',
    },
  });
});
afterAll(async () => {
  await c.cleanup();
  fs.rmSync(out, { recursive: true, force: true });
});

function documentXml(base64: string): string {
  const files = unzipSync(Buffer.from(base64, 'base64'), { filter: (f) => f.name === 'word/document.xml' });
  return new TextDecoder().decode(files['word/document.xml']);
}

function tableCells(base64: string): string[][] {
  const [t] = readDocumentXml(documentXml(base64));
  return t!.rows.map((r) => r.cells);
}

/** everything a plan's sections and items hold, without ids */
function fullView(p: Plan) {
  return {
    sections: p.sections.map(({ id: _i, parentId, position: _p, ...s }) => ({ ...s, sub: parentId !== null })),
    items: p.items.map(({ id: _i, sectionId, position: _p, ...i }) => ({
      ...i,
      section: p.sections.find((s) => s.id === sectionId)!.number,
      dueMonths: [...i.dueMonths].sort((a, b) => a - b),
    })),
  };
}

/** the fields an export in one language carries */
function kkView(p: Plan) {
  return {
    sections: p.sections.map((s) => ({ number: s.number, title: s.titleKk, sub: s.parentId !== null })),
    items: p.items.map((i: PlanItem) => ({
      number: i.number,
      section: p.sections.find((s) => s.id === i.sectionId)!.number,
      measure: i.measureKk,
      form: i.completionFormKk,
      deadline: i.deadlineKk,
      roles: i.responsibleRoles,
      bodies: i.responsibleBodies,
      cost: i.costKk,
      funding: i.fundingKk,
    })),
  };
}

describe('DOCX export', () => {
  it("has the seed's layout: landscape A4, Times New Roman 14 pt, approval block, bold centred title, repeated header, spanning section rows", async () => {
    const docx = await c.call('plansIo.exportDocx', { id: plan.id, language: 'kk' });
    expect(docx.fileName).toBe('plan-2025-2026-kk.docx');
    fs.writeFileSync(path.join(out, docx.fileName), Buffer.from(docx.base64, 'base64'));
    const xml = documentXml(docx.base64);
    expect(xml).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="16838"[^>]*w:h="11906"|<w:pgSz[^>]*w:h="11906"[^>]*w:w="16838"/);
    expect(xml).toContain('Times New Roman');
    expect(xml).toContain('w:tblHeader');
    expect(xml).toContain('<w:gridSpan w:val="7"/>');
    const order = ['«Бекітемін»', '№96 мектеп директоры', '__________ М.Қаншев', '«___» ____________ 20__ ж.', plan.titleKk];
    const at = order.map((s) => xml.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(at[4]!).toBeLessThan(xml.indexOf('<w:tbl>'));
    const styles = new TextDecoder().decode(
      unzipSync(Buffer.from(docx.base64, 'base64'), { filter: (f) => f.name === 'word/styles.xml' })['word/styles.xml'],
    );
    expect(styles).toMatch(/w:ascii="Times New Roman"/);
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
    expect(styles).toMatch(/<w:lang w:val="kk-KZ"/);

    const rows = tableCells(docx.base64);
    expect(rows[0]).toEqual(['№', 'Іс-шаралар', 'Аяқталу нысаны', 'Орындау мерзімі', 'Жауаптылар', 'Болжамды шығыстар', 'Қаржыландыру көздері']);
    expect(rows.some((r) => r[0] === '2.1. Қысқа мерзімді шаралар' && r.slice(1).every((x) => x === ''))).toBe(true);
    const kiva = rows.find((r) => r[1]!.startsWith('KiVa'))!;
    expect(kiva).toEqual([
      // the number as the PDF prints it (no dot)
      `${plan.items.find((i) => i.measureKk.startsWith('KiVa негізіндегі сабақ'))!.number}`,
      'KiVa негізіндегі сабақ: «Біз бірге» & <қауіпсіз мектеп>\nекінші жол',
      'ақпарат',
      'қазан, наурыз',
      'Педагог-психолог, Сынып жетекшілері, ЖАО, БП (келісу бойынша)',
      '0,5 млн теңге',
      'ЖБ',
    ]);
  });

  it('in Russian: «Утверждаю», the date line with г., the Russian columns and texts', async () => {
    const docx = await c.call('plansIo.exportDocx', { id: plan.id, language: 'ru' });
    const xml = documentXml(docx.base64);
    expect(xml).toContain('«Утверждаю»');
    expect(xml).toContain('Директор школы №96');
    expect(xml).toContain('«___» ____________ 20__ г.');
    const rows = tableCells(docx.base64);
    expect(rows[0]![4]).toBe('Ответственные исполнители');
    expect(rows.find((r) => r[1]!.startsWith('Занятие на основе KiVa'))![4]).toBe('Педагог-психолог, Классные руководители, МИО, ГП (по согласованию)');
  });
});

describe('DOCX round trip', () => {
  it('a DOCX that Qorgan exported imports back to the same sections and items, and exports again to the same cells', async () => {
    const docx = await c.call('plansIo.exportDocx', { id: plan.id, language: 'kk' });
    const preview = await c.call('plansIo.importPreview', { kind: 'docx', fileBase64: docx.base64 });
    expect(preview.headerRow).toBe(0);
    expect(preview.language).toBe('kk');
    expect(preview.mapping).toEqual<ImportField[]>(['number', 'measureKk', 'completionFormKk', 'deadlineKk', 'responsible', 'costKk', 'fundingKk']);
    expect(preview.title).toBe(plan.titleKk);
    expect(preview.counts).toEqual({ sections: plan.sections.length, items: plan.items.length, problems: 0, skipped: 1, restored: plan.items.length });
    expect(preview.titles).toEqual({ kk: plan.titleKk, ru: plan.titleRu });

    const r = await c.call('plansIo.importCommit', { source: { kind: 'docx', fileBase64: docx.base64 }, target: { kind: 'new', academicYear: 2026 } });
    expect(r).toMatchObject({ sectionsCreated: plan.sections.length, itemsCreated: plan.items.length, rowsLeftOut: 0 });
    const back = await c.call('plans.get', { id: r.planId });
    expect(back.academicYear).toBe(2026);
    expect(back.titleKk).toBe(plan.titleKk);
    expect(kkView(back)).toEqual(kkView(plan));
    // with the hidden plan data: both languages, due months, target groups and Decree 748 links come back too
    expect(back.titleRu).toBe(plan.titleRu);
    expect(fullView(back)).toEqual(fullView(plan));
    expect(back.items.some((i) => i.frameworkLinks.length > 0 && i.targetGroup.grades.length > 0)).toBe(true)

    const again = await c.call('plansIo.exportDocx', { id: r.planId, language: 'kk' });
    expect(tableCells(again.base64)).toEqual(tableCells(docx.base64));
  });

  it('a row edited in Word keeps what the table says: no hidden data for it, months read from its deadline', async () => {
    const docx = await c.call('plansIo.exportDocx', { id: plan.id, language: 'kk' });
    const zip = unzipSync(Buffer.from(docx.base64, 'base64'));
    const first = plan.items[0]!;
    const xml = new TextDecoder().decode(zip['word/document.xml']);
    expect(xml).toContain(`>${first.measureKk}<`);
    zip['word/document.xml'] = new TextEncoder().encode(
      xml.replace(`>${first.measureKk}<`, '>Жоспарды педагогикалық кеңесте талқылау<').replace(`>${first.deadlineKk}<`, '>тамыз<'),
    );
    const edited = Buffer.from(zipSync(zip)).toString('base64');
    const pv = await c.call('plansIo.importPreview', { kind: 'docx', fileBase64: edited });
    expect(pv.counts.restored).toBe(plan.items.length - 1);
    const row = pv.rows.find((r) => r.kind === 'item' && r.item.printedNumber === '1');
    expect(row && row.kind === 'item' ? row.item : null).toMatchObject({
      restored: false,
      measureKk: 'Жоспарды педагогикалық кеңесте талқылау',
      measureRu: '',
      deadlineKk: 'тамыз',
      dueMonths: [8],
      frameworkLinks: [],
      targetGroup: null,
    });
    // damaged hidden data is ignored, the table still imports
    const withBadMeta = unzipSync(Buffer.from(docx.base64, 'base64'));
    const custom = new TextDecoder().decode(withBadMeta['docProps/custom.xml']);
    withBadMeta['docProps/custom.xml'] = new TextEncoder().encode(custom.replace('qorgan.plan-table', 'something-else'));
    const pv2 = await c.call('plansIo.importPreview', { kind: 'docx', fileBase64: Buffer.from(zipSync(withBadMeta)).toString('base64') });
    expect(pv2.counts).toMatchObject({ items: plan.items.length, restored: 0, problems: 0 });
  });

  it('a Russian DOCX imports into the Russian fields', async () => {
    const docx = await c.call('plansIo.exportDocx', { id: plan.id, language: 'ru' });
    const preview = await c.call('plansIo.importPreview', { kind: 'docx', fileBase64: docx.base64 });
    expect(preview.language).toBe('ru');
    expect(preview.mapping).toEqual<ImportField[]>(['number', 'measureRu', 'completionFormRu', 'deadlineRu', 'responsible', 'costRu', 'fundingRu']);
    const r = await c.call('plansIo.importCommit', { source: { kind: 'docx', fileBase64: docx.base64 }, target: { kind: 'new', academicYear: 2027 } });
    const back = await c.call('plans.get', { id: r.planId });
    expect(back.items.map((i) => [i.measureRu, i.completionFormRu, i.deadlineRu, i.responsibleRoles, i.responsibleBodies, i.costRu, i.fundingRu])).toEqual(
      plan.items.map((i) => [i.measureRu, i.completionFormRu, i.deadlineRu, i.responsibleRoles, i.responsibleBodies, i.costRu, i.fundingRu]),
    );
    expect(back.sections.map((s) => s.titleRu)).toEqual(plan.sections.map((s) => s.titleRu));
    expect(back.titleRu).toBe(plan.titleRu);
  });

  it('imports into an existing draft after its sections, and never into an approved plan', async () => {
    const docx = await c.call('plansIo.exportDocx', { id: plan.id, language: 'kk' });
    const target = await c.call('plans.create', { academicYear: 2028, from: { kind: 'empty' } });
    const withOne = await c.call('plans.addSection', { planId: target.id, parentId: null, titleKk: 'Бар бөлім', titleRu: 'Имеющийся раздел' });
    await c.call('plans.addItem', { sectionId: withOne.sections[0]!.id, fields: { measureKk: 'Бар іс-шара' } });
    await c.call('plansIo.importCommit', { source: { kind: 'docx', fileBase64: docx.base64 }, target: { kind: 'plan', planId: target.id } });
    const merged = await c.call('plans.get', { id: target.id });
    expect(merged.items).toHaveLength(plan.items.length + 1);
    expect(merged.items[0]!.measureKk).toBe('Бар іс-шара');
    expect(merged.sections[0]!.titleKk).toBe('Бар бөлім');
    expect(merged.sections.slice(1).map((s) => s.titleKk)).toEqual(plan.sections.map((s) => s.titleKk));

    await c.call('plans.approve', { id: target.id, approvedOn: '2028-09-01' });
    const refused = await c.try('plansIo.importCommit', { source: { kind: 'docx', fileBase64: docx.base64 }, target: { kind: 'plan', planId: target.id } });
    expect(refused.ok ? null : refused.error.code).toBe('plans.locked');
    expect((await c.call('plans.get', { id: target.id })).items).toHaveLength(plan.items.length + 1);
  });

  it('an approved plan prints its approver and the approval date', async () => {
    const p = await c.call('plans.create', { academicYear: 2029, from: { kind: 'template' } });
    await c.call('plans.approve', { id: p.id, approvedOn: '2029-08-31' });
    const xml = documentXml((await c.call('plansIo.exportDocx', { id: p.id, language: 'kk' })).base64);
    expect(xml).toContain('2029 жылғы 31 тамыз');
    expect(xml).not.toContain('«___»');
    const ru = documentXml((await c.call('plansIo.exportDocx', { id: p.id, language: 'ru' })).base64);
    expect(ru).toContain('31 августа 2029 г.');
  });
});

describe('XLSX export', () => {
  it('one sheet: approval block, title, frozen header row, widths, wrapped text, merged section rows; read back with exceljs', async () => {
    const x = await c.call('plansIo.exportXlsx', { id: plan.id, language: 'kk' });
    expect(x.fileName).toBe('plan-2025-2026-kk.xlsx');
    fs.writeFileSync(path.join(out, x.fileName), Buffer.from(x.base64, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.filter((w) => w.state === 'visible')).toHaveLength(1);
    expect(wb.worksheets.find((w) => w.name === 'qorgan')?.state).toBe('veryHidden');
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Жоспар 2025-2026');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    // the measure column is the widest; all seven fit an A4 landscape page at 100 % (no tiny fit-to-width print)
    const widths = [1, 2, 3, 4, 5, 6, 7].map((k) => ws.getColumn(k).width ?? 0);
    expect(ws.getColumn(2).width).toBe(Math.max(...widths));
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(110);
    expect(ws.headerFooter.oddFooter).toContain('Бет &P / &N');
    expect(String(ws.getCell('E1').value)).toContain('«Бекітемін»');
    expect(String(ws.getCell('E1').value)).toContain('__________ М.Қаншев');
    expect(ws.getCell('A2').value).toBe(plan.titleKk);
    expect(ws.getCell('A2').font.bold).toBe(true);
    expect(ws.getCell('A3').value).toBe('2025–2026 оқу жылы');
    const header = ws.getRow(4).values as unknown[];
    expect(header.slice(1)).toEqual(['№', 'Іс-шаралар', 'Аяқталу нысаны', 'Орындау мерзімі', 'Жауаптылар', 'Болжамды шығыстар', 'Қаржыландыру көздері']);
    expect(ws.getCell('A5').value).toBe(`1. ${plan.sections[0]!.titleKk}`);
    expect(ws.getCell('G5').isMerged).toBe(true);
    expect(ws.getCell('G5').master.address).toBe('A5');
    // the measure, then the lines the PDF prints under it (participants, decree reference)
    expect(String(ws.getCell('B6').value).startsWith(plan.items[0]!.measureKk)).toBe(true);
    expect(ws.getCell('B6').alignment.wrapText).toBe(true);
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(String(row.getCell(2).value ?? '')));
    for (const it of plan.items) expect(texts.some((t) => t === it.measureKk || t.startsWith(`${it.measureKk}\n`))).toBe(true);
  });

  it('an exported XLSX imports back to the same sections and items', async () => {
    const x = await c.call('plansIo.exportXlsx', { id: plan.id, language: 'kk' });
    const preview = await c.call('plansIo.importPreview', { kind: 'xlsx', fileBase64: x.base64 });
    expect(preview.headerRow).toBe(3);
    expect(preview.title).toBe(plan.titleKk);
    expect(preview.counts).toMatchObject({ sections: plan.sections.length, items: plan.items.length, problems: 0 });
    const r = await c.call('plansIo.importCommit', { source: { kind: 'xlsx', fileBase64: x.base64 }, target: { kind: 'new', academicYear: 2030 } });
    const back = await c.call('plans.get', { id: r.planId });
    expect(fullView(back)).toEqual(fullView(plan));
  });
});

describe('save to a file the user chose', () => {
  it('writes the DOCX or XLSX where the save dialog pointed, and nothing when cancelled', async () => {
    const target = path.join(out, 'chosen', 'жоспар.docx');
    c.platform.dialogAnswers.push(target);
    const r = await c.call('plansIo.saveExport', { id: plan.id, language: 'kk', format: 'docx' });
    expect(r.path).toBe(target);
    expect(fs.readFileSync(target).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(tableCells(fs.readFileSync(target).toString('base64'))[0]![1]).toBe('Іс-шаралар');

    c.platform.dialogAnswers.push(null);
    const before = fs.readdirSync(path.join(out, 'chosen'));
    expect((await c.call('plansIo.saveExport', { id: plan.id, language: 'ru', format: 'xlsx' })).path).toBeNull();
    expect(fs.readdirSync(path.join(out, 'chosen'))).toEqual(before);
  });

  it('every export is in the audit log, with the plan as its entity', async () => {
    for (const action of ['plansIo.exportDocx', 'plansIo.exportXlsx', 'plansIo.saveExport']) {
      const page = await c.call('audit.list', { action });
      const mine = page.items.filter((e) => e.entityId === plan.id);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((e) => e.action === action && e.entityType === 'plan' && e.outcome === 'ok')).toBe(true);
    }
    const imports = await c.call('audit.list', { action: 'plansIo.importCommit' });
    expect(imports.items.some((e) => e.outcome === 'failed')).toBe(true);
  });
});
