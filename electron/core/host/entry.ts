/**
 * Entry of the core's own process (bundled to dist/electron/core.cjs by scripts/build-electron.mjs; run through tsx
 * in the tests). In Electron it is a utilityProcess and talks over `process.parentPort`; under Node it is a forked
 * child and talks over the IPC channel. The process ends when the parent goes away or after `dispose`.
 */
import { runCoreChild, type ParentChannel } from './child';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function channel(): ParentChannel {
  const port = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
  if (port) {
    return {
      post: (m) => port.postMessage(m),
      onMessage: (listener) => port.on('message', (e) => listener(e.data)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('core host: started without a parent channel');
  // the parent is gone: nothing can reach this core any more
  process.on('disconnect', () => process.exit(0));
  return {
    post: (m) => {
      if (process.connected) send(m);
    },
    onMessage: (listener) => process.on('message', (m) => listener(m)),
  };
}

runCoreChild(channel(), { exit: () => setImmediate(() => process.exit(0)) });
