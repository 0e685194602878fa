/**
 * The parse worker: runs one task of tasks.ts on the bytes it was given (workerData) and posts exactly one reply
 * (run.ts: WorkerReply) — or, started with `{ serve: true }` (the resident render worker), one reply per job message; byte arrays the result owns whole (a rendered PDF) are transferred, not copied. Bundled as dist/electron/parse-worker.cjs; under Node with the TypeScript sources it is
 * loaded through tsx (run.ts). An unexpected exception is reported by its name only: its message may quote the file.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors';
import type { WorkerInput, WorkerReply, WorkerStart } from './run';
import { TASKS } from './tasks';

async function run(input: WorkerInput, notify: (value: unknown) => void = () => undefined): Promise<WorkerReply> {
  try {
    if (!Object.prototype.hasOwnProperty.call(TASKS, input.task)) return { ok: false, crash: 'UnknownTask' };
    const task = TASKS[input.task] as (bytes: Uint8Array, args: unknown, notify: (value: unknown) => void) => unknown;
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

if (!isMainThread && parentPort) {
  const port = parentPort;
  const start = workerData as WorkerStart;
  if ('serve' in start) {
    // resident (renders): one job per message, answered with its id, one after another
    port.on('message', (input: WorkerInput & { id: number }) => {
      void run(input).then((reply) => port.postMessage({ id: input.id, reply }, transferables(reply)));
    });
  } else {
    // a one-job worker may post values ahead of its reply (`{ early }`: workers/job.ts)
    void run(start, (early) => port.postMessage({ early })).then((reply) => port.postMessage(reply, transferables(reply)));
  }
}
