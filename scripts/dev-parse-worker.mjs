/**
 * The parse worker for Node runs from the TypeScript sources (tests, the harness, bench): bundled once per process
 * with the options of the app's own build (scripts/build-electron.mjs: parseWorkerOptions) into
 * node_modules/.cache/qorgan/ (so that its `require`s of packages resolve to this checkout's node_modules), and
 * removed when the process exits. electron/core/workers/run.ts calls this only when it is not itself bundled.
 * The bundle holds code only, never data.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { backupWorkerOptions, parseWorkerOptions, root } from './build-electron.mjs';

/** `code`: 'parse' (every task, default) or 'backup' (the backup's check alone: backup-worker.cjs). */
export async function buildDevParseWorker(code = 'parse') {
  const dir = path.join(root, 'node_modules', '.cache', 'qorgan');
  fs.mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `${code === 'backup' ? 'backup' : 'parse'}-worker-${process.pid}-${crypto.randomBytes(4).toString('hex')}.cjs`);
  const options = code === 'backup' ? backupWorkerOptions({ outfile }) : parseWorkerOptions({ outfile });
  await esbuild.build({ ...options, sourcemap: false, metafile: false });
  process.once('exit', () => fs.rmSync(outfile, { force: true }));
  return outfile;
}
