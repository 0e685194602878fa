#!/usr/bin/env node
/**
 * npm start [-- --demo]: builds the renderer (Vite → dist/renderer) and the shell (esbuild → dist/electron), makes
 * sure the Electron-ABI native module exists (.native/electron/, scripts/rebuild-electron.mjs), then launches
 * Electron on this folder. Arguments after `--` go to the app (`--demo` opens the demo school).
 * `--skip-build` (ours, not passed on) reuses the last build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildElectron } from './build-electron.mjs';
import { isUpToDate, rebuildFor, root } from './rebuild-electron.mjs';

const require = createRequire(import.meta.url);
const OWN_FLAGS = new Set(['--skip-build']);

/** what the app gets: the app folder, then the user's arguments without our own flags */
export function electronArgs(argv) {
  return ['.', ...argv.filter((a) => !OWN_FLAGS.has(a))];
}

function electronBinary() {
  try {
    // the electron package exports the path of its binary (downloaded by its install script)
    return require('electron');
  } catch {
    console.error(
      'start: the Electron binary is not installed (was ELECTRON_SKIP_BINARY_DOWNLOAD set during npm install?).\n' +
        '       Download it with:  node node_modules/electron/install.js   — then run npm start again.',
    );
    process.exit(1);
  }
}

function buildRenderer() {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('start: the renderer build failed');
    process.exit(r.status ?? 1);
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const binary = electronBinary();
  if (!argv.includes('--skip-build')) {
    buildRenderer();
    await buildElectron();
  }
  if (!isUpToDate()) await rebuildFor();

  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
  const child = spawn(binary, electronArgs(argv), { cwd: root, stdio: 'inherit', env, windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, 'scripts', 'start.mjs')) {
  main().catch((e) => {
    console.error(`start: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
