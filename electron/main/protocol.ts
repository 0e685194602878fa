/**
 * The app:// protocol: serves the built renderer (dist/renderer) to the window, with the CSP on every response.
 * Never file://, never a remote URL. The request handler is plain (Request → Response) so tests call it directly.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before app 'ready': the scheme behaves like https (standard origin, secure context, fetch). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false, bypassCSP: false, allowServiceWorkers: false },
    },
  ]);
}

function securityHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders(MIME['.txt'] ?? 'text/plain') });
}

/**
 * Maps app://qorgan/<path> to a file under `rootDir`. Only GET/HEAD, only our host, no way out of the folder
 * (encoded dots, backslashes, NUL are refused). An unknown path without an extension falls back to index.html
 * (client-side routes).
 */
export function createAppRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'not found');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return plain(400, 'bad request');
    }
    if (rel.includes('\0') || rel.includes('\\')) return plain(400, 'bad request');
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(root, '.' + rel);
    const inside = path.relative(root, file);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return plain(404, 'not found');

    let target = file;
    let body: Buffer;
    try {
      body = await fs.readFile(target);
    } catch {
      if (path.extname(rel) !== '') return plain(404, 'not found');
      target = path.join(root, 'index.html');
      try {
        body = await fs.readFile(target);
      } catch {
        return plain(404, 'not found');
      }
    }
    const type = MIME[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: securityHeaders(type) });
  };
}

/** Binds the handler to a session's protocol object (the app partition's, not the default session's). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir));
}
