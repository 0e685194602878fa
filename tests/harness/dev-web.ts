/**
 * `npm run dev:web [-- --demo]`: the app in a browser, on the real core, for a person to try it.
 * Builds the renderer if it is not built, then prints the address (loopback only). File dialogs and the flash drive
 * are answered from a folder beside the data folder (tests/harness/browser-files.ts). The address carries the
 * harness token once (`?t=`): open it to get the session cookie; without it the harness answers 403.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defaultUserDataDir, demoDataDir } from '../../electron/core/paths';
import { browserFilesFolder, useBrowserFiles } from './browser-files';
import { testPlatform } from './platform';
import { RENDERER_DIR, startHarness } from './server';

const demo = process.argv.includes('--demo');
const portArg = process.argv.find((a) => a.startsWith('--port='));
const dataDir = demo ? demoDataDir(defaultUserDataDir()) : path.resolve('.qorgan-dev');

if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')) || process.argv.includes('--build')) {
  execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], { stdio: 'inherit' });
}
if (demo && !fs.existsSync(path.join(dataDir, 'keyring.json'))) {
  console.log('The demo school does not exist yet: run `npm run demo` first.');
  process.exit(1);
}
// the native file dialogs and drives answered from one folder (tests/harness/browser-files.ts)
const platform = testPlatform(dataDir, { demo });
const files = useBrowserFiles(platform, browserFilesFolder(dataDir));
const h = await startHarness({ dataDir, demo, platform, ...(portArg ? { port: Number(portArg.slice(7)) } : {}) });
console.log(`Qorgan (browser harness) on ${h.url}`);
console.log(`data folder: ${dataDir}${demo ? ' (demo school)' : ''}`);
console.log(`files:       ${files}  (saved/ = exports, open/ = put a file here to open it, usb/ = the flash drive, backups/)`);
const stop = async () => {
  await h.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
