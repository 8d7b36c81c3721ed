import { spawn, type ChildProcess } from 'node:child_process';
import type { ShellEnd } from '../../../shared/api/shell.js';
import { killTree } from './proctree.js';
import { errorEnd, Session, type FlowOptions, type SessionSink } from './session.js';

/** A program without a terminal (the CLI with no TTY on stdin): stdin, stdout, stderr as pipes. */
export class ProcessSession extends Session {
  private readonly child: ChildProcess;
  private closing = false;
  private readonly exited: Promise<void>;
  onExit: ((end: ShellEnd) => ShellEnd | Promise<ShellEnd>) | null = null;
  onStderr: ((chunk: Buffer) => void) | null = null;

  constructor(id: string, sink: SessionSink, argv: string[], env: Record<string, string>, flow?: FlowOptions) {
    super(id, sink, flow);
    this.child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => this.output(d));
    this.child.stderr!.on('data', (d: Buffer) => this.onStderr?.(d));
    this.child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      const done = async (code: number | null, signal: NodeJS.Signals | null) => {
        let end: ShellEnd = this.closing ? { reason: 'closed' } : { reason: 'exited', code: code ?? 128, signal };
        if (!this.closing && this.onExit) end = await this.onExit(end);
        this.finish(end);
        resolve();
      };
      this.child.on('close', (code, signal) => this.settle(() => done(code, signal), resolve));
      this.child.on('error', (e) => {
        this.finish(errorEnd(e));
        resolve();
      });
    });
  }

  write(data: Buffer): void {
    if (this.child.stdin?.writable) this.child.stdin.write(data);
  }
  endInput(): void {
    this.child.stdin?.end();
  }
  resize(): void {}
  signal(sig: NodeJS.Signals): void {
    this.child.kill(sig);
  }
  protected pauseSource(): void {
    this.child.stdout?.pause();
  }
  protected resumeSource(): void {
    this.child.stdout?.resume();
  }
  async kill(): Promise<void> {
    this.closing = true;
    if (this.child.pid) await killTree(this.child.pid);
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000))]);
    this.finish({ reason: 'closed' });
  }
}
