/**
 * The browser harness's file dialogs (tests/harness/browser-files.ts): exports land in saved/ under free names,
 * open dialogs take the newest accepted file from open/, the flash drive is usb/ and the chosen folder backups/,
 * as the core's backup methods see them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserFilesFolder, useBrowserFiles } from '../harness/browser-files';
import { createTestCore, tempDir, type TestCore } from '../harness/core';

let c: TestCore;
let folder: string;
beforeAll(async () => {
  c = await createTestCore({ dataDir: path.join(tempDir('qorgan-bf-'), 'data') });
  folder = useBrowserFiles(c.platform, browserFilesFolder(c.dataDir));
}, 60_000);
afterAll(async () => {
  await c.cleanup();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('browser harness file dialogs', () => {
  it('lives beside the data folder, not in it', () => {
    expect(path.dirname(folder)).toBe(path.dirname(path.resolve(c.dataDir)));
    expect(folder.startsWith(path.resolve(c.dataDir) + path.sep)).toBe(false);
  });

  it('saves under the suggested name, then (2), (3) …; never outside saved/', async () => {
    const first = (await c.platform.chooseSaveFile({ title: 't', defaultName: 'plan.pdf', filters: [] }))!;
    expect(first).toBe(path.join(folder, 'saved', 'plan.pdf'));
    fs.writeFileSync(first, 'x');
    expect(await c.platform.chooseSaveFile({ title: 't', defaultName: 'plan.pdf', filters: [] })).toBe(path.join(folder, 'saved', 'plan (2).pdf'));
    expect(path.dirname((await c.platform.chooseSaveFile({ title: 't', defaultName: '../../evil.pdf', filters: [] }))!)).toBe(path.join(folder, 'saved'));
  });

  it('opens the newest file of an accepted type from open/, else cancels', async () => {
    const docx = [{ name: 'Word', extensions: ['docx'] }];
    expect(await c.platform.chooseOpenFile({ title: 't', filters: docx })).toBeNull();
    const a = path.join(folder, 'open', 'a.docx');
    const b = path.join(folder, 'open', 'b.docx');
    fs.writeFileSync(a, 'a');
    fs.writeFileSync(b, 'b');
    fs.utimesSync(a, new Date(2030, 0, 2), new Date(2030, 0, 2));
    fs.utimesSync(b, new Date(2030, 0, 1), new Date(2030, 0, 1));
    fs.writeFileSync(path.join(folder, 'open', 'c.xlsx'), 'c');
    expect(await c.platform.chooseOpenFile({ title: 't', filters: docx })).toBe(a);
  });

  it('offers usb/ as a flash drive, and a backup goes there', async () => {
    const drives = await c.platform.listRemovableDrives();
    expect(drives).toEqual([expect.objectContaining({ mountPath: path.join(folder, 'usb'), label: 'QORGAN-USB' })]);
    expect(drives[0]!.sizeBytes).toBeGreaterThan(0);
    const seen = await c.call('backup.drives', {});
    expect(JSON.stringify(seen)).toContain(JSON.stringify(path.join(folder, 'usb')).slice(1, -1));
    expect(await c.call('backup.chooseFolder', {})).toBe(path.join(folder, 'backups'));
  });
});
