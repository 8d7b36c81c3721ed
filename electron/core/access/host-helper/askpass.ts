import { crypto } from '../../lazy-builtins.js';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Asks the user for sudo's password: resolves the password, or null when the user cancels or
 * the signal aborts (timeout, the relay closed). Implemented by the UI's broker (AskpassBroker).
 */
export type AskpassHandler = (prompt: string, signal: AbortSignal) => Promise<string | null>;

/**
 * The askpass program sudo runs (as the invoking user, with the caller's environment): it sends
 * the prompt sudo gives it as argv[1] to the app's socket, prints the answer on stdout for sudo,
 * or exits 1 (sudo then fails: "no password was provided"). Fixed text; the socket path comes
 * from the environment. The password only ever travels socket → this process → sudo's pipe.
 */
export const ASKPASS_JS = `'use strict';
const net = require('node:net');
const path = process.env.NSINSPECT_ASKPASS_SOCKET;
if (!path) process.exit(1);
const prompt = String(process.argv[2] === undefined ? '' : process.argv[2]).slice(0, 512);
const got = [];
const c = net.createConnection(path);
c.on('connect', () => c.write(JSON.stringify({ prompt }) + '\\n'));
c.on('data', (d) => got.push(d));
c.on('end', () => {
  const b = Buffer.concat(got);
  if (b[0] !== 0x2b) process.exit(1);
  process.stdout.write(b.subarray(1), () => process.exit(0));
});
c.on('error', () => process.exit(1));
`;

/**
 * SUDO_ASKPASS must name one executable without arguments: this fixed sh line runs the app's
 * own Node (Electron with ELECTRON_RUN_AS_NODE=1, or node) on askpass.cjs. Paths come from the
 * environment, never from the script's text.
 */
export const ASKPASS_SH = '#!/bin/sh\nexec "$NSINSPECT_ASKPASS_NODE" "$NSINSPECT_ASKPASS_JS" "$@"\n';

export type RelayOutcome = 'unused' | 'answered' | 'cancelled' | 'timeout';

export interface RelayOptions {
  /** How long a prompt waits for the user (default 2 minutes). */
  timeoutMs?: number;
  /** The Node (or Electron) binary that runs askpass.cjs. */
  execPath?: string;
  /** Where the private directory is made (default $XDG_RUNTIME_DIR when it is ours, else the temp dir). */
  baseDir?: string;
}

function privateBase(): string {
  const xdg = process.env.XDG_RUNTIME_DIR;
  if (xdg) {
    try {
      const st = statSync(xdg);
      if (st.isDirectory() && st.uid === process.getuid?.() && (st.mode & 0o077) === 0) return xdg;
    } catch {
      /* not there */
    }
  }
  return tmpdir();
}

/**
 * One `sudo -A` run's askpass relay: a fresh 0700 directory holding the askpass program and a
 * unix socket (0600, random name). The socket takes ONE connection: the prompt goes to the
 * handler, its answer back to the program; then the socket is closed and unlinked. sudo asks
 * again after a wrong password; that second askpass finds no socket and fails, so one start is
 * one attempt. close() removes everything (and cancels a prompt still open).
 */
export class AskpassRelay {
  outcome: RelayOutcome = 'unused';
  private used = false;
  private readonly abort = new AbortController();
  private closed = false;

  private constructor(
    readonly dir: string,
    readonly socketPath: string,
    private readonly server: Server,
    readonly env: Record<string, string>,
  ) {}

  static async open(handler: AskpassHandler, opts: RelayOptions = {}): Promise<AskpassRelay> {
    const dir = mkdtempSync(join(opts.baseDir ?? privateBase(), 'nsinspect-askpass-'));
    chmodSync(dir, 0o700);
    try {
      const socketPath = join(dir, `${crypto().randomBytes(12).toString('hex')}.sock`);
      const program = join(dir, 'askpass');
      const js = join(dir, 'askpass.cjs');
      writeFileSync(js, ASKPASS_JS, { mode: 0o600 });
      writeFileSync(program, ASKPASS_SH, { mode: 0o700 });
      const server = createServer();
      const env = {
        SUDO_ASKPASS: program,
        NSINSPECT_ASKPASS_SOCKET: socketPath,
        NSINSPECT_ASKPASS_NODE: opts.execPath ?? process.execPath,
        NSINSPECT_ASKPASS_JS: js,
        ELECTRON_RUN_AS_NODE: '1',
      };
      const relay = new AskpassRelay(dir, socketPath, server, env);
      server.on('connection', (sock) => relay.serve(sock, handler, opts.timeoutMs ?? 120_000));
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(socketPath, () => {
          server.off('error', fail);
          ok();
        });
      });
      chmodSync(socketPath, 0o600);
      return relay;
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }

  private serve(sock: Socket, handler: AskpassHandler, timeoutMs: number): void {
    if (this.used || this.closed) {
      sock.destroy();
      return;
    }
    this.used = true;
    // One-shot: no second connection, and the name is gone from the directory.
    this.server.close();
    rmSync(this.socketPath, { force: true });
    sock.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length > 4096) return sock.destroy();
      const nl = buf.indexOf(0x0a);
      if (nl < 0) return;
      sock.off('data', onData);
      let prompt = '';
      try {
        prompt = String((JSON.parse(buf.subarray(0, nl).toString('utf8')) as { prompt?: unknown }).prompt ?? '');
      } catch {
        /* no prompt: ask anyway */
      }
      // Shown in the UI: printable characters only, short.
      prompt = prompt
        .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
        .trim()
        .slice(0, 200);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        this.abort.abort();
      }, timeoutMs);
      timer.unref();
      // Nothing awaits a prompt: a handler that fails is a cancel, answered below.
      void handler(prompt, this.abort.signal)
        .catch(() => null)
        .then((password) => {
          clearTimeout(timer);
          if (typeof password === 'string' && !this.abort.signal.aborted && !/[\0\n\r]/.test(password)) {
            this.outcome = 'answered';
            sock.end(`+${password}\n`);
          } else {
            this.outcome = timedOut ? 'timeout' : 'cancelled';
            sock.end('-');
          }
        });
    };
    sock.on('data', onData);
  }

  /** Removes the directory; a prompt still waiting is cancelled (its dialog told so). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
