/**
 * `npm run check:office -- [--dir samples]`: opens the plan's DOCX and XLSX samples (plan-748.docx, plan-748.xlsx,
 * plan.docx, plan.xlsx, those present) in LibreOffice (`soffice --headless --convert-to pdf`) and checks what an
 * office shows: every header word whole (no word broken inside a narrow column), body text at least 9 pt, no
 * clipped row (every cell's words, read from the file itself, are in the converted PDF, in order). Prints one line
 * per check and exits 1 when one fails. Needs LibreOffice (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDocxTables } from '../electron/core/plans/docx-read';
import { COLUMN_LABELS } from '../electron/core/plans/io-common';
import { readXlsxTables } from '../electron/core/plans/xlsx';

const dirArg = process.argv.indexOf('--dir');
const dir = path.resolve(dirArg > 0 ? (process.argv[dirArg + 1] ?? 'samples') : 'samples');
const MIN_PT = 9;
/**
 * poppler's word box runs from the font's ascent to its descent: about 1.3 × the size for Liberation Serif (the
 * Times New Roman of LibreOffice), measured on the 9 pt page-number footer of a DOCX printed at 100 %
 */
const BOX_PER_PT = 1.3;

if (spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status !== 0) {
  console.error('check:office: LibreOffice (soffice) is not installed');
  process.exit(2);
}

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
function indexOfRun(hay: string[], needle: string[], from = 0): number {
  for (let i = from; i + needle.length <= hay.length; i++) {
    let k = 0;
    while (k < needle.length && hay[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

let failed = 0;
const report = (ok: boolean, file: string, what: string) => {
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: ${what}`);
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-office-'));
try {
  for (const name of ['plan-748.docx', 'plan-748.xlsx', 'plan.docx', 'plan.xlsx']) {
    const src = path.join(dir, name);
    if (!fs.existsSync(src)) continue;
    const kind = name.endsWith('.docx') ? 'docx' : 'xlsx';
    const copy = path.join(work, name.replace(/\.(docx|xlsx)$/, `-${kind}.$1`));
    fs.copyFileSync(src, copy);
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, copy], { stdio: 'ignore', timeout: 180_000 });
    const pdf = copy.replace(/\.(docx|xlsx)$/, '.pdf');
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const tokens = words(text);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? '0');

    // the table as the file holds it
    const base64 = fs.readFileSync(src).toString('base64');
    const tables = kind === 'docx' ? await readDocxTables(base64) : await readXlsxTables(base64);
    const table = tables.reduce((a, b) => (b.rows.length > a.rows.length ? b : a));
    const lang = table.rows.some((r) => r.cells.includes(COLUMN_LABELS.ru[1]!)) ? 'ru' : 'kk';

    // 1. header words whole
    const broken = COLUMN_LABELS[lang].flatMap(words).filter((w) => !tokens.includes(w));
    report(broken.length === 0, name, `header words whole in pdftotext (${broken.length === 0 ? 'all' : `broken: ${broken.join(', ')}`})`);

    // 2. body text ≥ 9 pt: the height of every word box (poppler's box is the font's ascent to descent, ≥ the size)
    const bbox = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const heights = [...bbox.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1]));
    const smallest = Math.min(...heights);
    const size = smallest / BOX_PER_PT;
    report(size >= MIN_PT - 0.05, name, `smallest text ≈ ${size.toFixed(1)} pt (word box ${smallest.toFixed(1)} pt; needs ≥ ${MIN_PT} pt), ${pages} pages`);

    // 3. no clipped row: every cell's words in the converted PDF, in the table's order
    let at = 0;
    let missing = 0;
    let cells = 0;
    const firstMissing: string[] = [];
    for (const row of table.rows) {
      for (const cell of row.cells) {
        const w = words(cell);
        if (w.length === 0) continue;
        cells++;
        const found = indexOfRun(tokens, w, 0);
        if (found === -1) {
          missing++;
          if (firstMissing.length < 3) firstMissing.push(cell.slice(0, 60).replace(/\n/g, ' '));
        } else at = Math.max(at, found);
      }
    }
    report(missing === 0, name, `no clipped cell: ${cells - missing} of ${cells} cells whole in the PDF${missing ? ` (e.g. «${firstMissing.join('», «')}»)` : ''}`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(failed > 0 ? 1 : 0);
