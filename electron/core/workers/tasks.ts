/**
 * The tasks that run in the worker (run.ts), by name: the parsers of outside files, which take the file's bytes and
 * plain arguments, and the renders (`job: 'render'`: a PDF from a plain-data definition, a plan's DOCX/XLSX), which
 * take plain arguments only. Each returns plain data (what structured clone carries: objects, arrays, strings,
 * numbers, Dates; byte arrays owned whole are transferred). A task may take a third argument, `notify`: a value
 * posted ahead of its result (`{ early }`, read by workers/job.ts; the backup's manifest facts). The worker entry (entry.ts) imports this table; the
 * core's thread imports only its types.
 */
import type { z } from 'zod';
import type { frameworkXlsxOverridesSchema } from '../../../shared/plans-io';
import type { RenderArgs } from '../documents/render-job';
import type { ExportArgs } from '../plans/export-job';
import type { CheckArgs } from '../backup/check';

// each parser is loaded when its task runs (a PDF never loads ExcelJS)
export const TASKS = {
  /** the tables of a .docx or .xlsx plan (plans/import.ts) */
  'plans.tables': async (bytes: Uint8Array, args: { kind: 'docx' | 'xlsx' }) =>
    args.kind === 'docx' ? (await import('../plans/docx-read')).readDocxBytes(bytes) : (await import('../plans/xlsx')).readXlsxBytes(bytes),
  /** a framework workbook (plans/framework-xlsx.ts) */
  'frameworks.xlsx': async (bytes: Uint8Array, args: { overrides: z.output<typeof frameworkXlsxOverridesSchema> }) =>
    (await import('../plans/framework-xlsx')).parseFrameworkXlsxBytes(bytes, args.overrides),
  /** a framework file, UTF-8 JSON (frameworks/parse.ts) */
  'frameworks.json': async (bytes: Uint8Array) => (await import('../frameworks/parse')).parseFrameworkJson(new TextDecoder().decode(bytes)),
  /** a class list, CSV or XLSX (pupils/class-list-read.ts) */
  'pupils.classList': async (bytes: Uint8Array) => (await import('../pupils/class-list-read')).readClassList(bytes),
  /** the signatures of a PDF (documents/verify.ts) */
  'documents.signatures': async (bytes: Uint8Array) =>
    (await import('../documents/verify')).checkSignatures(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
  /** district report files, many in one (district/open-batch.ts): the report and its signature, or the reason */
  'district.envelopes': async (bytes: Uint8Array, args: { sizes: number[] }) => (await import('../district/open-batch')).openEnvelopes(bytes, args.sizes),
  /** not a parser: a document definition laid out to PDF bytes with pdfmake (documents/render.ts; `job: 'render'`) */
  'documents.render': async (_bytes: Uint8Array, args: RenderArgs) => (await import('../documents/render-job')).renderJob(args),
  /** not a parser: a plan written as DOCX or XLSX (plans/export-job.ts; `job: 'render'`) */
  'plans.export': async (_bytes: Uint8Array, args: ExportArgs) => (await import('../plans/export-job')).writePlanFile(args),
  /** a backup's encrypted DB: counts, migrations, hash, integrity_check (backup/check.ts); the bytes are the data key (workers/job.ts) */
  'backup.check': async (bytes: Uint8Array, args: CheckArgs, notify?: (value: unknown) => void) =>
    (await import('../backup/check')).checkDatabaseFile(bytes, args, notify),
} as const;

export type TaskName = keyof typeof TASKS;
export type TaskArgs<K extends TaskName> = Parameters<(typeof TASKS)[K]> extends [Uint8Array, infer A, ...unknown[]] ? A : null;
export type TaskResult<K extends TaskName> = Awaited<ReturnType<(typeof TASKS)[K]>>;
