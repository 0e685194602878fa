/**
 * Packaging without packaging: electron-builder.yml is checked against electron-builder's own schema and against
 * the places the shell and the core look for things in an installed app; rebuild-electron.mjs is run with a
 * stand-in for @electron/rebuild (Electron's headers and prebuilds cannot be downloaded here).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const rebuildCalls: Record<string, unknown>[] = [];
let rebuildFails = false;
vi.mock('@electron/rebuild', () => ({
  rebuild: async (opts: { buildPath: string }) => {
    const mod = path.join(opts.buildPath, 'node_modules', 'better-sqlite3-multiple-ciphers');
    rebuildCalls.push({ ...opts, stagedBuildDir: fs.existsSync(path.join(mod, 'build')), stagedLib: fs.existsSync(path.join(mod, 'lib', 'index.js')) });
    if (rebuildFails) throw new Error('node-gyp failed to rebuild');
    fs.mkdirSync(path.join(mod, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(path.join(mod, 'build', 'Release', 'better_sqlite3.node'), 'electron-abi-stand-in');
  },
}));

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(s: string): unknown };
const root = path.resolve(__dirname, '../../..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  extraResources: { from: string; to: string }[];
  asarUnpack: string[];
  win: { target: { target: string; arch: string[] }[] };
  linux: { target: { target: string; arch: string[] }[] };
  electronFuses: Record<string, boolean>;
};

const { RENDERER_ONLY_PACKAGES } = await import('../../../scripts/build-electron.mjs');
const rebuildScript = await import('../../../scripts/rebuild-electron.mjs');
const { electronArgs } = await import('../../../scripts/start.mjs');
const { nativeBindingPath } = await import('../../../electron/main/platform');

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { oneClik: false } }, new DebugLogger(false))).rejects.toThrow();
  });

  it('builds Qorgan for Windows (NSIS x64) and Linux (AppImage, deb)', () => {
    expect(config.appId).toBe('kz.qorgan.app');
    expect(config.productName).toBe('Qorgan');
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(fs.existsSync(path.join(root, 'build', 'icon.png'))).toBe(true);
  });

  it('never rebuilds node_modules and ships the Electron-ABI module where the shell looks for it', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    const native = config.extraResources.find((r) => r.to === 'native/better_sqlite3.node');
    expect(native?.from).toBe('.native/electron/${platform}-${arch}/better_sqlite3.node');
    // the same folder rebuild-electron.mjs writes, with electron-builder's ${platform}/${arch} macros expanded
    expect(path.join(root, native!.from.replace('${platform}', 'win32').replace('${arch}', 'x64'))).toBe(rebuildScript.nativePath('win32', 'x64'));
    // and the same path the shell computes in an installed app
    expect(nativeBindingPath({ isPackaged: true, resourcesPath: '/opt/Qorgan/resources', appPath: '/opt/Qorgan/resources/app.asar' })).toBe(
      path.join('/opt/Qorgan/resources', native!.to),
    );
    // fonts: electron/core/documents/fonts.ts looks in <resourcesPath>/fonts
    expect(config.extraResources.find((r) => r.from === 'resources/fonts')?.to).toBe('fonts');
  });

  it('packs only the built app: no sources, tests, maps, native build or renderer-only packages', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/main.cjs', 'dist/electron/parse-worker.cjs', 'dist/electron/core.cjs', 'dist/electron/preload.cjs', 'dist/renderer/**/*', '!**/*.map']));
    expect(config.files.some((f) => /^(electron|tests|shared|migrations|scripts|renderer\/src)\b/.test(f))).toBe(false);
    expect(config.files).toContain('!node_modules/better-sqlite3-multiple-ciphers/build/**');
    const excluded = config.files.filter((f) => /^!node_modules\/[^*{]+\/\*\*$/.test(f)).map((f) => f.slice('!node_modules/'.length, -'/**'.length));
    for (const p of RENDERER_ONLY_PACKAGES) expect(excluded, p).toContain(p);
  });

  it('sets the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('package.json starts the built main and keeps .native/ out of git', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; type: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.type).toBe('module');
    expect(pkg.scripts.dist).toMatch(/rebuild-electron\.mjs --platform linux,win32 --arch x64/);
    expect(fs.readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n')).toContain('.native/');
  });
});

describe('npm start', () => {
  it('passes the user arguments (--demo) to Electron on this folder, not its own flags', () => {
    expect(electronArgs(['--demo'])).toEqual(['.', '--demo']);
    expect(electronArgs(['--skip-build', '--demo'])).toEqual(['.', '--demo']);
    expect(electronArgs([])).toEqual(['.']);
  });
});

describe('rebuild-electron.mjs', () => {
  const platform = 'testos';
  const arch = 'x99';
  const nodeBuild = path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
  const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
  afterAll(() => fs.rmSync(rebuildScript.targetDir(platform, arch), { recursive: true, force: true }));

  it('builds a separate Electron-ABI copy from a staged package and leaves the Node build alone', async () => {
    const before = hash(nodeBuild);
    const out = await rebuildScript.rebuildFor({ platform, arch, log: () => undefined });
    expect(out).toBe(rebuildScript.nativePath(platform, arch));
    expect(fs.readFileSync(out, 'utf8')).toBe('electron-abi-stand-in');
    expect(hash(nodeBuild)).toBe(before);
    const call = rebuildCalls.at(-1)!;
    const stage = path.join(rebuildScript.targetDir(platform, arch), 'stage');
    expect(call).toMatchObject({
      buildPath: stage,
      projectRootPath: stage,
      platform,
      arch,
      onlyModules: ['better-sqlite3-multiple-ciphers'],
      electronVersion: (require('electron/package.json') as { version: string }).version,
      stagedBuildDir: false,
      stagedLib: true,
    });
    expect(fs.existsSync(stage)).toBe(false);
    expect(rebuildScript.isUpToDate(platform, arch)).toBe(true);
  });

  it('does nothing while up to date, rebuilds when Electron changes', async () => {
    const n = rebuildCalls.length;
    await rebuildScript.rebuildFor({ platform, arch, log: () => undefined });
    expect(rebuildCalls.length).toBe(n);
    const stampFile = path.join(rebuildScript.targetDir(platform, arch), 'stamp.json');
    fs.writeFileSync(stampFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(stampFile, 'utf8')), electron: '44.0.0' }));
    expect(rebuildScript.isUpToDate(platform, arch)).toBe(false);
    await rebuildScript.rebuildFor({ platform, arch, log: () => undefined });
    expect(rebuildCalls.length).toBe(n + 1);
  });

  it('explains a failed build and leaves no staging folder', async () => {
    rebuildFails = true;
    try {
      await expect(rebuildScript.rebuildFor({ platform, arch, force: true, log: () => undefined })).rejects.toThrow(/prebuild|toolchain/);
    } finally {
      rebuildFails = false;
    }
    expect(fs.existsSync(path.join(rebuildScript.targetDir(platform, arch), 'stage'))).toBe(false);
  });
});
