/**
 * The built bundle, not the sources: scripts/build-electron.mjs bundles main.cjs and preload.cjs; main.cjs then
 * runs under plain Node with a CommonJS stand-in for 'electron' (electron-stub.cjs). This proves the bundle loads,
 * finds every package it requires, opens a real encrypted data folder through the native binding path the shell
 * computes, answers IPC, locks from the menu and quits cleanly.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, SEED_SCHOOL } from '../../harness/core';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '../../..');
const outDir = path.join(root, 'test-artifacts', 'shell', 'bundle');
// the build for the Node running the tests (scripts/node-of-electron.mjs names its own, built for another Node)
const nodeBinding =
  process.env.QORGAN_NATIVE_BINDING ?? path.join(path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')), 'build', 'Release', 'better_sqlite3.node');

let base: string;
let externals: string[] = [];

beforeAll(async () => {
  const { buildElectron } = await import('../../../scripts/build-electron.mjs');
  ({ externals } = await buildElectron({ outDir, quiet: true }));
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-bundle-'));
  const appPath = path.join(base, 'app');
  fs.mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Qorgan</title>');
  fs.mkdirSync(path.join(appPath, 'dist', 'electron'), { recursive: true });
  for (const f of ['preload.cjs', 'core.cjs', 'parse-worker.cjs', 'backup-worker.cjs']) fs.copyFileSync(path.join(outDir, f), path.join(appPath, 'dist', 'electron', f));
  // node_modules beside dist/, as in app.asar: the core's process requires its packages from there
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(appPath, 'node_modules'), 'dir');
  const native = path.join(appPath, '.native', 'electron', `${process.platform}-${process.arch}`);
  fs.mkdirSync(native, { recursive: true });
  fs.copyFileSync(nodeBinding, path.join(native, 'better_sqlite3.node'));
}, 120_000);

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('the built shell (dist bundle)', () => {
  it('keeps the preload to one small file that needs nothing but electron', () => {
    const preload = fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    // a sandboxed preload is not a CommonJS module with exports
    expect(preload).not.toMatch(/module\.exports|\bexports\./);
    expect(preload.length).toBeLessThan(20_000);
  });

  it('keeps the core out of main.cjs: the main process holds windows, menus, dialogs and the relay only', () => {
    const main = fs.readFileSync(path.join(outDir, 'main.cjs'), 'utf8');
    const core = fs.readFileSync(path.join(outDir, 'core.cjs'), 'utf8');
    // the registry, the database and the PDF engine live in core.cjs
    for (const marker of ['better-sqlite3-multiple-ciphers', 'pdfmake', 'VACUUM INTO']) {
      expect(core, marker).toContain(marker);
      expect(main, marker).not.toContain(marker);
    }
    expect(main.length).toBeLessThan(core.length / 4);
  });

  it('requires at run time only production dependencies, never the renderer-only ones', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const name of externals) {
      expect(pkg.devDependencies[name], `${name} is a devDependency`).toBeUndefined();
    }
    expect(externals).toContain('better-sqlite3-multiple-ciphers');
    expect(externals).not.toContain('react');
    expect(externals).not.toContain('electron');
  });

  it('builds the parse worker beside main.cjs, and it reads a DOCX and refuses a hostile one on its own', async () => {
    const file = path.join(outDir, 'parse-worker.cjs');
    expect(fs.existsSync(file)).toBe(true);
    const { docxUnterminatedComments, docxWith } = await import('../../harness/hostile-files');
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const ask = (bytes: Uint8Array) =>
      new Promise<unknown>((resolve, reject) => {
        const copy = new Uint8Array(bytes).buffer;
        const w = new Worker(file, { workerData: { task: 'plans.tables', args: { kind: 'docx' }, bytes: copy }, transferList: [copy] });
        w.once('message', (m) => {
          void w.terminate();
          resolve(m);
        });
        w.once('error', reject);
      });
    const good = docxWith(`<w:document ${W}><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`);
    expect(await ask(good)).toMatchObject({ ok: true, value: [{ rows: [{ cells: ['1'] }] }] });
    expect(await ask(docxUnterminatedComments())).toMatchObject({ ok: false, error: { code: 'plans.import_failed' } });
  });

  it('the bundled worker, resident, renders a document definition sent as plain data (PDF renders leave the core\'s thread)', async () => {
    const { toWire } = await import('../../../electron/core/documents/hooks');
    const { officialDocument } = await import('../../../electron/core/documents/blocks');
    const { fontsDir } = await import('../../../electron/core/documents/fonts');
    const dd = officialDocument({ lang: 'kk', title: 'Анықтама', registerNumber: 'CS-1/2026', content: [{ text: 'Қорған: құжат жұмысшы ағында жасалды' }] });
    const w = new Worker(path.join(outDir, 'parse-worker.cjs'), { workerData: { serve: true } });
    try {
      const reply = await new Promise<{ id: number; reply: { ok: boolean; value?: { pdf: Uint8Array } } }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
        const bytes = new ArrayBuffer(0);
        w.postMessage({ id: 7, task: 'documents.render', args: { doc: toWire(dd), stampBoxes: false, fontsDir: fontsDir() }, bytes }, [bytes]);
      });
      expect(reply.id).toBe(7);
      expect(reply.reply.ok).toBe(true);
      expect(Buffer.from(reply.reply.value!.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await w.terminate();
    }
  });

  it('runs the backup checks of an encrypted DB in its own small bundled worker: the native SQLite binding loads in a worker thread, the facts come ahead of integrity_check', async () => {
    const small = path.join(outDir, 'backup-worker.cjs');
    const big = fs.readFileSync(path.join(outDir, 'parse-worker.cjs'), 'utf8');
    const text = fs.readFileSync(small, 'utf8');
    // it starts without parsing the parsers and renderers: none of their packages is in it
    for (const marker of ['pdfmake', 'exceljs', 'pkijs', 'mammoth', 'jszip']) {
      expect(text.toLowerCase(), marker).not.toContain(marker);
    }
    expect(big.toLowerCase()).toContain('pdfmake');
    expect(text.length).toBeLessThan(big.length / 5);
    const { openSqlite } = await import('../../../electron/core/db/open');
    const dbFile = path.join(base, 'check.db');
    const key = Buffer.alloc(32, 5);
    const db = openSqlite(dbFile, key, { nativeBinding: nodeBinding });
    db.exec('CREATE TABLE t (x INTEGER) STRICT');
    db.prepare('INSERT INTO t (x) VALUES (1), (2)').run();
    db.close();
    const secret = new Uint8Array(key).buffer;
    const messages = await new Promise<unknown[]>((resolve, reject) => {
      const got: unknown[] = [];
      const w = new Worker(small, {
        workerData: { task: 'backup.check', args: { file: dbFile, hash: true, counts: true, integrity: true, nativeBinding: nodeBinding }, bytes: secret },
        transferList: [secret],
      });
      w.on('message', (m: unknown) => {
        got.push(m);
        if (m !== null && typeof m === 'object' && 'ok' in m) {
          void w.terminate();
          resolve(got);
        }
      });
      w.once('error', reject);
    });
    const size = fs.statSync(dbFile).size;
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ early: { counts: { t: 2 }, size } });
    expect(messages[1]).toMatchObject({ ok: true, value: { counts: { t: 2 }, integrity: 'ok', size } });
    // a task it does not serve is refused, not run
    const other = await new Promise<unknown>((resolve, reject) => {
      const bytes = new ArrayBuffer(0);
      const w = new Worker(small, { workerData: { task: 'plans.tables', args: { kind: 'docx' }, bytes }, transferList: [bytes] });
      w.once('message', (m) => {
        void w.terminate();
        resolve(m);
      });
      w.once('error', reject);
    });
    expect(other).toEqual({ ok: false, crash: 'UnknownTask' });
  });

  it('starts under a stand-in electron, sets up an encrypted school over IPC, locks from the menu and quits', () => {
    const userData = path.join(base, 'userData');
    const stdout = execFileSync(process.execPath, ['-r', path.join(__dirname, 'electron-stub-register.cjs'), path.join(outDir, 'main.cjs')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        STUB_USER_DATA: userData,
        STUB_APP_PATH: path.join(base, 'app'),
        STUB_SETUP: JSON.stringify({ language: 'kk', school: SEED_SCHOOL, account: ADMIN }),
        QORGAN_USER_DATA: '',
      },
    });
    const line = stdout.split('\n').find((l) => l.startsWith('SMOKE '));
    expect(line, stdout).toBeDefined();
    const out = JSON.parse(line!.slice(6));
    expect(out.status1).toMatchObject({ ok: true, value: { state: 'setup' } });
    expect(out.setup).toBe(true);
    expect(out.status2).toBe('unlocked');
    expect(out.status3).toBe('locked');
    expect(out.window.sent).toEqual(['qorgan:locked']);
    expect(out.foreign).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(out.window.url).toBe('app://qorgan/index.html');
    expect(out.window.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(out.preloadExists).toBe(true);
    expect(out.page).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY });
    expect(out.schemes).toMatchObject([{ scheme: 'app' }]);
    // the core ran in its own process, and had ended (database closed) before the shell quit
    expect(out.coreProcess).toMatchObject({ count: 1, serviceName: 'Qorgan core' });
    expect(out.coreProcess.pid).not.toBe(out.coreProcess.mainPid);
    const exited = stdout.split('\n').find((l) => l.startsWith('CORE-EXITED '));
    expect(JSON.parse(exited!.slice('CORE-EXITED '.length))).toEqual([0]);
    const db = fs.readFileSync(path.join(userData, 'school', 'qorgan.db'));
    expect(db.subarray(0, 16).toString('latin1')).not.toContain('SQLite format');
    expect(fs.existsSync(path.join(userData, 'school', 'logs', 'qorgan.log'))).toBe(true);
  });
});
