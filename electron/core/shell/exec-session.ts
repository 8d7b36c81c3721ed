import { PassThrough, type Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { ShellEnd } from '../../../shared/api/shell.js';
import { engineCall } from '../engine/call.js';
import { fail } from '../errors.js';
import { errorEnd, Session, type FlowOptions, type SessionSink } from './session.js';

export interface ExecSpec {
  /** The container the exec runs in: the target itself (plain docker exec) or the helper container. */
  containerId: string;
  cmd: string[];
  env: Record<string, string>;
  user?: string;
  workingDir?: string;
  tty: boolean;
  cols: number;
  rows: number;
  /** For messages: what the exec runs in, e.g. "container web" or "the helper container nsinspect-helper-…". */
  where?: string;
}

/**
 * Stops an exec's process tree. The engine API has no call to kill an exec, so whoever opened it
 * kills its PID (exec inspect's Pid, in the engine's PID namespace).
 */
export type ExecKiller = (pid: number) => Promise<void>;

/** A session over an engine exec: output from the hijacked stream, resize through the exec resize API. */
export class ExecSession extends Session {
  private stream!: Duplex;
  private exec!: Docker.Exec;
  private closing = false;
  private done!: Promise<void>;
  private poll: NodeJS.Timeout | null = null;
  private exitedAt = 0;
  onExit: ((end: ShellEnd) => ShellEnd | Promise<ShellEnd>) | null = null;
  /** Without a TTY the engine multiplexes stdout and stderr; stderr goes here. */
  onStderr: ((chunk: Buffer) => void) | null = null;

  private constructor(
    id: string,
    sink: SessionSink,
    private readonly docker: Docker,
    private readonly spec: ExecSpec,
    private readonly killer: ExecKiller,
    flow?: FlowOptions,
  ) {
    super(id, sink, flow);
  }

  static async open(
    id: string,
    sink: SessionSink,
    docker: Docker,
    spec: ExecSpec,
    killer: ExecKiller,
    flow?: FlowOptions,
  ): Promise<ExecSession> {
    const s = new ExecSession(id, sink, docker, spec, killer, flow);
    await s.start();
    return s;
  }

  private async start(): Promise<void> {
    const { spec } = this;
    const where = spec.where ?? `container ${spec.containerId.slice(0, 12)}`;
    this.exec = await engineCall(`creating an exec of ${spec.cmd[0]} in ${where}`, () =>
      this.docker.getContainer(spec.containerId).exec({
        Cmd: spec.cmd,
        Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: spec.tty,
        ...(spec.user ? { User: spec.user } : {}),
        ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
      }),
    );
    this.stream = await engineCall(`starting an exec of ${spec.cmd[0]} in ${where}`, () =>
      this.exec.start({ hijack: true, stdin: true, Tty: spec.tty }),
    );
    if (spec.tty) {
      this.stream.on('data', (d: Buffer) => this.output(d));
      await engineCall(`sizing the terminal in ${where}`, () => this.exec.resize({ h: spec.rows, w: spec.cols })).catch(() => undefined);
    } else {
      const out = new PassThrough();
      const err = new PassThrough();
      this.docker.modem.demuxStream(this.stream, out, err);
      out.on('data', (d: Buffer) => this.output(d));
      err.on('data', (d: Buffer) => this.onStderr?.(d));
    }
    this.done = new Promise((resolve) => {
      let seen = false;
      const ended = async () => {
        if (seen) return;
        seen = true;
        let end: ShellEnd = { reason: 'closed' };
        if (!this.closing) {
          const info = await this.inspect().catch(() => null);
          end =
            info && info.ExitCode !== null && info.ExitCode !== undefined
              ? { reason: 'exited', code: info.ExitCode, signal: null }
              : errorEnd(fail('shell.no-exit-code'));
          if (this.onExit) end = await this.onExit(end);
        }
        setTimeout(() => {
          this.finish(end);
          resolve();
        }, 5);
      };
      const onEnded = () => this.settle(ended, resolve);
      this.stream.on('end', onEnded);
      this.stream.on('close', onEnded);
      this.stream.on('error', onEnded);
      // The engine does not always end the stream when the exec's process exits (seen on 20.10
      // when nsenter forked into a PID namespace while stdin stays open): ask it as well.
      // Output may still be on its way (or held by flow control): end once it has gone quiet.
      this.poll = setInterval(() => {
        if (seen) return;
        if (this.exitedAt) {
          if (!this.sourcePaused && Date.now() - this.lastData > 250) void ended();
          return;
        }
        void this.inspect().then(
          (info) => {
            if (!info.Running) this.exitedAt = Date.now();
          },
          () => undefined,
        );
      }, 200);
    });
    void this.done.then(() => this.poll && clearInterval(this.poll));
  }

  write(data: Buffer): void {
    if (!this.isEnded) this.stream.write(data);
  }

  /** End of input (non-TTY use): the program sees EOF on stdin. */
  endInput(): void {
    (this.stream as Duplex & { end(): void }).end();
  }

  resize(cols: number, rows: number): void {
    if (!this.isEnded && this.spec.tty) void this.exec.resize({ h: rows, w: cols }).catch(() => undefined);
  }

  signal(sig: NodeJS.Signals): void {
    // A TTY turns ^C and ^\ into signals to its foreground group, which is what a user means.
    if (sig === 'SIGINT') this.write(Buffer.from([3]));
    else if (sig === 'SIGQUIT') this.write(Buffer.from([0x1c]));
    else void this.pid().then((pid) => (pid ? this.killer(pid) : undefined));
  }

  /** The exec's state, with a deadline: an engine that stopped answering must not hold the session forever. */
  private inspect(): Promise<Docker.ExecInspectInfo> {
    return engineCall(`inspecting an exec in ${this.spec.where ?? `container ${this.spec.containerId.slice(0, 12)}`}`, () =>
      this.exec.inspect(),
    );
  }

  private async pid(): Promise<number | null> {
    const info = await this.inspect().catch(() => null);
    return info?.Running && info.Pid ? info.Pid : null;
  }

  protected pauseSource(): void {
    this.stream.pause();
  }
  protected resumeSource(): void {
    this.stream.resume();
  }

  async kill(): Promise<void> {
    this.closing = true;
    this.stream.resume();
    const pid = await this.pid();
    if (pid) await this.killer(pid).catch(() => undefined);
    this.stream.destroy();
    await Promise.race([this.done, new Promise((r) => setTimeout(r, 2000))]);
    this.finish({ reason: 'closed' });
  }
}
