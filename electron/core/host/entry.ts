/**
 * Entry of the core's own process (bundled to dist/electron/core.cjs by scripts/build-electron.mjs; to a cache
 * folder by scripts/dev-core-host.mjs for the tests). In Electron it is a utilityProcess and talks over
 * `process.parentPort`; under Node it is a forked child and talks over the IPC channel (channel.ts). The process
 * ends when the parent goes away or after `dispose`.
 */
import { processChannel } from './channel';
import { runCoreChild } from './child';

runCoreChild(processChannel(), { exit: () => setImmediate(() => process.exit(0)) });
