/**
 * The core's side of the wire (electron/core/host/protocol.ts): waits for `init`, builds the Platform — what the
 * child does itself (data folder, clock, file log, removable drives, the native module) plus what it asks the
 * parent to do (dialogs, printing, viewing a PDF) — starts the real core and serves invoke / dispose, forwarding
 * lock events. Transport-free: entry.ts plugs in Electron's parentPort or Node's IPC channel.
 */
import { createCore as realCreateCore } from '../api';
import { listRemovableDrives as realListDrives } from '../backup/drives';
import { configureFontsDir } from '../documents/fonts';
import { AppError } from '../errors';
import { fileLogger } from '../log';
import type { Logger, Platform, RemovableDrive } from '../platform';
import type { AppErrorShape } from '../../../shared/errors';
import { errorShapeOf, idOf, relayValueSchemas, toChildSchema, type CoreClient, type InitMessage, type RelayRequest, type ToParent } from './protocol';

/** A message channel to the parent, whatever carries it. */
export interface ParentChannel {
  post(message: ToParent): void;
  onMessage(listener: (message: unknown) => void): void;
}

export interface ChildDeps {
  createCore?: (platform: Platform) => CoreClient;
  listRemovableDrives?: () => Promise<RemovableDrive[]>;
  logger?: (dataDir: string) => Logger;
  /** called once the core is disposed (entry.ts ends the process) */
  exit?: () => void;
}

export function runCoreChild(channel: ParentChannel, deps: ChildDeps = {}): void {
  const createCore = deps.createCore ?? realCreateCore;
  let core: CoreClient | null = null;
  let startError: AppErrorShape | null = null;
  let log: Logger | null = null;
  let disposing: Promise<void> | null = null;
  let nextRelay = 1;
  const relays = new Map<number, { op: RelayRequest['op']; resolve: (v: string | null) => void; reject: (e: Error) => void }>();

  function relay(request: RelayRequest): Promise<string | null> {
    const id = nextRelay++;
    return new Promise<string | null>((resolve, reject) => {
      relays.set(id, { op: request.op, resolve, reject });
      channel.post({ type: 'relay', id, request });
    });
  }

  function start(init: InitMessage): void {
    if (core || startError) {
      channel.post({ type: 'refused', id: null, reason: 'already started' });
      return;
    }
    if (init.fontsDir) configureFontsDir(init.fontsDir);
    log = (deps.logger ?? ((dir) => fileLogger(dir)))(init.dataDir);
    const listDrives = deps.listRemovableDrives ?? realListDrives;
    const platform: Platform = {
      dataDir: init.dataDir,
      demo: init.demo,
      ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
      now: () => new Date(),
      log,
      listRemovableDrives: () => listDrives(),
      chooseSaveFile: (options) => relay({ op: 'chooseSaveFile', options: { title: options.title, defaultName: options.defaultName, filters: options.filters } }),
      chooseOpenFile: (options) => relay({ op: 'chooseOpenFile', options: { title: options.title, filters: options.filters } }),
      chooseFolder: (options) => relay({ op: 'chooseFolder', options: { title: options.title } }),
      printPdf: async (pdf, options) => {
        await relay({ op: 'printPdf', pdf, options: { title: options.title } });
      },
      showPdf: async (pdf, options) => {
        await relay({ op: 'showPdf', pdf, options: { title: options.title } });
      },
    };
    try {
      core = createCore(platform);
    } catch (e) {
      startError = errorShapeOf(e);
      log.error('host.start_failed', { code: startError.code, name: e instanceof Error ? e.name : typeof e });
      channel.post({ type: 'startFailed', error: startError });
      return;
    }
    core.onLock((reason) => channel.post({ type: 'lock', reason }));
    channel.post({ type: 'ready' });
  }

  function invoke(id: number, method: string, input: unknown): void {
    if (!core || disposing) {
      channel.post({ type: 'result', id, result: { ok: false, error: startError ?? { code: 'core.unavailable', message: core ? 'the core is shutting down' : 'the core has not started' } } });
      return;
    }
    core.invoke(method, input).then(
      (result) => channel.post({ type: 'result', id, result }),
      () => {
        // the core returns errors as values: this is a bug, reported without any payload
        log?.error('host.invoke_threw', { method: method.slice(0, 80) });
        channel.post({ type: 'result', id, result: { ok: false, error: { code: 'internal', message: 'an internal error occurred' } } });
      },
    );
  }

  function dispose(id: number): void {
    disposing ??= (core ? core.dispose() : Promise.resolve()).catch(() => log?.error('host.dispose_failed'));
    void disposing.then(() => {
      channel.post({ type: 'disposed', id });
      deps.exit?.();
    });
  }

  channel.onMessage((raw) => {
    const parsed = toChildSchema.safeParse(raw);
    if (!parsed.success) {
      // never echo the message: it may carry a call's input
      log?.warn('host.refused', { issues: parsed.error.issues.length });
      channel.post({ type: 'refused', id: idOf(raw, 'invoke'), reason: 'malformed message' });
      return;
    }
    const m = parsed.data;
    switch (m.type) {
      case 'init':
        start(m);
        return;
      case 'invoke':
        invoke(m.id, m.method, m.input);
        return;
      case 'dispose':
        dispose(m.id);
        return;
      case 'relayResult': {
        const pending = relays.get(m.id);
        if (!pending) return;
        relays.delete(m.id);
        if (!m.result.ok) {
          pending.reject(new AppError(m.result.error.code, m.result.error.message, m.result.error.details));
          return;
        }
        const value = relayValueSchemas[pending.op].safeParse(m.result.value ?? null);
        if (value.success) pending.resolve(value.data);
        else pending.reject(new AppError('internal', 'the shell answered a relayed call with a malformed value'));
        return;
      }
    }
  });
  channel.post({ type: 'hello' });
}
