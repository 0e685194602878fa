import type { Result } from './errors';

/**
 * What the preload (electron/preload) and the browser harness shim (tests/harness) put on `window.qorgan`,
 * and all the renderer may use. Nothing else crosses.
 */
export interface QorganBridge {
  /** Calls one registry method. Never rejects for an expected failure: errors come back as values. */
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Called when the core locks (idle, Ctrl+L, another window): the UI must forget its cached data. */
  onLocked(listener: () => void): () => void;
}
