/**
 * Frameworks as XLSX, so that a successor (the Concept "Children of Kazakhstan" 2026–2030) can be typed into
 * Excel and added without code.
 *
 * The workbook Qorgan writes (and reads back to the same framework file):
 *   framework      key | value            (code, revision, kind, titleKk, … yearFrom, yearTo, reportingDay …)
 *   columns        key | kk | ru          (the table's column headers)
 *   sections       code | parent | titleKk | titleRu | notes
 *   items          number | section | measureKk | measureRu | completionFormKk | … | notes | repaired | source
 *   abbreviations  abbr | fullKk | fullRu | source
 *   fragments      beforeItem | textKk | notes
 * A hand-made workbook may instead hold one table with ordinary headers (№, Іс-шаралар / Мероприятия, Орындау
 * мерзімі …) and section rows ("2.1. Қысқа мерзімді шаралар"); the missing metadata comes from the overrides
 * (code, revision, kind, titles, years) given in the import dialog.
 */
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { frameworkFileSchema, type FrameworkFile, type FrameworkFileInput } from '../../../shared/frameworks';
import type { FrameworkXlsxPreview, FrameworkXlsxProblem, frameworkXlsxOverridesSchema } from '../../../shared/plans-io';
import { COLUMN_KEYS, COLUMN_LABELS } from './io-common';
import { detectHeaderRow, readRows, suggestMapping, type RawTable } from './import';
import { cellText, loadWorkbookBytes, sheetTable } from './xlsx';

type Overrides = z.output<typeof frameworkXlsxOverridesSchema>;

const META_KEYS = [
  'format',
  'formatVersion',
  'code',
  'revision',
  'kind',
  'titleKk',
  'titleRu',
  'shortTitleKk',
  'shortTitleRu',
  'issuedOn',
  'issuedNumber',
  'yearFrom',
  'yearTo',
  'notes',
  'reportingKk',
  'reportingRu',
  'reportingDay',
] as const;
const SECTION_KEYS = ['code', 'parent', 'titleKk', 'titleRu', 'notes'] as const;
const ITEM_KEYS = [
  'number',
  'section',
  'measureKk',
  'measureRu',
  'completionFormKk',
  'completionFormRu',
  'deadlineKk',
  'deadlineRu',
  'responsibleKk',
  'costKk',
  'fundingKk',
  'notes',
  'repaired',
  'source',
  // added with Decree 748 revision 2 (Russian cells and where the Russian texts come from); absent in older files
  'responsibleRu',
  'costRu',
  'fundingRu',
  'ruSource',
] as const;
const ABBR_KEYS = ['abbr', 'fullKk', 'fullRu', 'source'] as const;
const FRAGMENT_KEYS = ['beforeItem', 'textKk', 'notes'] as const;

function ruSourceOf(v: string | null): 'official' | 'translation' | null {
  return v === 'official' || v === 'translation' ? v : null;
}

function addKeyedSheet(wb: ExcelJS.Workbook, name: string, keys: readonly string[], rows: (string | number | null)[][], widths: number[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = keys.map((k, i) => ({ header: k, key: k, width: widths[i] ?? 20 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const xr = ws.addRow(r.map((v) => (v === null ? null : v)));
    xr.alignment = { wrapText: true, vertical: 'top' };
  }
}

/** A framework file as a workbook (the layout above). */
export async function frameworkXlsx(f: FrameworkFile): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qorgan';
  wb.created = new Date(0);
  const meta: Record<(typeof META_KEYS)[number], string | number | null> = {
    format: 'qorgan.framework',
    formatVersion: 1,
    code: f.code,
    revision: f.revision,
    kind: f.kind,
    titleKk: f.titleKk,
    titleRu: f.titleRu,
    shortTitleKk: f.shortTitleKk,
    shortTitleRu: f.shortTitleRu,
    issuedOn: f.issuedOn,
    issuedNumber: f.issuedNumber,
    yearFrom: f.yearFrom,
    yearTo: f.yearTo,
    notes: f.notes,
    reportingKk: f.reporting?.kk ?? null,
    reportingRu: f.reporting?.ru ?? null,
    reportingDay: f.reporting?.dayOfNextMonth ?? null,
  };
  addKeyedSheet(wb, 'framework', ['key', 'value'], META_KEYS.map((k) => [k, meta[k]]), [18, 120]);
  addKeyedSheet(wb, 'columns', ['key', 'kk', 'ru'], f.columns.map((c) => [c.key, c.kk, c.ru]), [18, 40, 40]);
  addKeyedSheet(wb, 'sections', SECTION_KEYS, f.sections.map((s) => [s.code, s.parent, s.titleKk, s.titleRu, s.notes]), [8, 8, 60, 60, 40]);
  addKeyedSheet(
    wb,
    'items',
    ITEM_KEYS,
    f.items.map((i) => [
      i.number,
      i.section,
      i.measureKk,
      i.measureRu,
      i.completionFormKk,
      i.completionFormRu,
      i.deadlineKk,
      i.deadlineRu,
      i.responsibleKk,
      i.costKk,
      i.fundingKk,
      i.notes,
      i.repaired.length > 0 ? i.repaired.join('\n') : null,
      i.source ?? null,
      i.responsibleRu,
      i.costRu,
      i.fundingRu,
      i.ruSource,
    ]),
    [8, 8, 60, 60, 24, 24, 22, 22, 30, 16, 18, 40, 40, 20, 30, 16, 18, 12],
  );
  addKeyedSheet(wb, 'abbreviations', ABBR_KEYS, f.abbreviations.map((a) => [a.abbr, a.fullKk, a.fullRu, a.source]), [14, 60, 60, 10]);
  addKeyedSheet(wb, 'fragments', FRAGMENT_KEYS, f.fragments.map((x) => [x.beforeItem, x.textKk, x.notes]), [10, 80, 40]);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}

// --- reading ---------------------------------------------------------------------------------------------------

type Row = Record<string, string>;

/** Rows of a sheet whose first row holds the given keys (case-insensitive); null when the sheet has not got them. */
function keyedRows(ws: ExcelJS.Worksheet | undefined, required: readonly string[]): { rows: { row: number; v: Row }[] } | null {
  if (!ws) return null;
  const head = ws.getRow(1);
  const index = new Map<string, number>();
  for (let c = 1; c <= Math.min(60, ws.columnCount); c++) {
    const k = cellText(head.getCell(c).value).trim();
    if (k) index.set(k.toLowerCase(), c);
  }
  if (!required.every((k) => index.has(k.toLowerCase()))) return null;
  const rows: { row: number; v: Row }[] = [];
  for (let r = 2; r <= Math.min(ws.rowCount, 20_000); r++) {
    const xr = ws.getRow(r);
    const v: Row = {};
    let any = false;
    for (const [k, c] of index) {
      const t = cellText(xr.getCell(c).value).replace(/\r\n?/g, '\n').trim();
      v[k] = t;
      if (t !== '') any = true;
    }
    if (any) rows.push({ row: r, v });
  }
  return { rows };
}

const get = (v: Row, k: string): string | null => {
  const t = v[k.toLowerCase()];
  return t === undefined || t === '' ? null : t;
};
const num = (s: string | null): number | null => (s !== null && /^-?\d+$/.test(s) ? Number(s) : null);

interface Parsed {
  file: FrameworkFileInput;
  problems: FrameworkXlsxProblem[];
}

/** A hand-made table: ordinary headers and section rows, read with the plan import's reader. */
function fromPlainTable(table: RawTable, problems: FrameworkXlsxProblem[]): Pick<FrameworkFileInput, 'sections' | 'items'> {
  const headerRow = detectHeaderRow(table);
  const { mapping, language } = suggestMapping(table, headerRow);
  const sections: FrameworkFileInput['sections'] = [];
  const items: FrameworkFileInput['items'] = [];
  const numbers = new Set<string>();
  let top = 0;
  let sub = 0;
  let current: string | null = null;
  let auto = 0;
  for (const r of readRows(table, headerRow, mapping, language)) {
    if (r.kind === 'section') {
      const s = r.section;
      let code = s.printedNumber && /^\d+(\.\d+)*$/.test(s.printedNumber) ? s.printedNumber : null;
      if (s.level === 1) {
        top = code ? Number(code.split('.')[0]) : top + 1;
        sub = 0;
        code ??= String(top);
      } else {
        sub = code ? Number(code.split('.').at(-1)) : sub + 1;
        code ??= `${top}.${sub}`;
      }
      const parent = code.includes('.') ? code.split('.').slice(0, -1).join('.') : null;
      if (sections.some((x) => x.code === code)) {
        problems.push({ sheet: table.name ?? '', row: r.row, reason: 'bad_value', column: null });
        continue;
      }
      if (parent !== null && !sections.some((x) => x.code === parent)) {
        sections.push({ code: parent, parent: null, titleKk: null, titleRu: null, notes: null });
      }
      sections.push({ code, parent, titleKk: s.titleKk || null, titleRu: s.titleRu || null, notes: null });
      current = code;
    } else if (r.kind === 'item') {
      const it = r.item;
      auto++;
      const number = it.printedNumber === '' ? String(auto) : it.printedNumber;
      if (!/^\d+(\.\d+)*$/.test(number)) {
        problems.push({ sheet: table.name ?? '', row: r.row, reason: 'bad_number', column: 'number' });
        continue;
      }
      if (numbers.has(number)) {
        problems.push({ sheet: table.name ?? '', row: r.row, reason: 'duplicate_number', column: 'number' });
        continue;
      }
      numbers.add(number);
      if (current === null) {
        current = '1';
        top = 1;
        sections.push({ code: '1', parent: null, titleKk: null, titleRu: null, notes: null });
      }
      const responsible = [...it.responsibleRoles, ...it.responsibleBodies].join(', ');
      items.push({
        number,
        section: current,
        measureKk: it.measureKk || null,
        measureRu: it.measureRu || null,
        completionFormKk: it.completionFormKk || null,
        completionFormRu: it.completionFormRu || null,
        deadlineKk: it.deadlineKk || null,
        deadlineRu: it.deadlineRu || null,
        responsibleKk: responsible || null,
        costKk: it.costKk || it.costRu || null,
        fundingKk: it.fundingKk || it.fundingRu || null,
        notes: null,
        repaired: [],
      });
    } else if (r.kind === 'problem') {
      problems.push({
        sheet: table.name ?? '',
        row: r.row,
        reason: r.reason === 'cell_too_long' ? 'cell_too_long' : r.reason === 'too_many_responsible' ? 'bad_value' : 'no_measure',
        column: r.column === null ? null : String(r.column + 1),
      });
    }
  }
  return { sections, items };
}

function readFramework(wb: ExcelJS.Workbook, o: Overrides): Parsed {
  const problems: FrameworkXlsxProblem[] = [];
  const sheet = (name: string) => wb.worksheets.find((w) => w.name.trim().toLowerCase() === name);
  const meta: Row = {};
  for (const { v } of keyedRows(sheet('framework'), ['key', 'value'])?.rows ?? []) {
    const k = v['key'];
    if (k) meta[k.toLowerCase()] = v['value'] ?? '';
  }
  const m = (k: string) => get(meta, k);

  const columnsRows = keyedRows(sheet('columns'), ['key', 'kk', 'ru'])?.rows ?? [];
  const columns =
    columnsRows.length > 0
      ? columnsRows.map(({ v }) => ({ key: v['key'] ?? '', kk: v['kk'] ?? '', ru: v['ru'] ?? '' }))
      : COLUMN_KEYS.map((key, i) => ({ key, kk: COLUMN_LABELS.kk[i] as string, ru: COLUMN_LABELS.ru[i] as string }));

  let sections: FrameworkFileInput['sections'] = [];
  let items: FrameworkFileInput['items'] = [];
  const keyedItems = keyedRows(sheet('items'), ['number', 'section']);
  if (keyedItems) {
    sections = (keyedRows(sheet('sections'), ['code'])?.rows ?? []).map(({ v }) => ({
      code: get(v, 'code') ?? '',
      parent: get(v, 'parent'),
      titleKk: get(v, 'titleKk'),
      titleRu: get(v, 'titleRu'),
      notes: get(v, 'notes'),
    }));
    const codes = new Set(sections.map((s) => s.code));
    const numbers = new Set<string>();
    for (const { row, v } of keyedItems.rows) {
      const number = get(v, 'number') ?? '';
      const bad = (reason: FrameworkXlsxProblem['reason'], column: string | null) =>
        problems.push({ sheet: 'items', row, reason, column });
      if (!/^\d+(\.\d+)*$/.test(number)) {
        bad('bad_number', 'number');
        continue;
      }
      if (numbers.has(number)) {
        bad('duplicate_number', 'number');
        continue;
      }
      const section = get(v, 'section') ?? '';
      if (sections.length > 0 && !codes.has(section)) {
        bad('unknown_section', 'section');
        continue;
      }
      if (!get(v, 'measureKk') && !get(v, 'measureRu')) {
        bad('no_measure', 'measureKk');
        continue;
      }
      const tooLong = ITEM_KEYS.find((k) => (get(v, k) ?? '').length > 4000);
      if (tooLong) {
        bad('cell_too_long', tooLong);
        continue;
      }
      numbers.add(number);
      const source = get(v, 'source');
      items.push({
        number,
        section,
        measureKk: get(v, 'measureKk'),
        measureRu: get(v, 'measureRu'),
        completionFormKk: get(v, 'completionFormKk'),
        completionFormRu: get(v, 'completionFormRu'),
        deadlineKk: get(v, 'deadlineKk'),
        deadlineRu: get(v, 'deadlineRu'),
        responsibleKk: get(v, 'responsibleKk'),
        costKk: get(v, 'costKk'),
        fundingKk: get(v, 'fundingKk'),
        notes: get(v, 'notes'),
        repaired: (get(v, 'repaired') ?? '').split('\n').map((s) => s.trim()).filter((s) => s !== ''),
        ...(source ? { source } : {}),
        responsibleRu: get(v, 'responsibleRu'),
        costRu: get(v, 'costRu'),
        fundingRu: get(v, 'fundingRu'),
        ruSource: ruSourceOf(get(v, 'ruSource')),
      });
    }
  } else {
    const ws = sheet('items') ?? wb.worksheets.find((w) => w.rowCount > 0 && !['framework', 'columns', 'sections', 'abbreviations', 'fragments'].includes(w.name.trim().toLowerCase()));
    if (ws) ({ sections, items } = fromPlainTable(sheetTable(ws), problems));
  }

  const abbreviations = (keyedRows(sheet('abbreviations'), ['abbr'])?.rows ?? []).flatMap(({ row, v }) => {
    const abbr = get(v, 'abbr');
    if (!abbr) return [];
    const source = get(v, 'source');
    if (source !== null && !['seed', 'table', 'import'].includes(source)) {
      problems.push({ sheet: 'abbreviations', row, reason: 'bad_value', column: 'source' });
      return [];
    }
    return [{ abbr, fullKk: get(v, 'fullKk'), fullRu: get(v, 'fullRu'), source: (source ?? 'import') as 'seed' | 'table' | 'import' }];
  });
  const fragments = (keyedRows(sheet('fragments'), ['textKk'])?.rows ?? []).flatMap(({ v }) => {
    const textKk = get(v, 'textKk');
    return textKk ? [{ beforeItem: get(v, 'beforeItem'), textKk, notes: get(v, 'notes') }] : [];
  });

  const reportingKk = m('reportingKk');
  const reportingRu = m('reportingRu');
  const reportingDay = num(m('reportingDay'));
  const file: FrameworkFileInput = {
    format: 'qorgan.framework',
    formatVersion: 1,
    code: o.code ?? m('code') ?? '',
    revision: o.revision ?? num(m('revision')) ?? 1,
    kind: (o.kind ?? m('kind') ?? 'other') as FrameworkFileInput['kind'],
    titleKk: o.titleKk ?? m('titleKk'),
    titleRu: o.titleRu ?? m('titleRu'),
    shortTitleKk: m('shortTitleKk'),
    shortTitleRu: m('shortTitleRu'),
    issuedOn: m('issuedOn'),
    issuedNumber: m('issuedNumber'),
    yearFrom: o.yearFrom ?? num(m('yearFrom')) ?? 0,
    yearTo: o.yearTo ?? num(m('yearTo')) ?? 0,
    reporting: reportingKk || reportingRu || reportingDay !== null ? { kk: reportingKk, ru: reportingRu, dayOfNextMonth: reportingDay } : null,
    notes: m('notes'),
    columns: columns as FrameworkFileInput['columns'],
    sections,
    items,
    abbreviations,
    fragments,
  };
  return { file, problems };
}

export async function parseFrameworkXlsx(
  base64: string,
  overrides: Overrides,
): Promise<{ preview: FrameworkXlsxPreview; file: FrameworkFile | null }> {
  return parseFrameworkXlsxBytes(Buffer.from(base64, 'base64'), overrides);
}

/** A framework workbook's bytes read into a framework file (run in the parse worker). */
export async function parseFrameworkXlsxBytes(
  bytes: Uint8Array,
  overrides: Overrides,
): Promise<{ preview: FrameworkXlsxPreview; file: FrameworkFile | null }> {
  const wb = await loadWorkbookBytes(bytes);
  const { file, problems } = readFramework(wb, overrides);
  const parsed = frameworkFileSchema.safeParse(file);
  const first = parsed.success ? null : parsed.error.issues[0];
  return {
    preview: {
      code: file.code || null,
      revision: file.revision,
      titleKk: file.titleKk,
      titleRu: file.titleRu,
      sections: file.sections.length,
      items: file.items.length,
      abbreviations: file.abbreviations?.length ?? 0,
      problems,
      valid: parsed.success,
      invalidPath: first ? first.path.join('.').slice(0, 80) || 'file' : null,
    },
    file: parsed.success ? parsed.data : null,
  };
}
