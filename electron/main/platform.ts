/**
 * The Platform the core gets inside Electron: the data folder, the clock, a file log, native dialogs (attached
 * to the main window), removable drives, and printing/viewing PDFs in the shell's PDF window.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { Logger, Platform, RemovableDrive } from '../core/platform';
import type { PdfWindows } from './pdf';

export interface ElectronPlatformOptions {
  dataDir: string;
  demo: boolean;
  /** the Electron-ABI better_sqlite3.node (see nativeBindingPath) */
  nativeBinding: string | undefined;
  log: Logger;
  mainWindow: () => BrowserWindow | null;
  pdf: PdfWindows;
  listRemovableDrives: () => Promise<RemovableDrive[]>;
}

/**
 * Where the Electron-ABI build of better-sqlite3-multiple-ciphers lives: beside the app in a packaged build
 * (electron-builder extraResources → resources/native/), or in .native/electron/<platform>-<arch>/ during
 * development (scripts/rebuild-electron.mjs). Node (tests, scripts) keeps the package's own build.
 */
export function nativeBindingPath(options: { isPackaged: boolean; resourcesPath: string; appPath: string; platform?: string; arch?: string }): string {
  if (options.isPackaged) return path.join(options.resourcesPath, 'native', 'better_sqlite3.node');
  const target = `${options.platform ?? process.platform}-${options.arch ?? process.arch}`;
  return path.join(options.appPath, '.native', 'electron', target, 'better_sqlite3.node');
}

export function createElectronPlatform(options: ElectronPlatformOptions): Platform {
  const parent = () => {
    const w = options.mainWindow();
    return w && !w.isDestroyed() ? w : null;
  };
  const documentsPath = (name: string) => {
    try {
      return path.join(app.getPath('documents'), name);
    } catch {
      return name;
    }
  };

  async function save(opts: SaveDialogOptions) {
    const w = parent();
    return w ? dialog.showSaveDialog(w, opts) : dialog.showSaveDialog(opts);
  }
  async function openDialog(opts: OpenDialogOptions) {
    const w = parent();
    return w ? dialog.showOpenDialog(w, opts) : dialog.showOpenDialog(opts);
  }

  return {
    dataDir: options.dataDir,
    demo: options.demo,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    now: () => new Date(),
    log: options.log,

    async chooseSaveFile(o) {
      const r = await save({
        title: o.title,
        defaultPath: documentsPath(o.defaultName),
        filters: o.filters,
        // a file name may name a child: keep it out of Windows' recent documents
        properties: ['showOverwriteConfirmation', 'createDirectory', 'dontAddToRecent'],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async chooseOpenFile(o) {
      const r = await openDialog({ title: o.title, filters: o.filters, properties: ['openFile', 'dontAddToRecent'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseFolder(o) {
      const r = await openDialog({ title: o.title, properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    listRemovableDrives: () => options.listRemovableDrives(),
    printPdf: (pdf, o) => options.pdf.printPdf(pdf, o),
    showPdf: (pdf, o) => options.pdf.showPdf(pdf, o),
  };
}
