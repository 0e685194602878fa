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
  Footer,
  Packer,
  PageNumber,
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
import { itemTexts, type PrintedItem } from './printed';

/** the custom document property that carries the hidden plan data (io-common.ts) */
export const DOCX_META_PROPERTY = 'QorganPlan';

export const DOCX_FONT = 'Times New Roman';
/** half-points: body 14 pt, table 10.5 pt, header row 10 pt bold, notes and page numbers 10 pt, small lines 9 pt */
const BODY_SIZE = 28;
const TABLE_SIZE = 21;
const HEADER_SIZE = 20;
const SMALL_SIZE = 18;
const NOTE_SIZE = 20;

/** A4 in twips; margins 2 cm top and left, 1.5 cm right and bottom. */
const A4_W = 11906;
const A4_H = 16838;
const MARGIN = { top: 1134, left: 1134, right: 850, bottom: 850, header: 567, footer: 425 };
const TEXT_WIDTH = A4_H - MARGIN.left - MARGIN.right;
/**
 * № | measure | form | deadline | responsible | cost | funding, in twips (sum = TEXT_WIDTH). The narrow columns are
 * wide enough for their longest header word ("Қаржыландыру", "Предполагаемые") at 10 pt bold and the longest body
 * words ("Республикасының", "қауымдастықтарын", "қорытындысын") at 10.5 pt, so that no word breaks inside (LibreOffice and Word break a word that does
 * not fit its cell).
 */
const WIDTHS = [560, 3500, 2400, 2050, 2250, 1950, 0];
WIDTHS[6] = TEXT_WIDTH - WIDTHS.slice(0, 6).reduce((a, b) => a + b, 0);
/** the approval block starts this far from the left margin */
const APPROVAL_INDENT = TEXT_WIDTH - 5200;

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

function lines(
  text: string,
  options: RunStyle & { alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]; keepNext?: boolean },
): Paragraph[] {
  return text.split('\n').map(
    (p) =>
      new Paragraph({
        alignment: options.alignment ?? AlignmentType.LEFT,
        keepNext: options.keepNext ?? false,
        children: [new TextRun({ text: p, bold: options.bold ?? false, italics: options.italics ?? false, size: options.size ?? TABLE_SIZE, font: DOCX_FONT })],
      }),
  );
}

function cell(paragraphs: Paragraph[], column: number, middle = false): TableCell {
  return new TableCell({
    borders,
    width: { size: WIDTHS[column] ?? 1000, type: WidthType.DXA },
    verticalAlign: middle ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: paragraphs,
  });
}

/** A full-width row (section or part heading) that keeps with the row after it. */
function spanningRow(text: string, fill: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        borders,
        columnSpan: WIDTHS.length,
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        shading: { type: ShadingType.CLEAR, color: 'auto', fill },
        margins: { top: 40, bottom: 40, left: 80, right: 80 },
        children: lines(text, { bold: true, alignment, keepNext: true }),
      }),
    ],
  });
}

/** The measure cell as the PDF prints it: the measure, then the small lines (school's mark, participants, link). */
function measureParagraphs(r: PrintedItem): Paragraph[] {
  return [
    ...lines(r.measure, {}),
    ...(r.ownMark ? lines(r.ownMark, { italics: true, size: SMALL_SIZE }) : []),
    ...(r.participants ? lines(r.participants, { italics: true, size: SMALL_SIZE }) : []),
    ...(r.link ? lines(r.link, { size: SMALL_SIZE }) : []),
  ];
}

const PAGE_WORDS = { kk: ['Бет ', ' / '], ru: ['Стр. ', ' из '] } as const;

export async function planDocx(e: PlanExport): Promise<Buffer> {
  const p = e.printed;
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
  const year = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 200 },
    children: [new TextRun({ text: p.yearLine, size: 24, font: DOCX_FONT })],
  });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: e.headers.map((h, i) => cell(lines(h, { bold: true, size: HEADER_SIZE, alignment: AlignmentType.CENTER, keepNext: true }), i, true)),
  });
  const body = p.rows.map((r) => {
    if (r.kind === 'part') return spanningRow(r.text, 'E4E4E4', AlignmentType.CENTER);
    if (r.kind === 'section') return spanningRow(r.text, 'F2F2F2', AlignmentType.LEFT);
    const cells = itemTexts(r);
    return new TableRow({
      cantSplit: true,
      children: cells.map((c, i) => cell(i === 1 ? measureParagraphs(r) : lines(c, { alignment: i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT }), i)),
    });
  });
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: WIDTHS,
    layout: TableLayoutType.FIXED,
    rows: [header, ...body],
  });
  const notes: Paragraph[] = [];
  if (p.note) {
    // the heading keeps with the list; the list keeps together
    notes.push(new Paragraph({ keepNext: true, spacing: { before: 160, after: 40 }, children: [new TextRun({ text: p.note.heading, bold: true, size: NOTE_SIZE, font: DOCX_FONT })] }));
    p.note.lines.forEach((line, i, all) =>
      notes.push(new Paragraph({ keepNext: i < all.length - 1, keepLines: true, children: [new TextRun({ text: line, size: NOTE_SIZE, font: DOCX_FONT })] })),
    );
  }
  if (p.translationNote) {
    notes.push(new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: p.translationNote, italics: true, size: SMALL_SIZE + 1, font: DOCX_FONT })] }));
  }
  if (e.plan.revision > 1) {
    notes.push(new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: e.language === 'kk' ? `${e.plan.revision}-редакция` : `Редакция ${e.plan.revision}`, size: SMALL_SIZE, font: DOCX_FONT })] }));
  }
  const [pageWord, ofWord] = PAGE_WORDS[e.language];
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ children: [pageWord, PageNumber.CURRENT, ofWord, PageNumber.TOTAL_PAGES], size: NOTE_SIZE, font: DOCX_FONT })],
      }),
    ],
  });
  const doc = new Document({
    creator: 'Qorgan',
    lastModifiedBy: 'Qorgan',
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
        footers: { default: footer },
        children: [...approval, ...title, year, table, ...notes],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
