/**
 * Hostile files through the live core: each is refused (or, for a PDF, answered) with its translated code, never
 * `internal`, well within the worker's time limit; the core answers `auth.status` while a slow parse runs, and
 * `auth.lock` (Ctrl+L) stops the parse and locks at once. Times are bounded generously here (a shared, busy test
 * machine); `npm run bench hostile` gives the figures.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import kk from '../../../renderer/src/i18n/kk.json';
import ru from '../../../renderer/src/i18n/ru.json';
import { configureParsing, runningParses } from '../../../electron/core/workers/run';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import * as H from '../../harness/hostile-files';

let c: TestCore;
beforeAll(async () => {
  c = await createTestCore();
  // start the worker bundle once, so that the first timed case does not pay for it
  await c.try('plansIo.importPreview', { kind: 'docx', fileBase64: H.docxWith('<w:document/>').toString('base64') });
}, 120_000);
afterAll(async () => c.cleanup());
afterEach(() => configureParsing(null));

let slow: Buffer | null = null;
/** a legitimate workbook that ExcelJS takes a few seconds over (15 000 rows × 7 columns), made once */
const slowWorkbook = () => (slow ??= H.xlsxPlainRows(15_000));

/** well under the 20 s limit, generous for a loaded CI machine */
const BOUND_MS = 15_000;

type Outcome = { code: string | null; ms: number };

async function plan(kind: 'docx' | 'xlsx', bytes: Buffer): Promise<Outcome> {
  const t = performance.now();
  const r = await c.try('plansIo.importPreview', { kind, fileBase64: bytes.toString('base64') });
  return { code: r.ok ? null : r.error.code, ms: performance.now() - t };
}

function translated(code: string): void {
  const [group, key] = code.includes('.') ? code.split('.') : [code, undefined];
  for (const dict of [kk, ru] as Record<string, unknown>[]) {
    const errors = dict['errors'] as Record<string, unknown>;
    const entry = key === undefined ? errors[group] : (errors[group] as Record<string, unknown> | undefined)?.[key];
    expect(typeof entry, `errors.${code}`).toBe('string');
  }
  expect(ERROR_CODES).toContain(code);
}

describe('hostile plan files (DOCX)', () => {
  it('an unterminated comment repeated a million times is refused at once, not after a quadratic scan', async () => {
    const file = H.docxUnterminatedComments();
    expect(file.length).toBeLessThan(40_000);
    const r = await plan('docx', file);
    expect(r.code).toBe('plans.import_failed');
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('an attribute value that never closes is refused (as a malformed tag, or a tag past its length budget)', async () => {
    expect((await plan('docx', H.docxUnterminatedAttributes(2_000))).code).toBe('plans.import_failed');
    const r = await plan('docx', H.docxUnterminatedAttributes(500_000));
    expect(r.code).toBe('file.too_complex');
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('a row of 600 000 cells is too complex (a cell budget, not a 1.9 GB grid ending in RangeError)', async () => {
    const r = await plan('docx', H.docxManyCells());
    expect(r.code).toBe('file.too_complex');
    translated('file.too_complex');
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('a document part that inflates past its budget is refused while inflating', async () => {
    const file = H.docxHugeDocument(24);
    expect(file.length).toBeLessThan(1024 * 1024);
    const r = await plan('docx', file);
    expect(r.code).toBe('file.too_complex');
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('elements nested 900 000 deep are read without recursion (the table inside is found)', async () => {
    const r = await c.try('plansIo.importPreview', { kind: 'docx', fileBase64: H.docxDeeplyNested().toString('base64') });
    expect(r.ok ? r.value.rows.length : r.error.code).toBe(2);
  });
});

describe('hostile plan files (XLSX)', () => {
  const manyRows = H.xlsxManyRows(300_000);
  it('300 000 rows (~1 MB zipped) are refused by the row budget while inflating, before ExcelJS builds them', async () => {
    expect(manyRows.length).toBeLessThan(2 * 1024 * 1024);
    const r = await plan('xlsx', manyRows);
    expect(r.code).toBe('file.too_complex');
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('elements nested a million deep are refused before ExcelJS sees them', async () => {
    const r = await plan('xlsx', H.xlsxDeeplyNested());
    expect(r.code).toBe('file.too_complex');
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('a ZIP bomb that lies about its sizes stops at the declared size; an honest one is refused from its directory', async () => {
    const lying = await plan('xlsx', H.xlsxLyingBomb(128));
    expect(lying.code).toBe('file.too_complex');
    expect(lying.ms).toBeLessThan(BOUND_MS);
    const honest = await plan('xlsx', H.xlsxDeclaredBomb(3));
    expect(honest.code).toBe('plans.import_too_large');
  });

  it('the framework workbook import goes through the same budget', async () => {
    const r = await c.try('plansIo.frameworkPreviewXlsx', { fileBase64: manyRows.toString('base64'), overrides: {} });
    expect(r.ok ? null : r.error.code).toBe('file.too_complex');
  });
});

describe('hostile framework files (JSON)', () => {
  it('a million items are refused by the list length, before each item is validated', async () => {
    const json = H.frameworkMillionItems(400_000);
    expect(json.length).toBeLessThan(20_000_000);
    const t = performance.now();
    const r = await c.try('frameworks.import', { json });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'frameworks.import_failed', details: { path: 'items' } });
    expect(performance.now() - t).toBeLessThan(BOUND_MS);
  });

  it('a 50 MB string is refused at the door; a 19 MB title by the schema', async () => {
    const huge = await c.try('frameworks.import', { json: 'x'.repeat(50 * 1024 * 1024) });
    expect(huge.ok ? null : huge.error.code).toBe('validation');
    const title = await c.try('frameworks.import', { json: H.frameworkHugeString(19) });
    expect(title.ok ? null : title.error).toMatchObject({ code: 'frameworks.import_failed', details: { path: 'titleKk' } });
  });

  it('arrays nested a million deep are refused without a stack overflow', async () => {
    const r = await c.try('frameworks.import', { json: H.frameworkDeeplyNested() });
    expect(r.ok ? null : r.error.code).toBe('frameworks.import_failed');
  });
});

describe('hostile PDFs to verify', () => {
  it('100 000 distinct /ByteRange lines: one pass, at most 16 signatures considered', async () => {
    const pdf = H.pdfManyByteRanges(100_000);
    const t = performance.now();
    const r = await c.call('documents.verify', { pdfBase64: pdf.toString('base64') });
    expect(performance.now() - t).toBeLessThan(BOUND_MS);
    expect(r.signatures).toHaveLength(16);
    expect(r.signatures.every((s) => !s.intact && s.problem === 'malformed')).toBe(true);
    expect(r.changedAfterLastSignature).toBe(true);
  });

  it('the same /ByteRange repeated 100 000 times is one signature', async () => {
    const r = await c.call('documents.verify', { pdfBase64: H.pdfRepeatedByteRange(100_000).toString('base64') });
    expect(r.signatures).toHaveLength(1);
  });
});

describe('the worker limits', () => {
  it('a parse that runs out of time is stopped: file.timeout', async () => {
    configureParsing({ timeoutMs: 300 });
    const r = await plan('xlsx', slowWorkbook());
    expect(r.code).toBe('file.timeout');
    translated('file.timeout');
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(runningParses()).toBe(0);
  });

  it('a parse that passes the memory ceiling is stopped: file.too_complex', async () => {
    configureParsing({ heapMb: 24 });
    const r = await plan('xlsx', slowWorkbook());
    expect(r.code).toBe('file.too_complex');
    expect(runningParses()).toBe(0);
  });
});

describe('the core stays responsive during a slow parse', () => {
  it('answers auth.status while a large workbook parses, and Ctrl+L (auth.lock) stops the parse and locks', async () => {
    const workbook = slowWorkbook().toString('base64');
    const parse = c.try('plansIo.importPreview', { kind: 'xlsx', fileBase64: workbook });
    let parseDone = false;
    void parse.then(() => (parseDone = true));
    // wait until the worker runs
    for (let i = 0; i < 200 && runningParses() === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(runningParses()).toBe(1);

    let t = performance.now();
    const status = await c.call('auth.status', {});
    const statusMs = performance.now() - t;
    expect(status.state).toBe('unlocked');
    expect(parseDone).toBe(false);

    t = performance.now();
    const lock = await c.try('auth.lock', {});
    const lockMs = performance.now() - t;
    expect(lock.ok).toBe(true);
    const parsed = await parse;
    expect(parsed.ok ? null : parsed.error.code).toBe('file.cancelled');
    translated('file.cancelled');
    expect((await c.call('auth.status', {})).state).toBe('locked');
    // generous bounds (the bench gives the figures): both far below the parse's own time
    expect(statusMs).toBeLessThan(2_000);
    expect(lockMs).toBeLessThan(2_000);
    expect(runningParses()).toBe(0);
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  });

  it('parses queued before the lock do not start in front of it', async () => {
    const workbook = slowWorkbook().toString('base64');
    const first = c.try('plansIo.importPreview', { kind: 'xlsx', fileBase64: workbook });
    const second = c.try('plansIo.importPreview', { kind: 'xlsx', fileBase64: workbook });
    for (let i = 0; i < 200 && runningParses() === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const t = performance.now();
    expect((await c.try('auth.lock', {})).ok).toBe(true);
    expect(performance.now() - t).toBeLessThan(2_000);
    for (const r of [await first, await second]) expect(r.ok ? null : r.error.code).toBe('file.cancelled');
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    // and after the lock, parsing works again
    const ok = await c.try('plansIo.importPreview', { kind: 'docx', fileBase64: H.docxDeeplyNested(10).toString('base64') });
    expect(ok.ok).toBe(true);
  });

  it('the lock cancels a parse inside a write (import commit): the transaction rolls back, nothing is stored', async () => {
    const before = (await c.call('plans.list', {})).length;
    const commit = c.try('plansIo.importCommit', {
      source: { kind: 'xlsx', fileBase64: slowWorkbook().toString('base64') },
      target: { kind: 'new', academicYear: 2031 },
      acceptProblems: true,
    });
    for (let i = 0; i < 200 && runningParses() === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const lock = await c.try('auth.lock', {});
    expect(lock.ok).toBe(true);
    const r = await commit;
    expect(r.ok ? null : r.error.code).toBe('file.cancelled');
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect((await c.call('plans.list', {})).length).toBe(before);
  });
});
