#!/usr/bin/env node
/**
 * Bundles the Electron main process and the preload with esbuild:
 *   electron/main/index.ts    → dist/electron/main.cjs    (Node 22 in Electron 45, CommonJS; package.json "main")
 *   electron/preload/index.ts → dist/electron/preload.cjs (sandboxed preload: CommonJS, only 'electron' outside)
 *   electron/core/workers/entry.ts → dist/electron/parse-worker.cjs (the worker every file parser runs in;
 *                               electron/core/workers/run.ts finds it beside the bundle that runs the core)
 *   electron/core/workers/backup-entry.ts → dist/electron/backup-worker.cjs (the backup's check alone: a small worker
 *                               that starts without parsing pdfmake, ExcelJS or PKI.js)
 *   electron/core/host/entry.ts → dist/electron/core.cjs (the core's own process: electron/main/core-host.ts forks it
 *                               as a utilityProcess; main.cjs itself no longer holds the core)
 *
 * Our own TypeScript (shell, core, shared, migrations) and the ESM-only packages (kysely, age-encryption, …) go
 * into the bundle; CommonJS packages stay `require`d from node_modules, which electron-builder ships (production
 * dependencies only). That keeps packages that read files beside themselves (pdfmake, pdfkit's data, the
 * better-sqlite3 loader) working exactly as under Node in the tests. The build fails if the bundle needs a package
 * that is not a production dependency (it would be missing from the installed app).
 *
 * The native module is not loaded from node_modules in Electron: the shell passes the Electron-ABI
 * better_sqlite3.node by path (`nativeBinding`, see scripts/rebuild-electron.mjs).
 *
 *   node scripts/build-electron.mjs [--watch] [--minify]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packages only the renderer uses (Vite bundles them into dist/renderer). electron-builder.yml leaves them out of
 * the app's node_modules (they are most of its size); the build fails if the main bundle ever requires one.
 * tests/unit/shell/packaging.test.ts keeps this list and electron-builder.yml's exclusions equal.
 */
export const RENDERER_ONLY_PACKAGES = ['@tabler', '@mantine', '@tanstack', '@floating-ui', 'react', 'react-dom', 'react-i18next', 'i18next'];

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function readPackageJson(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  } catch {
    return null;
  }
}

/** An ESM-only package cannot be require()d everywhere: bundle it. */
export function isEsmOnly(pkg) {
  if (!pkg || pkg.type !== 'module') return false;
  const exp = pkg.exports;
  const dot = exp && typeof exp === 'object' && !Array.isArray(exp) && '.' in exp ? exp['.'] : exp;
  return !JSON.stringify(dot ?? null).includes('"require"');
}

/**
 * The package directory Node would load `name` from when required from `fromDir` (the nearest node_modules up
 * the tree), or null. A package imported from inside another one may resolve to that one's own nested copy.
 */
function resolvedPackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * A bare import that would load another copy of a package than the top-level one (e.g. asn1js 4 needs its nested
 * @peculiar/utils 4 while the top level has 2.x): a `require` from the bundle, which sits outside node_modules,
 * would get the top-level copy, so such an import is bundled instead.
 */
function isNestedCopy(name, resolveDir) {
  if (!resolveDir) return false;
  const dir = resolvedPackageDir(name, resolveDir);
  return dir !== null && path.resolve(dir) !== path.join(root, 'node_modules', name);
}

/**
 * Decides per bare import: builtin/electron → external; ESM-only → bundled; a nested copy of a package → bundled;
 * other packages → external.
 */
function externalsPlugin(externals) {
  return {
    name: 'qorgan-externals',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (path.isAbsolute(args.path)) return undefined;
        if (args.path === 'electron' || args.path.startsWith('node:') || builtinModules.includes(args.path)) return { external: true };
        const name = packageName(args.path);
        if (isEsmOnly(readPackageJson(name))) return undefined;
        if (isNestedCopy(name, args.resolveDir)) return undefined;
        externals.add(name);
        return { external: true };
      });
    },
  };
}

/** Names of every package in the production dependency tree (what electron-builder ships). */
function productionPackages() {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 }).trim();
  const names = new Set();
  for (const line of out.split('\n')) {
    const i = line.lastIndexOf(`node_modules${path.sep}`);
    if (i >= 0) names.add(line.slice(i + 'node_modules/'.length).split(path.sep).join('/'));
  }
  return names;
}

/** The parse worker (electron/core/workers/entry.ts): its own bundle beside main.cjs, found there at run time. */
export const PARSE_WORKER = 'parse-worker.cjs';

/** esbuild options of the parse worker bundle (also built on demand under Node for tests: scripts/dev-parse-worker.mjs). */
export function parseWorkerOptions({ outfile, minify = false, externals = new Set() }) {
  return {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    sourcemap: 'linked',
    minify,
    logLevel: 'warning',
    absWorkingDir: root,
    metafile: true,
    entryPoints: [path.join(root, 'electron/core/workers/entry.ts')],
    outfile,
    target: 'node22',
    plugins: [externalsPlugin(externals)],
    define: { 'import.meta.url': '__qorganImportMetaUrl' },
    banner: { js: "const __qorganImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/** The backup's check alone (electron/core/workers/backup-entry.ts): a small worker that starts fast. */
export const BACKUP_WORKER = 'backup-worker.cjs';

/** esbuild options of the backup worker bundle (also built on demand under Node for tests: scripts/dev-parse-worker.mjs). */
export function backupWorkerOptions({ outfile, minify = false, externals = new Set() }) {
  return { ...parseWorkerOptions({ outfile, minify, externals }), entryPoints: [path.join(root, 'electron/core/workers/backup-entry.ts')] };
}

/** The core's own process (electron/core/host/entry.ts): forked by electron/main/core-host.ts from beside main.cjs. */
export const CORE_HOST = 'core.cjs';

/** esbuild options of the core process bundle (also built on demand under Node for tests: scripts/dev-core-host.mjs). */
export function coreHostOptions({ outfile, minify = false, externals = new Set() }) {
  return { ...parseWorkerOptions({ outfile, minify, externals }), entryPoints: [path.join(root, 'electron/core/host/entry.ts')] };
}

function options({ outDir, minify, externals }) {
  const common = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    sourcemap: 'linked',
    minify,
    logLevel: 'warning',
    absWorkingDir: root,
    metafile: true,
  };
  return [
    {
      ...common,
      entryPoints: [path.join(root, 'electron/main/index.ts')],
      outfile: path.join(outDir, 'main.cjs'),
      target: 'node22',
      plugins: [externalsPlugin(externals)],
      // the core is ESM source that uses import.meta.url; in the CommonJS bundle it is the bundle file's URL
      define: { 'import.meta.url': '__qorganImportMetaUrl' },
      banner: { js: "const __qorganImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    },
    parseWorkerOptions({ outfile: path.join(outDir, PARSE_WORKER), minify, externals }),
    coreHostOptions({ outfile: path.join(outDir, CORE_HOST), minify, externals }),
    // the sandboxed preload may require only 'electron' (and a few Node shims): everything else is bundled
    { ...common, entryPoints: [path.join(root, 'electron/preload/index.ts')], outfile: path.join(outDir, 'preload.cjs'), target: 'chrome140', external: ['electron'] },
    backupWorkerOptions({ outfile: path.join(outDir, BACKUP_WORKER), minify, externals }),
  ];
}

/** Builds both bundles into outDir (default dist/electron). Returns the external packages main.cjs requires. */
export async function buildElectron({ outDir = path.join(root, 'dist', 'electron'), minify = false, checkShipped = true, quiet = false } = {}) {
  fs.mkdirSync(outDir, { recursive: true });
  const externals = new Set();
  const started = Date.now();
  const results = await Promise.all(options({ outDir, minify, externals }).map((o) => esbuild.build(o)));
  const preloadInputs = Object.values(results[3].metafile.outputs)[0]?.imports ?? [];
  const preloadExternal = preloadInputs.filter((i) => i.external).map((i) => i.path);
  if (preloadExternal.some((p) => p !== 'electron')) throw new Error(`the preload may only require 'electron', not: ${preloadExternal.join(', ')}`);
  // createRequire(import.meta.url)('pkg') in the core is invisible to the plugin: find those calls in the output
  for (const bundle of ['main.cjs', PARSE_WORKER, CORE_HOST, BACKUP_WORKER]) {
    const text = fs.readFileSync(path.join(outDir, bundle), 'utf8');
    for (const m of text.matchAll(/\brequire\d*\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
      const spec = m[1];
      if (spec === 'electron' || spec.startsWith('node:') || builtinModules.includes(spec)) continue;
      externals.add(packageName(spec));
    }
  }
  const rendererOnly = [...externals].filter((n) => RENDERER_ONLY_PACKAGES.includes(n) || RENDERER_ONLY_PACKAGES.includes(n.split('/')[0]));
  if (rendererOnly.length) throw new Error(`main.cjs requires packages that the installed app leaves out (renderer only): ${rendererOnly.join(', ')}`);
  if (checkShipped) {
    const shipped = productionPackages();
    const missing = [...externals].filter((n) => !shipped.has(n));
    if (missing.length) throw new Error(`main.cjs needs packages that are not production dependencies: ${missing.join(', ')}`);
  }
  if (!quiet) {
    for (const f of ['main.cjs', PARSE_WORKER, CORE_HOST, BACKUP_WORKER, 'preload.cjs']) console.log(`build-electron: ${path.relative(root, path.join(outDir, f))} (${Math.round(fs.statSync(path.join(outDir, f)).size / 1024)} KiB)`);
    console.log(`build-electron: required from node_modules at run time: ${[...externals].sort().join(', ') || '(none)'}`);
    console.log(`build-electron: done in ${Date.now() - started} ms`);
  }
  return { externals: [...externals].sort() };
}

async function watch() {
  const externals = new Set();
  for (const o of options({ outDir: path.join(root, 'dist', 'electron'), minify: false, externals })) await (await esbuild.context(o)).watch();
  console.log('build-electron: watching for changes');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  (args.has('--watch') ? watch() : buildElectron({ minify: args.has('--minify') })).catch((e) => {
    console.error(`build-electron: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
