/**
 * The whole shell wired to the real core, with a mocked 'electron': single instance, the order of start-up
 * calls, the window, the protocol on the app session, hardened sessions, IPC into a real encrypted data folder
 * (opened through the native binding path the shell computes), Ctrl+L and the OS screen lock, the menu's language,
 * and quitting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow, FakeWebContents, menuItem, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { startApp, parseArgs } = await import('../../../electron/main/app');
const { INVOKE_CHANNEL, LOCKED_CHANNEL } = await import('../../../electron/main/channels');
const { CONTENT_SECURITY_POLICY, APP_PARTITION } = await import('../../../electron/main/security');
const { ADMIN, SEED_SCHOOL } = await import('../../harness/core');
const { buildDevCoreHost } = await import('../../../scripts/dev-core-host.mjs');
const { createCore } = await import('../../../electron/core/api');

const require = createRequire(import.meta.url);
// the build for the Node running the tests (scripts/node-of-electron.mjs names its own, built for another Node)
const nodeBinding =
  process.env.QORGAN_NATIVE_BINDING ?? path.join(path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')), 'build', 'Release', 'better_sqlite3.node');

const root = path.resolve(__dirname, '../../..');
let coreBundleDir: string;
let base: string;
let userData: string;
let appPath: string;
const running: { core: { dispose(): Promise<void> } }[] = [];

beforeAll(async () => {
  // the core's process as the app ships it: core.cjs with parse-worker.cjs beside it
  coreBundleDir = path.dirname(await buildDevCoreHost());
}, 120_000);

beforeEach(() => {
  resetFakeElectron();
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-shell-'));
  userData = path.join(base, 'userData');
  appPath = path.join(base, 'app');
  fs.mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Qorgan</title>');
  // dist/electron/core.cjs, and node_modules beside dist/ as in app.asar
  fs.mkdirSync(path.join(appPath, 'dist', 'electron'), { recursive: true });
  for (const f of fs.readdirSync(coreBundleDir)) fs.copyFileSync(path.join(coreBundleDir, f), path.join(appPath, 'dist', 'electron', f));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(appPath, 'node_modules'), 'dir');
  // the shell loads the Electron-ABI build from .native/electron/<platform>-<arch>/; here the Node build stands in
  const native = path.join(appPath, '.native', 'electron', `${process.platform}-${process.arch}`);
  fs.mkdirSync(native, { recursive: true });
  fs.copyFileSync(nodeBinding, path.join(native, 'better_sqlite3.node'));
  fake.app.appPath = appPath;
  fake.app.paths.userData = '/not/used/because/of/env';
});

afterEach(async () => {
  for (const r of running.splice(0)) await r.core.dispose();
  fs.rmSync(base, { recursive: true, force: true });
});

/**
 * `inProcess`: the window and session tests need no second process — the core runs in this one through the
 * injectable createCore; "the core behind the window" runs it in its own process as the app does.
 */
async function start(argv: string[] = ['electron', '.'], options: { inProcess?: boolean } = {}) {
  const started = startApp({ argv, env: { QORGAN_USER_DATA: userData }, ...(options.inProcess ? { createCore } : {}) });
  fake.app.makeReady();
  const r = await started;
  if (r) running.push(r);
  return r;
}

const appEvent = { senderFrame: { url: 'app://qorgan/index.html', parent: null } };
async function ipc(method: string, input: unknown = {}) {
  const handler = fake.ipcMain.handlers.get(INVOKE_CHANNEL);
  if (!handler) throw new Error('no IPC handler');
  return (await handler(appEvent, { method, input })) as { ok: boolean; value?: unknown; error?: { code: string } };
}

describe('start-up', () => {
  it('parses --demo', () => {
    expect(parseArgs(['electron', '.', '--demo'])).toEqual({ demo: true });
    expect(parseArgs(['electron', '.'])).toEqual({ demo: false });
  });

  it('quits at once when another instance holds the lock, and opens nothing', async () => {
    fake.app.gotLock = false;
    const r = await startApp({ argv: ['electron', '.'], env: { QORGAN_USER_DATA: userData } });
    expect(r).toBeNull();
    expect(fake.app.calls).toContain('quit');
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('enables the sandbox, takes the single-instance lock and registers the scheme before ready', async () => {
    await start(undefined, { inProcess: true });
    const calls = fake.app.calls;
    const ready = calls.indexOf('ready');
    for (const c of ['enableSandbox', 'requestSingleInstanceLock', 'registerSchemesAsPrivileged']) {
      expect(calls.indexOf(c), c).toBeGreaterThanOrEqual(0);
      expect(calls.indexOf(c), c).toBeLessThan(ready);
    }
    expect(fake.privilegedSchemes).toMatchObject([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
  });

  it('opens one hardened window on app://qorgan/index.html with the built preload', async () => {
    await start(undefined, { inProcess: true });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: {
        preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
        partition: APP_PARTITION,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    expect(win.loadedUrls).toEqual(['app://qorgan/index.html']);
    // development run (not packaged): DevTools available; tested for the installed app below
    expect((win.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(win.webContents.fire('will-navigate', { url: 'https://example.com/' })).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('an installed app has no DevTools and loads the Electron-ABI module from resources/native', async () => {
    fake.app.isPackaged = true;
    const proc = process as { resourcesPath?: string };
    proc.resourcesPath = path.join(base, 'resources');
    try {
      const r = await start(undefined, { inProcess: true });
      const win = FakeBrowserWindow.instances[0]!;
      expect((win.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
      expect(r?.platform.nativeBinding).toBe(path.join(base, 'resources', 'native', 'better_sqlite3.node'));
      expect(JSON.stringify(fake.menus.at(-1))).not.toContain('toggleDevTools');
    } finally {
      delete proc.resourcesPath;
    }
  });

  it('serves the renderer from dist/renderer on the app session, with the CSP', async () => {
    await start(undefined, { inProcess: true });
    const handler = fake.sessions.get(APP_PARTITION)?.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const res = await handler!(new Request('app://qorgan/index.html'));
    expect(await res.text()).toContain('<title>Qorgan</title>');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('hardens the app session and the default session (PDF windows): permissions denied', async () => {
    await start(undefined, { inProcess: true });
    for (const s of [fake.sessions.get(APP_PARTITION), fake.defaultSession]) {
      expect(s?.permissionRequestHandler).not.toBeNull();
      const cb = vi.fn();
      (s!.permissionRequestHandler as unknown as (w: unknown, p: string, c: (b: boolean) => void) => void)(null, 'media', cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect((s!.permissionCheckHandler as unknown as (w: unknown, p: string) => boolean)(null, 'notifications')).toBe(false);
    }
  });

  it('guards any webContents created later (web-contents-created)', async () => {
    await start(undefined, { inProcess: true });
    const other = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'app://qorgan/index.html' })).toEqual({ action: 'deny' });
    expect(other.fire('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(other.fire('will-attach-webview', {})).toBe(true);
  });

  it('a second instance focuses (and restores) the first window', async () => {
    await start(undefined, { inProcess: true });
    const win = FakeBrowserWindow.instances[0]!;
    win.minimized = true;
    fake.app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});

describe('the core behind the window', () => {
  it('runs the core in its own process (core.cjs), told the data folder, the fonts of the app folder and the native module', async () => {
    const r = await start();
    expect(fake.utilityProcesses).toHaveLength(1);
    const child = fake.utilityProcesses[0]!;
    expect(child.modulePath).toBe(path.join(appPath, 'dist', 'electron', 'core.cjs'));
    expect(child.options).toMatchObject({ serviceName: 'Qorgan core', stdio: 'inherit' });
    expect(await ipc('auth.status')).toMatchObject({ ok: true, value: { state: 'setup' } });
    expect(child.posted[0]).toEqual({
      type: 'init',
      dataDir: path.join(userData, 'school'),
      demo: false,
      nativeBinding: path.join(appPath, '.native', 'electron', `${process.platform}-${process.arch}`, 'better_sqlite3.node'),
      fontsDir: path.join(appPath, 'resources', 'fonts'),
    });
    expect(child.process.pid).not.toBe(process.pid);
    await r?.core.dispose();
    running.length = 0;
    await vi.waitFor(() => expect(child.running).toBe(false));
  });

  it('a core process that dies: the window is told it locked, and a fresh process takes over with the school locked', async () => {
    await start();
    expect((await ipc('auth.setup', { language: 'kk', school: SEED_SCHOOL, account: { ...ADMIN } })).ok).toBe(true);
    const win = FakeBrowserWindow.instances[0]!;
    const first = fake.utilityProcesses[0]!;
    first.process.kill('SIGKILL');
    await vi.waitFor(() => expect(win.webContents.sent).toContainEqual([LOCKED_CHANNEL]));
    await vi.waitFor(() => expect(fake.utilityProcesses).toHaveLength(2));
    expect(await ipc('auth.status')).toMatchObject({ ok: true, value: { state: 'locked' } });
  });

  it('keeps the real school in <userData>/school and the demo in <userData>/demo', async () => {
    const r = await start();
    expect(r?.platform.dataDir).toBe(path.join(userData, 'school'));
    expect(r?.platform.demo).toBe(false);
    expect(r?.platform.nativeBinding).toBe(path.join(appPath, '.native', 'electron', `${process.platform}-${process.arch}`, 'better_sqlite3.node'));
    expect(fs.existsSync(path.join(userData, 'school'))).toBe(true);
    await r?.core.dispose();
    running.length = 0;

    resetFakeElectron();
    fake.app.appPath = appPath;
    const demo = await start(['electron', '.', '--demo']);
    expect(demo?.platform.dataDir).toBe(path.join(userData, 'demo'));
    expect(demo?.platform.demo).toBe(true);
    expect(await ipc('auth.status')).toMatchObject({ ok: true, value: { demo: true, state: 'setup' } });
  });

  it('sets up an encrypted school over IPC, then Ctrl+L and the OS screen lock lock it and the window is told', async () => {
    await start();
    expect(await ipc('auth.status')).toMatchObject({ ok: true, value: { state: 'setup' } });
    const setup = await ipc('auth.setup', { language: 'kk', school: SEED_SCHOOL, account: { ...ADMIN } });
    expect(setup.ok).toBe(true);
    expect(await ipc('auth.status')).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    // the DB is an encrypted file: no SQLite header, no school name in the bytes
    const db = fs.readFileSync(path.join(userData, 'school', 'qorgan.db'));
    expect(db.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(db.includes(Buffer.from('Қарасақал'))).toBe(false);

    const win = FakeBrowserWindow.instances[0]!;
    const lockItem = menuItem('lock');
    expect(lockItem?.accelerator).toBe('CmdOrCtrl+L');
    lockItem?.click?.();
    await vi.waitFor(async () => expect(await ipc('auth.status')).toMatchObject({ value: { state: 'locked' } }));
    expect(win.webContents.sent).toContainEqual([LOCKED_CHANNEL]);
    expect(await ipc('accounts.list', {})).toMatchObject({ ok: false });

    // log in again; the OS locking the screen locks Qorgan too
    expect((await ipc('auth.login', { login: ADMIN.login, password: ADMIN.password })).ok).toBe(true);
    const before = win.webContents.sent.length;
    fake.powerMonitor.emit('lock-screen');
    await vi.waitFor(async () => expect(await ipc('auth.status')).toMatchObject({ value: { state: 'locked' } }));
    expect(win.webContents.sent.length).toBe(before + 1);
  });

  it('refuses callers that are not the app window, before the core', async () => {
    await start();
    const handler = fake.ipcMain.handlers.get(INVOKE_CHANNEL)!;
    const r = await handler({ senderFrame: { url: 'file:///tmp/x.pdf', parent: null } }, { method: 'auth.status', input: {} });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('follows the UI language in the menu', async () => {
    await start();
    await vi.waitFor(() => expect(menuItem('lock')?.label).toBe('Құлыптау'));
    expect((await ipc('auth.setup', { language: 'kk', school: SEED_SCHOOL, account: { ...ADMIN } })).ok).toBe(true);
    expect((await ipc('auth.setLanguage', { language: 'ru' })).ok).toBe(true);
    await vi.waitFor(() => expect(menuItem('lock')?.label).toBe('Заблокировать'));
  });

  it('on quit closes the core before letting Electron quit', async () => {
    const r = await start();
    const dispose = vi.spyOn(r!.core, 'dispose');
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitCount).toBe(2), { timeout: 20_000 });
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
