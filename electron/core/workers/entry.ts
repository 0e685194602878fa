/**
 * The parse worker: runs one task of tasks.ts on the bytes it was given (workerData) and posts exactly one reply
 * (run.ts: WorkerReply). Bundled as dist/electron/parse-worker.cjs; under Node with the TypeScript sources it is
 * loaded through tsx (run.ts). An unexpected exception is reported by its name only: its message may quote the file.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors';
import type { WorkerInput, WorkerReply } from './run';
import { TASKS } from './tasks';

async function run(input: WorkerInput): Promise<WorkerReply> {
  try {
    if (!Object.prototype.hasOwnProperty.call(TASKS, input.task)) return { ok: false, crash: 'UnknownTask' };
    const task = TASKS[input.task] as (bytes: Uint8Array, args: unknown) => unknown;
    return { ok: true, value: await task(new Uint8Array(input.bytes), input.args) };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.toShape() };
    return { ok: false, crash: e instanceof Error ? e.name : typeof e };
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void run(workerData as WorkerInput).then((reply) => port.postMessage(reply));
}
