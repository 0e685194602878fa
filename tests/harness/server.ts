/**
 * The browser harness: serves the built renderer (dist/renderer) and binds the same core registry
 * (electron/core/api.ts) to a loopback HTTP endpoint behind a `window.qorgan` shim. Loopback only, random port,
 * random token; the same CSP as the Electron shell.
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
  url: string;
  core: Core;
  platform: TestPlatform;
  close(): Promise<void>;
}

function shim(token: string): string {
  return `(() => {
  const token = ${JSON.stringify(token)};
  const listeners = new Set();
  let lastState = null;
  async function invoke(method, input) {
    const res = await fetch('/__qorgan/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-qorgan-token': token },
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
  const events = new EventSource('/__qorgan/events?token=' + encodeURIComponent(token));
  events.addEventListener('locked', () => listeners.forEach((l) => l()));
  events.addEventListener('pdf', (e) => window.open(JSON.parse(e.data).url, '_blank', 'noopener'));
  Object.defineProperty(window, 'qorgan', { value: Object.freeze(bridge), writable: false, configurable: false });
})();
`;
}

export async function startHarness(options: { dataDir: string; demo?: boolean; port?: number; platform?: TestPlatform }): Promise<Harness> {
  const platform = options.platform ?? testPlatform(options.dataDir, { demo: options.demo ?? false });
  const core = createCore(platform);
  const token = crypto.randomBytes(24).toString('hex');
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
    for (const res of sse) res.write(`event: pdf\ndata: ${JSON.stringify({ url: `/__qorgan/pdf/${id}?token=${token}` })}\n\n`);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('Content-Security-Policy', HARNESS_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    if (url.pathname === '/__qorgan/shim.js') {
      res.writeHead(200, { 'content-type': MIME['.js'] ?? 'text/javascript' }).end(shim(token));
      return;
    }
    if (url.pathname === '/__qorgan/events') {
      if (url.searchParams.get('token') !== token) return void res.writeHead(403).end();
      res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'keep-alive' });
      res.write(': hello\n\n');
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }
    if (url.pathname.startsWith('/__qorgan/pdf/')) {
      const pdf = pdfs.get(url.pathname.slice('/__qorgan/pdf/'.length));
      if (url.searchParams.get('token') !== token || !pdf) return void res.writeHead(404).end();
      pdfs.delete(url.pathname.slice('/__qorgan/pdf/'.length));
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from(pdf));
      return;
    }
    if (url.pathname === '/__qorgan/invoke') {
      if (req.method !== 'POST' || req.headers['x-qorgan-token'] !== token) return void res.writeHead(403).end();
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
        void core.invoke(body.method, body.input).then((result) => {
          res.writeHead(200, { 'content-type': MIME['.json'] ?? 'application/json' });
          res.end(JSON.stringify(result));
        });
      });
      return;
    }
    // static files of the built renderer
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
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
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}/`,
    core,
    platform,
    async close() {
      if (closed) return;
      closed = true;
      for (const res of sse) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await core.dispose();
    },
  };
}
