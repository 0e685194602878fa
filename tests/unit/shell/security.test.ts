import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSession, FakeWebContents, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const security = await import('../../../electron/main/security');
const { CONTENT_SECURITY_POLICY, guardWebContents, hardenSession, isAppUrl, mainWebPreferences, pdfWebPreferences } = security;

function directives(csp: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) m.set(name, values);
  }
  return m;
}

beforeEach(() => resetFakeElectron());

describe('renderer webPreferences', () => {
  it('isolate the page: context isolation, sandbox, no Node, web security, no webview, no plugins', () => {
    const p = mainWebPreferences('/app/dist/electron/preload.cjs');
    expect(p).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: false,
      devTools: false,
    });
    expect(mainWebPreferences('/p', { devTools: true }).devTools).toBe(true);
    expect(pdfWebPreferences().devTools).toBe(false);
  });

  it('run the app in an in-memory session, so Chromium writes nothing of the UI to disk', () => {
    expect(mainWebPreferences('/p').partition).toMatch(/^[a-z-]+$/);
    expect(mainWebPreferences('/p').partition).not.toMatch(/^persist:/);
    // the PDF viewer works only in the default or a persistent session (electron/electron#27121)
    expect(pdfWebPreferences().partition).toBeUndefined();
  });

  it('give the PDF window plugins (the PDF viewer) but no preload, so it never gets window.qorgan', () => {
    const p = pdfWebPreferences();
    expect(p.preload).toBeUndefined();
    expect(p).toMatchObject({ plugins: true, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });
});

describe('Content-Security-Policy', () => {
  const d = directives(CONTENT_SECURITY_POLICY);

  it('allows scripts only from the app: no inline script, no eval, no remote origin', () => {
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
    // 'unsafe-inline' only for styles (Mantine's run-time styles), never for scripts
    for (const [name, values] of d) {
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
  });

  it('shuts plugins, frames, forms, base and framing', () => {
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://qorgan/index.html', true],
    ['app://qorgan/assets/x.js?y#z', true],
    ['app://evil/index.html', false],
    ['app://qorgan.evil/index.html', false],
    ['app://user:pw@qorgan/index.html', false],
    ['https://qorgan/index.html', false],
    ['file:///home/user/qorgan/index.html', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('guardWebContents', () => {
  function guarded(): FakeWebContents {
    const wc = new FakeWebContents();
    guardWebContents(wc as never);
    return wc;
  }

  it('denies navigation away from the app origin and allows it inside', () => {
    const wc = guarded();
    expect(wc.fire('will-navigate', { url: 'https://example.com/' }, 'https://example.com/')).toBe(true);
    expect(wc.fire('will-navigate', { url: 'file:///etc/passwd' }, 'file:///etc/passwd')).toBe(true);
    expect(wc.fire('will-navigate', { url: 'app://other/index.html' }, 'app://other/index.html')).toBe(true);
    expect(wc.fire('will-navigate', { url: 'app://qorgan/index.html' }, 'app://qorgan/index.html')).toBe(false);
  });

  it('denies redirects elsewhere, foreign sub-frames and <webview>', () => {
    const wc = guarded();
    expect(wc.fire('will-redirect', { url: 'https://example.com/' }, 'https://example.com/')).toBe(true);
    expect(wc.fire('will-frame-navigate', { url: 'https://example.com/', isMainFrame: false })).toBe(true);
    expect(wc.fire('will-frame-navigate', { url: 'ws://127.0.0.1:9/', isMainFrame: false })).toBe(true);
    // the PDF viewer's own frames stay possible
    expect(wc.fire('will-frame-navigate', { url: 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', isMainFrame: false })).toBe(false);
    expect(wc.fire('will-frame-navigate', { url: 'file:///tmp/qorgan-pdf-x/document.pdf', isMainFrame: false })).toBe(false);
    expect(wc.fire('will-attach-webview', {})).toBe(true);
  });

  it('denies every window.open, even to the app itself', () => {
    const wc = guarded();
    expect(wc.windowOpenHandler).not.toBeNull();
    for (const url of ['https://example.com/', 'app://qorgan/index.html', 'about:blank']) {
      expect(wc.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });
});

describe('hardenSession', () => {
  function hardened(): FakeSession {
    const s = new FakeSession('qorgan-app');
    hardenSession(s as never);
    return s;
  }

  it('denies every permission request and check', () => {
    const s = hardened();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      (s.permissionRequestHandler as unknown as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect((s.permissionCheckHandler as unknown as (wc: unknown, p: string) => boolean)(null, permission)).toBe(false);
    }
    expect((s.devicePermissionHandler as unknown as (d: unknown) => boolean)({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels downloads and every network request', () => {
    const s = hardened();
    const e = { prevented: false, preventDefault() { this.prevented = true; } };
    s.emit('will-download', e, {}, {});
    expect(e.prevented).toBe(true);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      s.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://example.com/x.js')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
    expect(decide('wss://example.com/socket')).toBe(true);
    expect(decide('app://qorgan/assets/index.js')).toBe(false);
  });
});
