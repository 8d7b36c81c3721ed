import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reconnect, RETRY_CAP_MS, RETRY_FIRST_MS } from '../../electron/core/engine/reconnect.js';

// The backoff both engines (Docker's API, containerd's) share, on node's own timers faked.
describe('Reconnect', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('joins callers to the connect under way', async () => {
    let connects = 0;
    let finish!: () => void;
    const link = new Reconnect(
      () => (connects++, new Promise<void>((r) => (finish = r))),
      () => Promise.resolve(),
      true,
    );
    const both = Promise.all([link.run(), link.run()]);
    finish();
    await both;
    expect(connects).toBe(1);
    await Promise.all([link.run(), (finish(), Promise.resolve())]);
    expect(connects).toBe(2);
  });

  it('retries after a delay that doubles to the cap, once however often the outage is told, and starts over when connected', async () => {
    const at: number[] = [];
    const t0 = Date.now();
    const link = new Reconnect(
      () => Promise.resolve(),
      async () => void at.push(Date.now() - t0),
      true,
    );
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(link.nextMs);
      link.retryLater();
      link.retryLater();
      await vi.runOnlyPendingTimersAsync();
    }
    expect(delays).toEqual([RETRY_FIRST_MS, 2 * RETRY_FIRST_MS, 4 * RETRY_FIRST_MS, RETRY_CAP_MS, RETRY_CAP_MS, RETRY_CAP_MS]);
    expect(at.length).toBe(6);
    link.connected();
    expect(link.nextMs).toBe(RETRY_FIRST_MS);
    expect(RETRY_CAP_MS).toBeLessThanOrEqual(5000);
  });

  it('never retries for one-shot use, nor after stop', async () => {
    let retries = 0;
    const once = new Reconnect(
      () => Promise.resolve(),
      async () => void retries++,
      false,
    );
    once.retryLater();
    expect(once.nextMs).toBe(0);
    const stopped = new Reconnect(
      () => Promise.resolve(),
      async () => void retries++,
      true,
    );
    stopped.retryLater();
    stopped.stop();
    stopped.retryLater();
    await vi.runAllTimersAsync();
    expect(retries).toBe(0);
    expect(stopped.nextMs).toBe(0);
  });
});
