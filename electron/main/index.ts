/** Entry of the main process (bundled to dist/electron/main.cjs by scripts/build-electron.mjs). */
import { startApp } from './app';

startApp().catch((e: unknown) => {
  console.error('Qorgan failed to start:', e instanceof Error ? e.message : String(e));
  process.exit(1);
});
