import type { Agent, ClientRequest, RequestOptions } from 'node:http';
import { createConnection, isIP, type Socket } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';
import type { Endpoint } from '../../../shared/model/index.js';
import { http, https } from '../lazy-builtins.js';
import { tlsAgentFor, unsupportedEndpoint } from './endpoint.js';
import { sshTransport } from './ssh.js';
import { tlsMaterial } from './tls.js';

/**
 * The few Docker Engine API calls the engine makes itself (list, inspect, events, version,
 * info), with a deadline on every one. dockerode stays for what needs its
 * stream plumbing (exec, helper containers) but costs half a second to load, with ssh2 and
 * gRPC behind it: too much for a CLI that should answer in the time `lsns` takes.
 */

export const DEFAULT_TIMEOUT_MS = 5000;

/** The engine answered with an HTTP error; statusCode as dockerode reports it, so callers can share checks. */
export class EngineHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A request that got no answer in time. */
export class EngineTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`the engine did not answer for ${what} within ${ms / 1000} s`);
  }
}

/** A response: its status and its body as a stream. */
interface Answer {
  status: number;
  body: Readable;
  /** The Server header ("Docker/20.10 (linux)", "Libpod/4.3.1 (linux)"). */
  server?: string;
}

/** sent: the request is on its way (so the caller may block the event loop meanwhile). */
type Opener = (path: string) => { answer: Promise<Answer>; sent: Promise<void>; abort: (e: Error) => void };

/**
 * unix:// and tcp://: HTTP/1.0 written on a plain socket. The engine (Go's net/http) then sends
 * the body unframed until it closes, events included, so no chunk decoding is needed; and
 * node:http, which would take longer to load than the whole request, is not loaded at all.
 */
function rawOpener(connect: () => Socket): Opener {
  return (path) => {
    const socket = connect();
    let markSent!: () => void;
    const sent = new Promise<void>((r) => (markSent = r));
    const answer = new Promise<Answer>((resolve, reject) => {
      let head: Buffer = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = head.length ? Buffer.concat([head, chunk]) : chunk;
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        socket.off('error', reject);
        socket.off('end', early);
        const lines = head.subarray(0, end).toString('latin1').split('\r\n');
        const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
        const server = lines.find((l) => /^server:/i.test(l))?.replace(/^server:\s*/i, '');
        const body = new PassThrough();
        const rest = head.subarray(end + 4);
        if (rest.length) body.write(rest);
        socket.pipe(body);
        socket.on('error', (e) => body.destroy(e));
        body.on('close', () => socket.destroy());
        resolve({ status, body, ...(server ? { server } : {}) });
      };
      const early = () => reject(new Error('the engine closed the connection without an answer'));
      socket.on('data', onData);
      socket.on('error', reject);
      socket.on('end', early);
      socket.on('connect', () =>
        socket.write(`GET ${path} HTTP/1.0\r\nHost: docker\r\nAccept: application/json\r\n\r\n`, () => markSent()),
      );
    });
    return { answer, sent, abort: (e) => socket.destroy(e) };
  };
}

/** TLS and ssh://: through node:http(s) and the endpoint's keep-alive agent, loaded only for them. */
function httpOpener(base: RequestOptions, secure: boolean, agent: () => Agent): Opener {
  return (path) => {
    let req: ClientRequest | null = null;
    let aborted: Error | null = null;
    const answer = (async () => {
      const mod = secure ? https() : http();
      if (aborted) throw aborted;
      return new Promise<Answer>((resolve, reject) => {
        req = mod.request({
          ...base,
          agent: agent(),
          path,
          method: 'GET',
          headers: { Host: 'docker', Accept: 'application/json' },
        });
        req.on('response', (res) =>
          resolve({ status: res.statusCode ?? 0, body: res, ...(res.headers.server ? { server: String(res.headers.server) } : {}) }),
        );
        req.on('error', reject);
        req.end();
      });
    })();
    return {
      answer,
      sent: Promise.resolve(),
      abort: (e) => {
        aborted = e;
        req?.destroy(e);
      },
    };
  };
}

/**
 * The daemon's address and the name its certificate is checked against: node:https would take
 * the Host header ("docker") for it. An IP address is checked against the IP SANs, without SNI.
 */
function tlsTarget(u: URL, defaultPort: number): RequestOptions & { servername: string } {
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(u.port || defaultPort), servername: isIP(host) ? '' : host };
}

/** How to reach an endpoint; an unsupported one is the user's to fix, said plainly. */
export function openerFor(endpoint: Endpoint): Opener {
  const url = endpoint.url;
  const bad = unsupportedEndpoint(url);
  if (bad) throw bad;
  const u = new URL(url);
  switch (u.protocol) {
    case 'unix:':
      return rawOpener(() => createConnection(u.pathname));
    case 'tcp:':
    case 'http:':
      if (endpoint.tls) {
        tlsMaterial(endpoint.tls); // unreadable files: said now, not as a socket error later
        return httpOpener(tlsTarget(u, 2376), true, () => tlsAgentFor(endpoint));
      }
      return rawOpener(() => createConnection(Number(u.port || 2375), u.hostname));
    case 'https:':
      return httpOpener(tlsTarget(u, 2376), true, () => tlsAgentFor(endpoint));
    default: {
      const transport = sshTransport(url);
      return httpOpener({ host: 'docker' }, false, () => transport.agent());
    }
  }
}

export class EngineApi {
  private readonly opener: Opener;
  private readonly open = new Set<(e: Error) => void>();
  /** A request made ahead of need (see prefetch), answered once to the first json() that asks for it. */
  private early: { path: string; answer: Promise<unknown>; sent: Promise<void> } | null = null;

  constructor(
    readonly endpoint: Endpoint,
    readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    this.opener = openerFor(endpoint);
  }

  /** The engine's Server header as last seen: Podman's says "Libpod/…". */
  server: string | null = null;

  /** One GET; the deadline covers the answer's start and, unless streaming, its whole body. */
  private async get(
    path: string,
    what: string,
    timeoutMs: number,
    stream: boolean,
    onSent?: () => void,
  ): Promise<Answer & { text?: string }> {
    const { answer, sent, abort } = this.opener(path);
    if (onSent) void sent.then(onSent);
    this.open.add(abort);
    let expired: EngineTimeoutError | null = null;
    const timer = setTimeout(() => abort((expired = new EngineTimeoutError(what, timeoutMs))), timeoutMs);
    try {
      const a = await answer;
      if (a.server) this.server = a.server;
      if (stream) return a;
      const chunks: Buffer[] = [];
      const text = await new Promise<string>((resolve, reject) => {
        a.body.on('data', (c: Buffer) => chunks.push(c));
        a.body.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        a.body.on('error', reject);
      });
      return { ...a, text };
    } catch (e) {
      // However the abort surfaced (a reset, a destroyed body), a deadline is what the user is told.
      throw expired ?? e;
    } finally {
      clearTimeout(timer);
      this.open.delete(abort);
    }
  }

  /**
   * Starts a call now, so that its answer is on the way while the caller still loads code: the
   * CLI asks for the container list before it has loaded the engine. Resolves once the request
   * is written (or has failed): loading code blocks the event loop, so the caller waits for
   * that first, or the request would only go out after the loading.
   */
  prefetch(path: string, what: string): Promise<void> {
    let sent!: () => void;
    const written = new Promise<void>((r) => (sent = r));
    const answer = this.json(path, what, this.timeoutMs, sent);
    const failed = answer.then(
      () => undefined,
      () => undefined, // reported to whoever takes the answer
    );
    this.early = { path, answer, sent: written };
    return Promise.race([written, failed]);
  }

  /** One call and its JSON answer; an HTTP error carries the engine's message. onSent: once the request is written. */
  async json<T>(path: string, what: string, timeoutMs = this.timeoutMs, onSent?: () => void): Promise<T> {
    const early = this.early;
    if (early?.path === path) {
      this.early = null;
      if (onSent) void early.sent.then(onSent);
      return early.answer as Promise<T>;
    }
    const { status, text = '' } = await this.get(path, what, timeoutMs, false, onSent);
    if (status >= 400 || status === 0) {
      let message = text.trim();
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        /* not JSON: the text as it came */
      }
      throw new EngineHttpError(status, message || `HTTP ${status}`);
    }
    return JSON.parse(text) as T;
  }

  /** A streaming answer (events): the deadline covers getting the response, not its length. */
  async stream(path: string, what: string): Promise<Readable> {
    const { status, body } = await this.get(path, what, this.timeoutMs, true);
    if (status >= 400 || status === 0) {
      body.destroy();
      throw new EngineHttpError(status, `HTTP ${status} for ${what}`);
    }
    return body;
  }

  /** Ends every request still open. */
  close(): void {
    for (const abort of this.open) abort(new Error('closed'));
    this.open.clear();
  }
}

/** NSINSPECT_ENGINE_TIMEOUT_MS (tests of the fault path), else the default. */
export function timeoutFromEnv(): number | undefined {
  const v = Number(process.env.NSINSPECT_ENGINE_TIMEOUT_MS);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}
