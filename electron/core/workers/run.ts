/**
 * Every parser of an outside file (DOCX and XLSX plan imports, framework JSON and XLSX, PDFs to verify) and every
 * PDF render (pdfmake: documents/render.ts) runs here: in a `worker_threads` Worker, never on the core's thread,
 * with a time limit (`worker.terminate()` when it runs out) and a memory ceiling (`resourceLimits`). The core's
 * thread — and with it the idle lock, Ctrl+L and every other call — stays responsive whatever the file holds and
 * however long the document is.
 *
 * Two kinds of job, with their own limits and codes (`ParseOptions.job`):
 *   - 'parse' (default): 20 s, 256 MB; out of time `file.timeout`, out of memory (or a RangeError: a string or
 *     array past V8's limits) `file.too_complex`, stopped by the lock `file.cancelled`;
 *   - 'render': 120 s, 1 GB (a 200-item plan lays out in seconds); out of time or memory
 *     `documents.render_failed`, stopped by the lock `documents.cancelled`.
 * Any other crash is the caller's own failure code (`plans.import_failed` …) — never `internal`.
 *
 * Bytes go in (copied into a fresh ArrayBuffer that is transferred, never shared), plain data comes out (structured
 * clone; a result's whole byte arrays are transferred: entry.ts). An `AppError` thrown by the task comes back with
 * its code. `cancelRunningParses()` (the lock, api.ts) stops every running job at once, each with its kind's
 * cancellation code; while `holdParses()` is held no new job starts.
 *
 * Where the worker's code comes from:
 *   - the bundled app (scripts/build-electron.mjs): `parse-worker.cjs`, its own bundle beside `main.cjs`;
 *   - Node with TypeScript sources (tests, harness, bench, scripts under tsx): `entry.ts` through tsx's loader.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AppErrorShape, ErrorCode } from '../../../shared/errors';
import { ERROR_CODES } from '../../../shared/errors';
import { AppError } from '../errors';
import type { TaskArgs, TaskName, TaskResult } from './tasks';

export const PARSE_TIMEOUT_MS = 20_000;
/** V8 heap of one parse worker (old generation); ArrayBuffers are bounded by each parser's own byte budgets */
export const PARSE_HEAP_MB = 256;
export const BUNDLED_WORKER = 'parse-worker.cjs';
/** The backup's check alone (backup-entry.ts): a small bundle that starts fast; the parse worker serves it too. */
export const BUNDLED_BACKUP_WORKER = 'backup-worker.cjs';

/** Which worker code a job runs in: every task ('parse'), or the backup's check alone ('backup'). */
export type WorkerCode = 'parse' | 'backup';

export interface ParseLimits {
  timeoutMs: number;
  heapMb: number;
}

const defaults: ParseLimits = { timeoutMs: PARSE_TIMEOUT_MS, heapMb: PARSE_HEAP_MB };
let limits: ParseLimits = { ...defaults };

/** Changes the limits of later parses (tests, bench); `null` restores the defaults. Returns the limits in force. */
export function configureParsing(change: Partial<ParseLimits> | null): ParseLimits {
  limits = change === null ? { ...defaults } : { ...limits, ...change };
  return { ...limits };
}

/** a PDF render: a 200-item signed plan takes a few seconds here; a slow school PC gets ample room */
export const RENDER_TIMEOUT_MS = 120_000;
/** V8 heap of one render worker (pdfmake keeps the whole laid-out document in memory) */
export const RENDER_HEAP_MB = 1024;

const renderDefaults: ParseLimits = { timeoutMs: RENDER_TIMEOUT_MS, heapMb: RENDER_HEAP_MB };
let renderLimits: ParseLimits = { ...renderDefaults };

/** Changes the limits of later renders (tests, bench); `null` restores the defaults. Returns the limits in force. */
export function configureRendering(change: Partial<ParseLimits> | null): ParseLimits {
  renderLimits = change === null ? { ...renderDefaults } : { ...renderLimits, ...change };
  return { ...renderLimits };
}

export type JobKind = 'parse' | 'render';

/** The errors of each kind of job (what the caller's user reads). */
const JOB_ERRORS: Record<JobKind, { cancelled: () => AppError; timeout: (ms: number) => AppError; memory: (mb: number) => AppError }> = {
  parse: {
    cancelled: () => new AppError('file.cancelled', 'reading the file was stopped: the app was locked'),
    timeout: (ms) => new AppError('file.timeout', 'reading the file took longer than allowed', { limitSeconds: Math.round(ms / 1000) }),
    memory: (mb) => new AppError('file.too_complex', 'reading the file needed more memory than allowed', { limitMb: mb }),
  },
  render: {
    cancelled: () => new AppError('documents.cancelled', 'making the document was stopped: the app was locked'),
    timeout: (ms) => new AppError('documents.render_failed', 'making the document took longer than allowed', { reason: 'timeout', limitSeconds: Math.round(ms / 1000) }),
    memory: (mb) => new AppError('documents.render_failed', 'making the document needed more memory than allowed', { reason: 'memory', limitMb: mb }),
  },
};

/** What the worker posts back: exactly one message. */
export type WorkerReply =
  | { ok: true; value: unknown }
  | { ok: false; error: AppErrorShape }
  /** an unexpected exception: its name only (its message may quote the file) */
  | { ok: false; crash: string };

export interface WorkerInput {
  task: TaskName;
  args: unknown;
  bytes: ArrayBuffer;
}

/** A resident worker (renders) is started with `{ serve: true }`, then sent `WorkerInput & { id }` per job. */
export type WorkerStart = WorkerInput | { serve: true };

/** How to start the worker, given the URL of this module (the bundle's URL in the built app). */
export function workerSource(moduleUrl: string, code: WorkerCode = 'parse'): { kind: 'bundle'; file: string } | { kind: 'typescript'; entry: string } {
  const here = fileURLToPath(moduleUrl);
  if (/\.c?js$/.test(here)) {
    const parse = path.join(path.dirname(here), BUNDLED_WORKER);
    if (code === 'parse') return { kind: 'bundle', file: parse };
    // a build without the small bundle (an older dev host): the parse worker serves the backup's check as well
    const small = path.join(path.dirname(here), BUNDLED_BACKUP_WORKER);
    return { kind: 'bundle', file: fs.existsSync(small) ? small : parse };
  }
  return { kind: 'typescript', entry: path.join(path.dirname(here), code === 'backup' ? 'backup-entry.ts' : 'entry.ts') };
}

/** The ESM build of tsx's loader API (require.resolve would give its CommonJS build). */
function tsxEsmApi(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { exports?: Record<string, { import?: { default?: string } }> };
  const rel = pkg.exports?.['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return path.join(path.dirname(pkgFile), rel);
}

const devBundles: Partial<Record<WorkerCode, Promise<string | null>>> = {};

/**
 * Under Node with the TypeScript sources: the worker bundled on demand by scripts/dev-parse-worker.mjs (once per
 * process; starting it costs a tenth of loading the sources through tsx), or null to fall back to tsx.
 */
function devWorkerBundle(code: WorkerCode): Promise<string | null> {
  const made = (devBundles[code] ??= (async () => {
    try {
      const script = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/dev-parse-worker.mjs')).href;
      const mod = (await import(/* @vite-ignore */ script)) as { buildDevParseWorker: (code?: WorkerCode) => Promise<string> };
      return await mod.buildDevParseWorker(code);
    } catch {
      return null;
    }
  })());
  return made;
}

export async function startWorker(data: WorkerStart, transfer: ArrayBuffer[], heapMb: number, which: WorkerCode = 'parse'): Promise<Worker> {
  const options = {
    workerData: data,
    transferList: transfer,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    stdout: false,
    stderr: false,
  };
  const source = workerSource(import.meta.url, which);
  if (source.kind === 'bundle') return new Worker(source.file, options);
  const bundle = await devWorkerBundle(which);
  if (bundle !== null) return new Worker(bundle, options);
  // TypeScript sources: register tsx's ESM loader inside the worker, then load the entry
  const tsxApi = pathToFileURL(tsxEsmApi()).href;
  const entry = pathToFileURL(source.entry).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

interface Running {
  worker: Worker;
  job: JobKind;
  stop(error: AppError): void;
}

const running = new Set<Running>();

/** How many worker jobs (parses and renders) are running now. */
export function runningParses(): number {
  return running.size;
}

let held = 0;

/**
 * While held (a lock is on its way through the queue), a parse that would start is refused with `file.cancelled`
 * at once: calls queued before the lock do not start a new parse in front of it. Returns the release.
 */
export function holdParses(): () => void {
  held++;
  let released = false;
  return () => {
    if (!released) held--;
    released = true;
  };
}

/**
 * Stops every running job (the app is being locked): each rejects with its kind's cancellation (`file.cancelled`,
 * `documents.cancelled`); the worker is terminated, so nothing it was making reaches the caller.
 */
export function cancelRunningParses(): number {
  const all = [...running];
  for (const r of all) r.stop(JOB_ERRORS[r.job].cancelled());
  return all.length;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

export interface ParseOptions {
  /** the code for a parser that crashed unexpectedly (the file is damaged in a way no check foresaw) */
  failure: ErrorCode;
  /** 'render' for a PDF render: its own limits and codes (default 'parse') */
  job?: JobKind;
}

/**
 * Runs one task on a copy of `bytes` in a worker and returns its plain-data result: a parse in a fresh worker of its
 * own; a render in the resident render worker (below). Rejects only with an AppError.
 */
export function runParser<K extends TaskName>(task: K, bytes: Uint8Array, args: TaskArgs<K>, options: ParseOptions): Promise<TaskResult<K>> {
  const job = options.job ?? 'parse';
  if (held > 0) return Promise.reject(JOB_ERRORS[job].cancelled());
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  if (job === 'render') return runResident<TaskResult<K>>({ task, args, bytes: copy }, options);
  const { timeoutMs, heapMb } = limits;
  let started: Promise<Worker>;
  try {
    started = startWorker({ task, args, bytes: copy }, [copy], heapMb);
  } catch {
    started = Promise.reject(new Error('not started'));
  }
  return started.then(
    (worker) => watch<TaskResult<K>>({ worker, job, timeoutMs, heapMb, options, id: null }),
    () => Promise.reject(new AppError(options.failure, 'the file reader could not be started')),
  );
}

/**
 * Renders run one after another in one resident worker: starting a worker and loading pdfmake and the fonts costs
 * more than a small document's layout, and a signature needs two renders (the page, the stamp). The worker is
 * dropped (terminated) when a render is stopped (the lock), runs out of time or memory, or crashes — the next render
 * starts a fresh one — and when it has been idle for `RESIDENT_IDLE_MS`. It never keeps the process alive (unref).
 */
export const RESIDENT_IDLE_MS = 30_000;

interface Resident {
  worker: Promise<Worker>;
  heapMb: number;
  idle: ReturnType<typeof setTimeout> | null;
}

let resident: Resident | null = null;
let renderQueue: Promise<unknown> = Promise.resolve();
let nextJobId = 1;

function dropResident(r: Resident): void {
  if (resident === r) resident = null;
  if (r.idle) clearTimeout(r.idle);
  void r.worker.then((w) => w.terminate()).catch(() => undefined);
}

function residentWorker(heapMb: number): Resident {
  if (resident && resident.heapMb !== heapMb) dropResident(resident);
  if (resident) return resident;
  const r: Resident = { worker: startWorker({ serve: true }, [], heapMb), heapMb, idle: null };
  void r.worker.then(
    (w) => {
      w.unref();
      w.once('exit', () => {
        if (resident === r) resident = null;
      });
    },
    () => {
      if (resident === r) resident = null;
    },
  );
  resident = r;
  return r;
}

function runResident<T>(input: WorkerInput, options: ParseOptions): Promise<T> {
  const job: JobKind = 'render';
  const p = renderQueue.then(async () => {
    // a lock asked for while this render waited its turn
    if (held > 0) throw JOB_ERRORS[job].cancelled();
    const { timeoutMs, heapMb } = renderLimits;
    const r = residentWorker(heapMb);
    if (r.idle) clearTimeout(r.idle);
    r.idle = null;
    let worker: Worker;
    try {
      worker = await r.worker;
    } catch {
      dropResident(r);
      throw new AppError(options.failure, 'the document renderer could not be started');
    }
    const id = nextJobId++;
    const result = watch<T>({ worker, job, timeoutMs, heapMb, options, id, onDead: () => dropResident(r) });
    worker.postMessage({ ...input, id }, [input.bytes]);
    try {
      return await result;
    } finally {
      if (resident === r) {
        r.idle = setTimeout(() => dropResident(r), RESIDENT_IDLE_MS);
        r.idle.unref?.();
      }
    }
  });
  renderQueue = p.catch(() => undefined);
  return p;
}

interface Watched {
  worker: Worker;
  job: JobKind;
  timeoutMs: number;
  heapMb: number;
  options: ParseOptions;
  /** a resident worker's job id (its reply is `{ id, reply }`), null for a worker of its own (one reply) */
  id: number | null;
  /** a resident worker that must not be used again (stopped, timed out, crashed) */
  onDead?: () => void;
}

function watch<T>(w: Watched): Promise<T> {
  const { worker, job, timeoutMs, heapMb, options, id } = w;
  const errors = JOB_ERRORS[job];
  const own = id === null;
  const kill = () => {
    if (own) void worker.terminate().catch(() => undefined);
    else w.onDead?.();
  };
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const entry: Running = {
      worker,
      job,
      stop: (error) => finish(() => reject(error), true),
    };
    // a lock that came while the worker was starting (its code loads asynchronously) stops it here
    if (held > 0) {
      kill();
      reject(errors.cancelled());
      return;
    }
    running.add(entry);
    const timer = setTimeout(() => finish(() => reject(errors.timeout(timeoutMs)), true), timeoutMs);
    function finish(then: () => void, dead: boolean): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(entry);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (own || dead) kill();
      then();
    }
    function onMessage(message: WorkerReply | { id: number; reply: WorkerReply } | { early: unknown }): void {
      let reply: WorkerReply;
      // a value posted ahead of the reply (only long jobs use it: workers/job.ts)
      if ('early' in message) return;
      if (own) reply = message as WorkerReply;
      else if ('id' in message && message.id === id) reply = message.reply;
      else return;
      finish(() => {
        if (reply.ok) resolve(reply.value as T);
        else if ('error' in reply && isErrorCode(reply.error.code)) reject(new AppError(reply.error.code, reply.error.message, reply.error.details));
        else if ('crash' in reply && reply.crash === 'RangeError') reject(errors.memory(heapMb));
        else reject(new AppError(options.failure, 'the worker could not finish the task'));
      }, !reply.ok && 'crash' in reply);
    }
    function onError(e: Error & { code?: string }): void {
      finish(() => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' || e.name === 'RangeError') {
          reject(errors.memory(heapMb));
        } else {
          reject(new AppError(options.failure, 'the worker could not finish the task'));
        }
      }, true);
    }
    function onExit(): void {
      finish(() => reject(new AppError(options.failure, 'the worker stopped without an answer')), true);
    }
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
