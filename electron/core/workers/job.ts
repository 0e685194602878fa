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
import { startWorker, type WorkerCode, type WorkerReply } from './run';
import type { TaskArgs, TaskName, TaskResult } from './tasks';

export interface JobLimits {
  /** a ceiling for a hung worker, not a budget */
  timeoutMs: number;
  heapMb: number;
}

export const LONG_JOB_LIMITS: JobLimits = { timeoutMs: 30 * 60_000, heapMb: 128 };

/** Tasks with a small worker bundle of their own (it starts without parsing the parsers and renderers). */
const OWN_WORKER: Partial<Record<TaskName, WorkerCode>> = { 'backup.check': 'backup' };

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

export interface JobHooks {
  /** a value the task posts ahead of its result (`notify` in tasks.ts), e.g. the backup's manifest facts */
  onEarly?: (value: unknown) => void;
  /** stops the job: the worker is terminated, then the job rejects */
  signal?: AbortSignal;
}

/** Runs one task in a fresh worker; rejects only with an AppError (`internal` for a crash, named by nothing else). */
export async function runWorkerJob<K extends TaskName>(
  task: K,
  secret: Uint8Array,
  args: TaskArgs<K>,
  limits: JobLimits = LONG_JOB_LIMITS,
  hooks: JobHooks = {},
): Promise<TaskResult<K>> {
  const copy = new ArrayBuffer(secret.byteLength);
  new Uint8Array(copy).set(secret);
  if (hooks.signal?.aborted) {
    new Uint8Array(copy).fill(0);
    throw new AppError('internal', 'the background check was stopped');
  }
  let worker;
  try {
    worker = await startWorker({ task, args, bytes: copy }, [copy], limits.heapMb, OWN_WORKER[task] ?? 'parse');
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
    const onAbort = () => {
      if (settled) return;
      // rejects once the worker has ended (its files may then be removed)
      void finish(() => undefined).finally(() => reject(new AppError('internal', 'the background check was stopped')));
    };
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    function finish(then: () => void): Promise<unknown> {
      if (settled) return Promise.resolve();
      settled = true;
      active--;
      clearTimeout(timer);
      hooks.signal?.removeEventListener('abort', onAbort);
      w.off('message', onMessage);
      const ended = w.terminate().catch(() => undefined);
      then();
      return ended;
    }
    function onMessage(reply: WorkerReply | { early: unknown }): void {
      if ('early' in reply) {
        hooks.onEarly?.(reply.early);
        return;
      }
      void finish(() => {
        if (reply.ok) resolve(reply.value as TaskResult<K>);
        else reject(('error' in reply && fromShape(reply.error)) || new AppError('internal', 'the background check failed'));
      });
    }
    w.on('message', onMessage);
    w.once('error', () => void finish(() => reject(new AppError('internal', 'the background check failed'))));
    w.once('exit', () => void finish(() => reject(new AppError('internal', 'the background check stopped without an answer'))));
  });
}
