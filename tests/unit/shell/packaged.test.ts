/**
 * electron-builder on the real electron-builder.yml, up to the unpacked app (`--linux dir`). The Electron binary
 * cannot be downloaded here, so a stand-in Electron folder is given (`electronDist`) and the fuses step, which
 * patches the real binary, is left out; the native module is the Node build standing in for the Electron-ABI one.
 * What is checked is what a school gets: the app files, the native module and fonts beside the asar, and no
 * sources, source maps, devDependencies (@signalapp/sqlcipher, electron, vitest …) or renderer-only packages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron, RENDERER_ONLY_PACKAGES } from '../../../scripts/build-electron.mjs';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(s: string): Record<string, unknown>; dump(o: unknown): string };
const asar = require('@electron/asar') as { listPackage(p: string, o: { isPack: boolean }): string[]; extractFile(p: string, f: string): Buffer };

const root = path.resolve(__dirname, '../../..');
const work = path.join(root, 'test-artifacts', 'shell', 'packaged');
const unpacked = path.join(work, 'release', 'linux-unpacked');
let entries: string[] = [];
let externals: string[] = [];
let tmp: string;

beforeAll(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-packaged-'));
  // the app as `npm run build` leaves it
  ({ externals } = await buildElectron({ quiet: true }));
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'], { cwd: root, stdio: 'ignore' });
  }
  // a stand-in Electron distribution
  const dist = path.join(tmp, 'electron-dist');
  fs.mkdirSync(path.join(dist, 'locales'), { recursive: true });
  fs.mkdirSync(path.join(dist, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dist, 'version'), (require('electron/package.json') as { version: string }).version);
  for (const f of ['LICENSE', 'LICENSES.chromium.html', 'resources.pak', 'icudtl.dat']) fs.writeFileSync(path.join(dist, f), '');
  for (const l of ['en-US', 'kk', 'ru', 'de', 'zh-CN']) fs.writeFileSync(path.join(dist, 'locales', `${l}.pak`), '');
  // the Electron-ABI module cannot be built here: the Node build stands in, from a folder of this test
  const native = path.join(tmp, 'native');
  fs.mkdirSync(native);
  fs.copyFileSync(path.join(path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')), 'build', 'Release', 'better_sqlite3.node'), path.join(native, 'better_sqlite3.node'));

  const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
  delete config.electronFuses;
  config.electronDist = dist;
  config.directories = { ...(config.directories as object), output: path.join(work, 'release') };
  config.extraResources = (config.extraResources as { from: string; to: string }[]).map((r) =>
    r.to === 'native/better_sqlite3.node' ? { ...r, from: path.join(native, 'better_sqlite3.node') } : r,
  );
  const configFile = path.join(work, 'electron-builder.test.yml');
  fs.writeFileSync(configFile, yaml.dump(config));
  const logFile = path.join(work, 'electron-builder.log');
  const log = fs.openSync(logFile, 'w');
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), '--config', configFile, '--linux', 'dir', '--x64'], {
      cwd: root,
      stdio: ['ignore', log, log],
    });
  } finally {
    fs.closeSync(log);
  }
  const appAsar = path.join(unpacked, 'resources', 'app.asar');
  if (!fs.existsSync(appAsar)) throw new Error(`electron-builder made no app.asar; its log:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
  entries = asar.listPackage(appAsar, { isPack: false }).map((e) => e.split(path.sep).join('/'));
}, 240_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the packaged app (electron-builder --linux dir)', () => {
  it('holds the built app and the package.json that starts it', () => {
    for (const f of ['/package.json', '/dist/electron/main.cjs', '/dist/electron/parse-worker.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html']) expect(entries, f).toContain(f);
    const pkg = JSON.parse(asar.extractFile(path.join(unpacked, 'resources', 'app.asar'), 'package.json').toString('utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('puts the native module and the fonts beside the asar, where the shell and the core look', () => {
    expect(fs.existsSync(path.join(unpacked, 'resources', 'native', 'better_sqlite3.node'))).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'resources', 'fonts', 'PTSerif-Regular.ttf'))).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'resources', 'fonts', 'OFL-PTSerif.txt'))).toBe(true);
    expect(fs.readdirSync(path.join(unpacked, 'locales')).sort()).toEqual(['en-US.pak', 'kk.pak', 'ru.pak']);
  });

  it('ships no sources, source maps, tests or native build of the SQLite package', () => {
    expect(entries.filter((e) => /^\/(electron|shared|migrations|tests|scripts|renderer|build|resources)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.node'))).toEqual([]);
    expect(entries.filter((e) => e.startsWith('/node_modules/better-sqlite3-multiple-ciphers/') && /\/(deps|src|build)\//.test(e))).toEqual([]);
  });

  it('ships no devDependency and no renderer-only package, but every package main.cjs requires', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const top = new Set(entries.map((e) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(e)?.[1]).filter((n): n is string => !!n));
    for (const dev of Object.keys(pkg.devDependencies)) expect(top.has(dev), dev).toBe(false);
    expect(entries.filter((e) => e.includes('/@types/'))).toEqual([]);
    expect(top.has('@signalapp/sqlcipher')).toBe(false);
    for (const p of RENDERER_ONLY_PACKAGES) expect([...top].filter((n) => n === p || n.startsWith(`${p}/`)), p).toEqual([]);
    for (const name of externals) expect(entries, name).toContain(`/node_modules/${name}/package.json`);
  });
});
