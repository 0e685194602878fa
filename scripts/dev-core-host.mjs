/**
 * The core's own process for Node (tests, bench): electron/core/host/entry.ts bundled once per process with the
 * options of the app's build (scripts/build-electron.mjs: coreHostOptions), together with the parse worker it finds
 * beside itself — the same layout as dist/electron — into a folder under node_modules/.cache/qorgan/ (so that its
 * `require`s of packages resolve to this checkout's node_modules), removed when the process exits. Forking the
 * bundle starts in a fraction of the time the TypeScript sources take through tsx. Code only, never data.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { BACKUP_WORKER, backupWorkerOptions, CORE_HOST, coreHostOptions, PARSE_WORKER, parseWorkerOptions, root } from './build-electron.mjs';

let built = null;

/** Folders of test processes that were killed before their exit handler ran (a test runner's workers often are). */
function sweepDead(cache) {
  let names = [];
  try {
    names = fs.readdirSync(cache);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^core-(\d+)-[0-9a-f]+$/.exec(name);
    if (!m) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      if (e && e.code === 'ESRCH') fs.rmSync(path.join(cache, name), { recursive: true, force: true });
    }
  }
}

/** Resolves to the path of a core.cjs with parse-worker.cjs and backup-worker.cjs beside it. */
export function buildDevCoreHost() {
  built ??= (async () => {
    const cache = path.join(root, 'node_modules', '.cache', 'qorgan');
    sweepDead(cache);
    const dir = path.join(cache, `core-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    fs.mkdirSync(dir, { recursive: true });
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const core = path.join(dir, CORE_HOST);
    await Promise.all([
      esbuild.build({ ...coreHostOptions({ outfile: core }), sourcemap: false, metafile: false }),
      esbuild.build({ ...parseWorkerOptions({ outfile: path.join(dir, PARSE_WORKER) }), sourcemap: false, metafile: false }),
      esbuild.build({ ...backupWorkerOptions({ outfile: path.join(dir, BACKUP_WORKER) }), sourcemap: false, metafile: false }),
    ]);
    return core;
  })();
  return built;
}
