/**
 * The shell's security settings in one place: the app origin, the Content-Security-Policy, the renderer's
 * webPreferences and the guards every webContents and session gets. Unit-tested with a mocked 'electron'
 * (tests/unit/shell/).
 */
import type { Session, WebContents, WebPreferences } from 'electron';

/** The renderer is served from dist/renderer through this privileged scheme (electron/main/protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'qorgan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * An in-memory session (no "persist:" prefix) for the app window: Chromium keeps no cookies, local storage,
 * IndexedDB or HTTP cache of the renderer on disk, so nothing the UI caches can outlive the process in plaintext.
 */
export const APP_PARTITION = 'qorgan-app';

/**
 * The policy sent with every response of the app protocol.
 * - scripts only from the app itself: no inline script, no eval, no remote origin;
 * - style-src allows 'unsafe-inline' because Mantine writes its CSS variables and some component styles at run
 *   time (style elements and style attributes); inline styles cannot run code;
 * - images from the app, data: and blob: (generated previews); fonts from the app;
 * - connect-src 'self': the renderer talks to the core only through window.qorgan (IPC), never the network;
 * - no frames, object or embed: a PDF is shown in the shell's own PDF window (Platform.showPdf), because the
 *   renderer window runs without plugins; no base-uri or form posts; never framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** true for a URL of our own app origin (app://qorgan/...), false for anything else or garbage */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** The renderer window's webPreferences. DevTools only in development (an installed app has none). */
export function mainWebPreferences(preloadPath: string, options: { devTools: boolean } = { devTools: false }): WebPreferences {
  return {
    preload: preloadPath,
    partition: APP_PARTITION,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    plugins: false,
    devTools: options.devTools,
  };
}

/**
 * The PDF window (print / view): Chromium's own PDF viewer needs `plugins`; it gets no preload, so it has no
 * window.qorgan, and its origin (file:) is refused by the IPC sender check anyway. It runs in the (hardened)
 * default session: Electron's PDF viewer shows nothing in in-memory partitions (electron/electron#27121, #47708).
 */
export function pdfWebPreferences(): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    plugins: true,
    devTools: false,
  };
}

const NETWORK_URL = /^(https?|wss?|ftp):/i;

interface Preventable {
  preventDefault(): void;
}

/**
 * Guards for any webContents (main window, PDF window, anything created later): no navigation away from the app
 * origin, no redirects elsewhere, no new windows, no <webview>.
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // The main frame is covered by will-navigate. Sub frames: the app's CSP allows none, but the PDF viewer builds
    // its own (chrome-extension:, the file: document), so only frames onto the network are refused here.
    if (!event.isMainFrame && NETWORK_URL.test(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event: Preventable) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}


/**
 * Guards for a session: every permission request and check denied, device access denied, downloads cancelled
 * (exports go through the core and a save dialog), and no request to the network at all.
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event: Preventable) => event.preventDefault());
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: NETWORK_URL.test(details.url) });
  });
}
