import type { ShellEnd, ShellSession } from '../../../shared/api/shell.js';
import { fail, NsInspectError } from '../errors.js';

export interface FlowOptions {
  /** Output is handed on at most this often (ms)… */
  batchMs: number;
  /** …or as soon as this many bytes are waiting. */
  batchBytes: number;
  /** Unacknowledged bytes at which the producer is paused, and resumed below low. */
  high: number;
  low: number;
}

export const DEFAULT_FLOW: FlowOptions = { batchMs: 8, batchBytes: 64 * 1024, high: 512 * 1024, low: 256 * 1024 };

export interface SessionSink {
  data(id: string, data: Uint8Array): void;
  end(id: string, end: ShellEnd): void;
}

/**
 * What every session kind shares: output batching (bytes, never decoded here), flow control by
 * watermarks on what the consumer has acknowledged, and reporting the end exactly once.
 * Subclasses provide the producer: write, resize, signal, pause/resume and kill.
 */
export abstract class Session {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private echoDue = false;
  /** Output is held until the caller of open() knows the session's id. */
  private held = true;
  private pendingEnd: ShellEnd | null = null;
  private unacked = 0;
  private paused = false;
  private ended = false;
  /** When the producer last gave output (or was resumed): how sessions tell a stream that has gone quiet. */
  protected lastData = Date.now();
  /** Set by the manager once open() has returned, so no output is lost before that. */
  info!: ShellSession;
  /** Set by the manager when it ends a session for a reason of its own (the container stopped). */
  endOverride: ShellEnd | null = null;

  constructor(
    readonly id: string,
    private readonly sink: SessionSink,
    private readonly flow: FlowOptions = DEFAULT_FLOW,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  /** The producer is paused by flow control (a quiet stream then means nothing). */
  protected get sourcePaused(): boolean {
    return this.paused;
  }

  abstract write(data: Buffer): void;
  abstract resize(cols: number, rows: number): void;
  abstract signal(sig: NodeJS.Signals): void;
  protected abstract pauseSource(): void;
  protected abstract resumeSource(): void;
  /** Stops the program and everything it started; resolves when nothing is left. */
  abstract kill(): Promise<void>;

  /** Output from the producer. */
  protected output(chunk: Buffer | Uint8Array): void {
    this.lastData = Date.now();
    if (this.ended || !chunk.length) return;
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.pending.push(b);
    this.pendingBytes += b.length;
    this.unacked += b.length;
    if (!this.paused && this.unacked >= this.flow.high) {
      this.paused = true;
      this.pauseSource();
    }
    // After a quiet spell the first bytes go at once (a key echo must not wait for a batch);
    // under sustained output they are gathered for up to batchMs or batchBytes.
    // The first output after input (an echo) goes at once as well.
    const now = Date.now();
    if (this.pendingBytes >= this.flow.batchBytes || this.echoDue || (!this.timer && now - this.lastFlush >= this.flow.batchMs)) {
      this.echoDue = false;
      this.flush();
    } else this.timer ??= setTimeout(() => this.flush(), this.flow.batchMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pendingBytes || this.held) return;
    this.lastFlush = Date.now();
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.sink.data(this.id, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }

  /** Lets output through (the manager calls it once open() has returned the id). */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.flush();
    if (this.pendingEnd) {
      const end = this.pendingEnd;
      this.pendingEnd = null;
      this.ended = false;
      this.finish(end);
    }
  }

  /** Input was sent: the output it causes (the echo) is not held back for a batch. */
  noteInput(): void {
    this.echoDue = true;
  }

  ack(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked <= this.flow.low) {
      this.paused = false;
      this.lastData = Date.now();
      this.resumeSource();
    }
  }

  /** Reports the end once, after any output still waiting. */
  /**
   * Runs an asynchronous end (asking the engine why, the manager's onExit) from an event
   * handler, where nobody awaits it: if it fails, the session still ends, as an error.
   */
  protected settle(step: () => Promise<void>, done: () => void): void {
    step().catch((e: unknown) => {
      this.finish(errorEnd(e));
      done();
    });
  }

  protected finish(end: ShellEnd): void {
    if (this.ended) return;
    if (this.held) {
      // Ended before anyone could listen: reported on release.
      this.ended = true;
      this.pendingEnd = end;
      return;
    }
    this.flush();
    this.ended = true;
    this.sink.end(this.id, this.endOverride ?? end);
  }
}

/** The line a terminal shows when its session is over. */
export function describeEnd(end: ShellEnd): string {
  switch (end.reason) {
    case 'exited':
      return end.signal ? `[process killed by ${end.signal}]` : `[process exited with code ${end.code}]`;
    case 'container-stopped':
      return '[container stopped]';
    case 'closed':
      return '[session closed]';
    case 'error':
      return `[error: ${end.message}]`;
  }
}

/** A failure as a terminal's end: the error's catalogued message, or its text as the detail. */
export function errorEnd(e: unknown): ShellEnd {
  const err = e instanceof NsInspectError && e.id ? e : fail('shell.failed', { detail: e instanceof Error ? e.message : String(e) });
  // A failure without a catalogued message keeps its own text for the CLI.
  const message = e instanceof Error && !(e instanceof NsInspectError && e.id) ? e.message : err.message;
  return { reason: 'error', message, id: err.id!, params: err.params ?? {} };
}
