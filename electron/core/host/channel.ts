/**
 * The child's end of the wire, whatever carries it: Electron's `process.parentPort` in a utilityProcess, Node's IPC
 * channel in a forked child (tests, bench). Under Node the process ends when the parent goes away.
 */
import type { ParentChannel } from './child';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export function processChannel(): ParentChannel {
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
