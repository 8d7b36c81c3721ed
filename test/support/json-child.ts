import type { ChildProcess } from 'node:child_process';

/**
 * A child process (often run as a throwaway user) that reports in JSON lines on stdout:
 * what it said, its stderr, and a way to wait for a message or write one to its stdin.
 */
export class JsonLinesChild {
  readonly msgs: Record<string, unknown>[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(readonly proc: ChildProcess) {
    let buf = '';
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        try {
          this.msgs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          this.stderr += `[stdout] ${line}\n`;
        }
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((r) => proc.on('exit', (c) => r(c)));
  }

  /** The first message that has this key; fails early when the child exits without it. */
  async waitFor(key: string, ms = 30_000): Promise<Record<string, unknown>> {
    const t = Date.now();
    while (Date.now() - t < ms) {
      const m = this.msgs.find((x) => key in x);
      if (m) return m;
      if (this.proc.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const last = this.msgs.find((x) => key in x);
    if (last) return last; // said just before it exited
    throw new Error(`no "${key}" from the child: ${JSON.stringify(this.msgs)} ${this.stderr.slice(-2000)}`);
  }

  send(message: unknown): void {
    this.proc.stdin!.write(`${JSON.stringify(message)}\n`);
  }
}
