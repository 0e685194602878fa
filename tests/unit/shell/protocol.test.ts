import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { createAppRequestHandler, registerAppScheme } = await import('../../../electron/main/protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../../electron/main/security');

let base: string;
let root: string;
let handler: (r: Request) => Promise<Response>;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-proto-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Q</title><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'TOP-SECRET');
  handler = createAppRequestHandler(root);
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves index.html at the root and the built assets with their types', async () => {
    const r = await get('app://qorgan/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await r.text()).toContain('<title>Q</title>');
    const js = await get('app://qorgan/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://qorgan/assets/app.css')).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('sends the strict CSP and nosniff with every response, errors included', async () => {
    for (const url of ['app://qorgan/index.html', 'app://qorgan/assets/app.js', 'app://qorgan/missing.js', 'app://evil/index.html']) {
      const r = await get(url);
      expect(r.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
    const post = await get('app://qorgan/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of [
      'app://qorgan/../secret.txt',
      'app://qorgan/%2e%2e/secret.txt',
      'app://qorgan/..%2fsecret.txt',
      'app://qorgan/assets/..%2f..%2fsecret.txt',
      'app://qorgan/assets/..%5c..%5csecret.txt',
      'app://qorgan/%2e%2e%2f%2e%2e%2fsecret.txt',
      `app://qorgan/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
      'app://qorgan/index.html%00.txt',
    ]) {
      const r = await get(url);
      expect(await r.text(), url).not.toContain('TOP-SECRET');
      expect(r.status, url).toBeGreaterThanOrEqual(400);
    }
  });

  it('answers only for its own host; client routes fall back to index.html, missing files do not', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    const route = await get('app://qorgan/accounts/list');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Q</title>');
    expect((await get('app://qorgan/assets/missing.js')).status).toBe(404);
  });

  it('registers the scheme as a standard secure origin without bypassing CSP or service workers', () => {
    const registered: { scheme: string; privileges: Record<string, boolean> }[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => registered.push(...(s as never[])) });
    expect(registered).toHaveLength(1);
    expect(registered[0]?.scheme).toBe('app');
    expect(registered[0]?.privileges).toMatchObject({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false });
  });
});
