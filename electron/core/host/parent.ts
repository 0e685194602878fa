/**
 * The shell's side of the wire: a `CoreClient` whose core runs in a child process. Electron-free — the child is
 * whatever `spawn()` returns (electron/main/core-host.ts forks a `utilityProcess`; tests and the bench fork Node,
 * see node.ts). It
 *   - waits for the child's `hello`, sends `init`, then the calls made meanwhile (in order);
 *   - answers the child's relay requests (dialogs, print, view) from the `RelayTarget`, errors as values;
 *   - never leaves a call hanging: when the child exits, every pending call resolves to `core.unavailable`, the
 *     lock listeners hear `shutdown` (the window forgets what it showed: the session died with the child), and a
 *     fresh child is started (at most `maxRestarts` within a minute; after that every call is `core.unavailable`);
 *   - on dispose asks the child to lock and close the database, and kills it if it has not exited in time.
 */
import type { LockReason } from '../../../shared/auth';
import type { Result } from '../../../shared/errors';
import type { Logger } from '../platform';
import { errorShapeOf, idOf, toParentSchema, unavailable, type CoreClient, type InitMessage, type RelayRequest, type RelayTarget, type ToChild } from './protocol';

/** A started child process, as far as the host needs it. */
export interface ChildHandle {
  postMessage(message: ToChild): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface HostOptions {
  spawn: () => ChildHandle;
  init: Omit<InitMessage, 'type'>;
  relay: RelayTarget;
  log: Logger;
  /** fresh children after unexpected exits within one minute (default 3) */
  maxRestarts?: number;
  /** how long dispose waits for the child to close the database before killing it (default 15 s) */
  disposeTimeoutMs?: number;
}

export interface HostedCore extends CoreClient {
  /** settles when the current child has started the core (or reported that it could not) */
  started(): Promise<void>;
  /** false once the child is gone for good (disposed, or restarts used up) */
  readonly alive: boolean;
}

export function hostCore(options: HostOptions): HostedCore {
  const maxRestarts = options.maxRestarts ?? 3;
  const log = options.log;
  let child: ChildHandle | null = null;
  let connected = false;
  let outbox: ToChild[] = [];
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const lockListeners = new Set<(reason: LockReason) => void>();
  let nextId = 1;
  let phase: 'running' | 'disposing' | 'gone' = 'running';
  const restarts: number[] = [];
  const startedWaiters: (() => void)[] = [];
  let isStarted = false;
  let exited: (() => void) | null = null;

  function markStarted(): void {
    isStarted = true;
    for (const w of startedWaiters.splice(0)) w();
  }

  function post(c: ChildHandle, message: ToChild): boolean {
    try {
      c.postMessage(message);
      return true;
    } catch {
      return false;
    }
  }

  function send(message: ToChild): boolean {
    if (!child) return false;
    if (!connected) {
      outbox.push(message);
      return true;
    }
    return post(child, message);
  }

  function settle(id: number, result: Result<unknown>): void {
    const resolve = pending.get(id);
    if (!resolve) return;
    pending.delete(id);
    resolve(result);
  }

  async function runRelay(request: RelayRequest): Promise<string | null> {
    const r = options.relay;
    switch (request.op) {
      case 'chooseSaveFile':
        return r.chooseSaveFile(request.options);
      case 'chooseOpenFile':
        return r.chooseOpenFile(request.options);
      case 'chooseFolder':
        return r.chooseFolder(request.options);
      case 'printPdf':
        await r.printPdf(request.pdf, request.options);
        return null;
      case 'showPdf':
        await r.showPdf(request.pdf, request.options);
        return null;
    }
  }

  function onMessage(c: ChildHandle, raw: unknown): void {
    const parsed = toParentSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn('host.malformed_reply', { issues: parsed.error.issues.length });
      const id = idOf(raw, 'result');
      if (id !== null) settle(id, { ok: false, error: { code: 'internal', message: 'the core sent a malformed answer' } });
      return;
    }
    const m = parsed.data;
    switch (m.type) {
      case 'hello': {
        connected = true;
        post(c, { type: 'init', ...options.init });
        const queued = outbox;
        outbox = [];
        for (const q of queued) post(c, q);
        return;
      }
      case 'ready':
        log.info('host.ready');
        markStarted();
        return;
      case 'startFailed':
        log.error('host.start_failed', { code: m.error.code });
        markStarted();
        return;
      case 'result':
        settle(m.id, m.result);
        return;
      case 'lock':
        for (const l of [...lockListeners]) l(m.reason);
        return;
      case 'relay':
        runRelay(m.request).then(
          (value) => {
            if (child === c) post(c, { type: 'relayResult', id: m.id, result: { ok: true, value } });
          },
          (e: unknown) => {
            log.warn('host.relay_failed', { op: m.request.op });
            if (child === c) post(c, { type: 'relayResult', id: m.id, result: { ok: false, error: errorShapeOf(e) } });
          },
        );
        return;
      case 'disposed':
        return;
      case 'refused':
        log.warn('host.refused', { reason: m.reason });
        if (m.id !== null) settle(m.id, { ok: false, error: { code: 'validation', message: 'the core refused a malformed message' } });
        return;
    }
  }

  function onExit(code: number | null): void {
    child = null;
    connected = false;
    outbox = [];
    for (const id of [...pending.keys()]) settle(id, unavailable('the core process stopped before answering'));
    if (phase !== 'running') {
      phase = 'gone';
      markStarted();
      exited?.();
      return;
    }
    log.error('host.exited', { code });
    for (const l of [...lockListeners]) l('shutdown');
    const now = Date.now();
    while (restarts.length && now - (restarts[0] ?? 0) > 60_000) restarts.shift();
    if (restarts.length >= maxRestarts) {
      phase = 'gone';
      log.error('host.gave_up', { restarts: restarts.length });
      markStarted();
      return;
    }
    restarts.push(now);
    start();
  }

  function start(): void {
    isStarted = false;
    const c = options.spawn();
    child = c;
    c.onMessage((raw) => {
      if (child === c) onMessage(c, raw);
    });
    c.onExit((code) => {
      if (child === c) onExit(code);
    });
  }

  start();

  return {
    get alive() {
      return phase !== 'gone';
    },
    started() {
      if (isStarted) return Promise.resolve();
      return new Promise<void>((resolve) => startedWaiters.push(resolve));
    },
    invoke(method, input) {
      if (phase !== 'running' || !child) return Promise.resolve(unavailable());
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        if (!send({ type: 'invoke', id, method, input })) settle(id, { ok: false, error: { code: 'validation', message: 'the call could not be sent to the core' } });
      });
    },
    onLock(listener) {
      lockListeners.add(listener);
      return () => lockListeners.delete(listener);
    },
    dispose() {
      if (phase === 'gone') return Promise.resolve();
      const c = child;
      if (phase === 'disposing' || !c) {
        phase = phase === 'running' ? 'gone' : phase;
        return new Promise<void>((resolve) => {
          if (!child) resolve();
          else exited = chain(exited, resolve);
        });
      }
      phase = 'disposing';
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          log.warn('host.dispose_timeout');
          c.kill();
        }, options.disposeTimeoutMs ?? 15_000);
        exited = chain(exited, () => {
          clearTimeout(timer);
          resolve();
        });
        if (!send({ type: 'dispose', id: nextId++ })) c.kill();
      });
    },
  };
}

function chain(first: (() => void) | null, second: () => void): () => void {
  return () => {
    first?.();
    second();
  };
}
