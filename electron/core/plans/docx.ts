/**
 * The plan as a Word document in the seed's layout, for offices that keep editing in Word: A4 landscape, Times New
 * Roman 14 pt (the table 12 pt, as in the PDF), the approval block top right («Бекітемін», position and school,
 * `__________ М.Қаншев`, the date line), the centred bold title, then one table with the framework's columns whose
 * header row repeats on each page and whose section rows span the table ("2. …", "2.1. Қысқа мерзімді шаралар").
 *
 * The approval block is paragraphs (not a table), so that the plan's table is the document's only table and an
 * import finds it (docx-read.ts reads this file back to the same sections and items).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { planMeta, type PlanExport } from './io-common';

/** the custom document property that carries the hidden plan data (io-common.ts) */
export const DOCX_META_PROPERTY = 'QorganPlan';

export const DOCX_FONT = 'Times New Roman';
/** half-points */
const BODY_SIZE = 28;
const TABLE_SIZE = 24;

/** A4 in twips; margins 2 cm top and left, 1.5 cm right and bottom. */
const A4_W = 11906;
const A4_H = 16838;
const MARGIN = { top: 1134, left: 1134, right: 850, bottom: 850 };
const TEXT_WIDTH = A4_H - MARGIN.left - MARGIN.right;
/** № | measure | form | deadline | responsible | cost | funding, in twips (sum = TEXT_WIDTH) */
const WIDTHS = [700, 4950, 2100, 1900, 2600, 1300, 0];
WIDTHS[6] = TEXT_WIDTH - WIDTHS.slice(0, 6).reduce((a, b) => a + b, 0);
/** the approval block starts this far from the left margin */
const APPROVAL_INDENT = TEXT_WIDTH - 5200;

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function lines(text: string, options: { bold?: boolean; size?: number; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] }): Paragraph[] {
  const parts = text.split('\n');
  return parts.map(
    (p) =>
      new Paragraph({
        alignment: options.alignment ?? AlignmentType.LEFT,
        children: [new TextRun({ text: p, bold: options.bold ?? false, size: options.size ?? TABLE_SIZE, font: DOCX_FONT })],
      }),
  );
}

function cell(text: string, column: number, options: { bold?: boolean; centred?: boolean; middle?: boolean } = {}): TableCell {
  return new TableCell({
    borders,
    width: { size: WIDTHS[column] ?? 1000, type: WidthType.DXA },
    verticalAlign: options.middle ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: lines(text, { bold: options.bold, alignment: options.centred ? AlignmentType.CENTER : AlignmentType.LEFT }),
  });
}

export async function planDocx(e: PlanExport): Promise<Buffer> {
  const approval = [e.approval.heading, ...e.approval.position, e.approval.signature, e.approval.date].map(
    (text, i) =>
      new Paragraph({
        indent: { left: APPROVAL_INDENT },
        spacing: { before: i === e.approval.position.length + 1 ? 120 : 0 },
        children: [new TextRun({ text, bold: i === 0, size: BODY_SIZE, font: DOCX_FONT })],
      }),
  );
  const title = e.title.split('\n').map(
    (text, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: i === 0 ? 240 : 0, after: 0 },
        children: [new TextRun({ text, bold: true, size: BODY_SIZE, font: DOCX_FONT })],
      }),
  );
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: e.headers.map((h, i) => cell(h, i, { bold: true, centred: true, middle: true })),
  });
  const body = e.rows.map((r) =>
    r.kind === 'section'
      ? new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              borders,
              columnSpan: WIDTHS.length,
              width: { size: TEXT_WIDTH, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' },
              margins: { top: 40, bottom: 40, left: 80, right: 80 },
              children: lines(r.text, { bold: true }),
            }),
          ],
        })
      : new TableRow({ children: r.cells.map((c, i) => cell(c, i, { centred: i === 0 })) }),
  );
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: WIDTHS,
    layout: TableLayoutType.FIXED,
    rows: [header, ...body],
  });
  const doc = new Document({
    creator: 'Qorgan',
    title: e.title.slice(0, 250),
    customProperties: [{ name: DOCX_META_PROPERTY, value: JSON.stringify(planMeta(e.plan, e.language)) }],
    // the language lets Word check the spelling in Kazakh or Russian
    styles: {
      default: {
        document: { run: { font: DOCX_FONT, size: BODY_SIZE, language: { value: e.language === 'kk' ? 'kk-KZ' : 'ru-RU' } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_W, height: A4_H, orientation: PageOrientation.LANDSCAPE },
            margin: MARGIN,
          },
        },
        children: [...approval, ...title, new Paragraph({ children: [] }), table],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
