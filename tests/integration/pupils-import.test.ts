/**
 * Class-list import (issue 9, item 1 and "Bad input"): the e-journal-like sample imports whole; kk/ru headings,
 * merged heading cells, cp1251 and UTF-8 CSVs; per-row problems (bad IIN, invalid class, duplicate in the file,
 * already in the school, formulas without a value); nothing written before the commit; too many rows, broken ZIPs,
 * old .xls and binary files refused with their codes and nothing imported.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../shared/iin';
import type { ClassListPreview } from '../../shared/pupils-import';
import { classListXlsx, fakeClassPupils } from '../../scripts/samples/class-list';
import { createTestCore, type TestCore } from '../harness/core';
import * as H from '../harness/hostile-files';

let c: TestCore;

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const pupilCount = () => (c.state.sqlite.prepare('SELECT count(*) AS n FROM pupils').get() as { n: number }).n;
async function preview(file: Buffer | string, extra: { mapping?: (string | null)[] } = {}): Promise<ClassListPreview> {
  return c.call('pupilsImport.preview', { fileBase64: b64(file), instructionLanguage: 'kk', ...(extra as object) });
}
async function failure(file: Buffer | string): Promise<string | null> {
  const r = await c.try('pupilsImport.preview', { fileBase64: b64(file), instructionLanguage: 'kk' });
  return r.ok ? null : r.error.code;
}

beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.create', { login: 'soc', displayName: 'Әлеуметтік педагог', roles: ['social_pedagogue'], password: 'soc password 1' });
  await c.call('accounts.create', { login: 'cls', displayName: 'Жетекші', roles: ['class_teacher'], password: 'cls password 1' });
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: 'soc', password: 'soc password 1' });
});
afterAll(async () => {
  await c.cleanup();
});

describe('class-list import', () => {
  it('imports the e-journal-like sample (merged two-row heading, date cells, cached formulas): preview, then commit', async () => {
    const pupils = fakeClassPupils([{ grade: 5, letter: 'Ә' }, { grade: 6, letter: 'А' }], 24, 7);
    const file = await classListXlsx(pupils);
    const p = await preview(file);
    expect(p.format).toBe('xlsx');
    expect(p.missing).toEqual([]);
    expect(p.mapping.filter((f) => f !== null).sort()).toEqual(['birthDate', 'class', 'firstName', 'iin', 'lastName', 'middleName', 'sex']);
    expect(p.counts).toEqual({ rows: 48, ready: 48, withProblems: 0 });
    expect(p.rows[0]).toMatchObject({ lastName: pupils[0]!.lastName, firstName: pupils[0]!.firstName, grade: 5, classLetter: 'Ә', birthDate: pupils[0]!.birthDate, sex: 'm' });
    // nothing written by the preview
    expect(pupilCount()).toBe(0);
    const done = await c.call('pupilsImport.commit', { source: { fileBase64: b64(file), instructionLanguage: 'kk' }, expected: 48 });
    expect(done).toEqual({ created: 48, skipped: 0 });
    expect(pupilCount()).toBe(48);
    const listed = await c.call('pupils.list', { grade: 5, classLetter: 'Ә', pageSize: 100 });
    expect(listed.total).toBe(24);
    expect(c.state.sqlite.prepare(`SELECT count(*) AS n FROM chronology WHERE kind = 'pupil_imported'`).get()).toEqual({ n: 48 });
    // the same file again: every row is already in the school, nothing to import
    const again = await preview(file);
    expect(again.counts.ready).toBe(0);
    expect(again.rows.every((r) => r.problems.includes('already_in_school'))).toBe(true);
    // one audited write for the commit, with no names
    const audit = c.state.sqlite.prepare(`SELECT * FROM audit_log WHERE action = 'pupilsImport.commit'`).all();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(pupils[0]!.lastName);
  });

  it('reads a UTF-8 CSV with Russian headings and ";": per-row problems, empty rows skipped, only ready rows written', async () => {
    const ok1 = makeIin('2014-02-03', 'm', 7001)!;
    const ok2 = makeIin('2014-04-05', 'f', 7002)!;
    const dupIin = makeIin('2014-06-07', 'm', 7003)!;
    const badIin = ok1.slice(0, 11) + String((Number(ok1[11]) + 1) % 10);
    const csv = [
      'Список класса;;;;',
      'Фамилия;Имя;Отчество;ИИН;Класс',
      `Иванов;Пётр;Сергеевич;${ok1};5А`,
      ';;;;',
      `Петрова;Анна;;${ok2};5 а`,
      `Сидоров;Олег;;${badIin};5А`,
      `Кузнецов;Иван;;;14 А`,
      `Смирнов;Илья;;;5 Z`,
      `Попов;Лев;;;`,
      `Двойнов;Максим;;${dupIin};6Б`,
      `Двойнова;Мария;;${dupIin};6Б`,
      `=HYPERLINK("x");Имя;;;6Б`,
      '',
    ].join('\r\n');
    const before = pupilCount();
    const p = await preview(csv);
    expect(p.encoding).toBe('utf-8');
    expect(p.headerRow).toBe(2);
    const byName = Object.fromEntries(p.rows.map((r) => [r.lastName, r]));
    expect(p.rows).toHaveLength(9);
    expect(byName['Иванов']).toMatchObject({ grade: 5, classLetter: 'А', birthDate: '2014-02-03', sex: 'm', problems: [] });
    expect(byName['Петрова']).toMatchObject({ grade: 5, classLetter: 'А', problems: [] });
    expect(byName['Сидоров']!.problems).toEqual(['iin_invalid']);
    expect(byName['Кузнецов']!.problems).toEqual(['class_invalid']);
    expect(byName['Смирнов']!.problems).toEqual(['class_invalid']);
    expect(byName['Попов']!.problems).toEqual(['class_missing']);
    expect(byName['Двойнов']!.problems).toEqual(['duplicate_in_file']);
    expect(byName['Двойнова']!.problems).toEqual(['duplicate_in_file']);
    expect(p.rows.find((r) => r.lastName.startsWith('='))!.problems).toContain('formula');
    expect(p.counts).toEqual({ rows: 9, ready: 2, withProblems: 7 });
    // the commit names the count it was shown
    const stale = await c.try('pupilsImport.commit', { source: { fileBase64: b64(csv), instructionLanguage: 'ru' }, expected: 3 });
    expect(stale.ok ? null : stale.error.code).toBe('import.changed');
    expect(pupilCount()).toBe(before);
    expect(await c.call('pupilsImport.commit', { source: { fileBase64: b64(csv), instructionLanguage: 'ru' }, expected: 2 })).toEqual({ created: 2, skipped: 7 });
    expect(pupilCount()).toBe(before + 2);
    const ivanov = (await c.call('pupils.list', { search: 'Иванов' })).items[0]!;
    expect(ivanov).toMatchObject({ instructionLanguage: 'ru', middleName: 'Сергеевич', iin: ok1 });
  });

  it('dedupes against the school by last + first name and birth date when there is no IIN', async () => {
    const csv = 'Тегі;Аты;Туған күні;Жынысы;Сынып\nҮлгіұлы;Ержан;03.09.2015;ер;4 Ә\n';
    await c.call('pupilsImport.commit', { source: { fileBase64: b64(csv), instructionLanguage: 'kk' }, expected: 1 });
    const again = await preview('Тегі;Аты;Туған күні;Жынысы;Сынып\nүлгіұлы;ержан;2015-09-03;е;4Ә\nҮлгіұлы;Ержан;04.09.2015;ер;4 Ә\n');
    expect(again.rows.map((r) => r.problems)).toEqual([['already_in_school'], []]);
    expect(again.rows[0]).toMatchObject({ birthDate: '2015-09-03', sex: 'm', grade: 4, classLetter: 'Ә' });
  });

  it('takes the user\'s mapping over the suggestion (a file without headings)', async () => {
    const iin = makeIin('2012-01-15', 'f', 7101)!;
    const csv = `7 Б,${iin},Мысалова,Жансая\n7 Б,,Сынақов,Ерасыл\n`;
    const suggested = await preview(csv);
    expect(suggested.missing).toEqual(['name', 'class']);
    expect(suggested.counts.ready).toBe(0);
    const mapped = await preview(csv, { mapping: ['class', 'iin', 'lastName', 'firstName'] });
    expect(mapped.suggested).toBe(false);
    expect(mapped.missing).toEqual([]);
    expect(mapped.rows.map((r) => [r.lastName, r.grade, r.classLetter, r.problems.length])).toEqual([
      ['Мысалова', 7, 'Б', 0],
      ['Сынақов', 7, 'Б', 0],
    ]);
    // a commit without names or classes mapped is refused
    const none = await c.try('pupilsImport.commit', { source: { fileBase64: b64(csv), instructionLanguage: 'kk' }, expected: 0 });
    expect(none.ok ? null : none.error.code).toBe('import.no_header');
  });

  it('decodes UTF-16 and Windows-1251 CSVs, quoted cells; refuses one that lost its Kazakh letters', async () => {
    const ru = 'Фамилия;Имя;Класс\r\nЁлкин;Семён;8В\r\n';
    const cp = Buffer.from(new Uint8Array([...ru].map((ch) => cp1251(ch))));
    const p = await preview(cp);
    expect(p.encoding).toBe('windows-1251');
    expect(p.rows[0]).toMatchObject({ lastName: 'Ёлкин', firstName: 'Семён', grade: 8, classLetter: 'В', problems: [] });
    // UTF-16 with its BOM (Excel's "Unicode text", tab-separated), and UTF-8 with a BOM and quoted cells
    const kk = 'Тегі\tАты\tСынып\r\nҚасымов\tӘлихан\t8 Ә\r\n';
    const u16 = await preview(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(kk, 'utf16le')]));
    expect(u16.encoding).toBe('utf-16');
    expect(u16.rows[0]).toMatchObject({ lastName: 'Қасымов', firstName: 'Әлихан', grade: 8, classLetter: 'Ә', problems: [] });
    const quoted = '"Тегі";"Аты";"Сынып"\n"Нұров; кіші";"Ұлан ""Ұлы""";"8 Ә"\n';
    const bom = await preview(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(quoted)]));
    expect(bom.rows[0]).toMatchObject({ lastName: 'Нұров; кіші', firstName: 'Ұлан "Ұлы"', problems: [] });
    // Excel writes "?" for Ә, Қ, Ң … in cp1251
    const lost = Buffer.from(new Uint8Array([...'Тегі;Аты;Сынып\r\nС?лтанов;Н?рлан;8 ?\r\n'.replace(/і/g, '?')].map((ch) => cp1251(ch))));
    expect(await failure(lost)).toBe('import.encoding');
  });

  it('refuses more than 5 000 rows (CSV and XLSX), a broken ZIP, an old .xls and a binary file — nothing imported', async () => {
    const before = pupilCount();
    const rows = Array.from({ length: 10_000 }, (_, i) => `Тестов${i};Арман;5 А`);
    expect(await failure(['Тегі;Аты;Сынып', ...rows].join('\n'))).toBe('import.too_many_rows');
    const big = await classListXlsx(fakeClassPupils([{ grade: 5, letter: 'А' }], 5_100));
    expect(await failure(big)).toBe('import.too_many_rows');
    const sample = await classListXlsx(fakeClassPupils([{ grade: 5, letter: 'А' }], 3));
    expect(await failure(sample.subarray(0, Math.floor(sample.length / 2)))).toBe('import.broken_file');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(await failure(xls)).toBe('import.old_format');
    expect(await failure(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x10]))).toBe('import.wrong_type');
    expect(await failure(Buffer.from('   \n\n  '))).toBe('import.empty');
    expect(pupilCount()).toBe(before);
  });

  it('hostile workbooks (a million rows, a lying ZIP bomb, deep nesting) are refused by the budgeted reader, translated', async () => {
    const before = pupilCount();
    expect(await failure(H.xlsxManyRows(150_000))).toBe('file.too_complex');
    expect(await failure(H.xlsxLyingBomb(64))).toBe('file.too_complex');
    expect(await failure(H.xlsxDeeplyNested(100_000))).toBe('file.too_complex');
    expect(await failure(H.docxWith('<w:document/>'))).toBe('import.wrong_type');
    expect(pupilCount()).toBe(before);
  });

  it('refuses a formula without a cached value in its row, never evaluating it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('6 В');
    ws.addRow(['Тегі', 'Аты', 'ЖСН']);
    ws.addRow(['Формулов', { formula: 'CONCATENATE("Ар","ман")' }, '']);
    ws.addRow(['Кэшев', { formula: 'CONCATENATE("Да","на")', result: 'Дана' }, '']);
    const p = await preview(Buffer.from(await wb.xlsx.writeBuffer()));
    // the class comes from the sheet's name
    expect(p.missing).toEqual([]);
    expect(p.rows.map((r) => [r.lastName, r.firstName, r.grade, r.classLetter, r.problems])).toEqual([
      ['Формулов', '', 6, 'В', ['formula', 'name_missing']],
      ['Кэшев', 'Дана', 6, 'В', []],
    ]);
  });

  it('a class teacher may not import', async () => {
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'cls', password: 'cls password 1' });
    const r = await c.try('pupilsImport.preview', { fileBase64: b64('Тегі;Аты;Сынып\nА;Б;5 А\n'), instructionLanguage: 'kk' });
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'soc', password: 'soc password 1' });
  });
});

/** One character in Windows-1251 (the Russian letters and ASCII; '?' for anything else, as Excel writes). */
function cp1251(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  if (ch === 'Ё') return 0xa8;
  if (ch === 'ё') return 0xb8;
  return 0x3f;
}
