#!/usr/bin/env node
/**
 * Builds the Electron-ABI copy of better-sqlite3-multiple-ciphers' native module, kept apart from the Node build:
 *
 *   node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node   Node ABI — `npm test`, scripts
 *   .native/electron/<platform>-<arch>/better_sqlite3.node                          Electron ABI — the app (git-ignored)
 *
 * The package is copied (without its build/) into a staging folder and rebuilt there with @electron/rebuild, which
 * first asks prebuild-install for a published Electron prebuild (this also works for another platform, e.g. the
 * Windows build on Linux for `npm run dist`) and otherwise compiles with node-gyp against Electron's headers. The
 * shell opens the result through better-sqlite3's `nativeBinding` option (electron/main/platform.ts);
 * electron-builder ships it as resources/native/better_sqlite3.node. A stamp records the Electron and module
 * versions, so a second run is a no-op until either changes.
 *
 *   node scripts/rebuild-electron.mjs [--platform linux,win32] [--arch x64] [--force]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MODULE = 'better-sqlite3-multiple-ciphers';
export const NATIVE_FILE = 'better_sqlite3.node';

const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

export function versions() {
  return {
    electron: readJson(path.join(root, 'node_modules', 'electron', 'package.json')).version,
    module: readJson(path.join(root, 'node_modules', MODULE, 'package.json')).version,
  };
}

export function targetDir(platform, arch) {
  return path.join(root, '.native', 'electron', `${platform}-${arch}`);
}

export function nativePath(platform = process.platform, arch = process.arch) {
  return path.join(targetDir(platform, arch), NATIVE_FILE);
}

/** true when the Electron-ABI module for this target exists and matches the installed Electron and module */
export function isUpToDate(platform = process.platform, arch = process.arch) {
  const dir = targetDir(platform, arch);
  try {
    const stamp = readJson(path.join(dir, 'stamp.json'));
    const v = versions();
    return fs.existsSync(path.join(dir, NATIVE_FILE)) && stamp.electron === v.electron && stamp.module === v.module && stamp.platform === platform && stamp.arch === arch;
  } catch {
    return false;
  }
}

function copyPackage(from, to) {
  fs.cpSync(from, to, {
    recursive: true,
    // the Node build and the test extension stay behind; deps/ (the SQLite3MC sources) and src/ are needed to compile
    filter: (src) => {
      const rel = path.relative(from, src);
      return !(rel === 'build' || rel.startsWith(`build${path.sep}`) || rel === 'prebuilds' || rel.startsWith(`prebuilds${path.sep}`));
    },
  });
}

/** Builds one target. Returns the path of the Electron-ABI module. */
export async function rebuildFor({ platform = process.platform, arch = process.arch, force = false, log = console.log } = {}) {
  const out = nativePath(platform, arch);
  if (!force && isUpToDate(platform, arch)) {
    log(`rebuild-electron: ${path.relative(root, out)} is up to date`);
    return out;
  }
  const v = versions();
  const dir = targetDir(platform, arch);
  const stage = path.join(dir, 'stage');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(path.join(stage, 'node_modules'), { recursive: true });
  copyPackage(path.join(root, 'node_modules', MODULE), path.join(stage, 'node_modules', MODULE));
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify({ name: 'qorgan-native-stage', private: true, dependencies: { [MODULE]: v.module } }, null, 2));

  log(`rebuild-electron: ${MODULE} ${v.module} for Electron ${v.electron} (${platform}-${arch}) …`);
  const { rebuild } = await import('@electron/rebuild');
  try {
    await rebuild({
      buildPath: stage,
      projectRootPath: stage, // never walk up into the project's node_modules: the Node build stays as it is
      electronVersion: v.electron,
      platform,
      arch,
      onlyModules: [MODULE],
      types: ['prod'],
      force: true,
      mode: 'sequential',
    });
  } catch (e) {
    fs.rmSync(stage, { recursive: true, force: true });
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(
      `could not build ${MODULE} for Electron ${v.electron} (${platform}-${arch}): ${why}\n` +
        'It needs either a published prebuild (GitHub releases of the package) or, for the host platform, a C++ ' +
        'toolchain (Windows: Visual Studio Build Tools; Linux: build-essential, python3) and access to Electron\'s headers.',
    );
  }
  const built = path.join(stage, 'node_modules', MODULE, 'build', 'Release', NATIVE_FILE);
  if (!fs.existsSync(built)) throw new Error(`@electron/rebuild finished but ${path.relative(root, built)} is missing`);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(built, out);
  fs.writeFileSync(path.join(dir, 'stamp.json'), JSON.stringify({ electron: v.electron, module: v.module, platform, arch, builtAt: new Date().toISOString() }, null, 2));
  fs.rmSync(stage, { recursive: true, force: true });
  log(`rebuild-electron: wrote ${path.relative(root, out)}`);
  return out;
}

function parseList(argv, name, fallback) {
  const i = argv.indexOf(name);
  const value = i >= 0 ? argv[i + 1] : undefined;
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [fallback];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const platforms = parseList(argv, '--platform', process.platform);
  const arches = parseList(argv, '--arch', process.arch);
  const force = argv.includes('--force');
  (async () => {
    for (const platform of platforms) for (const arch of arches) await rebuildFor({ platform, arch, force });
  })().catch((e) => {
    console.error(`rebuild-electron: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
