/**
 * The core's process under plain Node (tests, the bench, the stand-in for Electron's utilityProcess): a
 * `child_process.fork` with an IPC channel using the structured-clone ("advanced") serialisation that Electron's
 * MessagePort uses, so PDF bytes cross as Uint8Array in both cases.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildHandle } from './parent';

export interface NodeChildOptions {
  /** e.g. ['--import', 'tsx'] to run the TypeScript entry */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  /** the child's stdout/stderr: 'ignore' (default) or 'inherit' while debugging */
  stdio?: 'ignore' | 'inherit';
}

export interface NodeChild extends ChildHandle {
  readonly process: ChildProcess;
}

export function forkNodeChild(entry: string, options: NodeChildOptions = {}): NodeChild {
  const io = options.stdio ?? 'ignore';
  const cp = fork(entry, [], {
    execArgv: options.execArgv ?? [],
    env: options.env ?? process.env,
    serialization: 'advanced',
    stdio: [io, io, io, 'ipc'],
  });
  return {
    process: cp,
    postMessage(message) {
      if (!cp.connected) throw new Error('the core process is gone');
      cp.send(message);
    },
    onMessage(listener) {
      cp.on('message', (m) => listener(m));
    },
    onExit(listener) {
      let done = false;
      const once = (code: number | null) => {
        if (done) return;
        done = true;
        listener(code);
      };
      cp.on('exit', (code) => once(code));
      cp.on('error', () => {
        if (cp.exitCode !== null || cp.killed) once(cp.exitCode);
      });
    },
    kill() {
      cp.kill('SIGKILL');
    },
  };
}
