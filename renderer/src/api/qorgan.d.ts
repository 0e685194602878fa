import type { QorganBridge } from '../../../shared/bridge';

declare global {
  interface Window {
    /** exposed by the preload (Electron) or the harness shim (browser tests); nothing else is reachable */
    qorgan: QorganBridge;
  }
}
