/**
 * The bundled fonts: PT Serif (ParaType, SIL Open Font License 1.1; licence in resources/fonts/OFL-PTSerif.txt).
 * A Times-like serif that covers Kazakh (Ә Ғ Қ Ң Ө Ұ Ү Һ І), Russian, « » and №. Whole TTF files: pdfmake
 * subsets and embeds them.
 *
 * The folder is found in this order: `configureFontsDir()` (the shell may call it), `QORGAN_FONTS_DIR`,
 * `<process.resourcesPath>/fonts` (packaged app: electron-builder ships resources/fonts there), then
 * `resources/fonts` under the source tree or the working directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FONT_FAMILY = 'PTSerif';

export const FONT_FILES = {
  normal: 'PTSerif-Regular.ttf',
  bold: 'PTSerif-Bold.ttf',
  italics: 'PTSerif-Italic.ttf',
  bolditalics: 'PTSerif-BoldItalic.ttf',
} as const;

let configuredDir: string | null = null;

/** Tells the engine where the TTF files are (the shell calls it with `<resourcesPath>/fonts`). */
export function configureFontsDir(dir: string): void {
  configuredDir = dir;
}

function hereDir(): string | null {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
}

/** The folder that holds the TTF files; throws when none is found. */
export function fontsDir(): string {
  const candidates: string[] = [];
  if (configuredDir) candidates.push(configuredDir);
  if (process.env.QORGAN_FONTS_DIR) candidates.push(process.env.QORGAN_FONTS_DIR);
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(path.join(resourcesPath, 'fonts'));
  const here = hereDir();
  if (here) candidates.push(path.resolve(here, '../../../resources/fonts'));
  candidates.push(path.resolve(process.cwd(), 'resources/fonts'));
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, FONT_FILES.normal))) return dir;
  }
  throw new Error('document fonts not found');
}

let cache: Record<keyof typeof FONT_FILES, Buffer> | null = null;

/** The four TTF files, read once. */
export function fontBuffers(): Record<keyof typeof FONT_FILES, Buffer> {
  if (cache) return cache;
  const dir = fontsDir();
  cache = {
    normal: fs.readFileSync(path.join(dir, FONT_FILES.normal)),
    bold: fs.readFileSync(path.join(dir, FONT_FILES.bold)),
    italics: fs.readFileSync(path.join(dir, FONT_FILES.italics)),
    bolditalics: fs.readFileSync(path.join(dir, FONT_FILES.bolditalics)),
  };
  return cache;
}
