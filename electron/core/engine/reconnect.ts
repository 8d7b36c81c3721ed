/**
 * Reconnection backoff: a daemon restarted by systemd is back in a second or two, and the app
 * should follow it within a few seconds, not after a 30 s backoff.
 */
export const RETRY_FIRST_MS = 250;
export const RETRY_CAP_MS = 2000;

/**
 * How an engine (Docker's API, containerd's) reaches its daemon: one connect at a time however
 * many callers wait for it, and while the daemon is gone a retry after a delay that doubles up to
 * RETRY_CAP_MS. One-shot use (the CLI) never retries: it reports and exits.
 */
export class Reconnect {
  private timer: NodeJS.Timeout | null = null;
  private pending: Promise<void> | null = null;
  private delay = RETRY_FIRST_MS;
  private stopped = false;

  constructor(
    private readonly connect: () => Promise<void>,
    /** What a retry does: the engine's start(), which does nothing once connected meanwhile. */
    private readonly retry: () => Promise<void>,
    private readonly live: boolean,
  ) {}

  /** Connects, or joins the connect under way. */
  run(): Promise<void> {
    this.pending ??= this.connect().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Connected: the next outage starts over from the first delay. */
  connected(): void {
    this.delay = RETRY_FIRST_MS;
  }

  /** What the next retry waits, as the engine's state tells it (0: none will come). */
  get nextMs(): number {
    return this.live && !this.stopped ? this.delay : 0;
  }

  /** The daemon is gone: try again after the delay, once however often this is called meanwhile. */
  retryLater(): void {
    if (this.timer || !this.live || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.retry().catch(() => undefined);
    }, this.delay);
    this.timer.unref?.();
    this.delay = Math.min(this.delay * 2, RETRY_CAP_MS);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
