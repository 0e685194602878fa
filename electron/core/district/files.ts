/** The district report as a PDF (documents engine) and as XLSX: laid out from the published report only. */
import ExcelJS from 'exceljs';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { GRADE_BANDS, TABLE_IDS, TABLE_SHAPES, type Cell, type DistrictReport, type TableId } from '../../../shared/district-report';
import { dataTable, officialDocument, paragraph, signatureLine, titleBlock } from '../documents/blocks';
import { formatDate } from '../documents/dates';
import type { DocLang } from '../documents/types';
import { TABLE_TITLES, TEXT, word } from './labels';

type Lang = 'kk' | 'ru';
type Row = { cells: Record<string, Cell>; total: Cell };

export function periodText(r: Pick<DistrictReport, 'period'>, lang: Lang): string {
  const p = r.period;
  const years = `${p.academicYear}–${p.academicYear + 1}`;
  return p.kind === 'quarter' ? `${years} ${TEXT.year[lang]}, ${p.quarter} ${TEXT.quarter[lang]} (${p.from} – ${p.to})` : `${years} ${TEXT.year[lang]} (${p.from} – ${p.to})`;
}

export function reportTitle(r: Pick<DistrictReport, 'period'>, lang: Lang): string {
  return `${TEXT.title[lang]}: ${periodText(r, lang)}`;
}

/** Rows of a table as text: header, one line per row, then the totals. */
export function tableLines(r: DistrictReport, t: TableId, lang: Lang): string[][] | null {
  const tab = r.tables[t];
  if (!tab) return null;
  const { rows, cols } = TABLE_SHAPES[t];
  const rowsRec = tab.rows as Record<string, Row>;
  const total = tab.total;
  const single = cols.length === 1;
  const line = (label: string, row: Row) => [label, ...cols.map((c) => String(row.cells[c])), ...(single ? [] : [String(row.total)])];
  return [
    ['', ...cols.map((c) => word(c, lang)), ...(single ? [] : [word('total', lang)])],
    ...rows.map((k) => line(word(k, lang), rowsRec[k]!)),
    line(word('total', lang), total),
  ];
}

export function districtReportPdf(
  r: DistrictReport,
  lang: DocLang,
  o: { registerNumber: string | null; documentId: string | null; directorName: string; stamp?: Content },
): TDocumentDefinitions {
  const content: Content[] = [
    titleBlock([lang === 'kk' ? r.school.nameKk : r.school.nameRu, reportTitle(r, lang)]),
    paragraph(`${TEXT.code[lang]}: ${r.school.code}. ${TEXT.generated[lang]}: ${formatDate(lang, new Date(r.generatedAt))}.`),
    paragraph(TEXT.legend[lang]),
  ];
  for (const t of TABLE_IDS) {
    content.push(paragraph(TABLE_TITLES[t][lang], { bold: true }));
    const lines = tableLines(r, t, lang);
    if (!lines) {
      content.push(paragraph(TEXT.notCounted[lang]));
      continue;
    }
    const n = lines[0]!.length;
    content.push(
      dataTable({
        headers: lines[0]!,
        widths: ['*', ...Array.from({ length: n - 1 }, () => (n > 5 ? 56 : 64) as number)],
        rows: lines.slice(1),
        fontSize: n > 6 ? 8 : 10,
        centredColumns: Array.from({ length: n - 1 }, (_, i) => i + 1),
        dontBreakRows: true,
      }),
    );
  }
  content.push(paragraph(TEXT.registerAtEnd[lang], { bold: true }));
  content.push(
    dataTable({
      headers: [...GRADE_BANDS.map((b) => word(b, lang)), word('total', lang)],
      widths: [...GRADE_BANDS.map(() => '*' as const), '*'],
      rows: [[...GRADE_BANDS.map((b) => String(r.registerAtEnd.cells[b])), String(r.registerAtEnd.total)]],
      fontSize: 10,
      centredColumns: [0, 1, 2, 3],
    }),
  );
  content.push(paragraph(`${TEXT.meetings[lang]}: ${r.councilMeetings}`, { bold: true }));
  content.push(paragraph(TEXT.plan[lang], { bold: true }));
  content.push(
    dataTable({
      headers: [TEXT.section[lang], TEXT.due[lang], TEXT.done[lang], TEXT.partly[lang], TEXT.notDone[lang]],
      widths: ['*', '*', '*', '*', '*'],
      rows: r.plan.length > 0 ? r.plan.map((p) => [p.section, String(p.due), String(p.done), String(p.partly), String(p.notDone)]) : [['—', '0', '0', '0', '0']],
      fontSize: 10,
      centredColumns: [0, 1, 2, 3, 4],
    }),
  );
  content.push(signatureLine(TEXT.director[lang], o.directorName, o.stamp));
  return officialDocument({ lang, orientation: 'landscape', title: reportTitle(r, lang), registerNumber: o.registerNumber, documentId: o.documentId, content });
}

/** The report as an XLSX workbook: one sheet per language, the same cells as the JSON ("<3", "x" as text). */
export async function districtReportXlsx(r: DistrictReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qorgan';
  // fixed times so the same report gives the same bytes
  wb.created = new Date(r.generatedAt);
  wb.modified = new Date(r.generatedAt);
  for (const lang of ['kk', 'ru'] as const) {
    const ws = wb.addWorksheet(lang === 'kk' ? 'Қазақша' : 'Русский');
    ws.getColumn(1).width = 44;
    ws.addRow([lang === 'kk' ? r.school.nameKk : r.school.nameRu]).font = { bold: true };
    ws.addRow([reportTitle(r, lang)]);
    ws.addRow([TEXT.code[lang], r.school.code]);
    ws.addRow([TEXT.legend[lang]]);
    for (const t of TABLE_IDS) {
      ws.addRow([]);
      ws.addRow([TABLE_TITLES[t][lang]]).font = { bold: true };
      const lines = tableLines(r, t, lang);
      if (!lines) {
        ws.addRow([TEXT.notCounted[lang]]);
        continue;
      }
      for (const [i, line] of lines.entries()) {
        const row = ws.addRow(line.map((v, j) => (j > 0 && i > 0 && /^\d+$/.test(v) ? Number(v) : v)));
        if (i === 0) row.font = { bold: true };
      }
    }
    ws.addRow([]);
    ws.addRow([TEXT.registerAtEnd[lang], ...GRADE_BANDS.map((b) => cellValue(r.registerAtEnd.cells[b])), cellValue(r.registerAtEnd.total)]);
    ws.addRow([TEXT.meetings[lang], r.councilMeetings]);
    ws.addRow([]);
    ws.addRow([TEXT.plan[lang]]).font = { bold: true };
    ws.addRow([TEXT.section[lang], TEXT.due[lang], TEXT.done[lang], TEXT.partly[lang], TEXT.notDone[lang]]).font = { bold: true };
    for (const p of r.plan) ws.addRow([p.section, p.due, p.done, p.partly, p.notDone]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cellValue = (c: Cell): string | number => c;
