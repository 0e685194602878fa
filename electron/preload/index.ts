/**
 * The preload (sandboxed, context-isolated): puts `window.qorgan` on the page and nothing else.
 * invoke(method, input) → one IPC channel; onLocked(listener) → the core's lock events.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { QorganBridge } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import { INVOKE_CHANNEL, LOCKED_CHANNEL } from '../main/channels';

const bridge: QorganBridge = {
  invoke(method: string, input: unknown): Promise<Result<unknown>> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, { method, input: input === undefined ? {} : input }) as Promise<Result<unknown>>;
  },
  onLocked(listener: () => void): () => void {
    // the page never sees the IPC event object (it carries the sender and ports)
    const handler = (_event: IpcRendererEvent) => listener();
    ipcRenderer.on(LOCKED_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(LOCKED_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('qorgan', bridge);
