import { describe, expect, it } from 'vitest';
import { isPodman, podsFromLibpod } from '../../electron/core/engine/pods.js';

const id = (c: string) => c.repeat(64);

describe("Podman's pods from its own container list", () => {
  it('maps each container to its pod, marking the infra container; malformed entries are left out', () => {
    const pods = podsFromLibpod([
      { Id: id('a'), Pod: id('f'), PodName: 'web', IsInfra: true },
      { Id: id('b'), Pod: id('f'), PodName: 'web', IsInfra: false },
      { Id: id('c'), Pod: '' },
      { Id: 'not-an-id', Pod: id('f') },
      null,
    ]);
    expect([...pods.entries()]).toEqual([
      [id('a'), { id: id('f'), name: 'web', infra: true }],
      [id('b'), { id: id('f'), name: 'web', infra: false }],
    ]);
    expect(podsFromLibpod({ message: 'not a list' }).size).toBe(0);
  });

  it('only a Libpod server is asked', () => {
    expect(isPodman({ server: 'Libpod/4.3.1 (linux)' })).toBe(true);
    expect(isPodman({ server: 'Docker/20.10.24+dfsg1 (linux)' })).toBe(false);
    expect(isPodman({ server: null })).toBe(false);
  });
});
