/**
 * The district feature's registrations. Issuing the report counts forms of harm sealed in the protection
 * compartment: `DISTRICT_REPORTERS` (director, deputy). The district view: `DISTRICT_MERGERS`.
 */
import { DISTRICT_MERGERS, DISTRICT_REPORTERS } from '../../../shared/permissions';
import fs from 'node:fs/promises';
import { AppError } from '../errors';
import type { HandlersFor } from '../registry';
import {
  districtReportFile,
  districtSummary,
  importReports,
  inspectCertificate,
  issueDistrictReport,
  mergedPeriods,
  listDistrictReports,
  listSchools,
  readSchoolCode,
  registerSchool,
  summaryXlsx,
} from './service';
import { districtSummaryPdf, summaryPeriodText } from './summary-pdf';
import { readSchoolProfile } from '../school/queries';

const SAVE_TITLE = { kk: 'Аудандық жиынтық', ru: 'Сводная таблица района' } as const;

export const districtHandlers: HandlersFor<'district'> = {
  'district.settings': {
    access: DISTRICT_REPORTERS,
    kind: 'read',
    handler: async ({ db }) => ({ schoolCode: await readSchoolCode(db) }),
  },
  'district.issue': {
    access: DISTRICT_REPORTERS,
    kind: 'write',
    entity: 'district_report',
    entityId: (_i, out) => out?.item.id ?? null,
    handler: async (ctx, input) => issueDistrictReport({ db: ctx.db, now: ctx.now, session: ctx.session, keys: ctx.core }, input),
  },
  'district.reports': {
    access: DISTRICT_REPORTERS,
    kind: 'read',
    handler: async ({ db }) => listDistrictReports(db),
  },
  'district.file': {
    access: DISTRICT_REPORTERS,
    kind: 'sensitive',
    entity: 'district_report',
    entityId: (input) => input.id,
    handler: async ({ db }, input) => districtReportFile(db, input.id, input.format),
  },
  'district.schools': {
    access: DISTRICT_MERGERS,
    kind: 'read',
    handler: async ({ db }) => listSchools(db),
  },
  'district.registerSchool': {
    access: DISTRICT_MERGERS,
    kind: 'write',
    entity: 'district_school',
    entityId: (input) => input.code,
    handler: async (ctx, input) => registerSchool(ctx.db, input, ctx.now),
  },
  'district.import': {
    access: DISTRICT_MERGERS,
    kind: 'write',
    entity: 'district_import',
    handler: async (ctx, input) =>
      importReports(
        ctx.db,
        input.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') })),
        { accountId: ctx.session?.accountId ?? null, now: ctx.now },
      ),
  },
  'district.summary': {
    access: DISTRICT_MERGERS,
    kind: 'read',
    handler: async ({ db }, input) => districtSummary(db, input.academicYear, input.quarter),
  },
  'district.summaryXlsx': {
    access: DISTRICT_MERGERS,
    kind: 'sensitive',
    entity: 'district_summary',
    handler: async ({ db }, input) => summaryXlsx(await districtSummary(db, input.academicYear, input.quarter)),
  },
  'district.summaryPdf': {
    access: DISTRICT_MERGERS,
    kind: 'sensitive',
    entity: 'district_summary',
    handler: async ({ db, now }, input) => {
      const summary = await districtSummary(db, input.academicYear, input.quarter);
      const office = await readSchoolProfile(db);
      const pdf = await districtSummaryPdf(summary, input.language, office, now);
      const slug = summaryPeriodText(input.academicYear, input.quarter, 'ru').replace(/[^0-9]+/g, '-').replace(/^-|-$/g, '');
      return { fileName: `district-summary-${slug}-${input.language}.pdf`, mime: 'application/pdf', base64: pdf.toString('base64') };
    },
  },
  'district.saveSummary': {
    access: DISTRICT_MERGERS,
    kind: 'sensitive',
    entity: 'district_summary',
    entityId: (input) => `${input.academicYear}:${input.quarter ?? 'year'}:${input.format}`,
    handler: async ({ db, now, platform }, input) => {
      const summary = await districtSummary(db, input.academicYear, input.quarter);
      const period = summaryPeriodText(input.academicYear, input.quarter, input.language);
      let bytes: Buffer;
      if (input.format === 'xlsx') bytes = Buffer.from((await summaryXlsx(summary)).base64, 'base64');
      else bytes = await districtSummaryPdf(summary, input.language, await readSchoolProfile(db), now);
      const target = await platform.chooseSaveFile({
        title: SAVE_TITLE[input.language],
        defaultName: `${SAVE_TITLE[input.language]} ${period}.${input.format}`,
        filters: [input.format === 'xlsx' ? { name: 'Excel', extensions: ['xlsx'] } : { name: 'PDF', extensions: ['pdf'] }],
      });
      if (target === null) return { path: null };
      try {
        await fs.writeFile(target, bytes);
      } catch {
        throw new AppError('documents.write_failed', 'the file could not be written where the user chose');
      }
      return { path: target };
    },
  },
  'district.inspectCertificate': {
    access: DISTRICT_MERGERS,
    kind: 'read',
    handler: async ({ db }, input) => inspectCertificate(db, input.certificate),
  },
  'district.periods': {
    access: DISTRICT_MERGERS,
    kind: 'read',
    handler: async ({ db }) => mergedPeriods(db),
  },
};
