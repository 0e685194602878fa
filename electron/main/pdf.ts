/**
 * Printing and viewing PDFs through Chromium's own PDF viewer.
 *
 * Chromium's PDF viewer does not load PDFs from custom protocols, and data: URLs are capped at 2 MB, so the bytes
 * go to a temporary file: in a private folder (mkdtemp, 0700) as `document.pdf` (0600) — never a name taken from
 * the document — removed as soon as the print job ends or the viewer window closes, and swept at the next start
 * if the app died in between.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { guardWebContents, pdfWebPreferences } from './security';

export const PDF_TEMP_PREFIX = 'qorgan-pdf-';
/** the PDF viewer loads the document after did-finish-load; give it a moment before printing */
export const PRINT_SETTLE_MS = 400;

export interface PrivatePdfFile {
  dir: string;
  file: string;
  url: string;
  remove(): void;
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes.byteLength > 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

export function writePrivatePdf(bytes: Uint8Array, tmpRoot: string = os.tmpdir()): PrivatePdfFile {
  if (!isPdf(bytes)) throw new Error('not a PDF');
  const dir = fs.mkdtempSync(path.join(tmpRoot, PDF_TEMP_PREFIX));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, 'document.pdf');
  fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
  return {
    dir,
    file,
    url: pathToFileURL(file).href,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Removes PDF folders left by a previous run that ended before it could clean up. Returns how many. */
export function sweepStalePdfFolders(tmpRoot: string = os.tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(tmpRoot);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(PDF_TEMP_PREFIX)) continue;
    const full = path.join(tmpRoot, name);
    try {
      const st = fs.lstatSync(full);
      // only our own folders: a real directory (no symlink), owned by this user where the OS tells
      if (!st.isDirectory()) continue;
      if (typeof process.getuid === 'function' && st.uid !== process.getuid()) continue;
      fs.rmSync(full, { recursive: true, force: true });
      removed++;
    } catch {
      // in use or gone: try again next start
    }
  }
  return removed;
}

type BrowserWindowCtor = new (options: BrowserWindowConstructorOptions) => BrowserWindowType;

export interface PdfWindowsDeps {
  BrowserWindow: BrowserWindowCtor;
  /** the main window, as the viewer's parent */
  parent: () => BrowserWindowType | null;
  tmpRoot?: string;
  settleMs?: number;
}

export interface PdfWindows {
  printPdf(pdf: Uint8Array, options: { title: string }): Promise<void>;
  showPdf(pdf: Uint8Array, options: { title: string }): Promise<void>;
  /** closes open viewers and removes their files (app quit) */
  closeAll(): void;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPdfWindows(deps: PdfWindowsDeps): PdfWindows {
  const open = new Set<{ win: BrowserWindowType; tmp: PrivatePdfFile }>();

  return {
    async printPdf(pdf, options) {
      const tmp = writePrivatePdf(pdf, deps.tmpRoot);
      let win: BrowserWindowType | null = null;
      try {
        win = new deps.BrowserWindow({ show: false, title: options.title, webPreferences: pdfWebPreferences() });
        guardWebContents(win.webContents);
        await win.loadURL(tmp.url);
        await delay(deps.settleMs ?? PRINT_SETTLE_MS);
        const contents = win.webContents;
        await new Promise<void>((resolve, reject) => {
          contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
            // a cancelled dialog is the user's choice, not a failure
            if (success || /cancel/i.test(failureReason)) resolve();
            else reject(new Error('print failed'));
          });
        });
      } finally {
        if (win && !win.isDestroyed()) win.destroy();
        tmp.remove();
      }
    },

    async showPdf(pdf, options) {
      const tmp = writePrivatePdf(pdf, deps.tmpRoot);
      let win: BrowserWindowType;
      try {
        const parent = deps.parent();
        win = new deps.BrowserWindow({
          show: true,
          width: 900,
          height: 1000,
          title: options.title,
          autoHideMenuBar: true,
          ...(parent ? { parent } : {}),
          webPreferences: pdfWebPreferences(),
        });
      } catch (e) {
        tmp.remove();
        throw e;
      }
      const entry = { win, tmp };
      open.add(entry);
      win.on('closed', () => {
        open.delete(entry);
        tmp.remove();
      });
      guardWebContents(win.webContents);
      try {
        await win.loadURL(tmp.url);
      } catch (e) {
        if (!win.isDestroyed()) win.destroy();
        open.delete(entry);
        tmp.remove();
        throw e;
      }
    },

    closeAll() {
      for (const entry of [...open]) {
        if (!entry.win.isDestroyed()) entry.win.destroy();
        entry.tmp.remove();
        open.delete(entry);
      }
    },
  };
}
