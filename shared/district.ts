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

export { INSTALL_MODES, installModeSchema, type InstallMode } from './install-mode';

/** One report file may hold at most this many bytes (a real one is some tens of kilobytes). */
export const MAX_REPORT_FILE_BYTES = 2 * 1024 * 1024;
/** One import (all its files together) may hold at most this many bytes. */
export const MAX_IMPORT_TOTAL_BYTES = 64 * 1024 * 1024;

export interface DistrictSchool {
  code: string;
  nameKk: string;
  nameRu: string;
  fingerprintSha256: string;
  registeredAt: string;
  /**
   * A report came signed with another certificate than the registered one (the school changed its key, or someone
   * else signed): its fingerprint and when it came. Nothing of it was merged; registering the new certificate (after
   * asking the school) clears the flag.
   */
  keyChange: { fingerprintSha256: string; seenAt: string } | null;
}

/** A certificate file read before it is registered: what the district checks with the school by phone. */
export interface CertificateFacts {
  fingerprintSha256: string;
  commonName: string;
  organization: string;
  notBefore: string;
  notAfter: string;
  /** the school already registered with exactly this certificate, if any */
  registeredAs: string | null;
}

export const IMPORT_OUTCOMES = ['merged', 'not_a_report', 'too_large', 'future_version', 'unknown_school', 'bad_signature', 'key_changed', 'duplicate'] as const;
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
  /** the consolidated table as a PDF (kk or ru), made by the documents engine; not signed, not in the register */
  'district.summaryPdf': method<DistrictFile>()(z.object({ academicYear, quarter, language: z.enum(['kk', 'ru']) }).strict()),
  /** the consolidated table saved where the user chooses (the core's save dialog): XLSX (both languages) or PDF */
  'district.saveSummary': method<{ path: string | null }>()(
    z.object({ academicYear, quarter, format: z.enum(['xlsx', 'pdf']), language: z.enum(['kk', 'ru']) }).strict(),
  ),
  /** reads a certificate file (DER or PEM) before it is registered: fingerprint, names, validity */
  'district.inspectCertificate': method<CertificateFacts>()(z.object({ certificate: base64 }).strict()),
  /** the periods that have merged reports, newest first (the summary's period picker) */
  'district.periods': method<{ academicYear: number; quarter: number | null; schools: number }[]>()(z.object({}).strict()),
} as const;

/**
 * The headline numbers of the consolidated view (screen, PDF): each a cell id of the published report
 * (electron/core/district/tables.ts `cellId`). One-column tables name their only column.
 */
export const DISTRICT_HEADLINES = [
  { key: 'concerns', cell: 'concerns:total:count' },
  { key: 'casesOpened', cell: 'casesByStage:total:total' },
  { key: 'casesClosed', cell: 'casesByOutcome:total:total' },
  { key: 'children', cell: 'childrenBySex:total:total' },
  { key: 'registerOn', cell: 'register:put_on:total' },
  { key: 'registerOff', cell: 'register:taken_off:total' },
  { key: 'registerAtEnd', cell: 'registerAtEnd:all:total' },
  { key: 'councilMeetings', cell: 'council:meetings:count' },
  { key: 'councilDecisions', cell: 'councilDecisions:total:count' },
  { key: 'referrals', cell: 'referrals:total:total' },
] as const;
export type DistrictHeadline = (typeof DISTRICT_HEADLINES)[number]['key'];

/** A district sum as text: "12", or "≥12" when some schools' parts were "<3" or hidden. */
export function districtSumText(d: { value: number; floor: boolean } | undefined): string {
  if (!d) return '0';
  return d.floor ? `≥${d.value}` : String(d.value);
}
