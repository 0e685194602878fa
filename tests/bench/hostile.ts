/**
 * Hostile files: for each, the time until it is refused (or answered, for a PDF) through the parse worker, and the
 * peak RSS of the whole process meanwhile (the worker's heap is part of it), sampled every 5 ms. Goal: ≤ 2 s and
 * ≤ 300 MB for any file up to 20 MB. Then the core's answer times while a slow (legitimate) parse runs: auth.status
 * beside it, auth.lock (Ctrl+L) stopping it. Measured, never asserted.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configureParsing, runParser } from '../../electron/core/workers/run';
import { createTestCore } from '../harness/core';
import * as H from '../harness/hostile-files';
import type { BenchRow } from './types';

type Kind = 'docx' | 'xlsx' | 'pdf' | 'json';

async function parse(kind: Kind, bytes: Uint8Array): Promise<string> {
  try {
    if (kind === 'pdf') {
      const checks = await runParser('documents.signatures', bytes, null, { failure: 'file.too_complex' });
      return `answered: ${checks.length} signature(s) checked`;
    }
    if (kind === 'json') await runParser('frameworks.json', bytes, null, { failure: 'frameworks.import_failed' });
    else await runParser('plans.tables', bytes, { kind }, { failure: 'plans.import_failed' });
    return 'accepted';
  } catch (e) {
    return (e as { code?: string }).code ?? 'thrown';
  }
}

/** runs `fn` while sampling the RSS; returns its time, result and the peak RSS in MB */
async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ms, value, peakMb: Math.round(peak / (1024 * 1024)) };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** The child: parses one file `runs` times; prints the median time, the outcome and the peak RSS. */
async function child(kind: Kind, file: string, runs = 3): Promise<void> {
  const bytes = new Uint8Array(fs.readFileSync(file));
  await parse('json', new TextEncoder().encode('{}')); // the first worker pays for building/loading the bundle
  gc();
  const baseMb = Math.round(process.memoryUsage.rss() / (1024 * 1024));
  const times: number[] = [];
  let outcome = '';
  let peakMb = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    const m = await measured(() => parse(kind, bytes));
    times.push(m.ms);
    outcome = m.value;
    peakMb = Math.max(peakMb, m.peakMb);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ ms: times[Math.floor(runs / 2)] ?? 0, outcome, peakMb, baseMb, runs }));
}

export async function benchHostile(): Promise<BenchRow[]> {
  const enc = new TextEncoder();
  const files: [string, Kind, () => Uint8Array][] = [
    ['JSON `{}` (the floor: starting a worker and answering)', 'json', () => enc.encode('{}')],
    ['DOCX, `<!--` ×1 000 000 unterminated', 'docx', () => H.docxUnterminatedComments()],
    ['DOCX, unterminated attribute ×500 000', 'docx', () => H.docxUnterminatedAttributes()],
    ['DOCX, one row of 600 000 cells', 'docx', () => H.docxManyCells()],
    ['DOCX, document.xml inflating to 150 MB', 'docx', () => H.docxHugeDocument(150)],
    ['DOCX, elements nested 900 000 deep', 'docx', () => H.docxDeeplyNested()],
    ['XLSX, 1 000 000 rows', 'xlsx', () => H.xlsxManyRows()],
    ['XLSX, 300 000 rows', 'xlsx', () => H.xlsxManyRows(300_000)],
    ['XLSX, elements nested 1 000 000 deep', 'xlsx', () => H.xlsxDeeplyNested()],
    ['XLSX, ZIP bomb lying (64 KB declared, 1 GB real)', 'xlsx', () => H.xlsxLyingBomb(1024)],
    ['XLSX, ZIP bomb declaring 3 GB', 'xlsx', () => H.xlsxDeclaredBomb(3)],
    ['XLSX, legitimate 15 000 rows × 7 (for scale)', 'xlsx', () => H.xlsxPlainRows(15_000)],
    ['PDF, 100 000 distinct /ByteRange lines', 'pdf', () => H.pdfManyByteRanges(100_000)],
    ['PDF, 45 MB of /ByteRange lines', 'pdf', () => H.pdfManyByteRanges(100_000, 45)],
    ['PDF, one /ByteRange repeated 100 000 times', 'pdf', () => H.pdfRepeatedByteRange(100_000)],
    ['JSON framework, 400 000 items (19 MB)', 'json', () => enc.encode(H.frameworkMillionItems(400_000))],
    ['JSON framework, 19 MB title', 'json', () => enc.encode(H.frameworkHugeString(19))],
    ['JSON framework, arrays nested 1 000 000 deep', 'json', () => enc.encode(H.frameworkDeeplyNested())],
  ];
  // each file is measured in a fresh process (tests/bench/hostile.ts --child), so that its peak RSS is that of a
  // process that only received this file: not the generator's garbage, not the previous file's heap
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-hostile-'));
  const rows: BenchRow[] = [];
  try {
    for (const [name, kind, make] of files) {
      const file = path.join(dir, 'file');
      const bytes = make();
      fs.writeFileSync(file, bytes);
      const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, file], {
        encoding: 'utf8',
        maxBuffer: 1024 * 1024,
      });
      const r = JSON.parse(out.trim().split('\n').at(-1) as string) as { ms: number; outcome: string; peakMb: number; baseMb: number; runs: number };
      const size = bytes.length >= 1024 * 1024 ? `${(bytes.length / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes.length / 1024)} KB`;
      rows.push({ name: `${name} (${size})`, medianMs: r.ms, runs: r.runs, note: `${r.outcome}; peak RSS ${r.peakMb} MB (process before the parse: ${r.baseMb} MB)` });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // the core during a slow parse
  const c = await createTestCore();
  try {
    const workbook = H.xlsxPlainRows(15_000).toString('base64');
    const lockTimes: number[] = [];
    const statusTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const parsing = c.try('plansIo.importPreview', { kind: 'xlsx', fileBase64: workbook });
      await new Promise((r) => setTimeout(r, 400));
      let t = performance.now();
      await c.call('auth.status', {});
      statusTimes.push(performance.now() - t);
      t = performance.now();
      await c.call('auth.lock', {});
      lockTimes.push(performance.now() - t);
      await parsing;
      await c.call('auth.login', { login: 'director', password: 'correct horse battery' });
    }
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    rows.push({ name: 'auth.status during a slow parse', medianMs: mid(statusTimes), runs: 5, note: 'goal ≤ 200 ms' });
    rows.push({ name: 'auth.lock (Ctrl+L) during a slow parse: parse stopped, DB locked', medianMs: mid(lockTimes), runs: 5, note: 'goal ≤ 200 ms' });
  } finally {
    await c.cleanup();
    configureParsing(null);
  }
  return rows;
}

if (process.argv[2] === '--child') await child(process.argv[3] as Kind, process.argv[4] as string);
