/**
 * The plan's DOCX and XLSX files are written in the resident render worker (workers/run.ts, `job: 'render'`): a
 * 200-item plan takes the docx and ExcelJS writers long enough to hold the core's thread, and with it Ctrl+L. The
 * export (io-common.ts `PlanExport`) is plain data; the bytes come back transferred. The lock stops a running export
 * with `documents.cancelled`.
 */
import type { PlanExport } from './io-common';
import { runParser } from '../workers/run';

export interface ExportArgs {
  format: 'docx' | 'xlsx';
  e: PlanExport;
  /** the core's clock (the workbook's dates) */
  now: Date;
}

/** The worker's side ('plans.export' in workers/tasks.ts). */
export async function writePlanFile(args: ExportArgs): Promise<{ bytes: Uint8Array }> {
  const buf = args.format === 'docx' ? await (await import('./docx')).planDocx(args.e) : await (await import('./xlsx')).planXlsx(args.e, args.now);
  // an ArrayBuffer of its own, transferred to the core
  const bytes = new Uint8Array(buf.byteLength);
  bytes.set(buf);
  return { bytes };
}

/** The plan's DOCX or XLSX bytes, written in the worker. */
export async function planFile(format: 'docx' | 'xlsx', e: PlanExport, now: Date): Promise<Buffer> {
  const out = await runParser('plans.export', new Uint8Array(0), { format, e, now }, { failure: 'documents.render_failed', job: 'render' });
  return Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength);
}
