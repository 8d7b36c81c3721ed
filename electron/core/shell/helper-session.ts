import type { ShellEnd } from '../../../shared/api/shell.js';
import type { HostHelperClient } from '../access/host-helper/client.js';
import { fail } from '../errors.js';
import { errorEnd, Session, type FlowOptions, type SessionSink } from './session.js';

/** A shell run by the host helper, on one channel of its protocol. */
export class HelperSession extends Session {
  private readonly off: () => void;
  private done!: Promise<void>;
  private closing = false;
  onExit: ((end: ShellEnd) => ShellEnd | Promise<ShellEnd>) | null = null;
  onStderr: ((chunk: Buffer) => void) | null = null;

  constructor(
    id: string,
    sink: SessionSink,
    private readonly client: HostHelperClient,
    readonly ch: number,
    flow?: FlowOptions,
  ) {
    super(id, sink, flow);
    let resolveEnded!: () => void;
    this.done = new Promise((r) => (resolveEnded = r));
    const onData = (c: number, d: Buffer) => c === ch && this.output(d);
    const onErr = (c: number, d: Buffer) => c === ch && this.onStderr?.(d);
    const ended = async (end: ShellEnd) => {
      this.off();
      const e = this.closing ? { reason: 'closed' as const } : this.onExit ? await this.onExit(end) : end;
      this.finish(e);
      resolveEnded();
    };
    const onEnd = (c: number, end: ShellEnd) => {
      if (c !== ch) return;
      this.settle(() => ended(end), resolveEnded);
    };
    const onExit = () => {
      this.off();
      this.finish(errorEnd(fail('shell.helper-exited', { detail: client.exitReason || 'the host helper exited' })));
      resolveEnded();
    };
    client.on('data', onData);
    client.on('stderr', onErr);
    client.on('end', onEnd);
    client.on('exit', onExit);
    this.off = () => {
      client.off('data', onData);
      client.off('stderr', onErr);
      client.off('end', onEnd);
      client.off('exit', onExit);
    };
    client.attach(ch);
  }

  write(data: Buffer): void {
    if (!this.isEnded) this.client.send({ t: 'data', ch: this.ch }, data);
  }
  endInput(): void {
    this.client.send({ t: 'eof', ch: this.ch });
  }
  resize(cols: number, rows: number): void {
    if (!this.isEnded) this.client.send({ t: 'resize', ch: this.ch, cols, rows });
  }
  signal(sig: NodeJS.Signals): void {
    if (!this.isEnded) this.client.send({ t: 'signal', ch: this.ch, sig });
  }
  protected pauseSource(): void {
    this.client.send({ t: 'pause', ch: this.ch });
  }
  protected resumeSource(): void {
    this.client.send({ t: 'resume', ch: this.ch });
  }
  async kill(): Promise<void> {
    this.closing = true;
    this.client.send({ t: 'close', ch: this.ch });
    await Promise.race([this.done, new Promise((r) => setTimeout(r, 3000))]);
    this.off();
    this.finish({ reason: 'closed' });
  }
}
