/**
 * Class lists imported from the e-journal's exports (CSV or XLSX, Kazakh or Russian headers).
 *
 * Two steps over the same parser: `pupilsImport.preview` reads the file (in the parse worker), finds the header row
 * and suggests what each column holds, and lists every row with its problems; nothing is written. The user may
 * override the mapping (preview again with `mapping`). `pupilsImport.commit` reads the file again with the mapping
 * the user confirmed and writes the rows without problems in one transaction; `expected` is the number of ready
 * rows the preview showed (a school that changed in between is refused with `import.changed`).
 */
import { z } from 'zod';
import { method } from './contract';
import { languageSchema, type Language } from './roles';

/** What a column of the class list holds. `fullName` is one column "Тегі Аты Әкесінің аты". */
export const CLASS_LIST_FIELDS = ['lastName', 'firstName', 'middleName', 'fullName', 'iin', 'birthDate', 'sex', 'class', 'language'] as const;
export const classListFieldSchema = z.enum(CLASS_LIST_FIELDS);
export type ClassListField = z.infer<typeof classListFieldSchema>;

/** The most data rows one import takes (`import.too_many_rows` above it). */
export const MAX_CLASS_LIST_ROWS = 5_000;
/** The largest class-list file (decoded bytes). */
export const MAX_CLASS_LIST_BYTES = 10 * 1024 * 1024;

export const classListSourceSchema = z
  .object({
    /** the file's bytes, base64 (CSV or XLSX: told apart by the content, not the name) */
    fileBase64: z.string().min(1).max(Math.ceil(MAX_CLASS_LIST_BYTES / 3) * 4 + 4),
    /** the user's mapping, one entry per column of the header (null: ignore the column); absent: suggested */
    mapping: z.array(classListFieldSchema.nullable()).max(60).optional(),
    /** the language of instruction of rows without a language column */
    instructionLanguage: languageSchema,
  })
  .strict();
export type ClassListSource = z.input<typeof classListSourceSchema>;

/** Why a row does not import. */
export const ROW_PROBLEMS = [
  'name_missing',
  'iin_invalid',
  'birth_date_invalid',
  'birth_date_mismatch',
  'sex_invalid',
  'class_missing',
  'class_invalid',
  'formula',
  'duplicate_in_file',
  'already_in_school',
] as const;
export type RowProblem = (typeof ROW_PROBLEMS)[number];

export interface ClassListRow {
  /** the row's number in the file (1-based; the sheet's row for XLSX, the line for CSV) */
  line: number;
  /** the sheet it came from (XLSX), else null */
  sheet: string | null;
  lastName: string;
  firstName: string;
  middleName: string;
  iin: string | null;
  birthDate: string | null;
  sex: 'm' | 'f' | null;
  grade: number | null;
  classLetter: string;
  language: Language;
  problems: RowProblem[];
}

export interface ClassListPreview {
  /** how the CSV was decoded (null for XLSX) */
  encoding: 'utf-8' | 'utf-16' | 'windows-1251' | null;
  format: 'csv' | 'xlsx';
  /** the header row's cells (of the first sheet with a header) and their 1-based row number */
  headers: string[];
  headerRow: number;
  /** what each header column is taken as (the user's mapping, or the suggestion) */
  mapping: (ClassListField | null)[];
  /** whether `mapping` is the suggestion (true) or the user's */
  suggested: boolean;
  /** what a class list needs and the mapping lacks: 'name' (last + first, or a full name) */
  missing: ('name' | 'class')[];
  rows: ClassListRow[];
  counts: { rows: number; ready: number; withProblems: number };
}

export interface ClassListResult {
  created: number;
  skipped: number;
}

export const pupilsImportMethods = {
  'pupilsImport.preview': method<ClassListPreview>()(classListSourceSchema),
  'pupilsImport.commit': method<ClassListResult>()(
    z.object({ source: classListSourceSchema, expected: z.number().int().min(0).max(MAX_CLASS_LIST_ROWS) }).strict(),
  ),
} as const;
