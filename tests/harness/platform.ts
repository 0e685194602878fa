/**
 * The Platform for tests and the browser harness: dialogs answer from a queue the test fills (or cancel),
 * printing is recorded, removable drives are folders the test names.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileFilter, Logger, Platform, RemovableDrive } from '../../electron/core/platform';
import { fileLogger } from '../../electron/core/log';

export interface TestPlatform extends Platform {
  /** the next answers of the save / open / folder dialogs (null = cancel) */
  dialogAnswers: (string | null)[];
  printed: { title: string; bytes: number }[];
  /** PDFs shown in the viewer (the shell opens a window; here they are recorded) */
  shown: { title: string; pdf: Uint8Array }[];
  drives: RemovableDrive[];
  /** shift the clock (idle lock, throttling) */
  advance(ms: number): void;
  setNow(d: Date): void;
}

export function testPlatform(dataDir: string, options: { demo?: boolean; logger?: Logger; now?: Date } = {}): TestPlatform {
  let offset = 0;
  let fixed: Date | null = options.now ?? null;
  const p: TestPlatform = {
    dataDir,
    demo: options.demo ?? false,
    log: options.logger ?? fileLogger(dataDir),
    dialogAnswers: [],
    printed: [],
    shown: [],
    drives: [],
    now: () => new Date((fixed ? fixed.getTime() : Date.now()) + offset),
    advance(ms) {
      offset += ms;
    },
    setNow(d) {
      fixed = d;
      offset = 0;
    },
    chooseSaveFile: async (_o: { title: string; defaultName: string; filters: FileFilter[] }) => {
      const answer = p.dialogAnswers.shift() ?? null;
      if (answer) fs.mkdirSync(path.dirname(answer), { recursive: true });
      return answer;
    },
    chooseOpenFile: async () => p.dialogAnswers.shift() ?? null,
    chooseFolder: async () => p.dialogAnswers.shift() ?? null,
    listRemovableDrives: async () => p.drives,
    printPdf: async (pdf, o) => {
      p.printed.push({ title: o.title, bytes: pdf.byteLength });
    },
    showPdf: async (pdf, o) => {
      p.shown.push({ title: o.title, pdf });
    },
  };
  return p;
}
