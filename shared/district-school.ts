/**
 * The school side of the district report (issue 14, item 3): the reminder from the 1st to the 10th, saving the
 * issued report's files (PDF from the register, the signed JSON, the XLSX) where the director chooses, and carrying
 * the latest quarter's report to the backup stick. Issuing itself is `district.issue` (shared/district.ts).
 */
import { z } from 'zod';
import { BACKUP_ROLES } from './backup';
import { method } from './contract';
import type { DistrictReportListItem } from './district';
import { DISTRICT_REPORTERS } from './permissions';
import type { Role } from './roles';

/** A quarter whose district report is due (1st–10th of the month after it) or overdue (after the 10th), not issued. */
export interface DistrictReportDue {
  academicYear: number;
  quarter: number;
  quarterEnd: string;
  /** the 10th of the month after the quarter's end */
  dueDate: string;
  state: 'due' | 'overdue';
}

/**
 * Who may put the district report on the backup stick: those who make backups and issue the district report (the
 * backup screen offers it only to them).
 */
export const DISTRICT_REPORT_CARRIERS: readonly Role[] = DISTRICT_REPORTERS.filter((r) => BACKUP_ROLES.includes(r));

export interface LatestDistrictReport {
  /** the last quarter that has ended */
  academicYear: number;
  quarter: number;
  /** its newest issued report, or null when none was issued */
  report: DistrictReportListItem | null;
}

const pathSchema = z.string().trim().min(1).max(4096);

export const districtSchoolMethods = {
  /** the last ended quarter and its district report, if issued (the backup screen's offer) */
  'districtReport.latest': method<LatestDistrictReport | null>()(z.object({}).strict()),
  /** one file of an issued report through the save dialog: the signed PDF, the signed JSON or the XLSX */
  'districtReport.save': method<{ path: string | null }>()(
    z.object({ id: z.string().uuid(), format: z.enum(['pdf', 'json', 'xlsx']) }).strict(),
  ),
  /** writes the report's JSON and PDF into the folder the backup went to (a listed drive or a folder chosen in the dialog) */
  'districtReport.toStick': method<{ files: string[] }>()(z.object({ id: z.string().uuid(), targetDir: pathSchema }).strict()),
} as const;
