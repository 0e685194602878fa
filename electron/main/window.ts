/** The one app window: hardened webPreferences, shown when painted, loading only app://qorgan/index.html. */
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL, guardWebContents, mainWebPreferences } from './security';
import type { Logger } from '../core/platform';

type BrowserWindowCtor = new (options: BrowserWindowConstructorOptions) => BrowserWindowType;

export function mainWindowOptions(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Қорған',
    backgroundColor: '#ffffff',
    webPreferences: mainWebPreferences(preloadPath, { devTools }),
  };
}

export function createMainWindow(BrowserWindow: BrowserWindowCtor, preloadPath: string, log: Logger, options: { devTools: boolean }): BrowserWindowType {
  const win = new BrowserWindow(mainWindowOptions(preloadPath, options.devTools));
  guardWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => log.error('shell.renderer_gone', { reason: details.reason }));
  win.webContents.on('did-fail-load', (_event, errorCode) => log.error('shell.load_failed', { errorCode }));
  win.loadURL(APP_ENTRY_URL).catch(() => log.error('shell.load_failed', { errorCode: -1 }));
  return win;
}
