/**
 * Long jobs of the core's own (the backup's checks of its snapshot, a restore's check of the DB it unpacked) in the
 * same worker as the parsers (run.ts: the same bundle and tasks table), with limits of their own: no parse time
 * limit (an integrity check of a big DB on a slow PC takes what it takes; a generous ceiling catches a hung worker),
 * and not stopped by the lock — a job started by an authorised account finishes, see electron/core/backup/jobs.ts.
 *
 * `secret` (a data key) goes in as the worker's bytes: copied into a fresh ArrayBuffer that is transferred, so
 * no second copy stays on this thread; the caller wipes its own.
 */
import type { AppErrorShape, ErrorCode } from '../../../shared/errors';
import { ERROR_CODES } from '../../../shared/errors';
import { AppError } from '../errors';
import { startWorker, type WorkerReply } from './run';
import type { TaskArgs, TaskName, TaskResult } from './tasks';

export interface JobLimits {
  /** a ceiling for a hung worker, not a budget */
  timeoutMs: number;
  heapMb: number;
}

export const LONG_JOB_LIMITS: JobLimits = { timeoutMs: 30 * 60_000, heapMb: 128 };

let active = 0;

/** How many long jobs are running in workers now (tests check that the core answers while one runs). */
export function runningWorkerJobs(): number {
  return active;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

function fromShape(e: AppErrorShape): AppError | null {
  return isErrorCode(e.code) ? new AppError(e.code, e.message, e.details) : null;
}

/** Runs one task in a fresh worker; rejects only with an AppError (`internal` for a crash, named by nothing else). */
export async function runWorkerJob<K extends TaskName>(task: K, secret: Uint8Array, args: TaskArgs<K>, limits: JobLimits = LONG_JOB_LIMITS): Promise<TaskResult<K>> {
  const copy = new ArrayBuffer(secret.byteLength);
  new Uint8Array(copy).set(secret);
  let worker;
  try {
    worker = await startWorker({ task, args, bytes: copy }, [copy], limits.heapMb);
  } catch {
    new Uint8Array(copy).fill(0);
    throw new AppError('internal', 'the background check could not be started');
  }
  const w = worker;
  active++;
  return new Promise<TaskResult<K>>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () => finish(() => reject(new AppError('file.timeout', 'the background check took longer than allowed', { limitSeconds: Math.round(limits.timeoutMs / 1000) }))),
      limits.timeoutMs,
    );
    function finish(then: () => void): void {
      if (settled) return;
      settled = true;
      active--;
      clearTimeout(timer);
      void w.terminate().catch(() => undefined);
      then();
    }
    w.once('message', (reply: WorkerReply) =>
      finish(() => {
        if (reply.ok) resolve(reply.value as TaskResult<K>);
        else reject(('error' in reply && fromShape(reply.error)) || new AppError('internal', 'the background check failed'));
      }),
    );
    w.once('error', () => finish(() => reject(new AppError('internal', 'the background check failed'))));
    w.once('exit', () => finish(() => reject(new AppError('internal', 'the background check stopped without an answer'))));
  });
}
