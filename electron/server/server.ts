import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  encodeShellData,
  TOKEN_PARAM,
  TOKEN_PROTOCOL_PREFIX,
  WS_PATH,
  WS_PROTOCOL,
  type WireRequest,
  type WireResponse,
} from '../../shared/api/wire.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import type { AskpassBroker } from '../core/api/askpass-broker.js';
import { openConnection, type Emit } from '../core/api/connection.js';
import { toApiError, type Control } from '../core/api/dispatch.js';
import { fail } from '../core/errors.js';
import { openHostsConnection } from '../core/hosts/connection.js';
import type { HostSet } from '../core/hosts/host-set.js';
import { serveStatic } from '../core/util/static-files.js';
import type { NsInspectService } from '../core/service.js';
import type { ShellHost } from '../core/shell/host.js';

export interface ServeOptions {
  service: NsInspectService;
  shells: ShellHost | null;
  /**
   * Several engine hosts (serve --context a --context b): each socket is served through all of
   * them, routed by host (service and shells are then the first host's, unused here).
   */
  hosts?: { set: HostSet; askpass: AskpassBroker };
  /** Settings and the askpass relay (absent: those channels answer "unsupported"). */
  control?: Control;
  /** Interface to bind; 127.0.0.1 unless the user asks otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
  /** The built renderer (out/renderer). */
  staticDir?: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  /** The URL to open, token included. */
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const MAX_MESSAGE = 2 << 20;

/** Where the built renderer is, from the bundled CLI (out/cli/chunks/…) or from the sources. */
export function findRendererDir(): string | null {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [
    process.env.NSINSPECT_RENDERER_DIR,
    resolve(here, '../../renderer'), // out/cli/chunks → out/renderer
    resolve(here, '../../out/renderer'), // electron/server → out/renderer
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(join(p, 'index.html'))) ?? null;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time token comparison (hashing first hides the length too). */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  return timingSafeEqual(digest(given), digest(token));
}

/** The token a socket offers as its subprotocol TOKEN_PROTOCOL_PREFIX + token, if it offers both of ours. */
export function tokenFromProtocols(header: string | undefined): string | null {
  const offered = (header ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(WS_PROTOCOL)) return null;
  return offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length) ?? null;
}

function hostName(hostHeader: string): string {
  // "[::1]:8080" → "[::1]", "localhost:8080" → "localhost"
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

/**
 * The browser mode: the built renderer over HTTP and the typed API over a
 * WebSocket, on loopback by default. The files are public (the page is useless
 * without the token); the socket needs the token, which the page takes from the
 * printed URL and offers as a subprotocol, and a same-origin Origin. No cookie
 * is ever set: cookies are not scoped by port, so any other local port would
 * receive it. No CORS headers are ever sent.
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const bindHost = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('hex');
  const staticDir = opts.staticDir ?? findRendererDir();
  if (!staticDir) throw fail('serve.no-renderer');
  const root = resolve(staticDir);
  const loopbackOnly = LOOPBACK_HOSTS.has(bindHost);
  const log = opts.log ?? (() => undefined);

  const hostAllowed = (req: IncomingMessage): boolean => {
    const h = req.headers.host;
    if (!h) return false;
    // Bound to loopback: refuse other Host names (DNS rebinding).
    return !loopbackOnly || LOOPBACK_HOSTS.has(hostName(h));
  };
  const originAllowed = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`;
  };
  const deny = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
    res.end(`${text}\n`);
  };

  const serveFile = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req) || !originAllowed(req)) return deny(res, 403, 'Forbidden: wrong Host or Origin.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
    const answer = await serveStatic(root, req.url ?? '/');
    if (answer.status !== 200) return deny(res, answer.status, answer.body);
    res.writeHead(200, {
      'Content-Type': answer.type,
      'Content-Length': answer.body.length,
      // The page is fetched with ?token= in its URL: no cache keeps a copy of that request.
      'Cache-Control': extname(answer.file) === '.html' ? 'no-store' : 'private, max-age=3600',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  };

  const server = createServer((req, res) => {
    // Whatever a client sends, one bad request must not end the server.
    serveFile(req, res).catch(() => {
      if (!res.headersSent) deny(res, 400, 'Bad request.');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE, handleProtocols: () => WS_PROTOCOL });
  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    try {
      if ((req.url ?? '').split('?', 1)[0] !== WS_PATH) return refuse(404, 'Not Found');
      // A socket must come from our own page: an Origin is required and must be ours.
      if (!hostAllowed(req) || !req.headers.origin || !originAllowed(req)) return refuse(403, 'Forbidden');
      // Only the subprotocol carries the token: a query or a cookie is never accepted.
      if (!tokenMatches(tokenFromProtocols(req.headers['sec-websocket-protocol']), token)) return refuse(401, 'Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
    } catch {
      refuse(400, 'Bad Request');
    }
  });

  const sockets = new Set<WebSocket>();
  const serveSocket = (ws: WebSocket) => {
    sockets.add(ws);
    log(`client connected (${sockets.size} open)`);
    const send = (msg: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const emit: Emit = (event, payload) => {
      if (event === 'shellData') {
        // Terminal bytes as they are, in a binary frame: base64 in JSON cost the page more than drawing them.
        const p = payload as { id: string; data: Uint8Array };
        if (ws.readyState === ws.OPEN) ws.send(encodeShellData(p.id, p.data), { binary: true });
      } else send({ event, payload });
    };
    const conn = opts.hosts
      ? openHostsConnection(opts.hosts.set, emit, opts.hosts.askpass)
      : openConnection(opts.service, opts.shells, emit, opts.control ? { control: opts.control } : {});
    ws.on('message', (raw, isBinary) => {
      let msg: WireRequest;
      try {
        if (isBinary) throw new Error('binary');
        msg = JSON.parse(raw.toString());
      } catch {
        return send({ id: -1, error: { code: 'input', message: 'not a JSON request' } });
      }
      if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'number' || typeof msg.channel !== 'string') {
        return send({
          id: typeof msg?.id === 'number' ? msg.id : -1,
          error: { code: 'input', message: 'a request is {id, channel, args}' },
        });
      }
      conn.call(msg.channel, msg.args).then(
        (result) => send({ id: msg.id, result: result ?? null } satisfies WireResponse),
        (err: unknown) => send({ id: msg.id, error: toApiError(err) } satisfies WireResponse),
      );
    });
    ws.on('close', () => {
      sockets.delete(ws);
      void conn.close();
      log(`client disconnected (${sockets.size} open)`);
    });
    ws.on('error', () => ws.terminate());
  };

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, bindHost, () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  return {
    url: `http://${shownHost}:${port}/?${TOKEN_PARAM}=${token}`,
    host: bindHost,
    port,
    token,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await closed;
    },
  };
}
