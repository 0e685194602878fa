/**
 * The browser harness: serves the built renderer (dist/renderer) and binds the same core registry
 * (electron/core/api.ts) to a loopback HTTP endpoint behind a `window.qorgan` shim. Loopback only, random port,
 * random token; the same CSP as the Electron shell.
 *
 * Who gets in: every request must name this server in `Host` (127.0.0.1 or localhost with its own port — a DNS
 * rebinding name is refused with 403) and, when it carries an `Origin`, come from this server's own origin. The
 * token is never served: the browser presents it once, in the address the harness prints (`/?t=…`), and gets back
 * an HttpOnly, SameSite=Strict session cookie and a redirect to the same page without the token; programs may send
 * it in the `x-qorgan-token` header instead. Every secret is compared with `crypto.timingSafeEqual`. A malformed
 * address is answered 400, and no request can throw the server down.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createCore, type Core } from '../../electron/core/api';
import { testPlatform, type TestPlatform } from './platform';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');

export const HARNESS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const invokeBody = z.object({ method: z.string().max(200), input: z.unknown() });

export interface Harness {
  /** the address to open: it carries the token once (`?t=`), traded for a session cookie */
  url: string;
  /** `http://127.0.0.1:<port>`, without the token */
  origin: string;
  core: Core;
  platform: TestPlatform;
  close(): Promise<void>;
}

/** The page's bridge. It holds no secret: the session cookie (HttpOnly) goes with every same-origin request. */
function shim(): string {
  return `(() => {
  const listeners = new Set();
  let lastState = null;
  async function invoke(method, input) {
    const res = await fetch('/__qorgan/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method, input: input === undefined ? {} : input }),
    });
    const result = await res.json();
    if (method === 'auth.status' && result.ok) {
      if (lastState === 'unlocked' && result.value.state !== 'unlocked') listeners.forEach((l) => l());
      lastState = result.value.state;
    }
    return result;
  }
  const bridge = { invoke, onLocked(l) { listeners.add(l); return () => listeners.delete(l); } };
  const events = new EventSource('/__qorgan/events');
  events.addEventListener('locked', () => listeners.forEach((l) => l()));
  events.addEventListener('pdf', (e) => window.open(JSON.parse(e.data).url, '_blank', 'noopener'));
  Object.defineProperty(window, 'qorgan', { value: Object.freeze(bridge), writable: false, configurable: false });
})();
`;
}

/** Compares two secrets in constant time (hashed first, so that unequal lengths take the same time too). */
export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b) && given.length === expected.length;
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export async function startHarness(options: { dataDir: string; demo?: boolean; port?: number; platform?: TestPlatform }): Promise<Harness> {
  const platform = options.platform ?? testPlatform(options.dataDir, { demo: options.demo ?? false });
  const core = createCore(platform);
  // the token is shown once (in the printed address); the cookie secret is what the browser keeps afterwards
  const token = crypto.randomBytes(24).toString('hex');
  const cookieSecret = crypto.randomBytes(32).toString('hex');
  let port = 0;
  let cookieName = 'qorgan';
  const sse = new Set<http.ServerResponse>();
  core.onLock(() => {
    for (const res of sse) res.write('event: locked\ndata: {}\n\n');
  });
  // the shell shows a PDF in its own window; the harness serves it once, by a random id, and the page opens a tab
  const pdfs = new Map<string, Uint8Array>();
  const recordShown = platform.showPdf;
  platform.showPdf = async (pdf, o) => {
    await recordShown?.(pdf, o);
    const id = crypto.randomBytes(16).toString('hex');
    pdfs.set(id, pdf);
    for (const res of sse) res.write(`event: pdf\ndata: ${JSON.stringify({ url: `/__qorgan/pdf/${id}` })}\n\n`);
  };

  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);
  const deny = (res: http.ServerResponse, status: number, text: string) => void res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);

  function authenticated(req: http.IncomingMessage): boolean {
    const header = req.headers['x-qorgan-token'];
    if (typeof header === 'string') return sameSecret(header, token);
    return sameSecret(cookieValue(req.headers.cookie, cookieName), cookieSecret);
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.setHeader('Content-Security-Policy', HARNESS_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends Host: evil.example
    if (!allowedHosts().includes(req.headers.host ?? '')) return deny(res, 403, 'wrong host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) return deny(res, 403, 'wrong origin');
    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return deny(res, 400, 'malformed address');
    }
    if (pathname.includes('\0')) return deny(res, 400, 'malformed address');
    // the printed address: trade the token for the session cookie, then drop it from the address bar and history
    const offered = url.searchParams.get('t');
    if (offered !== null && req.method === 'GET') {
      if (!sameSecret(offered, token)) return deny(res, 403, 'wrong token');
      res.writeHead(303, {
        location: pathname === '/' || pathname === '/index.html' ? '/' : url.pathname,
        'set-cookie': `${cookieName}=${cookieSecret}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return void res.end();
    }
    if (!authenticated(req)) return deny(res, 403, 'open the address the harness printed (it carries the token)');

    if (pathname === '/__qorgan/shim.js') {
      res.writeHead(200, { 'content-type': MIME['.js'] ?? 'text/javascript' }).end(shim());
      return;
    }
    if (pathname === '/__qorgan/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'keep-alive' });
      res.write(': hello\n\n');
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }
    if (pathname.startsWith('/__qorgan/pdf/')) {
      const id = pathname.slice('/__qorgan/pdf/'.length);
      const pdf = pdfs.get(id);
      if (!pdf) return void res.writeHead(404).end();
      pdfs.delete(id);
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from(pdf));
      return;
    }
    if (pathname === '/__qorgan/invoke') {
      if (req.method !== 'POST') return deny(res, 405, 'POST only');
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 64 * 1024 * 1024) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        let body: z.infer<typeof invokeBody>;
        try {
          body = invokeBody.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          res.writeHead(200, { 'content-type': MIME['.json'] ?? 'application/json' });
          res.end(JSON.stringify({ ok: false, error: { code: 'validation', message: 'malformed request' } }));
          return;
        }
        core
          .invoke(body.method, body.input)
          .then((result) => {
            res.writeHead(200, { 'content-type': MIME['.json'] ?? 'application/json' });
            res.end(JSON.stringify(result));
          })
          .catch(() => deny(res, 500, 'internal'));
      });
      return;
    }
    // static files of the built renderer
    const rel = pathname === '/' ? '/index.html' : pathname;
    const file = path.resolve(RENDERER_DIR, '.' + rel);
    if (!file.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    let data = fs.readFileSync(file);
    if (file.endsWith('index.html')) {
      // the shim must run before the app's module script
      data = Buffer.from(data.toString('utf8').replace('<head>', '<head><script src="/__qorgan/shim.js"></script>'));
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' }).end(data);
  }

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      // never let one request take the harness down
      if (!res.headersSent) deny(res, 500, 'internal');
      else res.destroy();
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  // cookies are not kept apart by port: one name per harness, so two harnesses in one browser do not collide
  cookieName = `qorgan_${port}`;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}/?t=${token}`,
    origin: `http://127.0.0.1:${port}`,
    core,
    platform,
    async close() {
      if (closed) return;
      closed = true;
      for (const res of sse) res.end();
      // close() alone waits for every keep-alive connection: an open page that keeps polling would hold it forever
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      await core.dispose();
    },
  };
}
