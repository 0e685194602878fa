/**
 * The parsers that run in the parse worker (run.ts), by name. Each takes the file's bytes and plain arguments and
 * returns plain data (what structured clone carries: objects, arrays, strings, numbers, Dates). The worker entry
 * (entry.ts) imports this table; the main thread imports only its types.
 */
import type { z } from 'zod';
import type { frameworkXlsxOverridesSchema } from '../../../shared/plans-io';
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
  /** a backup's encrypted DB: counts, migrations, hash, integrity_check (backup/check.ts); the bytes are the data key (workers/job.ts) */
  'backup.check': async (bytes: Uint8Array, args: CheckArgs) => (await import('../backup/check')).checkDatabaseFile(bytes, args),
} as const;

export type TaskName = keyof typeof TASKS;
export type TaskArgs<K extends TaskName> = Parameters<(typeof TASKS)[K]> extends [Uint8Array, infer A] ? A : null;
export type TaskResult<K extends TaskName> = Awaited<ReturnType<(typeof TASKS)[K]>>;
