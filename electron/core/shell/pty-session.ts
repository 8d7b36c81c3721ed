import { createRequire } from 'node:module';
import type { IPty } from '@lydell/node-pty';
import { Session, type FlowOptions, type SessionSink } from './session.js';
import { killTree } from './proctree.js';
import type { ShellEnd } from '../../../shared/api/shell.js';

const require = createRequire(import.meta.url);
type PtyModule = typeof import('@lydell/node-pty');
let ptyModule: PtyModule | null = null;
/** Loaded on first use: a CLI that never opens a terminal does not need the native module. */
export function loadPty(): PtyModule {
  ptyModule ??= require('@lydell/node-pty') as PtyModule;
  return ptyModule;
}

export interface PtySpawn {
  argv: string[];
  env: Record<string, string>;
  cols: number;
  rows: number;
  cwd?: string;
}

/** A local pseudo-terminal running argv (nsenter for the direct backend); bytes in, bytes out. */
export class PtySession extends Session {
  private readonly pty: IPty;
  private exited: Promise<void>;
  onExit: ((end: ShellEnd) => ShellEnd | Promise<ShellEnd>) | null = null;
  private closing = false;

  constructor(id: string, sink: SessionSink, spawn: PtySpawn, flow?: FlowOptions) {
    super(id, sink, flow);
    const pty = loadPty();
    this.pty = pty.spawn(spawn.argv[0]!, spawn.argv.slice(1), {
      name: 'xterm-256color',
      cols: spawn.cols,
      rows: spawn.rows,
      cwd: spawn.cwd ?? '/',
      env: spawn.env,
      // Bytes: a UTF-8 character split across two reads must reach the terminal intact.
      encoding: null,
    } as Parameters<PtyModule['spawn']>[2]);
    (this.pty.onData as unknown as (cb: (d: Buffer) => void) => void)((d) => this.output(d));
    this.keepOutputAtExit();
    this.exited = new Promise((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        const end: ShellEnd = { reason: 'exited', code: exitCode, signal: signal ? signalName(signal) : null };
        // The exit can be reported before the last output is read: end once it has gone quiet
        // (and is not held back by flow control).
        const started = Date.now();
        const check = async () => {
          const quiet = Date.now() - this.lastData >= 60;
          if (!this.closing && (!quiet || this.sourcePaused) && Date.now() - started < 30_000) {
            setTimeout(() => this.settle(check, resolve), 20);
            return;
          }
          this.finish(this.closing ? { reason: 'closed' } : this.onExit ? await this.onExit(end) : end);
          resolve();
        };
        setTimeout(() => this.settle(check, resolve), 20);
      });
    });
  }

  /**
   * node-pty destroys its read socket 200 ms after the program exits, in case EIO never comes
   * (macOS). On Linux EIO does come, after the last output; on a busy machine, or while flow
   * control holds the socket paused, 200 ms can come first and the end of the output is lost.
   * So that destroy waits until the output has been quiet and is not paused (at most 30 s).
   */
  private keepOutputAtExit(): void {
    const sock = (this.pty as unknown as { _socket?: { destroy: (...a: unknown[]) => unknown; destroyed?: boolean } })._socket;
    if (!sock || typeof sock.destroy !== 'function') return;
    const destroy = sock.destroy.bind(sock);
    const started = { at: 0 };
    sock.destroy = (...a: unknown[]) => {
      if (this.closing || sock.destroyed) return destroy(...a);
      started.at ||= Date.now();
      const later = () => {
        if (sock.destroyed) return;
        const waited = Date.now() - started.at;
        if (!this.closing && waited < 30_000 && (this.sourcePaused || Date.now() - this.lastData < 100)) setTimeout(later, 25);
        else destroy(...a);
      };
      setTimeout(later, 25);
      return sock;
    };
  }

  get pid(): number {
    return this.pty.pid;
  }

  write(data: Buffer): void {
    if (!this.isEnded) this.pty.write(data as unknown as string);
  }
  resize(cols: number, rows: number): void {
    if (!this.isEnded) this.pty.resize(cols, rows);
  }
  signal(sig: NodeJS.Signals): void {
    if (this.isEnded) return;
    // To the foreground program of the terminal, as a keypress would (the pty's process group).
    try {
      process.kill(-this.pty.pid, sig);
    } catch {
      this.pty.kill(sig);
    }
  }
  protected pauseSource(): void {
    this.pty.pause();
  }
  protected resumeSource(): void {
    this.pty.resume();
  }
  async kill(): Promise<void> {
    this.closing = true;
    this.pty.resume();
    await killTree(this.pty.pid);
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000))]);
    this.finish({ reason: 'closed' });
    try {
      (this.pty as unknown as { destroy?: () => void }).destroy?.();
    } catch {
      /* already gone */
    }
  }
}

export function signalName(n: number): string {
  const names: Record<number, string> = {
    1: 'SIGHUP',
    2: 'SIGINT',
    3: 'SIGQUIT',
    6: 'SIGABRT',
    9: 'SIGKILL',
    13: 'SIGPIPE',
    15: 'SIGTERM',
  };
  return names[n] ?? `signal ${n}`;
}
