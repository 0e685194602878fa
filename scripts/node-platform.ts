/** A Platform for command-line scripts (demo, samples, bench): no dialogs, no drives, no printer. */
import type { Logger, Platform } from '../electron/core/platform';
import { silentLogger } from '../electron/core/platform';

/** `clock` replaces the PC's clock (the demo's `--date`). */
export function nodePlatform(dataDir: string, log: Logger = silentLogger, demo = true, clock: () => Date = () => new Date()): Platform {
  return {
    dataDir,
    demo,
    log,
    now: clock,
    chooseSaveFile: async () => null,
    chooseOpenFile: async () => null,
    chooseFolder: async () => null,
    listRemovableDrives: async () => [],
    printPdf: async () => {
      throw new Error('no printer in a script');
    },
  };
}
