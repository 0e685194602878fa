/**
 * The browser harness (issue 8, item 9): Host and Origin allow-lists (DNS rebinding refused), the token compared in
 * constant time and never served, the session cookie given only for the printed address, and malformed addresses
 * answered 400 without taking the server down. Real HTTP requests on a real harness.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../harness/core';
import { sameSecret, startHarness, type Harness } from '../harness/server';

let h: Harness;
let token: string;
let port: number;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(pathAndQuery: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathAndQuery, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function invoke(headers: Record<string, string>): Promise<Reply> {
  return request('/__qorgan/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ method: 'auth.status', input: {} }),
  });
}

/** A raw request line, for what http.request refuses to send. */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
    socket.on('end', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

async function cookie(): Promise<string> {
  const r = await request(`/?t=${token}`);
  const set = r.headers['set-cookie']?.[0] ?? '';
  return set.split(';')[0] ?? '';
}

beforeAll(async () => {
  h = await startHarness({ dataDir: tempDir('qorgan-harness-') });
  const url = new URL(h.url);
  token = url.searchParams.get('t') ?? '';
  port = Number(url.port);
});
afterAll(async () => {
  await h.close();
});

describe('the browser harness', () => {
  it('prints an address on the loopback with its own port and the token', () => {
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?t=[0-9a-f]{48}$/);
    expect(h.origin).toBe(`http://127.0.0.1:${port}`);
  });

  it('trades the token in the printed address for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const r = await request(`/?t=${token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const set = r.headers['set-cookie']?.[0] ?? '';
    expect(set).toMatch(new RegExp(`^qorgan_${port}=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(set).not.toContain(token);
    expect(r.body).not.toContain(token);
    const c = await cookie();
    const shim = await request('/__qorgan/shim.js', { headers: { cookie: c } });
    expect(shim.status).toBe(200);
    expect(shim.body).toContain('window');
    expect(shim.body).not.toContain(token);
    expect(shim.body).not.toContain(c.split('=')[1]);
    const status = await invoke({ cookie: c, origin: h.origin });
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { state: 'setup' } });
  });

  it('serves nothing — shim, API, events, pages — to a request without the token or the cookie', async () => {
    for (const p of ['/__qorgan/shim.js', '/', '/index.html', '/__qorgan/events', '/__qorgan/pdf/x']) {
      const r = await request(p);
      expect(r.status, p).toBe(403);
      expect(r.body).not.toContain(token);
    }
    expect((await invoke({})).status).toBe(403);
    // the token with its last character changed (to one it is not: a token ending in 0 stayed the token 1 time in 16)
    const wrong = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    expect(wrong).not.toBe(token);
    expect((await request(`/?t=${wrong}`)).status).toBe(403);
    expect((await request('/?t=')).status).toBe(403);
    expect((await invoke({ 'x-qorgan-token': 'x'.repeat(48) })).status).toBe(403);
    expect((await invoke({ cookie: `qorgan_${port}=${'0'.repeat(64)}` })).status).toBe(403);
    // the token itself is not a cookie value, and the cookie of another port does not open this one
    expect((await invoke({ cookie: `qorgan_${port}=${token}` })).status).toBe(403);
    const c = (await cookie()).replace(`qorgan_${port}=`, `qorgan_${port + 1}=`);
    expect((await invoke({ cookie: c })).status).toBe(403);
    // a program may present the token in the header
    expect((await invoke({ 'x-qorgan-token': token })).status).toBe(200);
  });

  it('refuses another Host (DNS rebinding) with 403, even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`]) {
      const r = await request(`/?t=${token}`, { headers: { host } });
      expect(r.status, host).toBe(403);
      expect(r.headers['set-cookie']).toBeUndefined();
      expect((await invoke({ host, 'x-qorgan-token': token })).status, host).toBe(403);
    }
    expect((await invoke({ host: `localhost:${port}`, 'x-qorgan-token': token })).status).toBe(200);
    // no Host at all (HTTP/1.0)
    expect(await raw(`GET /?t=${token} HTTP/1.0\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403/);
  });

  it('refuses another Origin with 403, even with the cookie', async () => {
    const c = await cookie();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, 'null', `https://127.0.0.1:${port}`]) {
      expect((await invoke({ cookie: c, origin })).status, origin).toBe(403);
    }
    expect((await invoke({ cookie: c, origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('answers a malformed address with 400 and keeps serving', async () => {
    const c = await cookie();
    for (const p of ['/%E0%A4%A', '/%', '/%zz', '/__qorgan/pdf/%E0%A4%A', '/a%00b']) {
      expect((await request(p, { headers: { cookie: c } })).status, p).toBe(400);
      expect((await request(p)).status, p).toBe(400);
    }
    expect(await raw('GET /%E0%A4%A HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 (400|403)/);
    expect(await raw('NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect((await invoke({ cookie: c, origin: h.origin })).status).toBe(200);
  });

  it('compares secrets in constant time, whatever their length', () => {
    expect(sameSecret(token, token)).toBe(true);
    expect(sameSecret(`${token}x`, token)).toBe(false);
    expect(sameSecret(token.slice(1), token)).toBe(false);
    expect(sameSecret('', token)).toBe(false);
    expect(sameSecret(null, token)).toBe(false);
    expect(sameSecret(undefined, token)).toBe(false);
  });
});
