/**
 * The school side of the district report (shared/district-school.ts): the last quarter's report for the backup
 * screen, saving an issued report's files where the director chooses, and carrying the report to the backup stick.
 * Reading the report's files is `DISTRICT_REPORTERS`' (as `district.file`); carrying it to the stick also needs the
 * backup's roles (`DISTRICT_REPORT_CARRIERS`), and only into a folder the core's own dialog or drive list gave.
 */
import fs from 'node:fs';
import { isoDate } from '../../../shared/calendar';
import { DISTRICT_REPORT_CARRIERS } from '../../../shared/district-school';
import { DISTRICT_REPORTERS } from '../../../shared/permissions';
import { backupTestHooks } from '../backup/handlers';
import { jobsOf } from '../backup/jobs';
import { getDocumentPdf } from '../documents/register';
import { AppError } from '../errors';
import type { HandlersFor } from '../registry';
import { latestEndedQuarter } from './reminder';
import { districtReportFile, listDistrictReports } from './service';
import { writeToStick } from './stick';
import type { Db } from '../db/types';
import type { KeySource } from '../core';

/** An issued report's file: the signed PDF from the register, or the signed JSON / the XLSX kept beside it. */
async function reportFile(db: Db, keys: KeySource, id: string, format: 'pdf' | 'json' | 'xlsx'): Promise<{ fileName: string; bytes: Buffer }> {
  if (format !== 'pdf') {
    const f = await districtReportFile(db, id, format);
    return { fileName: f.fileName, bytes: Buffer.from(f.base64, 'base64') };
  }
  const r = await db.selectFrom('district_reports').select(['document_id', 'language']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such district report');
  const json = await districtReportFile(db, id, 'json');
  const { pdf } = await getDocumentPdf(db, r.document_id, keys);
  return { fileName: json.fileName.replace(/\.json$/u, `-${r.language}.pdf`), bytes: pdf };
}

const FILTERS: Record<'pdf' | 'json' | 'xlsx', { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  json: { name: 'JSON', extensions: ['json'] },
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
};

export const districtSchoolHandlers: HandlersFor<'districtReport'> = {
  'districtReport.latest': {
    access: DISTRICT_REPORT_CARRIERS,
    kind: 'read',
    handler: async ({ db, now }) => {
      const q = await latestEndedQuarter(db, isoDate(now));
      if (!q) return null;
      const report = (await listDistrictReports(db)).find((r) => r.academicYear === q.academicYear && r.quarter === q.quarter) ?? null;
      return { ...q, report };
    },
  },
  'districtReport.save': {
    access: DISTRICT_REPORTERS,
    kind: 'sensitive',
    entity: 'district_report',
    entityId: (input) => input.id,
    handler: async ({ db, core, platform }, input) => {
      const f = await reportFile(db, core, input.id, input.format);
      const target = await platform.chooseSaveFile({ title: 'Qorgan', defaultName: f.fileName, filters: [FILTERS[input.format]] });
      if (target === null) return { path: null };
      try {
        fs.writeFileSync(target, f.bytes);
      } catch {
        throw new AppError('documents.write_failed', 'the file could not be written where the user chose');
      }
      return { path: target };
    },
  },
  'districtReport.toStick': {
    access: DISTRICT_REPORT_CARRIERS,
    kind: 'sensitive',
    entity: 'district_report',
    entityId: (input) => input.id,
    handler: async ({ db, core }, input) => {
      if (!jobsOf(core).isAllowedTarget(input.targetDir)) {
        throw new AppError('validation', 'choose a listed drive or a folder in the dialog first', { path: 'targetDir' });
      }
      try {
        if (!fs.statSync(input.targetDir).isDirectory()) throw new Error('not a folder');
      } catch {
        throw new AppError('district.stick_failed', 'the folder is not there');
      }
      const json = await reportFile(db, core, input.id, 'json');
      const pdf = await reportFile(db, core, input.id, 'pdf');
      const files = await writeToStick(
        input.targetDir,
        [
          { name: json.fileName, bytes: json.bytes },
          { name: pdf.fileName, bytes: pdf.bytes },
        ],
        backupTestHooks.fs ?? undefined,
      );
      return { files };
    },
  },
};
