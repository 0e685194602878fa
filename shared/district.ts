/**
 * The district feature's contract: the school issues its anonymised report (shared/district-report.ts holds the
 * report's fixed schema), and the district's copy of Qorgan registers schools' certificates and merges their files.
 */
import { z } from 'zod';
import { method } from './contract';
import type { DocumentSummary } from './documents';
import { signerInputSchema } from './documents';
import { schoolCodeSchema, type Cell, type DistrictReport } from './district-report';

const academicYear = z.number().int().min(2000).max(2100);
const quarter = z.number().int().min(1).max(4).nullable();
const base64 = z.string().regex(/^[A-Za-z0-9+/]*=*$/).max(14_000_000);

export interface DistrictReportListItem {
  id: string;
  academicYear: number;
  /** null = the academic year */
  quarter: number | null;
  language: 'kk' | 'ru';
  documentId: string;
  createdAt: string;
}

export interface IssuedDistrictReport {
  item: DistrictReportListItem;
  document: DocumentSummary;
  report: DistrictReport;
}

export interface DistrictFile {
  fileName: string;
  mime: string;
  base64: string;
}

export interface DistrictSchool {
  code: string;
  nameKk: string;
  nameRu: string;
  fingerprintSha256: string;
  registeredAt: string;
}

export const IMPORT_OUTCOMES = ['merged', 'not_a_report', 'future_version', 'unknown_school', 'bad_signature', 'key_changed', 'duplicate'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export interface ImportResult {
  name: string;
  outcome: ImportOutcome;
  schoolCode: string | null;
  academicYear: number | null;
  quarter: number | null;
}

/** One consolidated line: a school (or the district's total) and its published cells; a sum with hidden parts is a floor. */
export interface SummaryLine {
  schoolCode: string | null;
  nameKk: string;
  nameRu: string;
  /** cell id (table:row:col) → the published cell, or for the district line the sum with `floor` */
  cells: Record<string, Cell>;
}

export interface DistrictSummary {
  academicYear: number;
  quarter: number | null;
  lines: SummaryLine[];
  /** the district line: sums; a sum including "<3" or "x" counts them as their least value and is marked */
  district: Record<string, { value: number; floor: boolean }>;
}

export const districtMethods = {
  'district.settings': method<{ schoolCode: string | null }>()(z.object({}).strict()),
  'district.issue': method<IssuedDistrictReport>()(
    z.object({ academicYear, quarter, language: z.enum(['kk', 'ru']), schoolCode: schoolCodeSchema, signer: signerInputSchema }).strict(),
  ),
  'district.reports': method<DistrictReportListItem[]>()(z.object({}).strict()),
  'district.file': method<DistrictFile>()(z.object({ id: z.string().uuid(), format: z.enum(['json', 'xlsx']) }).strict()),
  // district mode
  'district.schools': method<DistrictSchool[]>()(z.object({}).strict()),
  'district.registerSchool': method<DistrictSchool>()(
    z.object({ code: schoolCodeSchema, nameKk: z.string().trim().min(1).max(400), nameRu: z.string().trim().min(1).max(400), certificate: base64 }).strict(),
  ),
  'district.import': method<ImportResult[]>()(
    z.object({ files: z.array(z.object({ name: z.string().max(260), base64 }).strict()).min(1).max(500) }).strict(),
  ),
  'district.summary': method<DistrictSummary>()(z.object({ academicYear, quarter }).strict()),
  'district.summaryXlsx': method<DistrictFile>()(z.object({ academicYear, quarter }).strict()),
} as const;
