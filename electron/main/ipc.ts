/**
 * The one IPC channel: renderer → preload → `qorgan:invoke` → core.invoke(method, input) → Result. Errors are
 * values: a foreign sender, a malformed payload or an unexpected failure comes back as `{ ok: false, error }`,
 * never as a thrown error (Electron would keep only its message).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import type { Core } from '../core/api';
import type { Logger } from '../core/platform';
import type { Result } from '../../shared/errors';
import { INVOKE_CHANNEL, LOCKED_CHANNEL } from './channels';
import { isAppUrl } from './security';

const payloadSchema = z
  .object({
    method: z.string().min(1).max(200),
    input: z.unknown().optional(),
  })
  .strict();

type InvokeCore = Pick<Core, 'invoke'>;

export interface InvokeHandlerOptions {
  log: Logger;
  /** called after each call that reached the core (the menu follows the UI language) */
  afterInvoke?: (method: string, result: Result<unknown>) => void;
}

/** Only a frame of our own app origin may call the core; a PDF window, devtools or anything else may not. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  // the frame must be a top-level frame of our app, not an iframe inside it
  if (frame.parent) return false;
  return isAppUrl(frame.url);
}

export function createInvokeHandler(core: InvokeCore, options: InvokeHandlerOptions) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, payload: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) {
      options.log.warn('ipc.foreign_sender');
      return { ok: false, error: { code: 'auth.forbidden', message: 'caller is not the Qorgan window' } };
    }
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) {
      return { ok: false, error: { code: 'validation', message: 'malformed IPC payload: expected { method: string, input }' } };
    }
    const { method, input } = parsed.data;
    let result: Result<unknown>;
    try {
      result = await core.invoke(method, input === undefined ? {} : input);
    } catch {
      // the core returns errors as values; this is a bug, logged without any payload
      options.log.error('ipc.core_threw', { method: method.slice(0, 80) });
      result = { ok: false, error: { code: 'internal', message: 'internal error' } };
    }
    try {
      options.afterInvoke?.(method, result);
    } catch {
      options.log.warn('ipc.after_invoke_failed');
    }
    return result;
  };
}

/** Registers the handler; returns the function that removes it. */
export function bindIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, core: InvokeCore, options: InvokeHandlerOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler(core, options));
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** Tells every live app window that the core locked, so the UI drops its cached data. */
export function forwardLock(core: Pick<Core, 'onLock'>, windows: () => { webContents: Pick<WebContents, 'send' | 'isDestroyed'> }[]): () => void {
  return core.onLock(() => {
    for (const w of windows()) {
      if (!w.webContents.isDestroyed()) w.webContents.send(LOCKED_CHANNEL);
    }
  });
}
