/**
 * Registry entries of plans-io (shared/plans-io.ts): DOCX/XLSX export of a plan (audited as exports), the import
 * of a plan from a .docx or .xlsx table (preview, then commit in one transaction), frameworks as XLSX.
 */
import fs from 'node:fs/promises';
import { AppError } from '../errors';
import { ensureBuiltinFrameworks, exportFramework, insertFramework, listFrameworks } from '../frameworks/queries';
import type { FileFilter, Platform } from '../platform';
import type { HandlersFor } from '../registry';
import { runParser } from '../workers/run';
import { frameworkXlsx } from './framework-xlsx';
import { commitImport, previewImport } from './import';
import { planFile } from './export-job';
import { decodeImportFile, loadPlanExport } from './io-common';
import { PLAN_EDITORS } from '../../../shared/permissions';

/** Who may change plans and frameworks. */
const EDITORS = PLAN_EDITORS;

const WORD = { name: 'Word', extensions: ['docx'] };
const EXCEL = { name: 'Excel', extensions: ['xlsx'] };

/** Asks the platform where to save (files go only where the user chose) and writes there; null path when cancelled. */
async function saveWhereChosen(
  platform: Platform,
  bytes: Uint8Array,
  dialog: { title: string; defaultName: string; filters: FileFilter[] },
): Promise<{ path: string | null }> {
  const target = await platform.chooseSaveFile(dialog);
  if (target === null) return { path: null };
  try {
    await fs.writeFile(target, bytes);
  } catch {
    throw new AppError('documents.write_failed', 'the file could not be written where the user chose');
  }
  return { path: target };
}

/** A framework workbook read in the parse worker (workers/run.ts) after the size and type checks. */
function parseFrameworkWorkbook(fileBase64: string, overrides: Parameters<typeof runParser<'frameworks.xlsx'>>[2]['overrides']) {
  return runParser('frameworks.xlsx', decodeImportFile(fileBase64, 'xlsx'), { overrides }, { failure: 'frameworks.import_failed' });
}

export const plansIoHandlers: HandlersFor<'plansIo'> = {
  'plansIo.exportDocx': {
    access: 'authenticated',
    kind: 'sensitive',
    entity: 'plan',
    entityId: (input) => input.id,
    handler: async ({ db, now }, input) => {
      const e = await loadPlanExport(db, input.id, input.language);
      return { fileName: `${e.baseName}.docx`, base64: (await planFile('docx', e, now)).toString('base64') };
    },
  },
  'plansIo.exportXlsx': {
    access: 'authenticated',
    kind: 'sensitive',
    entity: 'plan',
    entityId: (input) => input.id,
    handler: async ({ db, now }, input) => {
      const e = await loadPlanExport(db, input.id, input.language);
      return { fileName: `${e.baseName}.xlsx`, base64: (await planFile('xlsx', e, now)).toString('base64') };
    },
  },
  'plansIo.saveExport': {
    access: 'authenticated',
    kind: 'sensitive',
    entity: 'plan',
    entityId: (input) => input.id,
    handler: async ({ db, platform, now }, input) => {
      const e = await loadPlanExport(db, input.id, input.language);
      const bytes = await planFile(input.format, e, now);
      const kk = input.language === 'kk';
      return saveWhereChosen(platform, bytes, {
        title: kk ? 'Жоспарды сақтау' : 'Сохранить план',
        defaultName: `${e.baseName}.${input.format}`,
        filters: [input.format === 'docx' ? WORD : EXCEL],
      });
    },
  },
  'plansIo.importPreview': {
    access: EDITORS,
    kind: 'read',
    handler: async (_ctx, input) => previewImport(input),
  },
  'plansIo.importCommit': {
    access: EDITORS,
    kind: 'write',
    entity: 'plan',
    entityId: (input, output) => output?.planId ?? (input.target.kind === 'plan' ? input.target.planId : null),
    handler: async ({ db, now }, input) => {
      await ensureBuiltinFrameworks(db, now);
      return commitImport(db, input, now);
    },
  },
  'plansIo.frameworkExportXlsx': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, now }, input) => {
      await ensureBuiltinFrameworks(db, now);
      const f = await exportFramework(db, input.id);
      return { fileName: `${f.code}-r${f.revision}.xlsx`, base64: (await frameworkXlsx(f)).toString('base64') };
    },
  },
  'plansIo.frameworkSaveXlsx': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, now, platform }, input) => {
      await ensureBuiltinFrameworks(db, now);
      const f = await exportFramework(db, input.id);
      return saveWhereChosen(platform, await frameworkXlsx(f), {
        title: 'Qorgan',
        defaultName: `${f.code}-r${f.revision}.xlsx`,
        filters: [EXCEL],
      });
    },
  },
  'plansIo.frameworkPreviewXlsx': {
    access: EDITORS,
    kind: 'read',
    handler: async (_ctx, input) => (await parseFrameworkWorkbook(input.fileBase64, input.overrides)).preview,
  },
  'plansIo.frameworkImportXlsx': {
    access: EDITORS,
    kind: 'write',
    entity: 'framework',
    entityId: (_input, output) => output?.id ?? null,
    handler: async ({ db, now }, input) => {
      await ensureBuiltinFrameworks(db, now);
      const { preview, file } = await parseFrameworkWorkbook(input.fileBase64, input.overrides);
      if (!file) {
        throw new AppError('frameworks.import_failed', 'the workbook does not make a valid framework', { path: preview.invalidPath });
      }
      if (preview.problems.length > 0 && !input.acceptProblems) {
        throw new AppError('plans.import_has_problems', 'some rows do not parse; confirm to leave them out', {
          problems: preview.problems.length,
        });
      }
      const exists = await db
        .selectFrom('frameworks')
        .select('id')
        .where('code', '=', file.code)
        .where('revision', '=', file.revision)
        .executeTakeFirst();
      if (exists) throw new AppError('conflict', 'this framework revision is already stored', { revision: file.revision });
      const id = await insertFramework(db, file, false, now);
      const found = (await listFrameworks(db, true)).find((f) => f.id === id);
      if (!found) throw new Error('imported framework not found');
      return found;
    },
  },
};
