// The browser mode's door: public files, a socket that needs the token (as a subprotocol, never a
// cookie) and our own Origin, Host checks, no CORS, no crash on malformed requests.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tokenFromProtocols, tokenMatches, type RunningServer } from '../../electron/server/server.js';
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

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
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

/** A request exactly as written, on a raw TCP socket: what no HTTP client library would send. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1', () => sock.write(text));
    let out = '';
    sock.on('data', (d) => (out += d.toString('latin1')));
    sock.on('end', () => resolve(out));
    sock.on('close', () => resolve(out));
    sock.on('error', reject);
    sock.setTimeout(5000, () => sock.destroy());
  });
}

/** The subprotocols the page offers: ours, and the token. */
const PROTOCOLS = (token: string) => ['nsinspect.v1', `nsinspect.token.${token}`];

function openSocket(port: number, opts: { origin?: string; cookie?: string; query?: string; protocols?: string[] }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers.Cookie = opts.cookie;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api${opts.query ?? ''}`, opts.protocols ?? [], {
      headers,
      ...(opts.origin ? { origin: opts.origin } : {}),
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('nsinspect serve', () => {
  let server: RunningServer;
  let origin: string;
  const { svc, bus } = fakeService();

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nsi-renderer-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>nsinspect</title>');
    writeFileSync(join(dir, 'assets/app.js'), 'console.log(1)');
    server = await startServer({ service: svc, shells: null, port: 0, token: TOKEN, staticDir: dir });
    origin = `http://127.0.0.1:${server.port}`;
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

  it('reads the token only from a socket that offers both of our subprotocols', () => {
    expect(tokenFromProtocols(`nsinspect.v1, nsinspect.token.${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromProtocols(`nsinspect.token.${TOKEN}`)).toBeNull();
    expect(tokenFromProtocols('nsinspect.v1')).toBeNull();
    expect(tokenFromProtocols(undefined)).toBeNull();
  });

  it('serves the files without a secret, and never sets a cookie', async () => {
    for (const path of ['/', `/?token=${TOKEN}`, '/assets/app.js']) {
      const r = await get(server.port, path);
      expect(r.status, path).toBe(200);
      expect(r.headers['set-cookie'], path).toBeUndefined();
      expect(r.headers['access-control-allow-origin'], path).toBeUndefined();
      expect(r.body, path).not.toContain(TOKEN);
    }
    const page = await get(server.port, `/?token=${TOKEN}`);
    expect(page.body).toContain('<title>nsinspect</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('refuses other Host names (DNS rebinding) and foreign Origins', async () => {
    expect((await get(server.port, '/', { Host: 'evil.example' })).status).toBe(403);
    expect((await get(server.port, '/', { Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('serves no file outside the renderer', async () => {
    expect((await get(server.port, '/../../etc/passwd')).status).toBe(404);
    expect((await get(server.port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('answers 400 to a malformed %-escape or request target, and keeps serving', async () => {
    for (const target of ['/%E0%A4%A', '/assets/%', 'http://[', '*']) {
      const answer = await raw(server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(answer, target).toMatch(/^HTTP\/1\.1 400 /);
    }
    const upgrade = await raw(
      server.port,
      `GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 404 /);
    // Headers that do not parse: a Host with an open bracket, a subprotocol list with the right token but bad syntax.
    const hello = (headers: string) =>
      `GET /api HTTP/1.1\r\n${headers}Origin: ${origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    expect(await raw(server.port, hello('Host: [\r\n'))).toMatch(/^HTTP\/1\.1 403 /);
    expect(
      await raw(
        server.port,
        hello(`Host: 127.0.0.1:${server.port}\r\nSec-WebSocket-Protocol: nsinspect.v1, nsinspect.token.${TOKEN}, a b;;\r\n`),
      ),
    ).toMatch(/^HTTP\/1\.1 400 /);
    expect((await get(server.port, '/')).status).toBe(200);
    const ws = await openSocket(server.port, { origin, protocols: PROTOCOLS(TOKEN) });
    ws.close();
  });

  it('opens the socket only with the token as a subprotocol and our own Origin', async () => {
    // A non-browser client can forge the Origin: without the token it still gets nothing.
    await expect(openSocket(server.port, { origin })).rejects.toThrow(/401/);
    await expect(openSocket(server.port, { origin, protocols: ['nsinspect.v1', 'nsinspect.token.wrong'] })).rejects.toThrow(/401/);
    // The old ways in are closed: the token in the query or in a cookie is not accepted.
    await expect(openSocket(server.port, { origin, query: `?token=${TOKEN}` })).rejects.toThrow(/401/);
    await expect(openSocket(server.port, { origin, cookie: `nsinspect=${TOKEN}`, protocols: ['nsinspect.v1'] })).rejects.toThrow(/401/);
    await expect(openSocket(server.port, { protocols: PROTOCOLS(TOKEN) })).rejects.toThrow(/403/);
    await expect(openSocket(server.port, { origin: 'http://evil.example', protocols: PROTOCOLS(TOKEN) })).rejects.toThrow(/403/);
    const ws = await openSocket(server.port, { origin, protocols: PROTOCOLS(TOKEN) });
    // The server picks our protocol, never echoes the token.
    expect(ws.protocol).toBe('nsinspect.v1');
    ws.close();
  });

  it('serves the typed API over the socket and pushes events', async () => {
    const ws = await openSocket(server.port, { origin, protocols: PROTOCOLS(TOKEN) });
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
    ws.send(
      JSON.stringify({ id: 4, channel: 'shellOpen', args: [{ container: 'x', kind: 'nsenter', namespaces: ['net'], cols: 80, rows: 24 }] }),
    );
    expect((await next((m) => m.id === 4)).error).toMatchObject({ code: 'unsupported' });
    ws.send(JSON.stringify({ id: 5, channel: 'shellInput', args: ['someone-elses', 'rm -rf /\n'] }));
    expect((await next((m) => m.id === 5)).error).toMatchObject({ code: 'not-found' });
    bus.emit('c', { kind: 'removed', id: 'f'.repeat(64) });
    expect((await next((m) => m.event === 'containers')).payload).toEqual({ kind: 'removed', id: 'f'.repeat(64) });
    ws.close();
  });
});
