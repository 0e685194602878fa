/**
 * The shell's side of the core's wire (electron/core/host/parent.ts) against a scripted child: what it does with
 * answers it cannot parse, relays that fail, calls made before the child listens, a child that will not stop.
 * (tests/integration/host/ runs it against the real core in a real child process.)
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { hostCore, type ChildHandle } from '../../../electron/core/host/parent';
import type { RelayTarget, ToChild } from '../../../electron/core/host/protocol';
import { AppError } from '../../../electron/core/errors';
import type { Logger } from '../../../electron/core/platform';

class ScriptedChild implements ChildHandle {
  readonly inbox: ToChild[] = [];
  private readonly events = new EventEmitter();
  killed = false;
  postMessage(message: ToChild): void {
    this.inbox.push(message);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.events.on('message', listener);
  }
  onExit(listener: (code: number | null) => void): void {
    this.events.on('exit', listener);
  }
  kill(): void {
    this.killed = true;
    this.exit(null);
  }
  say(message: unknown): void {
    this.events.emit('message', message);
  }
  exit(code: number | null): void {
    this.events.emit('exit', code);
  }
}

function setup(relay: Partial<RelayTarget> = {}, disposeTimeoutMs = 10_000) {
  const children: ScriptedChild[] = [];
  const logged: string[] = [];
  const log: Logger = { info: (e) => logged.push(e), warn: (e) => logged.push(e), error: (e) => logged.push(e) };
  const none = async () => null;
  const core = hostCore({
    spawn: () => {
      const c = new ScriptedChild();
      children.push(c);
      return c;
    },
    init: { dataDir: '/data', demo: false, nativeBinding: null, fontsDir: null },
    relay: { chooseSaveFile: none, chooseOpenFile: none, chooseFolder: none, printPdf: async () => undefined, showPdf: async () => undefined, ...relay },
    log,
    maxRestarts: 1,
    disposeTimeoutMs,
  });
  return { core, children, logged, child: () => children.at(-1)! };
}

describe('hostCore', () => {
  it('holds calls until the child says hello, then sends init first and the calls in order', async () => {
    const { core, child } = setup();
    const a = core.invoke('auth.status', {});
    const b = core.invoke('auth.login', { login: 'x' });
    expect(child().inbox).toEqual([]);
    child().say({ type: 'hello' });
    expect(child().inbox.map((m) => m.type)).toEqual(['init', 'invoke', 'invoke']);
    expect(child().inbox[0]).toEqual({ type: 'init', dataDir: '/data', demo: false, nativeBinding: null, fontsDir: null });
    const [i1, i2] = child().inbox.slice(1) as Extract<ToChild, { type: 'invoke' }>[];
    expect([i1!.method, i2!.method]).toEqual(['auth.status', 'auth.login']);
    child().say({ type: 'result', id: i2!.id, result: { ok: true, value: 2 } });
    child().say({ type: 'result', id: i1!.id, result: { ok: true, value: 1 } });
    expect(await a).toEqual({ ok: true, value: 1 });
    expect(await b).toEqual({ ok: true, value: 2 });
  });

  it('a malformed answer resolves its call to internal and is logged without its content', async () => {
    const { core, child, logged } = setup();
    child().say({ type: 'hello' });
    const p = core.invoke('auth.status', {});
    const id = (child().inbox[1] as { id: number }).id;
    child().say({ type: 'result', id, result: { ok: false, error: { code: 'not-a-code', message: 'Иванов' } } });
    expect(await p).toMatchObject({ ok: false, error: { code: 'internal' } });
    child().say({ type: 'lock', reason: 'whatever' });
    expect(logged.filter((e) => e === 'host.malformed_reply')).toHaveLength(2);
    expect(JSON.stringify(logged)).not.toContain('Иванов');
  });

  it('answers relays: a value for a dialog, the AppError code for a failure, internal for anything else', async () => {
    const { core, child } = setup({
      chooseFolder: async () => '/media/stick',
      printPdf: async () => {
        throw new AppError('documents.write_failed', 'printer gone');
      },
      showPdf: async () => {
        throw new Error('Иванов.pdf');
      },
    });
    child().say({ type: 'hello' });
    child().say({ type: 'relay', id: 1, request: { op: 'chooseFolder', options: { title: 'Qorgan' } } });
    child().say({ type: 'relay', id: 2, request: { op: 'printPdf', pdf: new Uint8Array([37, 80]), options: { title: 't' } } });
    child().say({ type: 'relay', id: 3, request: { op: 'showPdf', pdf: new Uint8Array([37, 80]), options: { title: 't' } } });
    // a malformed relay is dropped; its id (numbered by the child) never settles a call of the same number
    const call = core.invoke('auth.status', {});
    const callId = (child().inbox.find((m) => m.type === 'invoke') as { id: number }).id;
    child().say({ type: 'relay', id: callId, request: { op: 'formatDisk', options: {} } });
    child().say({ type: 'result', id: callId, result: { ok: true, value: 'status' } });
    expect(await call).toEqual({ ok: true, value: 'status' });
    await vi.waitFor(() => expect(child().inbox.filter((m) => m.type === 'relayResult')).toHaveLength(3));
    const results = Object.fromEntries(child().inbox.filter((m) => m.type === 'relayResult').map((m) => [m.id, m.result]));
    expect(results[1]).toEqual({ ok: true, value: '/media/stick' });
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'documents.write_failed' } });
    expect(results[3]).toEqual({ ok: false, error: { code: 'internal', message: 'an internal error occurred' } });
    expect(Object.keys(results)).toHaveLength(3);
  });

  it('a refusal by id answers that call with validation', async () => {
    const { core, child } = setup();
    child().say({ type: 'hello' });
    const p = core.invoke('auth.status', {});
    child().say({ type: 'refused', id: (child().inbox[1] as { id: number }).id, reason: 'malformed message' });
    expect(await p).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('kills a child that does not stop within the dispose timeout', async () => {
    const { core, child, logged } = setup({}, 50);
    child().say({ type: 'hello' });
    await core.dispose();
    expect(child().inbox.at(-1)).toMatchObject({ type: 'dispose' });
    expect(child().killed).toBe(true);
    expect(logged).toContain('host.dispose_timeout');
    expect(core.alive).toBe(false);
  });

  it('restarts after an unexpected exit, then gives up: calls answer core.unavailable, never hang', async () => {
    const { core, children, child } = setup();
    const locks: string[] = [];
    core.onLock((r) => locks.push(r));
    child().say({ type: 'hello' });
    const p = core.invoke('auth.status', {});
    child().exit(1);
    expect(await p).toMatchObject({ ok: false, error: { code: 'core.unavailable' } });
    expect(locks).toEqual(['shutdown']);
    expect(children).toHaveLength(2);
    const q = core.invoke('auth.status', {});
    child().exit(1);
    expect(await q).toMatchObject({ ok: false, error: { code: 'core.unavailable' } });
    expect(children).toHaveLength(2);
    expect(core.alive).toBe(false);
    expect(await core.invoke('auth.status', {})).toMatchObject({ ok: false, error: { code: 'core.unavailable' } });
    await core.dispose();
  });
});
