/**
 * `class-list.xlsx`: a class list shaped like an e-journal export (a title row, a merged "pupil's name" heading over
 * "Тегі/Фамилия | Аты/Имя | Әкесінің аты/Отчество", kk/ru headings, birth dates as date cells, the row number as a
 * formula with its cached value, an empty row between classes), with plainly fake names and valid IINs — the
 * class-list import accepts it (tests/integration/pupils-import.test.ts imports it).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { makeIin } from '../../shared/iin';
import type { SampleWriter } from './types';

const LAST = ['Сынақов', 'Мысалова', 'Үлгіұлы', 'Демоқызы', 'Тестов', 'Жасанды', 'Үлгіев', 'Мысалбаев', 'Сынақбаева', 'Демов'];
const FIRST_M = ['Арман', 'Нұрлан', 'Ерасыл', 'Дәулет', 'Алихан', 'Санжар'];
const FIRST_F = ['Аружан', 'Айгерім', 'Дана', 'Томирис', 'Әсел', 'Жансая'];
const MIDDLE_M = ['Серікұлы', 'Болатұлы', 'Маратұлы'];
const MIDDLE_F = ['Серікқызы', 'Болатқызы', 'Маратқызы'];

export interface FakeClassPupil {
  lastName: string;
  firstName: string;
  middleName: string;
  iin: string;
  birthDate: string;
  sex: 'm' | 'f';
  className: string;
}

/** Plainly fake pupils of the given classes ("5 Ә"), `perClass` each; `seed` varies the IIN serials. */
export function fakeClassPupils(classes: { grade: number; letter: string }[], perClass: number, seed = 0): FakeClassPupil[] {
  const out: FakeClassPupil[] = [];
  let n = 0;
  for (const cls of classes) {
    // pupils of grade g are born in (school year start − 6 − g): the 2026–2027 year
    const year = 2026 - 6 - cls.grade;
    for (let i = 0; i < perClass; i++, n++) {
      const sex = n % 2 === 0 ? 'm' : 'f';
      const birthDate = `${year}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`;
      let iin: string | null = null;
      for (let serial = 1000 + seed * 2000 + n; iin === null; serial += 5000) iin = makeIin(birthDate, sex, serial % 10000);
      const last = LAST[n % LAST.length]!;
      out.push({
        lastName: sex === 'f' && !last.endsWith('а') && !last.endsWith('қызы') ? `${last}а` : last,
        firstName: (sex === 'm' ? FIRST_M : FIRST_F)[Math.floor(n / 2) % 6]!,
        middleName: (sex === 'm' ? MIDDLE_M : MIDDLE_F)[n % 3]!,
        iin,
        birthDate,
        sex,
        className: `${cls.grade} ${cls.letter}`,
      });
    }
  }
  return out;
}

/** The workbook of an e-journal-like class list. */
export async function classListXlsx(pupils: FakeClassPupil[], school = '№96 мектеп'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kundelik (sample)';
  const ws = wb.addWorksheet('Оқушылар тізімі');
  ws.columns = [6, 18, 14, 18, 16, 14, 10, 10].map((width) => ({ width }));
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = `${school}. Оқушылар тізімі / Список учащихся (2026–2027)`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  // a two-row header: "pupil's name" merged over its three parts; the other headings merged down both rows
  ws.mergeCells('B2:D2');
  ws.getCell('B2').value = 'Оқушының аты-жөні / ФИО ученика';
  for (const [col, text] of [['A', '№'], ['E', 'ЖСН / ИИН'], ['F', 'Туған күні / Дата рождения'], ['G', 'Жынысы / Пол'], ['H', 'Сынып / Класс']] as const) {
    ws.mergeCells(`${col}2:${col}3`);
    ws.getCell(`${col}2`).value = text;
  }
  ws.getCell('B3').value = 'Тегі / Фамилия';
  ws.getCell('C3').value = 'Аты / Имя';
  ws.getCell('D3').value = 'Әкесінің аты / Отчество';
  for (const r of [2, 3]) ws.getRow(r).font = { bold: true };
  let row = 4;
  let prevClass = '';
  let number = 0;
  for (const p of pupils) {
    if (prevClass !== '' && p.className !== prevClass) row++; // an empty row between classes
    prevClass = p.className;
    number++;
    const r = ws.getRow(row);
    // the number as a formula with its cached value, as Excel saves it
    r.getCell(1).value = number === 1 ? 1 : { formula: `COUNTA($B$4:B${row})`, result: number };
    r.getCell(2).value = p.lastName;
    r.getCell(3).value = p.firstName;
    r.getCell(4).value = p.middleName;
    r.getCell(5).value = p.iin;
    r.getCell(6).value = new Date(`${p.birthDate}T00:00:00Z`);
    r.getCell(6).numFmt = 'dd.mm.yyyy';
    r.getCell(7).value = p.sex === 'm' ? 'ер / м' : 'әйел / ж';
    r.getCell(8).value = p.className;
    row++;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const writeClassListSamples: SampleWriter = async ({ outDir }) => {
  const file = path.join(outDir, 'class-list.xlsx');
  const pupils = fakeClassPupils([{ grade: 5, letter: 'Ә' }, { grade: 6, letter: 'А' }], 24, 7);
  fs.writeFileSync(file, await classListXlsx(pupils));
  return [file];
};
