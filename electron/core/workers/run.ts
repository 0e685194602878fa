/**
 * Every parser of an outside file (DOCX and XLSX plan imports, framework JSON and XLSX, PDFs to verify) runs here:
 * in a `worker_threads` Worker, never on the main thread, with a time limit (`worker.terminate()` when it runs out)
 * and a memory ceiling (`resourceLimits`). The main thread — and with it the idle lock, Ctrl+L and every other call
 * — stays responsive whatever the file holds.
 *
 * Bytes go in (copied into a fresh ArrayBuffer that is transferred, never shared), plain data comes out (structured
 * clone). An `AppError` thrown by the parser comes back with its code; running out of time is `file.timeout`, out of
 * memory (or a RangeError: a string or array past V8's limits) is `file.too_complex`, any other crash is the
 * caller's own failure code (`plans.import_failed` …) — never `internal`. `cancelRunningParses()` (the lock) stops
 * them all at once with `file.cancelled`.
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

/** How to start the worker, given the URL of this module (the bundle's URL in the built app). */
export function workerSource(moduleUrl: string): { kind: 'bundle'; file: string } | { kind: 'typescript'; entry: string } {
  const here = fileURLToPath(moduleUrl);
  if (/\.c?js$/.test(here)) return { kind: 'bundle', file: path.join(path.dirname(here), BUNDLED_WORKER) };
  return { kind: 'typescript', entry: path.join(path.dirname(here), 'entry.ts') };
}

/** The ESM build of tsx's loader API (require.resolve would give its CommonJS build). */
function tsxEsmApi(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { exports?: Record<string, { import?: { default?: string } }> };
  const rel = pkg.exports?.['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return path.join(path.dirname(pkgFile), rel);
}

let devBundle: Promise<string | null> | null = null;

/**
 * Under Node with the TypeScript sources: the worker bundled on demand by scripts/dev-parse-worker.mjs (once per
 * process; starting it costs a tenth of loading the sources through tsx), or null to fall back to tsx.
 */
function devWorkerBundle(): Promise<string | null> {
  devBundle ??= (async () => {
    try {
      const script = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/dev-parse-worker.mjs')).href;
      const mod = (await import(/* @vite-ignore */ script)) as { buildDevParseWorker: () => Promise<string> };
      return await mod.buildDevParseWorker();
    } catch {
      return null;
    }
  })();
  return devBundle;
}

export async function startWorker(data: WorkerInput, transfer: ArrayBuffer[], heapMb: number): Promise<Worker> {
  const options = {
    workerData: data,
    transferList: transfer,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    stdout: false,
    stderr: false,
  };
  const source = workerSource(import.meta.url);
  if (source.kind === 'bundle') return new Worker(source.file, options);
  const bundle = await devWorkerBundle();
  if (bundle !== null) return new Worker(bundle, options);
  // TypeScript sources: register tsx's ESM loader inside the worker, then load the entry
  const tsxApi = pathToFileURL(tsxEsmApi()).href;
  const entry = pathToFileURL(source.entry).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

interface Running {
  worker: Worker;
  stop(error: AppError): void;
}

const running = new Set<Running>();

/** How many parses are running now. */
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

/** Stops every running parse (the app is being locked): each rejects with `file.cancelled`. */
export function cancelRunningParses(): number {
  const all = [...running];
  for (const r of all) r.stop(new AppError('file.cancelled', 'reading the file was stopped: the app was locked'));
  return all.length;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

export interface ParseOptions {
  /** the code for a parser that crashed unexpectedly (the file is damaged in a way no check foresaw) */
  failure: ErrorCode;
}

/**
 * Runs one parser task on a copy of `bytes` in a fresh worker and returns its plain-data result.
 * Rejects only with an AppError.
 */
export function runParser<K extends TaskName>(task: K, bytes: Uint8Array, args: TaskArgs<K>, options: ParseOptions): Promise<TaskResult<K>> {
  if (held > 0) return Promise.reject(new AppError('file.cancelled', 'reading the file was stopped: the app is being locked'));
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  const { timeoutMs, heapMb } = limits;
  let started: Promise<Worker>;
  try {
    started = startWorker({ task, args, bytes: copy }, [copy], heapMb);
  } catch {
    started = Promise.reject(new Error('not started'));
  }
  return started.then(
    (worker) => watch<TaskResult<K>>(worker, timeoutMs, heapMb, options),
    () => Promise.reject(new AppError(options.failure, 'the file reader could not be started')),
  );
}

function watch<T>(worker: Worker, timeoutMs: number, heapMb: number, options: ParseOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const entry: Running = {
      worker,
      stop: (error) => finish(() => reject(error)),
    };
    running.add(entry);
    const timer = setTimeout(
      () => finish(() => reject(new AppError('file.timeout', 'reading the file took longer than allowed', { limitSeconds: Math.round(timeoutMs / 1000) }))),
      timeoutMs,
    );
    function finish(then: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(entry);
      void worker.terminate().catch(() => undefined);
      then();
    }
    worker.once('message', (reply: WorkerReply) => {
      finish(() => {
        if (reply.ok) resolve(reply.value as T);
        else if ('error' in reply && isErrorCode(reply.error.code)) reject(new AppError(reply.error.code, reply.error.message, reply.error.details));
        else if ('crash' in reply && reply.crash === 'RangeError') reject(new AppError('file.too_complex', 'the file is too complex to read'));
        else reject(new AppError(options.failure, 'the file could not be read'));
      });
    });
    worker.once('error', (e: Error & { code?: string }) => {
      finish(() => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' || e.name === 'RangeError') {
          reject(new AppError('file.too_complex', 'reading the file needed more memory than allowed', { limitMb: heapMb }));
        } else {
          reject(new AppError(options.failure, 'the file could not be read'));
        }
      });
    });
    worker.once('exit', () => finish(() => reject(new AppError(options.failure, 'the file reader stopped without an answer'))));
  });
}
