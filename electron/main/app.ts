/**
 * App lifecycle: single instance, the app protocol, hardened sessions, the core, IPC, menu, the window, quitting.
 * Everything the app knows lives in the core, which runs in its own process (core-host.ts); this file only wires
 * Electron to it.
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, powerMonitor, protocol, session } from 'electron';
import { listRemovableDrives } from '../core/backup/drives';
import type { CoreClient } from '../core/host/protocol';
import { fileLogger } from '../core/log';
import { demoDataDir, schoolDataDir } from '../core/paths';
import type { Platform, RemovableDrive } from '../core/platform';
import { languageSchema, type Language } from '../../shared/roles';
import { CORE_BUNDLE, forkCore } from './core-host';
import { bindIpc, forwardLock } from './ipc';
import { buildMenuTemplate } from './menu';
import { createPdfWindows, sweepStalePdfFolders } from './pdf';
import { createElectronPlatform, nativeBindingPath } from './platform';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { APP_PARTITION, guardWebContents, hardenSession } from './security';
import { createMainWindow } from './window';

export interface StartOptions {
  argv?: string[];
  env?: NodeJS.ProcessEnv;
  /** the core behind the window; by default its own process (core-host.ts), started from dist/electron/core.cjs */
  createCore?: (platform: Platform) => CoreClient;
  listRemovableDrives?: () => Promise<RemovableDrive[]>;
}

export interface Running {
  core: CoreClient;
  platform: Platform;
  mainWindow: () => BrowserWindow | null;
  lock(): Promise<void>;
}

/** calls after which the UI language may have changed (the menu follows it) */
const MENU_LANGUAGE_METHODS = new Set(['auth.setup', 'auth.login', 'auth.recover', 'auth.setLanguage', 'auth.lock']);

export function parseArgs(argv: readonly string[]): { demo: boolean } {
  return { demo: argv.includes('--demo') };
}

/**
 * Starts the shell. Resolves to the running app, or to null when another instance already runs (that one gets
 * focused and this one quits).
 */
export function startApp(options: StartOptions = {}): Promise<Running | null> {
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  const { demo } = parseArgs(argv);
  const listDrives = options.listRemovableDrives ?? listRemovableDrives;

  // the same override the scripts and the harness honour (electron/core/paths.ts)
  if (env.QORGAN_USER_DATA) app.setPath('userData', env.QORGAN_USER_DATA);
  app.setAppUserModelId('kz.qorgan.app');
  app.enableSandbox();
  // crashReporter is never started: a renderer's minidump would hold decrypted records

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(null);
  }

  registerAppScheme(protocol);

  let mainWindow: BrowserWindow | null = null;
  const liveWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

  app.on('second-instance', () => {
    const w = liveWindow();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  });
  // any webContents created later (PDF windows, devtools, anything a library opens) gets the same guards
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());

  return app.whenReady().then(() => {
    const userData = app.getPath('userData');
    const dataDir = demo ? demoDataDir(userData) : schoolDataDir(userData);
    const log = fileLogger(dataDir);
    log.info('shell.start', { demo, packaged: app.isPackaged });
    sweepStalePdfFolders();

    const appSession = session.fromPartition(APP_PARTITION);
    hardenSession(appSession);
    hardenSession(session.defaultSession); // the PDF windows' session
    const appPath = app.getAppPath();
    handleAppProtocol(appSession.protocol, path.join(appPath, 'dist', 'renderer'));
    // the PDF fonts (read by the core's process): electron-builder ships resources/fonts as <resources>/fonts; in
    // development they are in the tree
    const fontsDir = app.isPackaged ? path.join(process.resourcesPath, 'fonts') : path.join(appPath, 'resources', 'fonts');

    const pdf = createPdfWindows({ BrowserWindow, parent: liveWindow });
    const platform = createElectronPlatform({
      dataDir,
      demo,
      nativeBinding: nativeBindingPath({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath }),
      log,
      mainWindow: liveWindow,
      pdf,
      listRemovableDrives: listDrives,
    });
    const createCore =
      options.createCore ??
      ((p: Platform) =>
        forkCore({
          entry: path.join(appPath, 'dist', 'electron', CORE_BUNDLE),
          init: { dataDir: p.dataDir, demo: p.demo === true, nativeBinding: p.nativeBinding ?? null, fontsDir },
          platform: p,
          log,
          dev: !app.isPackaged,
        }));
    const core = createCore(platform);

    const lock = async () => {
      const r = await core.invoke('auth.lock', {});
      if (!r.ok) log.warn('shell.lock_failed', { code: r.error.code });
    };

    let menuLanguage: Language | null = null;
    const setMenu = (language: Language) => {
      if (language === menuLanguage) return;
      menuLanguage = language;
      const template = buildMenuTemplate(language, { lock: () => void lock(), quit: () => app.quit() }, { dev: !app.isPackaged });
      Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    };
    const refreshMenu = async () => {
      const status = await core.invoke('auth.status', {});
      if (!status.ok) return;
      const parsed = languageSchema.safeParse((status.value as { language?: unknown }).language);
      if (parsed.success) setMenu(parsed.data);
    };
    setMenu('kk');
    void refreshMenu();

    const unbindIpc = bindIpc(ipcMain, core, {
      log,
      afterInvoke: (method) => {
        if (MENU_LANGUAGE_METHODS.has(method)) void refreshMenu();
      },
    });
    forwardLock(core, () => {
      const w = liveWindow();
      return w ? [w] : [];
    });
    // the OS locking the screen or going to sleep locks Qorgan too
    powerMonitor.on('lock-screen', () => void lock());
    powerMonitor.on('suspend', () => void lock());

    const openWindow = () => {
      mainWindow = createMainWindow(BrowserWindow, path.join(appPath, 'dist', 'electron', 'preload.cjs'), log, { devTools: !app.isPackaged });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
    };
    openWindow();
    app.on('activate', () => {
      if (!liveWindow()) openWindow();
    });

    let disposed = false;
    app.on('will-quit', (event) => {
      if (disposed) return;
      event.preventDefault();
      disposed = true;
      pdf.closeAll();
      unbindIpc();
      core
        .dispose()
        .catch(() => log.error('shell.dispose_failed'))
        .finally(() => {
          log.info('shell.quit');
          app.quit();
        });
    });

    return { core, platform, mainWindow: liveWindow, lock };
  });
}
