/** Independent tools that read what the documents engine writes: poppler (pdftotext, pdfsig, pdftoppm) and qpdf. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ARTIFACTS = path.resolve('test-artifacts/documents');

function withTemp<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-docs-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pdftotext -enc UTF-8 (optionally one page range) */
export function pdfText(pdf: Buffer, pages?: { first: number; last: number }): string {
  return withTemp(pdf, (file) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', ...(pages ? ['-f', String(pages.first), '-l', String(pages.last)] : []), file, '-'], {
      encoding: 'utf8',
    }),
  );
}

/** Collapses whitespace (line breaks of wrapped text) to single spaces. */
export function flat(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export interface PdfsigEntry {
  commonName: string;
  validation: string;
  /** SubFilter as pdfsig names it, e.g. ETSI.CAdES.detached */
  type: string;
  totalDocumentSigned: boolean;
}

/** pdfsig's report, parsed: one entry per signature. pdfsig exits 0 even for broken signatures: read the text. */
export function pdfsig(pdf: Buffer): { raw: string; signatures: PdfsigEntry[] } {
  return withTemp(pdf, (file) => {
    const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    const raw = `${r.stdout}\n${r.stderr}`;
    const blocks = raw.split(/^Signature #\d+:/m).slice(1);
    return {
      raw,
      signatures: blocks.map((b) => ({
        commonName: /Signer Certificate Common Name: (.*)/.exec(b)?.[1]?.trim() ?? '',
        validation: /Signature Validation: (.*)/.exec(b)?.[1]?.trim() ?? '',
        type: /Signature Type: (.*)/.exec(b)?.[1]?.trim() ?? '',
        totalDocumentSigned: /Total document signed/.test(b),
      })),
    };
  });
}

/** qpdf --check: exit status and output */
export function qpdfCheck(pdf: Buffer): { ok: boolean; output: string } {
  return withTemp(pdf, (file) => {
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return { ok: r.status === 0, output: `${r.stdout}\n${r.stderr}` };
  });
}

export function pageCount(pdf: Buffer): number {
  return withTemp(pdf, (file) => {
    const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/Pages:\s+(\d+)/.exec(out)?.[1] ?? '0');
  });
}

/** Renders pages to PNG files test-artifacts/documents/<name>-<page>.png (pdftoppm); returns their paths. */
export function renderPng(pdf: Buffer, name: string, pages: number[], dpi = 60): string[] {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return withTemp(pdf, (file) =>
    pages.map((p) => {
      const prefix = path.join(ARTIFACTS, `${name}-p${p}`);
      execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(p), '-l', String(p), '-singlefile', file, prefix]);
      return `${prefix}.png`;
    }),
  );
}

export function savePdfArtifact(pdf: Buffer, name: string): void {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, `${name}.pdf`), pdf);
}

/** Fills a /ByteRange placeholder with the DER the given function makes over the covered bytes (as @signpdf does). */
export function fillSignature(pdf: Buffer, makeCms: (content: Buffer) => Buffer): Buffer {
  const text = pdf.toString('latin1');
  const brStart = text.lastIndexOf('/ByteRange [0 /********** /********** /**********]');
  if (brStart < 0) throw new Error('no placeholder');
  const contentsStart = text.indexOf('/Contents <', brStart) + '/Contents '.length;
  const contentsEnd = text.indexOf('>', contentsStart) + 1;
  const ranges = [0, contentsStart, contentsEnd, pdf.length - contentsEnd];
  const placeholder = '/ByteRange [0 /********** /********** /**********]';
  const filled = `/ByteRange [${ranges.join(' ')}]`.padEnd(placeholder.length, ' ');
  const out = Buffer.from(pdf);
  out.write(filled, brStart, 'latin1');
  const covered = Buffer.concat([out.subarray(0, contentsStart), out.subarray(contentsEnd)]);
  const hex = makeCms(covered).toString('hex');
  const room = contentsEnd - contentsStart - 2;
  if (hex.length > room) throw new Error('signature too long');
  out.write(`<${hex.padEnd(room, '0')}>`, contentsStart, 'latin1');
  return out;
}
