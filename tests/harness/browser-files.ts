/**
 * File dialogs for `npm run dev:web` (issue 15): a browser page cannot show the shell's native dialogs, so the
 * harness answers them from one folder beside the data folder, named when the harness starts:
 *
 *   <folder>/saved/    save dialogs (PDF, DOCX, XLSX exports …): the file is written here under its suggested
 *                      name (" (2)", " (3)" … when taken) — the browser's "downloads"
 *   <folder>/open/     open dialogs (plan imports, a backup to restore, a .p12 key …): the newest file here whose
 *                      extension the dialog accepts is chosen; put the file there first (none: the dialog cancels)
 *   <folder>/usb/      a stand-in removable drive ("QORGAN-USB") for backups to a flash drive
 *   <folder>/backups/  the folder a "choose folder" dialog answers
 *
 * The e2e tests keep their scripted answers (tests/harness/platform.ts `dialogAnswers`); this is for a person.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileFilter } from '../../electron/core/platform';
import type { TestPlatform } from './platform';

export function browserFilesFolder(dataDir: string): string {
  return `${path.resolve(dataDir)}-files`;
}

/** A free name in `dir` for `name`: the name itself, else "stem (2).ext", "stem (3).ext" … */
function freeName(dir: string, name: string): string {
  const clean = path.basename(name).replace(/[\u0000-\u001f<>:"|?*\\/]/g, '_') || 'file';
  const ext = path.extname(clean);
  const stem = clean.slice(0, clean.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? clean : `${stem} (${n})${ext}`;
    if (!fs.existsSync(path.join(dir, candidate))) return candidate;
  }
}

function accepts(filters: FileFilter[], file: string): boolean {
  const exts = filters.flatMap((f) => f.extensions.map((e) => e.toLowerCase()));
  if (exts.length === 0 || exts.includes('*')) return true;
  return exts.includes(path.extname(file).slice(1).toLowerCase());
}

/** Replaces the platform's dialogs and drives with the folder's stand-ins; returns the folder. */
export function useBrowserFiles(platform: TestPlatform, folder: string): string {
  const sub = (name: string) => {
    const dir = path.join(folder, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  for (const name of ['saved', 'open', 'usb', 'backups']) sub(name);
  platform.chooseSaveFile = async ({ defaultName }) => {
    const dir = sub('saved');
    return path.join(dir, freeName(dir, defaultName));
  };
  platform.chooseOpenFile = async ({ filters }) => {
    const dir = sub('open');
    const files = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && accepts(filters, e.name))
      .map((e) => ({ file: path.join(dir, e.name), at: fs.statSync(path.join(dir, e.name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    return files[0]?.file ?? null;
  };
  platform.chooseFolder = async () => sub('backups');
  platform.listRemovableDrives = async () => {
    const usb = sub('usb');
    const st = fs.statfsSync(usb);
    return [{ mountPath: usb, label: 'QORGAN-USB', sizeBytes: Number(st.blocks) * Number(st.bsize), freeBytes: Number(st.bavail) * Number(st.bsize) }];
  };
  return folder;
}
