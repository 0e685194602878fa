/**
 * The core in its own process: Electron's `utilityProcess` runs dist/electron/core.cjs (electron/core/host/entry.ts)
 * and this file gives the shell the same `CoreClient` as an in-process core (invoke, onLock, dispose) through the
 * wire of electron/core/host/protocol.ts. A backup's VACUUM INTO, a PDF render or a parse then blocks that process,
 * never the main one: window input, menus, dialogs, Ctrl+L and the OS screen lock stay live.
 *
 * The main process answers what only it can do (dialogs parented to the window, printing, the PDF viewer) from the
 * shell's Platform. The core's stdout/stderr are ignored in the installed app (a stack trace may quote data) and
 * inherited in development.
 */
import { utilityProcess } from 'electron';
import { hostCore, type ChildHandle, type HostedCore } from '../core/host/parent';
import type { InitMessage, RelayTarget } from '../core/host/protocol';
import { AppError } from '../core/errors';
import type { Logger, Platform } from '../core/platform';

/** the bundle electron/core/host/entry.ts is built to, beside main.cjs (scripts/build-electron.mjs CORE_HOST) */
export const CORE_BUNDLE = 'core.cjs';
/** the process's name in app.getAppMetrics() and child-process-gone */
export const CORE_SERVICE_NAME = 'Qorgan core';

export interface CoreHostOptions {
  /** absolute path of core.cjs */
  entry: string;
  init: Omit<InitMessage, 'type'>;
  platform: Platform;
  log: Logger;
  dev: boolean;
}

/** The dialogs and PDF jobs of the shell's Platform, as the core's process asks for them. */
export function relayTarget(platform: Platform): RelayTarget {
  return {
    chooseSaveFile: (o) => platform.chooseSaveFile(o),
    chooseOpenFile: (o) => platform.chooseOpenFile(o),
    chooseFolder: (o) => platform.chooseFolder(o),
    printPdf: (pdf, o) => platform.printPdf(pdf, o),
    showPdf: (pdf, o) => (platform.showPdf ? platform.showPdf(pdf, o) : Promise.reject(new AppError('internal', 'this platform has no PDF viewer'))),
  };
}

function forkUtility(entry: string, dev: boolean): ChildHandle {
  const child = utilityProcess.fork(entry, [], { serviceName: CORE_SERVICE_NAME, stdio: dev ? 'inherit' : 'ignore' });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => {
      child.on('message', (message: unknown) => listener(message));
    },
    onExit: (listener) => {
      child.on('exit', (code) => listener(code));
    },
    kill: () => {
      child.kill();
    },
  };
}

export function forkCore(options: CoreHostOptions): HostedCore {
  return hostCore({
    spawn: () => forkUtility(options.entry, options.dev),
    init: options.init,
    relay: relayTarget(options.platform),
    log: options.log,
  });
}
