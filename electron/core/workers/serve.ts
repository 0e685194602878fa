/**
 * The worker side of run.ts's protocol, for a table of tasks: runs one task on the bytes it was given (workerData)
 * and posts exactly one reply (WorkerReply) — values the task `notify`s go ahead of it as `{ early }` — or, started
 * with `{ serve: true }` (the resident render worker), one reply per job message. Byte arrays the result owns whole
 * (a rendered PDF) are transferred, not copied. An unexpected exception is reported by its name only: its message
 * may quote the file. Used by entry.ts (every task: parse-worker.cjs) and backup-entry.ts (the backup's check
 * only: backup-worker.cjs, which starts without parsing pdfmake, ExcelJS or PKI.js).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors';
import type { WorkerInput, WorkerReply, WorkerStart } from './run';

type Task = (bytes: Uint8Array, args: never, notify: (value: unknown) => void) => unknown;

async function run(tasks: Record<string, Task>, input: WorkerInput, notify: (value: unknown) => void): Promise<WorkerReply> {
  try {
    if (!Object.prototype.hasOwnProperty.call(tasks, input.task)) return { ok: false, crash: 'UnknownTask' };
    const task = tasks[input.task] as (bytes: Uint8Array, args: unknown, notify: (value: unknown) => void) => unknown;
    return { ok: true, value: await task(new Uint8Array(input.bytes), input.args, notify) };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.toShape() };
    return { ok: false, crash: e instanceof Error ? e.name : typeof e };
  }
}

/** The ArrayBuffers a result owns whole (a rendered PDF's bytes): moved to the caller, not copied. */
function transferables(reply: WorkerReply): ArrayBuffer[] {
  if (!reply.ok || reply.value === null || typeof reply.value !== 'object') return [];
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(reply.value)) {
    if (v instanceof Uint8Array && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) out.push(v.buffer);
  }
  return out;
}

/** Answers run.ts from this worker thread (does nothing on the main thread). */
export function serveTasks(tasks: Record<string, Task>): void {
  if (isMainThread || !parentPort) return;
  const port = parentPort;
  const start = workerData as WorkerStart;
  if ('serve' in start) {
    // resident (renders): one job per message, answered with its id, one after another
    port.on('message', (input: WorkerInput & { id: number }) => {
      void run(tasks, input, () => undefined).then((reply) => port.postMessage({ id: input.id, reply }, transferables(reply)));
    });
  } else {
    // a one-job worker may post values ahead of its reply (`{ early }`: workers/job.ts)
    void run(tasks, start, (early) => port.postMessage({ early })).then((reply) => port.postMessage(reply, transferables(reply)));
  }
}
