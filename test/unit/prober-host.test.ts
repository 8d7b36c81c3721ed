import { describe, expect, it } from 'vitest';
import type { ProbeAccess } from '../../electron/core/access/access.js';
import { Prober } from '../../electron/core/probe/inspect.js';

// The host reference is looked up through the access backend; when that fails (a helper's exec
// past its deadline) the caller gets the error, the process does not get an unhandled
// rejection (serve died of one in CI), and the next inspection looks again.
describe('the prober’s host reference when the backend fails', () => {
  it('rejects for the caller, leaves no unhandled rejection, and looks again next time', async () => {
    let reads = 0;
    const failing = new Proxy({ kind: 'docker-helper' } as unknown as ProbeAccess, {
      get: (t, k) =>
        k === 'kind'
          ? 'docker-helper'
          : () => {
              reads++;
              return Promise.reject(new Error('the engine did not answer inspecting an exec within 10 s'));
            },
    });
    const stray: unknown[] = [];
    const onStray = (e: unknown) => stray.push(e);
    process.on('unhandledRejection', onStray);
    try {
      const p = new Prober(failing);
      await expect(p.hostReference()).rejects.toThrow(/did not answer/);
      await new Promise((r) => setTimeout(r, 20));
      expect(stray).toEqual([]);
      const before = reads;
      await expect(p.hostReference()).rejects.toThrow(/did not answer/);
      expect(reads).toBeGreaterThan(before);
    } finally {
      process.off('unhandledRejection', onStray);
    }
  });
});
