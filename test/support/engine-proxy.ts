import { chmodSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface ProxyOptions {
  /**
   * Requests for which the proxy never answers (nor forwards): given the first request line of
   * each connection, e.g. "GET /containers/<id>/json HTTP/1.0". Later requests on a kept-alive
   * connection pass unseen; nsinspect's own client opens one connection per request.
   */
  stall?: (requestLine: string) => boolean;
  /** The socket's mode, e.g. 0o666 so that an unprivileged test user can connect. */
  mode?: number;
}

/**
 * A unix socket in front of the real engine socket: it forwards everything, can be cut (as a
 * daemon restart would) and can leave chosen requests unanswered (as a wedged container's
 * inspection is).
 */
export class EngineProxy {
  private server: Server | null = null;
  private conns = new Set<Socket>();
  /** First request lines seen, for assertions on what was asked. */
  readonly seen: string[] = [];
  constructor(
    readonly path: string,
    private readonly opts: ProxyOptions = {},
  ) {}

  get url(): string {
    return `unix://${this.path}`;
  }

  async up(): Promise<void> {
    this.server = createServer((c) => {
      this.conns.add(c);
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const nl = head.indexOf('\r\n');
        if (nl < 0) return;
        c.off('data', onData);
        const line = head.subarray(0, nl).toString('latin1');
        this.seen.push(line);
        if (this.opts.stall?.(line)) return; // held open, never answered
        const up = createConnection('/var/run/docker.sock');
        this.conns.add(up);
        up.write(head);
        c.pipe(up).pipe(c);
        const drop = () => {
          c.destroy();
          up.destroy();
        };
        up.on('error', drop).on('close', drop);
        c.on('close', drop);
      };
      c.on('data', onData);
      c.on('error', () => c.destroy());
    });
    await new Promise<void>((r) => this.server!.listen(this.path, r));
    if (this.opts.mode !== undefined) chmodSync(this.path, this.opts.mode);
  }

  async down(): Promise<void> {
    for (const c of this.conns) c.destroy();
    this.conns.clear();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }
}
