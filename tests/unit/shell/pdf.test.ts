import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { createPdfWindows, PDF_TEMP_PREFIX, sweepStalePdfFolders, writePrivatePdf } = await import('../../../electron/main/pdf');

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n% a tiny stand-in document\n%%EOF\n', 'latin1'));
const mode = (p: string) => fs.statSync(p).mode & 0o777;

let tmpRoot: string;
beforeEach(() => {
  resetFakeElectron();
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-pdftest-'));
});
afterEach(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

const leftovers = () => fs.readdirSync(tmpRoot).filter((n) => n.startsWith(PDF_TEMP_PREFIX));

function windows() {
  return createPdfWindows({ BrowserWindow: FakeBrowserWindow as never, parent: () => null, tmpRoot, settleMs: 0 });
}

describe('private PDF file', () => {
  it('lives in a 0700 folder as a 0600 document.pdf and is removed completely', () => {
    const f = writePrivatePdf(PDF, tmpRoot);
    expect(path.basename(f.file)).toBe('document.pdf');
    expect(path.dirname(f.file)).toBe(f.dir);
    expect(f.url).toMatch(/^file:\/\//);
    if (process.platform !== 'win32') {
      expect(mode(f.dir)).toBe(0o700);
      expect(mode(f.file)).toBe(0o600);
    }
    expect(fs.readFileSync(f.file)).toEqual(Buffer.from(PDF));
    f.remove();
    expect(fs.existsSync(f.dir)).toBe(false);
  });

  it('refuses bytes that are not a PDF and leaves nothing behind', () => {
    expect(() => writePrivatePdf(new Uint8Array(Buffer.from('<html>')), tmpRoot)).toThrow();
    expect(leftovers()).toEqual([]);
  });

  it('sweeps folders a crashed run left, and nothing else', () => {
    fs.mkdirSync(path.join(tmpRoot, `${PDF_TEMP_PREFIX}old1`));
    fs.writeFileSync(path.join(tmpRoot, `${PDF_TEMP_PREFIX}old1`, 'document.pdf'), PDF);
    fs.mkdirSync(path.join(tmpRoot, 'someone-else'));
    fs.writeFileSync(path.join(tmpRoot, `${PDF_TEMP_PREFIX}not-a-dir`), 'x');
    expect(sweepStalePdfFolders(tmpRoot)).toBe(1);
    expect(fs.readdirSync(tmpRoot).sort()).toEqual([`${PDF_TEMP_PREFIX}not-a-dir`, 'someone-else']);
  });
});

describe('printPdf', () => {
  it('prints the document from a hidden, hardened PDF window with the print dialog, then removes window and file', async () => {
    let during: { exists: boolean; mode: number; bytes: Buffer; url: string } | null = null;
    fake.onPrint = (wc, cb) => {
      const win = FakeBrowserWindow.instances.find((w) => w.webContents === wc);
      const file = fileURLToPath(win?.loadedUrls[0] ?? '');
      during = { exists: fs.existsSync(file), mode: mode(file), bytes: fs.readFileSync(file), url: win?.loadedUrls[0] ?? '' };
      cb(true, '');
    };
    await windows().printPdf(PDF, { title: 'Акт' });
    const win = FakeBrowserWindow.instances[0];
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win?.options).toMatchObject({ show: false, webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect((win?.options.webPreferences as { preload?: string }).preload).toBeUndefined();
    expect(win?.webContents.printed[0]?.options).toMatchObject({ silent: false });
    expect(win?.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(during).not.toBeNull();
    expect(during!.exists).toBe(true);
    if (process.platform !== 'win32') expect(during!.mode).toBe(0o600);
    expect(during!.bytes).toEqual(Buffer.from(PDF));
    expect(win?.destroyed).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('treats a cancelled dialog as done and a failed job as an error — the file is gone either way', async () => {
    fake.onPrint = (_wc, cb) => cb(false, 'Print job canceled');
    await expect(windows().printPdf(PDF, { title: 't' })).resolves.toBeUndefined();
    expect(leftovers()).toEqual([]);
    fake.onPrint = (_wc, cb) => cb(false, 'Printer unavailable');
    await expect(windows().printPdf(PDF, { title: 't' })).rejects.toThrow('print failed');
    expect(leftovers()).toEqual([]);
    fake.onLoad = async () => {
      throw new Error('ERR_FAILED');
    };
    await expect(windows().printPdf(PDF, { title: 't' })).rejects.toThrow();
    expect(leftovers()).toEqual([]);
    expect(FakeBrowserWindow.instances.every((w) => w.destroyed)).toBe(true);
  });
});

describe('showPdf', () => {
  it('keeps the file while the viewer is open and removes it when the viewer closes', async () => {
    const pdf = windows();
    await pdf.showPdf(PDF, { title: 'Жоспар' });
    const win = FakeBrowserWindow.instances[0];
    expect(win?.options).toMatchObject({ show: true, webPreferences: { plugins: true, sandbox: true } });
    expect(leftovers()).toHaveLength(1);
    win?.close();
    expect(leftovers()).toEqual([]);
  });

  it('closeAll (quit) closes viewers and removes their files', async () => {
    const pdf = windows();
    await pdf.showPdf(PDF, { title: 'a' });
    await pdf.showPdf(PDF, { title: 'b' });
    expect(leftovers()).toHaveLength(2);
    pdf.closeAll();
    expect(leftovers()).toEqual([]);
    expect(FakeBrowserWindow.instances.every((w) => w.destroyed)).toBe(true);
  });
});
