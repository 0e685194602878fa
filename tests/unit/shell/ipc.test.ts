import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/errors';
import { FakeWebContents, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { bindIpc, createInvokeHandler, forwardLock } = await import('../../../electron/main/ipc');
const { INVOKE_CHANNEL, LOCKED_CHANNEL } = await import('../../../electron/main/channels');
const { createBareCore, tempDir } = await import('../../harness/core');
const { silentLogger } = await import('../../../electron/core/platform');

const appFrame = { url: 'app://qorgan/index.html', parent: null };
const event = (frame: unknown) => ({ senderFrame: frame }) as never;

function recordingCore(answer: Result<unknown> = { ok: true, value: 'v' }) {
  const calls: { method: string; input: unknown }[] = [];
  return {
    calls,
    invoke: async (method: string, input: unknown) => {
      calls.push({ method, input });
      return answer;
    },
  };
}

beforeEach(() => resetFakeElectron());

describe('IPC invoke handler', () => {
  it('passes a well-formed call from the app window to the core and returns its result value', async () => {
    const core = recordingCore({ ok: true, value: { state: 'setup' } });
    const handle = createInvokeHandler(core, { log: silentLogger });
    await expect(handle(event(appFrame), { method: 'auth.status', input: {} })).resolves.toEqual({ ok: true, value: { state: 'setup' } });
    await handle(event(appFrame), { method: 'auth.lock' });
    expect(core.calls).toEqual([
      { method: 'auth.status', input: {} },
      { method: 'auth.lock', input: {} },
    ]);
  });

  it('refuses any sender that is not a top-level frame of app://qorgan, without reaching the core', async () => {
    const core = recordingCore();
    const handle = createInvokeHandler(core, { log: silentLogger });
    for (const frame of [
      null,
      { url: 'file:///tmp/qorgan-pdf-x/document.pdf', parent: null },
      { url: 'https://example.com/', parent: null },
      { url: 'app://evil/index.html', parent: null },
      { url: 'devtools://devtools/bundled/inspector.html', parent: null },
      { url: 'app://qorgan/index.html', parent: { url: 'app://qorgan/index.html' } },
    ]) {
      const r = await handle(event(frame), { method: 'auth.status', input: {} });
      expect(r.ok, JSON.stringify(frame)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('auth.forbidden');
    }
    expect(core.calls).toEqual([]);
  });

  it('answers a malformed payload with a validation error value and never throws', async () => {
    const core = recordingCore();
    const handle = createInvokeHandler(core, { log: silentLogger });
    const bad: unknown[] = [
      undefined,
      null,
      'auth.status',
      42,
      [],
      ['auth.status', {}],
      {},
      { input: {} },
      { method: 5, input: {} },
      { method: '', input: {} },
      { method: 'x'.repeat(201), input: {} },
      { method: 'auth.status', input: {}, extra: true },
      { method: ['auth.status'], input: {} },
      Object.create(null),
    ];
    for (const payload of bad) {
      const r = await handle(event(appFrame), payload);
      expect(r, String(JSON.stringify(payload))).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(core.calls).toEqual([]);
  });

  it('turns a core that throws into an internal error value', async () => {
    const handle = createInvokeHandler(
      {
        invoke: async () => {
          throw new Error('boom with secret text');
        },
      },
      { log: silentLogger },
    );
    const r = await handle(event(appFrame), { method: 'auth.status', input: {} });
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
  });

  it('drives the real core: status of an empty data folder, unknown methods and bad input come back as values', async () => {
    const dir = tempDir('qorgan-ipc-');
    const core = createBareCore(dir);
    try {
      const handle = createInvokeHandler(core, { log: silentLogger });
      const status = await handle(event(appFrame), { method: 'auth.status', input: {} });
      expect(status).toMatchObject({ ok: true, value: { state: 'setup' } });
      expect(await handle(event(appFrame), { method: 'no.such', input: {} })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      expect(await handle(event(appFrame), { method: 'auth.login', input: { login: 1 } })).toMatchObject({ ok: false, error: { code: 'validation' } });
      // nothing was set up by any of this
      expect(fs.existsSync(`${dir}/qorgan.db`)).toBe(false);
    } finally {
      await core.cleanup();
    }
  });

  it('is bound to one channel and can be removed', async () => {
    const handlers = new Map<string, unknown>();
    const ipcMain = {
      handle: (ch: string, fn: unknown) => void handlers.set(ch, fn),
      removeHandler: (ch: string) => void handlers.delete(ch),
    };
    const unbind = bindIpc(ipcMain, recordingCore(), { log: silentLogger });
    expect([...handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    unbind();
    expect(handlers.size).toBe(0);
  });
});

describe('lock forwarding', () => {
  afterEach(() => vi.restoreAllMocks());

  it('tells every live app window that the core locked, and stops when unsubscribed', () => {
    let fire: () => void = () => undefined;
    let subscribed = 0;
    const core = {
      onLock: (l: () => void) => {
        fire = l;
        subscribed++;
        return () => {
          fire = () => undefined;
        };
      },
    };
    const live = new FakeWebContents();
    const gone = new FakeWebContents();
    gone.destroyed = true;
    const stop = forwardLock(core as never, () => [{ webContents: live }, { webContents: gone }] as never);
    expect(subscribed).toBe(1);
    fire();
    expect(live.sent).toEqual([[LOCKED_CHANNEL]]);
    expect(gone.sent).toEqual([]);
    stop();
    fire();
    expect(live.sent).toHaveLength(1);
  });
});
