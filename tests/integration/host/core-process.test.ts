/**
 * The core in its own process (electron/core/host): the real entry, bundled as the app bundles it, run as a Node child process, the real core
 * on a temp encrypted data folder, the shell's side (hostCore) in this process — exactly the wire Electron's
 * utilityProcess carries in the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostCore, type ChildHandle, type HostedCore } from '../../../electron/core/host/parent';
import { forkNodeChild, type NodeChild } from '../../../electron/core/host/node';
import type { RelayTarget, ToChild } from '../../../electron/core/host/protocol';
import type { Logger } from '../../../electron/core/platform';
import { ADMIN, SEED_SCHOOL, tempDir } from '../../harness/core';

// the entry bundled the way the app bundles it (dist/electron/core.cjs, with the parse worker beside it)
const { buildDevCoreHost } = await import('../../../scripts/dev-core-host.mjs');
const ENTRY = await buildDevCoreHost();

interface Started {
  core: HostedCore;
  dataDir: string;
  children: NodeChild[];
  received: unknown[];
  relay: RelayTarget & { calls: { op: string; args: unknown[] }[] };
  logged: string[];
}

const live: Started[] = [];

afterEach(async () => {
  for (const s of live.splice(0)) {
    await s.core.dispose();
    for (const c of s.children) if (c.process.exitCode === null && c.process.signalCode === null) c.kill();
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

function start(relayOverrides: Partial<RelayTarget> = {}, maxRestarts = 3): Started {
  const dataDir = tempDir('qorgan-host-');
  const children: NodeChild[] = [];
  const received: unknown[] = [];
  const calls: { op: string; args: unknown[] }[] = [];
  const logged: string[] = [];
  const log: Logger = { info: (e) => logged.push(e), warn: (e) => logged.push(e), error: (e) => logged.push(e) };
  const relay = {
    calls,
    chooseSaveFile: async (...args: unknown[]) => (calls.push({ op: 'chooseSaveFile', args }), null),
    chooseOpenFile: async (...args: unknown[]) => (calls.push({ op: 'chooseOpenFile', args }), null),
    chooseFolder: async (...args: unknown[]) => (calls.push({ op: 'chooseFolder', args }), dataDir),
    printPdf: async (...args: unknown[]) => void calls.push({ op: 'printPdf', args }),
    showPdf: async (...args: unknown[]) => void calls.push({ op: 'showPdf', args }),
    ...relayOverrides,
  };
  const core = hostCore({
    spawn: (): ChildHandle => {
      const c = forkNodeChild(ENTRY);
      c.onMessage((m) => received.push(m));
      children.push(c);
      return c;
    },
    init: { dataDir, demo: false, nativeBinding: null, fontsDir: null },
    relay,
    log,
    maxRestarts,
    disposeTimeoutMs: 10_000,
  });
  const s = { core, dataDir, children, received, relay, logged };
  live.push(s);
  return s;
}

async function setUp(core: HostedCore) {
  const r = await core.invoke('auth.setup', { language: 'kk', school: SEED_SCHOOL, account: { ...ADMIN } });
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

const gone = (pid: number | undefined) => {
  try {
    process.kill(pid ?? -1, 0);
    return false;
  } catch {
    return true;
  }
};

describe('the core in a child process', () => {
  it('answers invoke round trips from the real core on an encrypted data folder, and reports locks', async () => {
    const s = start();
    expect(await s.core.invoke('auth.status', {})).toMatchObject({ ok: true, value: { state: 'setup' } });
    await setUp(s.core);
    expect(await s.core.invoke('auth.status', {})).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    expect(await s.core.invoke('no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await s.core.invoke('accounts.create', { login: 42 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const db = fs.readFileSync(path.join(s.dataDir, 'qorgan.db'));
    expect(db.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');

    const reasons: string[] = [];
    s.core.onLock((r) => reasons.push(r));
    expect((await s.core.invoke('auth.lock', {})).ok).toBe(true);
    await vi.waitFor(() => expect(reasons).toEqual(['manual']));
    expect(await s.core.invoke('auth.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await s.core.invoke('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'auth.not_logged_in' } });
  }, 60_000);

  it('relays a dialog to the parent and returns its answer into the handler', async () => {
    const s = start();
    await setUp(s.core);
    const r = await s.core.invoke('backup.chooseFolder', {});
    expect(r).toEqual({ ok: true, value: s.dataDir });
    expect(s.relay.calls).toEqual([{ op: 'chooseFolder', args: [{ title: 'Qorgan' }] }]);
    // a relayed call that fails in the shell comes back into the core as its error value
    s.relay.chooseOpenFile = async () => {
      throw new (await import('../../../electron/core/errors')).AppError('documents.write_failed', 'dialog broke');
    };
    expect(await s.core.invoke('backup.chooseFile', {})).toMatchObject({ ok: false });
  }, 60_000);

  it('refuses a malformed message and answers it by id, then keeps serving', async () => {
    const s = start();
    expect((await s.core.invoke('auth.status', {})).ok).toBe(true);
    const child = s.children[0]!;
    const raw = (m: unknown) => child.process.send(m as ToChild);
    raw({ type: 'invoke', id: 7, method: 42, input: {} });
    raw({ type: 'evil', payload: 'x' });
    raw('not even an object');
    await vi.waitFor(() =>
      expect(s.received.filter((m) => (m as { type?: string }).type === 'refused')).toEqual([
        { type: 'refused', id: 7, reason: 'malformed message' },
        { type: 'refused', id: null, reason: 'malformed message' },
        { type: 'refused', id: null, reason: 'malformed message' },
      ]),
    );
    expect(await s.core.invoke('auth.status', {})).toMatchObject({ ok: true, value: { state: 'setup' } });
    expect(s.children).toHaveLength(1);
  }, 60_000);

  it('a child killed mid-call: the pending call resolves to core.unavailable, the lock listeners hear it, a fresh child serves', async () => {
    let dialogAsked!: () => void;
    const asked = new Promise<void>((r) => (dialogAsked = r));
    // the dialog never closes: the call is pending in the child when it dies
    const s = start({ chooseFolder: () => (dialogAsked(), new Promise<string | null>(() => undefined)) });
    await setUp(s.core);
    const reasons: string[] = [];
    s.core.onLock((r) => reasons.push(r));
    const call = s.core.invoke('backup.chooseFolder', {});
    await asked;
    const first = s.children[0]!;
    first.process.kill('SIGKILL');
    expect(await call).toMatchObject({ ok: false, error: { code: 'core.unavailable' } });
    expect(reasons).toContain('shutdown');
    // the restarted core is the same school, locked: the session died with the child
    expect(await s.core.invoke('auth.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(s.children).toHaveLength(2);
    expect(s.logged).toContain('host.exited');
  }, 60_000);

  it('after its restarts are used up every call is core.unavailable at once', async () => {
    const s = start({}, 0);
    expect((await s.core.invoke('auth.status', {})).ok).toBe(true);
    s.children[0]!.process.kill('SIGKILL');
    await vi.waitFor(() => expect(s.core.alive).toBe(false));
    expect(await s.core.invoke('auth.status', {})).toMatchObject({ ok: false, error: { code: 'core.unavailable' } });
  }, 60_000);

  it('dispose locks the core and ends the child process', async () => {
    const s = start();
    await setUp(s.core);
    const child = s.children[0]!;
    await s.core.dispose();
    expect(child.process.exitCode).toBe(0);
    expect(gone(child.process.pid)).toBe(true);
    expect(s.core.alive).toBe(false);
    expect(await s.core.invoke('auth.status', {})).toMatchObject({ ok: false, error: { code: 'core.unavailable' } });
    expect(s.children).toHaveLength(1);
    await s.core.dispose(); // a second dispose is a no-op
  }, 60_000);
});
