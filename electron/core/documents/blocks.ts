/**
 * Building blocks of the school's official documents. Every template (plans, quarterly reports, minutes, …)
 * composes these; keep their signatures stable.
 *
 * A typical template:
 * ```ts
 * const dd = officialDocument({
 *   lang: 'kk', orientation: 'landscape', title: 'Жұмыс жоспары', registerNumber: 'Ж-3/2026',
 *   content: [
 *     approvalBlock('kk', { position: '№96 мектеп директоры', name: 'М.Қаншев' }),
 *     titleBlock('…бірлескен жұмыс жоспары'),
 *     dataTable({ headers: ['№', 'Іс-шара', …], widths: [24, '*', …], rows }),
 *   ],
 * });
 * const pdf = await renderPdf(dd);
 * ```
 * Signed documents are issued through `issueDocument` (issue.ts), which passes the signature stamps in.
 */
import type { Column, Content, ContentTable, ContentText, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { blankDateLine, formatDate } from './dates';
import { FONT_FAMILY } from './fonts';
import { STAMP_BOX } from './appearance';
import { KEEP_WITH_STAMP_PREFIX, STAMP_ID_PREFIX } from './render';
import { pdfHook } from './hooks';
import { layout } from './layouts';
import type { DocLang, Orientation } from './types';

/** Body font size of official documents (Kazakh offices use 14 pt). */
export const BODY_FONT_SIZE = 14;
/** Default font size inside tables. */
export const TABLE_FONT_SIZE = 12;

/** Page margins [left, top, right, bottom] in points: 30 mm binding margin on the left of a portrait page. */
export const MARGINS: Record<Orientation, [number, number, number, number]> = {
  portrait: [85, 57, 42, 62],
  landscape: [57, 57, 42, 62],
};

const WORDS = {
  kk: {
    approve: '«Бекітемін»',
    agreed: '«Келісілді»',
    page: (n: number, of: number) => `Бет ${n} / ${of}`,
    register: 'Тіркеу №',
  },
  ru: {
    approve: '«Утверждаю»',
    agreed: '«Согласовано»',
    page: (n: number, of: number) => `Стр. ${n} из ${of}`,
    register: 'Рег. №',
  },
} as const;

/** The signature line: "__________ М.Қаншев". */
export function signatureLineText(name: string): string {
  return `__________ ${name}`;
}

export interface ApprovalInfo {
  /** position and school, one or more lines, e.g. "№96 мектеп директоры" */
  position: string | string[];
  /** initials and surname, e.g. "М.Қаншев" */
  name: string;
  /** the approval date; omitted or null prints the blank line «___» ____________ 20__ ж. to fill in by hand */
  date?: Date | null;
  /** «Бекітемін» (default) or «Келісілді» */
  heading?: 'approve' | 'agreed';
  /** block width in points (default 250) */
  width?: number;
  /**
   * the approver's signature stamp slot (`stampSlot`, from `issueDocument`): set beside the block, level with it
   * (landscape pages have the room), or under the date line ('below', for portrait pages)
   */
  stamp?: Content;
  stampPlacement?: 'beside' | 'below';
}

/**
 * The approval block at the top right: «Бекітемін» / «Утверждаю», position and school, signature line with the
 * name, and the date line («___» ____________ 20__ ж. / г., or the date written out).
 */
export function approvalBlock(lang: DocLang, info: ApprovalInfo): Content {
  const w = WORDS[lang];
  const positionLines = Array.isArray(info.position) ? info.position : [info.position];
  const below = info.stamp !== undefined && info.stampPlacement === 'below';
  const block: Column = {
    width: info.width ?? 250,
    stack: [
      { text: info.heading === 'agreed' ? w.agreed : w.approve, bold: true },
      ...positionLines.map((line) => ({ text: line })),
      { text: signatureLineText(info.name), margin: [0, 6, 0, 0] },
      { text: info.date ? formatDate(lang, info.date) : blankDateLine(lang), margin: [0, 4, 0, 0] },
      ...(below && info.stamp ? [{ stack: [info.stamp], margin: [0, 6, 0, 0] } as Content] : []),
    ],
  };
  const columns: Column[] = [{ width: '*', text: '' }];
  if (info.stamp !== undefined && !below) columns.push({ width: STAMP_BOX.width, stack: [info.stamp] }, { width: 14, text: '' });
  columns.push(block);
  return { columns, margin: [0, 0, 0, 12] };
}

/**
 * Text as inlines in which a hyphenated word ("зорлық-зомбылық") is never broken at its hyphen: a line that ends
 * in "зорлық-" reads as a broken word, and text extraction (pdftotext) joins such lines without the hyphen.
 */
export function keepHyphenatedWords(text: string): ContentText['text'] {
  if (!/\S-\S/.test(text)) return text;
  const parts = text.split(/( +|\n)/);
  return parts.filter((p) => p !== '').map((p) => (/\S-\S/.test(p) ? { text: p, noWrap: true } : { text: p }));
}

/** The centred bold title; several lines may be given as an array. */
export function titleBlock(text: string | string[], options: { fontSize?: number; marginTop?: number } = {}): Content {
  return {
    text: keepHyphenatedWords(Array.isArray(text) ? text.join('\n') : text),
    bold: true,
    alignment: 'center',
    fontSize: options.fontSize ?? BODY_FONT_SIZE,
    margin: [0, options.marginTop ?? 12, 0, 12],
  };
}

/** A plain paragraph of body text (14 pt, justified, first-line indent). */
export function paragraph(text: string, options: { bold?: boolean; indent?: boolean; alignment?: 'left' | 'justify' | 'center' | 'right' } = {}): Content {
  return {
    text: keepHyphenatedWords(text),
    bold: options.bold ?? false,
    alignment: options.alignment ?? 'justify',
    leadingIndent: options.indent === false ? 0 : 35,
    margin: [0, 0, 0, 6],
  };
}

/** A table cell: plain text or any pdfmake cell. */
export type Cell = string | TableCell;

export interface DataTableOptions {
  /** header row texts; the header repeats at the top of every page */
  headers: Cell[];
  /** column widths: points, '*' or 'auto' */
  widths: (number | '*' | 'auto')[];
  rows: Cell[][];
  fontSize?: number;
  /** keep each row on one page (default false: very long rows may break) */
  dontBreakRows?: boolean;
  /** cells centred by column index (e.g. the № column) */
  centredColumns?: number[];
}

/**
 * A bordered table whose header row repeats on each page. Use `sectionRow` for a full-width heading row
 * ("2.1. Қысқа мерзімді шаралар").
 */
export function dataTable(o: DataTableOptions): ContentTable {
  const centred = new Set(o.centredColumns ?? [0]);
  const header: TableCell[] = o.headers.map((h) =>
    typeof h === 'string' ? { text: h, bold: true, alignment: 'center' } : h,
  );
  const body: TableCell[][] = [
    header,
    ...o.rows.map((row) =>
      row.map((c, i): TableCell => (typeof c === 'string' ? (centred.has(i) ? { text: c, alignment: 'center' } : { text: c }) : c)),
    ),
  ];
  return {
    table: { headerRows: 1, widths: o.widths, body, dontBreakRows: o.dontBreakRows ?? false },
    layout: layout('qorgan-thin'),
    fontSize: o.fontSize ?? TABLE_FONT_SIZE,
    margin: [0, 0, 0, 8],
  };
}

/** A full-width bold row inside a `dataTable` (`columns` = the table's column count). */
export function sectionRow(text: string, columns: number): TableCell[] {
  const first: TableCell = { text, bold: true, colSpan: columns, alignment: 'left', fillColor: '#f2f2f2' };
  return [first, ...Array.from({ length: columns - 1 }, (): TableCell => ({ text: '' }))];
}

/**
 * A signature line at the end of a document: "Төраға          __________ А.Сейітова".
 * `role` is the printed role ("Төраға", "Хатшы", "Директор"). With `stamp` (a `stampSlot`), the signer's stamp
 * room sits on the line between the role and the name, where a seal goes on paper.
 */
export function signatureLine(role: string, name: string, stamp?: Content): Content {
  if (stamp === undefined) {
    return {
      columns: [
        { width: 200, text: role },
        { width: '*', text: signatureLineText(name), alignment: 'right' },
      ],
      margin: [0, 10, 0, 0],
    };
  }
  // the line as usual, the stamp's room under the name; the line moves to the next page with the stamp rather
  // than end a page without it (KEEP_WITH_STAMP_PREFIX, render.ts). No unbreakable wrapper: pdfmake reports no
  // true positions for nodes inside one.
  const slotId = (stamp as { id?: unknown }).id;
  const keep = typeof slotId === 'string' && slotId.startsWith(STAMP_ID_PREFIX) ? KEEP_WITH_STAMP_PREFIX + slotId.slice(STAMP_ID_PREFIX.length) : undefined;
  return {
    stack: [
      {
        ...(keep ? { id: keep } : {}),
        columns: [
          { width: '*', text: role },
          { width: STAMP_BOX.width, text: signatureLineText(name), alignment: 'right' },
        ],
      },
      { columns: [{ width: '*', text: '' }, { width: STAMP_BOX.width, stack: [stamp] }], margin: [0, 4, 0, 0] },
    ],
    margin: [0, 10, 0, 0],
  };
}

/**
 * The room a signature stamp will take: a blank box of `STAMP_BOX` size that draws nothing on the page. The stamp
 * itself is the appearance of the signature widget placed over this box when (and only when) that signature is
 * made (appearance.ts). `slot` names it; `issueDocument` hands the template one slot per signer.
 */
export function stampSlot(slot: string): Content {
  const { width, height } = STAMP_BOX;
  // pdfmake reports positions (pageBreakBefore) for nodes that lay out content: a borderless one-cell table of the
  // exact size with an empty cell draws no mark, yet reserves the room and reports where it landed
  const node: Content & { id: string } = {
    id: STAMP_ID_PREFIX + slot,
    unbreakable: true,
    table: { widths: [width], heights: [height], body: [[{ text: '' }]] },
    layout: layout('qorgan-stamp-slot'),
  };
  return node;
}

export interface OfficialDocumentOptions {
  lang: DocLang;
  orientation?: Orientation;
  /** the PDF's title (document information) */
  title: string;
  /** printed in the footer of every page; null before the number is assigned (drafts) */
  registerNumber?: string | null;
  /** the register id, written into the PDF keywords so that verification finds the entry even when bytes changed */
  documentId?: string | null;
  /** true for drafts: a grey «ЖОБА» / «ПРОЕКТ» watermark */
  draft?: boolean;
  content: Content[];
  author?: string;
}

export interface OfficialFooterArgs {
  lang: DocLang;
  registerNumber: string | null;
  left: number;
  right: number;
}

/** The footer of an official document: the register number left, "Бет 1 / 3" right (a pdfHook: hooks.ts). */
export function officialFooter(a: OfficialFooterArgs): (currentPage: number, pageCount: number) => Content {
  const w = WORDS[a.lang];
  return (currentPage, pageCount) => ({
    margin: [a.left, 20, a.right, 0],
    fontSize: 9,
    columns: [
      { text: a.registerNumber ? `${w.register} ${a.registerNumber}` : '', alignment: 'left' },
      { text: w.page(currentPage, pageCount), alignment: 'right' },
    ],
  });
}

/**
 * The whole document: A4, PT Serif 14 pt, margins, footer with the register number and "Бет 1 / 3" /
 * "Стр. 1 из 3" on every page.
 */
export function officialDocument(o: OfficialDocumentOptions): TDocumentDefinitions {
  const orientation = o.orientation ?? 'portrait';
  const margins = MARGINS[orientation];
  const footerArgs: OfficialFooterArgs = { lang: o.lang, registerNumber: o.registerNumber ?? null, left: margins[0], right: margins[2] };
  return {
    pageSize: 'A4',
    pageOrientation: orientation,
    pageMargins: margins,
    info: {
      title: o.title,
      author: o.author ?? 'Qorgan',
      creator: 'Qorgan',
      producer: 'Qorgan',
      ...(o.documentId ? { keywords: `qorgan-document:${o.documentId}` } : {}),
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: BODY_FONT_SIZE, lineHeight: 1.1 },
    ...(o.draft
      ? { watermark: { text: o.lang === 'kk' ? 'ЖОБА' : 'ПРОЕКТ', color: '#9a9a9a', opacity: 0.15, bold: true } }
      : {}),
    footer: pdfHook('documents.officialFooter', footerArgs, officialFooter(footerArgs)),
    content: o.content,
  };
}
