/**
 * Import of an existing plan from a table (a .docx table or an .xlsx sheet, read by docx-read.ts and xlsx.ts into
 * `RawTable`s): find the header row, suggest what each column holds (from the header's words and the language of
 * the text), then read every row as a section, an item, a row with a problem (with its reason), or a skipped row
 * (header repeats, the 1 2 3 … row, empty rows). Nothing is dropped silently. The commit re-reads the file with
 * the confirmed mapping and creates the sections and items in a draft plan (or a new plan).
 */
import {
  importSourceSchema,
  type ImportedItem,
  type ImportedSection,
  type ImportField,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
  type IoLanguage,
} from '../../../shared/plans-io';
import { STAFF_ROLES, STAFF_ROLE_LABELS, type PlanItemFields, type StaffRole } from '../../../shared/plans';
import type { z } from 'zod';
import { AppError } from '../errors';
import { readSchoolProfile } from '../school/queries';
import { assertDraft, insertItem, insertPlan, insertSection, touchPlan } from './queries';
import type { Db } from '../db/types';
import { defaultTitles, EVERY_QUARTER } from './template';
import { bodyKk } from '../frameworks/abbreviations';
import { decodeImportFile, pick, type PlanMeta } from './io-common';
import { measureOfCell } from './printed';
import { runParser } from '../workers/run';

export interface RawRow {
  /** text of each grid column ('' for empty and for cells covered by a merge) */
  cells: string[];
  /** 1 for a plain cell, n for a cell that spans n columns, 0 for a covered column */
  spans: number[];
  /** marked as a repeating header row in the file */
  header?: boolean;
}

export interface RawTable {
  name: string | null;
  rows: RawRow[];
  title: string | null;
  /** the hidden plan data of a file Qorgan exported (io-common.ts) */
  meta?: PlanMeta | null;
}

type ParsedSource = z.output<typeof importSourceSchema>;

const KK_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;
const CYRILLIC = /[а-яёА-ЯЁ]/;

export function languageOf(text: string): IoLanguage | null {
  if (KK_LETTERS.test(text)) return 'kk';
  if (CYRILLIC.test(text)) return 'ru';
  return null;
}

/** The language most cells speak (Kazakh when any share of them has Kazakh letters beyond a third). */
function languageOfCells(texts: string[]): IoLanguage | null {
  let kk = 0;
  let ru = 0;
  for (const t of texts) {
    const l = languageOf(t);
    if (l === 'kk') kk++;
    else if (l === 'ru') ru++;
  }
  if (kk === 0 && ru === 0) return null;
  return kk * 2 >= ru ? 'kk' : 'ru';
}

type BaseField = 'number' | 'measure' | 'completionForm' | 'deadline' | 'responsible' | 'cost' | 'funding';

const HEADER_WORDS: [BaseField, RegExp][] = [
  ['number', /^(№|n|no\.?|#)(\s*п\/п)?$|п\/п|^номер|^number$|^р\/с$|^р\/н$|^реттік/],
  ['funding', /қаржыланд|финансир|funding|қаржы көз/],
  ['cost', /шығыс|расход|cost|сомасы|сумма|бюджет/],
  ['completionForm', /аяқтал|нысан|форма заверш|форма|completion|нәтиже|результат/],
  ['deadline', /мерзім|срок|deadline|уақыт|дата|мерзімі|кезең/],
  ['responsible', /жауапт|ответствен|исполнител|орындаушы|responsible/],
  ['measure', /іс-шара|іс шара|мероприят|measure|атауы|наименован|шаралар|жұмыс түр|содержание|мазмұн/],
];

function headerField(text: string): BaseField | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === '') return null;
  for (const [f, re] of HEADER_WORDS) if (re.test(t)) return f;
  return null;
}

function headerLanguageHint(text: string): IoLanguage | null {
  const t = text.toLowerCase();
  if (/\((kk|қаз|каз)[^)]*\)|\bkk\b|қазақша|на казахском/.test(t)) return 'kk';
  if (/\((ru|орыс|рус)[^)]*\)|\bru\b|орысша|на русском/.test(t)) return 'ru';
  return null;
}

/** The first of the top rows with at least two recognised header words (the one with most, if several). */
export function detectHeaderRow(table: RawTable): number | null {
  let best: number | null = null;
  let bestScore = 1;
  const limit = Math.min(table.rows.length, 15);
  for (let r = 0; r < limit; r++) {
    const row = table.rows[r] as RawRow;
    const fields = new Set(row.cells.map(headerField).filter((f): f is BaseField => f !== null));
    const score = fields.size + (row.header ? 1 : 0);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

const withLang = (f: BaseField, l: IoLanguage): ImportField =>
  f === 'number' || f === 'responsible' ? f : (`${f}${l === 'kk' ? 'Kk' : 'Ru'}` as ImportField);

/** The suggested mapping: from the header's words, the language of each column's text, or the seed's column order. */
export function suggestMapping(table: RawTable, headerRow: number | null): { mapping: ImportField[]; language: IoLanguage } {
  const columns = table.rows[0]?.cells.length ?? 0;
  const data = table.rows.slice(headerRow === null ? 0 : headerRow + 1);
  const colTexts = (c: number) => data.map((r) => r.cells[c] ?? '').filter((t) => t !== '');
  const header = headerRow === null ? null : (table.rows[headerRow] as RawRow);
  let base: (BaseField | null)[] = Array.from({ length: columns }, (_, c) => (header ? headerField(header.cells[c] ?? '') : null));
  if (!base.some((b) => b !== null)) {
    if (columns === 7) base = ['number', 'measure', 'completionForm', 'deadline', 'responsible', 'cost', 'funding'];
    else {
      // the longest text is the measure; a first column of numbers is the №
      const avg = Array.from({ length: columns }, (_, c) => {
        const t = colTexts(c);
        return t.length === 0 ? 0 : t.reduce((n, s) => n + s.length, 0) / t.length;
      });
      const longest = avg.indexOf(Math.max(...avg));
      if (longest >= 0) base[longest] = 'measure';
      if (columns > 1 && longest !== 0 && colTexts(0).every((t) => /^\d+(\.\d+)*\.?$/.test(t))) base[0] = 'number';
    }
  }
  const measureCols = base.flatMap((b, c) => (b === 'measure' ? [c] : []));
  const language = languageOfCells(measureCols.flatMap(colTexts)) ?? languageOfCells(data.flatMap((r) => r.cells)) ?? 'kk';
  const used = new Set<ImportField>();
  const mapping = base.map((b, c): ImportField => {
    if (b === null) return 'ignore';
    let l: IoLanguage =
      (header ? headerLanguageHint(header.cells[c] ?? '') : null) ??
      (header ? languageOf(header.cells[c] ?? '') : null) ??
      (b === 'measure' || b === 'completionForm' || b === 'deadline' ? languageOfCells(colTexts(c)) : null) ??
      language;
    let f = withLang(b, l);
    if (used.has(f) && f !== 'number' && f !== 'responsible') {
      l = l === 'kk' ? 'ru' : 'kk';
      f = withLang(b, l);
    }
    if (used.has(f)) return 'ignore';
    used.add(f);
    return f;
  });
  return { mapping, language };
}

// --- deadline → months -----------------------------------------------------------------------------------------

const KK_MONTH_WORDS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
const RU_MONTH_STEMS = ['январ', 'феврал', 'март', 'апрел', 'ма', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];

/** Months and dates a deadline text names ("тоқсан сайын" = one month in each quarter). */
export function dueFromDeadline(text: string): { dueMonths: number[]; dueDates: string[] } {
  const t = text.toLowerCase();
  const months = new Set<number>();
  for (const w of t.split(/[^\p{L}]+/u)) {
    if (w === '') continue;
    KK_MONTH_WORDS.forEach((m, i) => {
      if (w.startsWith(m)) months.add(i + 1);
    });
    RU_MONTH_STEMS.forEach((m, i) => {
      if (i === 4 ? /^ма[йяе]$/.test(w) : w.startsWith(m) && !(i === 2 && w.startsWith('марш'))) months.add(i + 1);
    });
  }
  const dates = new Set<string>();
  const found = [
    ...[...t.matchAll(/(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/g)].map((m) => [Number(m[3]), Number(m[2]), Number(m[1])]),
    // Excel's dates arrive as ISO dates
    ...[...t.matchAll(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]),
  ];
  for (const [y = 0, mo = 0, d = 0] of found) {
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (y >= 2000 && y <= 2100 && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d) {
      dates.add(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    }
  }
  if (months.size === 0 && /тоқсан сайын|тоқсанына|әр тоқсан|ежекварт|ежечетверт|кажд\S* четверт|quarterly/.test(t)) {
    for (const m of EVERY_QUARTER) months.add(m);
  }
  return { dueMonths: [...months].sort((a, b) => a - b), dueDates: [...dates].sort().slice(0, 60) };
}

// --- responsible → roles and bodies ----------------------------------------------------------------------------

const ROLE_BY_LABEL = new Map<string, StaffRole>();
for (const r of STAFF_ROLES) {
  ROLE_BY_LABEL.set(STAFF_ROLE_LABELS[r].kk.toLowerCase(), r);
  ROLE_BY_LABEL.set(STAFF_ROLE_LABELS[r].ru.toLowerCase(), r);
}

export function splitResponsible(text: string): { roles: StaffRole[]; bodies: string[] } {
  const roles: StaffRole[] = [];
  const bodies: string[] = [];
  for (const part of text.split(/[,;\n]+/)) {
    const p = part.trim().replace(/\s+/g, ' ');
    if (p === '') continue;
    const role = ROLE_BY_LABEL.get(p.toLowerCase());
    if (role) {
      if (!roles.includes(role)) roles.push(role);
    } else if (!bodies.includes(p)) bodies.push(p);
  }
  return { roles, bodies };
}

// --- rows --------------------------------------------------------------------------------------------------------

const NOTE_HEADINGS = ['Ескертпе: аббревиатуралардың', 'Примечание: расшифровка аббревиатур'];

const SECTION_NO = /^((?:\d+\.)*\d+)\.?\s+(\S[\s\S]*)$/;
const ROMAN_NO = /^([IVXІ]+)\.\s+(\S[\s\S]*)$/;

const LIMITS: Partial<Record<ImportField, number>> = {
  measureKk: 4000,
  measureRu: 4000,
  completionFormKk: 1000,
  completionFormRu: 1000,
  deadlineKk: 1000,
  deadlineRu: 1000,
  costKk: 400,
  costRu: 400,
  fundingKk: 400,
  fundingRu: 400,
  number: 40,
  responsible: 8000,
};

function sameCells(a: string[], b: string[]): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  let nonEmpty = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (norm(a[i] ?? '') !== norm(b[i] ?? '')) return false;
    if ((a[i] ?? '') !== '') nonEmpty++;
  }
  return nonEmpty > 0;
}

function isColumnNumbers(cells: string[]): boolean {
  const nonEmpty = cells.filter((c) => c !== '');
  if (nonEmpty.length < 3) return false;
  return nonEmpty.every((c, i) => c.replace(/\.$/, '') === String(i + 1));
}

function readSection(text: string, language: IoLanguage): ImportedSection {
  const m = SECTION_NO.exec(text) ?? ROMAN_NO.exec(text) ?? /^((?:\d+\.)*\d+)\.?()$/.exec(text.trim());
  const printedNumber = m ? (m[1] as string) : null;
  const title = (m ? (m[2] as string) : text).trim();
  const level: 1 | 2 = printedNumber !== null && printedNumber.includes('.') ? 2 : 1;
  // a Kazakh title may lack the Kazakh letters; only they decide against the document's language
  const l = KK_LETTERS.test(title) ? 'kk' : language;
  return { printedNumber, level, titleKk: l === 'kk' ? title : '', titleRu: l === 'ru' ? title : '', restored: false };
}

function readItem(cells: string[], mapping: ImportField[]): { item: ImportedItem } | { reason: 'no_measure' | 'cell_too_long' | 'too_many_responsible'; column: number | null } {
  const v: Partial<Record<ImportField, string>> = {};
  for (let c = 0; c < mapping.length; c++) {
    const f = mapping[c] as ImportField;
    if (f === 'ignore') continue;
    const text = (cells[c] ?? '').trim();
    const limit = LIMITS[f];
    if (limit !== undefined && text.length > limit) return { reason: 'cell_too_long', column: c };
    v[f] = v[f] ? `${v[f]}\n${text}`.trim() : text;
  }
  if (!v.measureKk && !v.measureRu) {
    const col = mapping.findIndex((f) => f === 'measureKk' || f === 'measureRu');
    return { reason: 'no_measure', column: col >= 0 ? col : null };
  }
  if (v.measureKk) v.measureKk = measureOfCell(v.measureKk);
  if (v.measureRu) v.measureRu = measureOfCell(v.measureRu);
  const { roles, bodies: printed } = splitResponsible(v.responsible ?? '');
  // bodies are stored in their Kazakh forms (a Russian file prints МП, МЗ … for ОМ, ДСМ …)
  const bodies = printed.map(bodyKk);
  const respCol = mapping.indexOf('responsible');
  if (bodies.length > 30) return { reason: 'too_many_responsible', column: respCol >= 0 ? respCol : null };
  if (bodies.some((b) => b.length > 200)) return { reason: 'cell_too_long', column: respCol >= 0 ? respCol : null };
  const due = dueFromDeadline(`${v.deadlineKk ?? ''}\n${v.deadlineRu ?? ''}`);
  return {
    item: {
      printedNumber: (v.number ?? '').replace(/\.$/, ''),
      measureKk: v.measureKk ?? '',
      measureRu: v.measureRu ?? '',
      completionFormKk: v.completionFormKk ?? '',
      completionFormRu: v.completionFormRu ?? '',
      deadlineKk: v.deadlineKk ?? '',
      deadlineRu: v.deadlineRu ?? '',
      dueMonths: due.dueMonths,
      dueDates: due.dueDates,
      responsibleRoles: roles,
      responsibleBodies: bodies,
      costKk: v.costKk ?? '',
      costRu: v.costRu ?? '',
      fundingKk: v.fundingKk ?? '',
      fundingRu: v.fundingRu ?? '',
      restored: false,
      targetGroup: null,
      frameworkLinks: [],
    },
  };
}

type TextPair = readonly ['measureKk' | 'completionFormKk' | 'deadlineKk' | 'costKk' | 'fundingKk', 'measureRu' | 'completionFormRu' | 'deadlineRu' | 'costRu' | 'fundingRu'];
const PAIRS: readonly TextPair[] = [
  ['measureKk', 'measureRu'],
  ['completionFormKk', 'completionFormRu'],
  ['deadlineKk', 'deadlineRu'],
  ['costKk', 'costRu'],
  ['fundingKk', 'fundingRu'],
];

/** the visible text is the exported one: the language's text, or the other's when the language's was empty */
const asExported = (visible: string, mine: string, other: string) => visible === mine.trim() || (mine.trim() === '' && visible === other.trim());

/**
 * Completes rows that are unchanged from a Qorgan export with the hidden plan data: the other language, due
 * months and dates (when the deadline is unchanged), target group, framework links. Returns how many items.
 */
export function restoreFromMeta(rows: ImportRow[], meta: PlanMeta): number {
  const kk = meta.language === 'kk';
  const items = new Map(meta.items.map((i) => [i.number, i]));
  const sections = new Map(meta.sections.map((s) => [s.number, s]));
  let restored = 0;
  for (const r of rows) {
    if (r.kind === 'section' && r.section.printedNumber !== null) {
      const m = sections.get(r.section.printedNumber);
      const visible = kk ? r.section.titleKk : r.section.titleRu;
      if (m && asExported(visible, kk ? m.titleKk : m.titleRu, kk ? m.titleRu : m.titleKk)) {
        r.section.titleKk = m.titleKk;
        r.section.titleRu = m.titleRu;
        r.section.restored = true;
      }
    } else if (r.kind === 'item') {
      const it = r.item;
      const m = items.get(it.printedNumber);
      if (!m) continue;
      const same = ([k, ru]: TextPair) => asExported(kk ? it[k] : it[ru], kk ? m[k] : m[ru], kk ? m[ru] : m[k]);
      if (!same(PAIRS[0] as TextPair)) continue;
      for (const pair of PAIRS) {
        if (!same(pair)) continue;
        it[pair[0]] = m[pair[0]];
        it[pair[1]] = m[pair[1]];
      }
      if (same(PAIRS[2] as TextPair)) {
        it.dueMonths = [...m.dueMonths].sort((a, b) => a - b);
        it.dueDates = m.dueDates;
      }
      it.targetGroup = m.targetGroup;
      it.frameworkLinks = m.links.map((l) => ({ frameworkCode: l.code, number: l.number }));
      it.restored = true;
      restored++;
    }
  }
  return restored;
}

/** The heading of the abbreviation note under the table ("Ескертпе: …", "Примечание: …") as the only text of a row. */
function isNoteHeading(cells: string[]): boolean {
  const texts = cells.filter((t) => t.trim() !== '');
  return texts.length === 1 && NOTE_HEADINGS.some((h) => (texts[0] as string).trim().startsWith(h));
}

/** Every row of the table, read with a mapping. */
export function readRows(table: RawTable, headerRow: number | null, mapping: ImportField[], language: IoLanguage): ImportRow[] {
  const header = headerRow === null ? null : (table.rows[headerRow] as RawRow);
  const hasMeasure = mapping.includes('measureKk') || mapping.includes('measureRu');
  let afterTable = false;
  return table.rows.map((r, i): ImportRow => {
    const row = i + 1;
    const cells = r.cells;
    if (headerRow !== null && i < headerRow) return { row, kind: 'skipped', cells, reason: 'before_header' };
    // the abbreviation note under the table (and all after it) is not part of the plan
    if (afterTable || (i > (headerRow ?? -1) && isNoteHeading(cells))) {
      afterTable = true;
      return { row, kind: 'skipped', cells, reason: 'after_table' };
    }
    if (i === headerRow || (header && sameCells(cells, header.cells))) return { row, kind: 'skipped', cells, reason: 'header' };
    const masters = cells.flatMap((t, c) => ((r.spans[c] ?? 1) > 0 && t !== '' ? [{ t, c, span: r.spans[c] ?? 1 }] : []));
    if (masters.length === 0) return { row, kind: 'skipped', cells, reason: 'empty' };
    if (isColumnNumbers(cells)) return { row, kind: 'skipped', cells, reason: 'column_numbers' };
    if (masters.length === 1) {
      const only = masters[0] as { t: string; c: number; span: number };
      if (only.span >= 2 || SECTION_NO.test(only.t) || ROMAN_NO.test(only.t)) {
        return { row, kind: 'section', cells, section: readSection(only.t, language) };
      }
    }
    if (mapping.every((f, c) => f === 'ignore' || (cells[c] ?? '') === '')) return { row, kind: 'skipped', cells, reason: 'empty' };
    if (!hasMeasure) return { row, kind: 'problem', cells, reason: 'no_measure_column', column: null };
    const res = readItem(cells, mapping);
    if ('item' in res) return { row, kind: 'item', cells, item: res.item };
    return { row, kind: 'problem', cells, reason: res.reason, column: res.column };
  });
}

async function readTables(source: ParsedSource): Promise<RawTable[]> {
  // size and type are checked here (cheap, a clear answer without a worker); the parsing runs in the parse worker
  const bytes = decodeImportFile(source.fileBase64, source.kind);
  return runParser('plans.tables', bytes, { kind: source.kind }, { failure: 'plans.import_failed' });
}

/** The table to read: the one asked for, or the one with most rows that has at least two columns. */
function pickTable(tables: RawTable[], asked: number | undefined): number {
  if (asked !== undefined) {
    if (asked >= tables.length) throw new AppError('validation', 'no such table in the file', { tables: tables.length });
    return asked;
  }
  let best = 0;
  let bestScore = -1;
  tables.forEach((t, i) => {
    const cols = t.rows[0]?.cells.length ?? 0;
    const score = (cols >= 2 ? 1_000_000 : 0) + (detectHeaderRow(t) !== null ? 100_000 : 0) + t.rows.length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** A sheet's title: the last row above the header with one text (not the «Бекітемін» block). */
function titleAbove(table: RawTable, headerRow: number | null): string | null {
  if (headerRow === null) return null;
  let found: string | null = null;
  for (const r of table.rows.slice(0, headerRow)) {
    const texts = r.cells.filter((t, c) => t !== '' && (r.spans[c] ?? 1) > 0);
    if (texts.length === 1 && !/^[«"]/.test(texts[0] as string) && !YEAR_LINE.test((texts[0] as string).trim())) found = texts[0] as string;
  }
  return found;
}

/** The academic-year line Qorgan prints under the title ("2025–2026 оқу жылы", "на 2025–2026 учебный год"). */
const YEAR_LINE = /^(\d{4}[–-]\d{4} оқу жылы|на \d{4}[–-]\d{4} учебный год)$/;

/** A title read from a file, without the academic-year line under it. */
function withoutYearLine(title: string | null): string | null {
  if (title === null) return null;
  const lines = title.split('\n').filter((l) => !YEAR_LINE.test(l.trim()));
  return lines.length > 0 ? lines.join('\n') : null;
}

export async function previewImport(source: ParsedSource): Promise<ImportPreview> {
  const tables = await readTables(source);
  const index = pickTable(tables, source.table);
  const table = tables[index] as RawTable;
  const columns = table.rows[0]?.cells.length ?? 0;
  const headerRow = source.headerRow === undefined ? detectHeaderRow(table) : source.headerRow;
  if (headerRow !== null && headerRow >= table.rows.length) throw new AppError('validation', 'the header row is outside the table');
  const suggested = suggestMapping(table, headerRow);
  let mapping = suggested.mapping;
  if (source.mapping) {
    mapping = Array.from({ length: columns }, (_, c) => source.mapping?.[c] ?? 'ignore');
    const taken = mapping.filter((f) => f !== 'ignore' && f !== 'responsible');
    if (new Set(taken).size !== taken.length) throw new AppError('validation', 'a field is mapped to two columns');
  }
  const rows = readRows(table, headerRow, mapping, suggested.language);
  const restored = table.meta ? restoreFromMeta(rows, table.meta) : 0;
  const title = withoutYearLine(table.title) ?? titleAbove(table, headerRow);
  const metaTitle = table.meta ? pick(table.meta.language, table.meta.titleKk, table.meta.titleRu).trim() : null;
  const titles = table.meta && title !== null && metaTitle === title.trim() ? { kk: table.meta.titleKk, ru: table.meta.titleRu } : null;
  const counts = { sections: 0, items: 0, problems: 0, skipped: 0, restored };
  for (const r of rows) {
    if (r.kind === 'section') counts.sections++;
    else if (r.kind === 'item') counts.items++;
    else if (r.kind === 'problem') counts.problems++;
    else counts.skipped++;
  }
  return {
    kind: source.kind,
    tables: tables.map((t, i) => ({ index: i, name: t.name, rows: t.rows.length, columns: t.rows[0]?.cells.length ?? 0 })),
    table: index,
    headerRow,
    headers: Array.from({ length: columns }, (_, c) => (headerRow === null ? '' : (table.rows[headerRow]?.cells[c] ?? ''))),
    columns,
    mapping,
    suggestedMapping: suggested.mapping,
    language: suggested.language,
    title,
    titles,
    rows,
    counts,
  };
}

export interface CommitInput {
  source: ParsedSource;
  target: { kind: 'plan'; planId: string } | { kind: 'new'; academicYear: number; titleKk?: string | undefined; titleRu?: string | undefined };
  acceptProblems: boolean;
}

function itemFields(it: ImportedItem): Partial<PlanItemFields> {
  return {
    measureKk: it.measureKk,
    measureRu: it.measureRu,
    completionFormKk: it.completionFormKk,
    completionFormRu: it.completionFormRu,
    deadlineKk: it.deadlineKk,
    deadlineRu: it.deadlineRu,
    dueMonths: it.dueMonths,
    dueDates: it.dueDates,
    responsibleRoles: it.responsibleRoles as StaffRole[],
    responsibleBodies: it.responsibleBodies,
    ...(it.targetGroup ? { targetGroup: it.targetGroup } : {}),
    costKk: it.costKk,
    costRu: it.costRu,
    fundingKk: it.fundingKk,
    fundingRu: it.fundingRu,
  };
}

/** Framework items by (code, number), in the newest revision of the framework that has the number. */
async function linkIds(db: Db, links: ImportedItem['frameworkLinks']): Promise<string[]> {
  const ids: string[] = [];
  for (const l of links) {
    const r = await db
      .selectFrom('framework_items as i')
      .innerJoin('frameworks as f', 'f.id', 'i.framework_id')
      .select('i.id')
      .where('f.code', '=', l.frameworkCode)
      .where('i.number', '=', l.number)
      .orderBy('f.revision', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (r && !ids.includes(r.id)) ids.push(r.id);
  }
  return ids;
}

export async function commitImport(db: Db, input: CommitInput, now: Date): Promise<ImportResult> {
  const preview = await previewImport(input.source);
  if (preview.counts.problems > 0 && !input.acceptProblems) {
    throw new AppError('plans.import_has_problems', 'some rows do not parse; confirm to leave them out', {
      problems: preview.counts.problems,
    });
  }
  if (preview.counts.items === 0) throw new AppError('plans.import_no_items', 'the table holds no item the mapping can read');

  let planId: string;
  if (input.target.kind === 'plan') {
    planId = input.target.planId;
    await assertDraft(db, planId);
  } else {
    const school = await readSchoolProfile(db);
    const defaults = defaultTitles(school);
    const detected = preview.title?.replace(/\s*\n\s*/g, ' ').trim().slice(0, 1000) || null;
    const detectedLang = detected ? (KK_LETTERS.test(detected) ? 'kk' : preview.language) : null;
    planId = await insertPlan(
      db,
      {
        academicYear: input.target.academicYear,
        titleKk: input.target.titleKk ?? preview.titles?.kk ?? (detected && detectedLang === 'kk' ? detected : defaults.titleKk),
        titleRu: input.target.titleRu ?? preview.titles?.ru ?? (detected && detectedLang === 'ru' ? detected : defaults.titleRu),
      },
      now,
    );
  }

  let top: string | null = null;
  let current: string | null = null;
  let sectionsCreated = 0;
  let itemsCreated = 0;
  for (const r of preview.rows) {
    if (r.kind === 'section') {
      const s = r.section;
      const parentId = s.level === 2 ? top : null;
      current = await insertSection(db, planId, { parentId, titleKk: s.titleKk, titleRu: s.titleRu });
      if (parentId === null) top = current;
      sectionsCreated++;
    } else if (r.kind === 'item') {
      if (current === null) {
        current = await insertSection(db, planId, { parentId: null, titleKk: '', titleRu: '' });
        top = current;
        sectionsCreated++;
      }
      await insertItem(db, planId, current, { ...itemFields(r.item), frameworkItemIds: await linkIds(db, r.item.frameworkLinks) }, now);
      itemsCreated++;
    }
  }
  await touchPlan(db, planId, now);
  return { planId, sectionsCreated, itemsCreated, rowsLeftOut: preview.counts.problems };
}

