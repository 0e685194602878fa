import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { createElectronPlatform, nativeBindingPath } = await import('../../../electron/main/platform');
const { silentLogger } = await import('../../../electron/core/platform');

beforeEach(() => resetFakeElectron());

function platform(main: FakeBrowserWindow | null = new FakeBrowserWindow({})) {
  const pdf = { printPdf: vi.fn(async () => undefined), showPdf: vi.fn(async () => undefined), closeAll: vi.fn() };
  const drives = [{ mountPath: '/media/u/STICK', label: 'STICK', sizeBytes: 8e9, freeBytes: 4e9 }];
  const p = createElectronPlatform({
    dataDir: '/data/school',
    demo: false,
    nativeBinding: '/app/.native/electron/linux-x64/better_sqlite3.node',
    log: silentLogger,
    mainWindow: () => main as never,
    pdf,
    listRemovableDrives: async () => drives,
  });
  return { p, pdf, main, drives };
}

describe('Electron platform', () => {
  it('carries the data folder, the demo flag and the native binding to the core', () => {
    const { p } = platform();
    expect(p.dataDir).toBe('/data/school');
    expect(p.demo).toBe(false);
    expect(p.nativeBinding).toBe('/app/.native/electron/linux-x64/better_sqlite3.node');
    expect(Math.abs(p.now().getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('asks the save dialog attached to the main window, starting in Documents; cancel is null', async () => {
    fake.app.paths.documents = '/home/u/Documents';
    const { p, main } = platform();
    fake.dialogAnswers.push({ canceled: false, filePath: '/home/u/Documents/plan.pdf' });
    await expect(p.chooseSaveFile({ title: 'Сақтау', defaultName: 'plan.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] })).resolves.toBe('/home/u/Documents/plan.pdf');
    const call = fake.dialogCalls[0]!;
    expect(call.kind).toBe('save');
    expect(call.args[0]).toBe(main);
    expect(call.args[1]).toMatchObject({ title: 'Сақтау', defaultPath: path.join('/home/u/Documents', 'plan.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    // file names may name a child: never in Windows' recent documents
    expect((call.args[1] as { properties: string[] }).properties).toContain('dontAddToRecent');
    await expect(p.chooseSaveFile({ title: 't', defaultName: 'x.pdf', filters: [] })).resolves.toBeNull();
  });

  it('opens files and folders; cancel is null; works without a window too', async () => {
    const { p } = platform(null);
    fake.dialogAnswers.push({ canceled: false, filePaths: ['/media/u/STICK/backup.qorgan'] }, { canceled: false, filePaths: ['/media/u/STICK'] });
    await expect(p.chooseOpenFile({ title: 'Ашу', filters: [] })).resolves.toBe('/media/u/STICK/backup.qorgan');
    await expect(p.chooseFolder({ title: 'Бума' })).resolves.toBe('/media/u/STICK');
    await expect(p.chooseFolder({ title: 'Бума' })).resolves.toBeNull();
    expect(fake.dialogCalls[0]?.args[0]).toMatchObject({ properties: ['openFile', 'dontAddToRecent'] });
    expect(fake.dialogCalls[1]?.args[0]).toMatchObject({ properties: expect.arrayContaining(['openDirectory', 'dontAddToRecent']) });
  });

  it('hands printing and viewing to the PDF windows, drives to the drive lister', async () => {
    const { p, pdf, drives } = platform();
    const bytes = new Uint8Array([37, 80, 68, 70, 45]);
    await p.printPdf(bytes, { title: 'Акт' });
    await p.showPdf?.(bytes, { title: 'Акт' });
    expect(pdf.printPdf).toHaveBeenCalledWith(bytes, { title: 'Акт' });
    expect(pdf.showPdf).toHaveBeenCalledWith(bytes, { title: 'Акт' });
    await expect(p.listRemovableDrives()).resolves.toEqual(drives);
  });

  it('finds the Electron-ABI module in .native/ during development and in resources/native/ when installed', () => {
    expect(nativeBindingPath({ isPackaged: false, resourcesPath: '/x', appPath: '/src/qorgan', platform: 'win32', arch: 'x64' })).toBe(
      path.join('/src/qorgan', '.native', 'electron', 'win32-x64', 'better_sqlite3.node'),
    );
    expect(nativeBindingPath({ isPackaged: true, resourcesPath: '/opt/Qorgan/resources', appPath: '/opt/Qorgan/resources/app.asar' })).toBe(
      path.join('/opt/Qorgan/resources', 'native', 'better_sqlite3.node'),
    );
  });
});
