// The browser mode's door: token, Host and Origin checks, no CORS, the API over the socket.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { request } from 'node:http';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tokenMatches, type RunningServer } from '../../electron/server/server.js';
import type { NsInspectService } from '../../electron/core/service.js';

const TOKEN = 'a'.repeat(48);

/** Enough of the service for the dispatcher and the event plumbing. */
function fakeService() {
  const bus = new EventEmitter();
  const svc = {
    engineState: () => ({ status: 'connecting', endpoint: { url: 'unix:///nowhere', source: 'default', reason: 'test' } }),
    listContainers: async () => [],
    onContainers: (l: (e: unknown) => void) => (bus.on('c', l), () => bus.off('c', l)),
    onEngineState: (l: (e: unknown) => void) => (bus.on('s', l), () => bus.off('s', l)),
  };
  return { svc: svc as unknown as NsInspectService, bus };
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(port: number, opts: { origin?: string; cookie?: string; query?: string }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers.Cookie = opts.cookie;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api${opts.query ?? ''}`, { headers, ...(opts.origin ? { origin: opts.origin } : {}) });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('nsinspect serve', () => {
  let server: RunningServer;
  let cookie: string;
  const { svc, bus } = fakeService();

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nsi-renderer-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>nsinspect</title>');
    writeFileSync(join(dir, 'assets/app.js'), 'console.log(1)');
    server = await startServer({ service: svc, shells: null, port: 0, token: TOKEN, staticDir: dir });
  });
  afterAll(() => server.close());

  it('binds loopback and prints the URL with the token', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('compares tokens in constant time, whatever their length', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches('a', TOKEN)).toBe(false);
    expect(tokenMatches('', TOKEN)).toBe(false);
    expect(tokenMatches(null, TOKEN)).toBe(false);
  });

  it('answers 401 without the token, for the page and the assets', async () => {
    expect((await get(server.port, '/')).status).toBe(401);
    expect((await get(server.port, '/assets/app.js')).status).toBe(401);
    expect((await get(server.port, '/?token=wrong')).status).toBe(401);
  });

  it('trades the token for an HttpOnly SameSite cookie and takes it out of the URL', async () => {
    const r = await get(server.port, `/?token=${TOKEN}`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    const set = String((r.headers['set-cookie'] as string[])[0]);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    cookie = set.split(';')[0]!;
    const page = await get(server.port, '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>nsinspect</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect((await get(server.port, '/assets/app.js', { Cookie: cookie })).status).toBe(200);
  });

  it('refuses other Host names (DNS rebinding) and foreign Origins', async () => {
    expect((await get(server.port, `/?token=${TOKEN}`, { Host: 'evil.example' })).status).toBe(403);
    expect((await get(server.port, '/', { Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('serves no file outside the renderer', async () => {
    expect((await get(server.port, '/../../etc/passwd', { Cookie: cookie })).status).toBe(404);
    expect((await get(server.port, '/%2e%2e/%2e%2e/etc/passwd', { Cookie: cookie })).status).toBe(404);
  });

  it('accepts the socket only with the token and our own Origin', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    await expect(openSocket(server.port, { origin })).rejects.toThrow(/401/);
    await expect(openSocket(server.port, { cookie })).rejects.toThrow(/403/);
    await expect(openSocket(server.port, { cookie, origin: 'http://evil.example' })).rejects.toThrow(/403/);
    const ws = await openSocket(server.port, { cookie, origin });
    ws.close();
  });

  it('serves the typed API over the socket and pushes events', async () => {
    const ws = await openSocket(server.port, { cookie, origin: `http://127.0.0.1:${server.port}` });
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    const next = (pred: (m: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const check = () => {
          const m = messages.find((x) => pred(x as Record<string, unknown>));
          if (m) resolve(m as Record<string, unknown>);
          else setTimeout(check, 10);
        };
        check();
      });
    ws.send(JSON.stringify({ id: 1, channel: 'engineState', args: [] }));
    expect((await next((m) => m.id === 1)).result).toMatchObject({ status: 'connecting' });
    ws.send(JSON.stringify({ id: 2, channel: 'inspect', args: ['../../etc'] }));
    expect((await next((m) => m.id === 2)).error).toMatchObject({ code: 'input' });
    ws.send(JSON.stringify({ id: 3, channel: 'nope', args: [] }));
    expect((await next((m) => m.id === 3)).error).toMatchObject({ code: 'input' });
    ws.send(JSON.stringify({ id: 4, channel: 'shellOpen', args: [{ container: 'x', kind: 'nsenter', namespaces: ['net'], cols: 80, rows: 24 }] }));
    expect((await next((m) => m.id === 4)).error).toMatchObject({ code: 'unsupported' });
    ws.send(JSON.stringify({ id: 5, channel: 'shellInput', args: ['someone-elses', 'rm -rf /\n'] }));
    expect((await next((m) => m.id === 5)).error).toMatchObject({ code: 'not-found' });
    bus.emit('c', { kind: 'removed', id: 'f'.repeat(64) });
    expect((await next((m) => m.event === 'containers')).payload).toEqual({ kind: 'removed', id: 'f'.repeat(64) });
    ws.close();
  });
});
