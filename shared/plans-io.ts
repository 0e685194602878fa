/**
 * Plans in and out of Word and Excel: export of a plan as DOCX (the seed's layout) and XLSX, import of an existing
 * plan from a .docx table or an .xlsx sheet (detect the table and its header, map the columns, preview every row,
 * then create the items), and frameworks as XLSX (export, preview, import).
 *
 * Import is two steps with the same parser: `plansIo.importPreview` shows what the file holds with the suggested
 * column mapping; `plansIo.importCommit` re-reads the file with the mapping the user confirmed. Rows that do not
 * parse are listed with a reason and never dropped silently: the commit refuses them unless `acceptProblems`.
 */
import { z } from 'zod';
import { method } from './contract';
import type { FrameworkSummary } from './frameworks';
import type { TargetGroup } from './plans';

/** The largest file accepted for an import (decoded bytes). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** base64 length allowed through the schema: twice the limit, so that a too-large file gets `plans.file_too_large`. */
const MAX_BASE64 = Math.ceil((2 * MAX_IMPORT_BYTES * 4) / 3) + 16;

const id = z.string().uuid();
const languageSchema = z.enum(['kk', 'ru']);
export type IoLanguage = z.infer<typeof languageSchema>;

export const fileBase64Schema = z
  .string()
  .min(4)
  .max(MAX_BASE64)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');

export const importFileKindSchema = z.enum(['docx', 'xlsx']);
export type ImportFileKind = z.infer<typeof importFileKindSchema>;

/** What a column of the imported table holds. `responsible` splits into staff roles and outside bodies. */
export const IMPORT_FIELDS = [
  'ignore',
  'number',
  'measureKk',
  'measureRu',
  'completionFormKk',
  'completionFormRu',
  'deadlineKk',
  'deadlineRu',
  'responsible',
  'costKk',
  'costRu',
  'fundingKk',
  'fundingRu',
] as const;
export const importFieldSchema = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof importFieldSchema>;

/** Where the table is and how to read it; every part absent = detected. */
export const importSourceSchema = z
  .object({
    kind: importFileKindSchema,
    fileBase64: fileBase64Schema,
    /** index of the DOCX table or of the XLSX sheet */
    table: z.number().int().min(0).max(999).optional(),
    /** 0-based row of the header in that table; null = the table has no header row */
    headerRow: z.number().int().min(0).max(100_000).nullable().optional(),
    /** target field of each column, by column index */
    mapping: z.array(importFieldSchema).max(60).optional(),
  })
  .strict();
export type ImportSource = z.input<typeof importSourceSchema>;

export const IMPORT_PROBLEMS = [
  /** an item row without a measure in any mapped measure column */
  'no_measure',
  /** a cell is longer than the field allows */
  'cell_too_long',
  /** more than 30 outside bodies in the responsible cell */
  'too_many_responsible',
  /** a mapping that holds no measure column */
  'no_measure_column',
] as const;
export type ImportProblemReason = (typeof IMPORT_PROBLEMS)[number];

export const IMPORT_SKIPS = [
  /** the header row (or a repetition of it further down) */
  'header',
  /** the row of column numbers 1 2 3 … under the header */
  'column_numbers',
  /** a row above the header */
  'before_header',
  /** nothing in any mapped column */
  'empty',
  /** the abbreviation note and other notes under the table (Qorgan's XLSX prints them in the sheet) */
  'after_table',
] as const;
export type ImportSkipReason = (typeof IMPORT_SKIPS)[number];

export interface ImportedItem {
  /** the number printed in the file (the plan numbers its items itself) */
  printedNumber: string;
  measureKk: string;
  measureRu: string;
  completionFormKk: string;
  completionFormRu: string;
  deadlineKk: string;
  deadlineRu: string;
  /** months read from the deadline text ("тоқсан сайын", "қыркүйек") */
  dueMonths: number[];
  dueDates: string[];
  responsibleRoles: string[];
  responsibleBodies: string[];
  costKk: string;
  costRu: string;
  fundingKk: string;
  fundingRu: string;
  /**
   * true when the row is unchanged from a file Qorgan exported: the fields the table does not show (the other
   * language, due months and dates, target group, framework links) come from the file's hidden plan data
   */
  restored: boolean;
  targetGroup: TargetGroup | null;
  frameworkLinks: { frameworkCode: string; number: string }[];
}

export interface ImportedSection {
  /** "2", "2.1" as printed, or null */
  printedNumber: string | null;
  /** 1 = top level, 2 = subsection */
  level: 1 | 2;
  titleKk: string;
  titleRu: string;
  /** the other language's title came from the hidden plan data of a Qorgan export */
  restored: boolean;
}

export type ImportRow =
  | { row: number; kind: 'section'; cells: string[]; section: ImportedSection }
  | { row: number; kind: 'item'; cells: string[]; item: ImportedItem }
  | { row: number; kind: 'problem'; cells: string[]; reason: ImportProblemReason; column: number | null }
  | { row: number; kind: 'skipped'; cells: string[]; reason: ImportSkipReason };

export interface ImportTableInfo {
  index: number;
  /** the sheet's name (XLSX) or null (DOCX) */
  name: string | null;
  rows: number;
  columns: number;
}

export interface ImportPreview {
  kind: ImportFileKind;
  tables: ImportTableInfo[];
  table: number;
  headerRow: number | null;
  /** header texts by column ('' without a header) */
  headers: string[];
  columns: number;
  /** the mapping used for this preview */
  mapping: ImportField[];
  /** the mapping detected from the header and the text's language */
  suggestedMapping: ImportField[];
  /** language of the measures (Kazakh letters ә ғ қ ң ө ұ ү һ і) */
  language: IoLanguage;
  /** the title of the plan found above the table (DOCX), or the sheet's title row */
  title: string | null;
  /** the plan's titles in both languages when the file is a Qorgan export whose title is unchanged */
  titles: { kk: string; ru: string } | null;
  rows: ImportRow[];
  /** `restored`: items completed from the hidden plan data of a Qorgan export */
  counts: { sections: number; items: number; problems: number; skipped: number; restored: number };
}

export interface ImportResult {
  planId: string;
  sectionsCreated: number;
  itemsCreated: number;
  /** rows with a problem that were left out (only with `acceptProblems`) */
  rowsLeftOut: number;
}

export interface ExportedFile {
  fileName: string;
  base64: string;
}

const exportInput = z.object({ id, language: languageSchema }).strict();

/** XLSX layout of a framework (sheets "framework", "sections", "items", "abbreviations"). */
export const frameworkXlsxOverridesSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
      .optional(),
    revision: z.number().int().min(1).max(10_000).optional(),
    kind: z.enum(['decree', 'concept', 'order', 'programme', 'other']).optional(),
    titleKk: z.string().trim().min(1).max(1000).optional(),
    titleRu: z.string().trim().min(1).max(1000).optional(),
    yearFrom: z.number().int().min(2000).max(2100).optional(),
    yearTo: z.number().int().min(2000).max(2100).optional(),
  })
  .strict();

export interface FrameworkXlsxProblem {
  sheet: string;
  /** 1-based row in the sheet */
  row: number;
  reason: 'no_measure' | 'bad_number' | 'duplicate_number' | 'cell_too_long' | 'unknown_section' | 'bad_value';
  column: string | null;
}

export interface FrameworkXlsxPreview {
  code: string | null;
  revision: number | null;
  titleKk: string | null;
  titleRu: string | null;
  sections: number;
  items: number;
  abbreviations: number;
  problems: FrameworkXlsxProblem[];
  /** true when the file with the overrides makes a valid framework */
  valid: boolean;
  /** path of the first issue of the framework schema when not valid */
  invalidPath: string | null;
}

export const plansIoMethods = {
  /** The plan as a Word document in the seed's layout (base64). Audited as an export. */
  'plansIo.exportDocx': method<ExportedFile>()(exportInput),
  /** The plan as an Excel workbook (base64). Audited as an export. */
  'plansIo.exportXlsx': method<ExportedFile>()(exportInput),
  /** Asks where to save (the platform's save dialog) and writes the DOCX or XLSX there; null path = cancelled. */
  'plansIo.saveExport': method<{ path: string | null }>()(
    z.object({ id, language: languageSchema, format: z.enum(['docx', 'xlsx']) }).strict(),
  ),
  /** Reads a .docx table or an .xlsx sheet: tables, header, suggested mapping, every row parsed or with a reason. */
  'plansIo.importPreview': method<ImportPreview>()(importSourceSchema),
  /** Creates the sections and items read with the confirmed mapping, in a draft plan or in a new plan. */
  'plansIo.importCommit': method<ImportResult>()(
    z
      .object({
        source: importSourceSchema,
        target: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('plan'), planId: id }).strict(),
          z
            .object({
              kind: z.literal('new'),
              academicYear: z.number().int().min(2000).max(2100),
              titleKk: z.string().trim().min(1).max(1000).optional(),
              titleRu: z.string().trim().min(1).max(1000).optional(),
            })
            .strict(),
        ]),
        /** import the good rows although some rows have problems (they are left out and counted) */
        acceptProblems: z.boolean().default(false),
      })
      .strict(),
  ),
  /** A stored framework as XLSX (round-trips through `plansIo.frameworkImportXlsx`). */
  'plansIo.frameworkExportXlsx': method<ExportedFile>()(z.object({ id }).strict()),
  /** Saves a framework as an Excel workbook where the user chooses (save dialog); path null when cancelled. */
  'plansIo.frameworkSaveXlsx': method<{ path: string | null }>()(z.object({ id }).strict()),
  /** What an XLSX framework file holds, and whether it imports. */
  'plansIo.frameworkPreviewXlsx': method<FrameworkXlsxPreview>()(
    z.object({ fileBase64: fileBase64Schema, overrides: frameworkXlsxOverridesSchema.default({}) }).strict(),
  ),
  /** Imports a framework from XLSX; an existing (code, revision) is refused with `conflict`. */
  'plansIo.frameworkImportXlsx': method<FrameworkSummary>()(
    z
      .object({
        fileBase64: fileBase64Schema,
        overrides: frameworkXlsxOverridesSchema.default({}),
        acceptProblems: z.boolean().default(false),
      })
      .strict(),
  ),
} as const;

export type PlansIoMethod = keyof typeof plansIoMethods;
