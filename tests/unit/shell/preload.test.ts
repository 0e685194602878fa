import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fake, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { INVOKE_CHANNEL, LOCKED_CHANNEL } = await import('../../../electron/main/channels');

type Bridge = { invoke(method: string, input: unknown): Promise<unknown>; onLocked(l: () => void): () => void };

beforeAll(async () => {
  resetFakeElectron();
  await import('../../../electron/preload/index');
});

describe('preload', () => {
  it('exposes exactly window.qorgan with invoke and onLocked, nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['qorgan']);
    const bridge = fake.exposed.get('qorgan') as Bridge;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onLocked']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends invoke over the one channel as { method, input }', async () => {
    const bridge = fake.exposed.get('qorgan') as Bridge;
    await expect(bridge.invoke('auth.status', { a: 1 })).resolves.toEqual({ ok: true, value: 'from-main' });
    await bridge.invoke('auth.lock', undefined);
    expect(fake.ipcRenderer.invoked).toEqual([
      [INVOKE_CHANNEL, { method: 'auth.status', input: { a: 1 } }],
      [INVOKE_CHANNEL, { method: 'auth.lock', input: {} }],
    ]);
  });

  it('calls lock listeners without handing the page the IPC event, and unsubscribes', () => {
    const bridge = fake.exposed.get('qorgan') as Bridge;
    const seen: unknown[][] = [];
    const off = bridge.onLocked((...args: unknown[]) => void seen.push(args));
    fake.ipcRenderer.emit(LOCKED_CHANNEL, { sender: 'ipc-event-with-ports' });
    expect(seen).toEqual([[]]);
    off();
    fake.ipcRenderer.emit(LOCKED_CHANNEL, {});
    expect(seen).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount(LOCKED_CHANNEL)).toBe(0);
  });
});
