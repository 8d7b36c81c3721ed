import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { DockerHelper } from '../../electron/core/access/docker-helper.js';

// The helper container is privileged: one failed remove request must not leave it running.
// The engine here is a stand-in that fails the way a busy remote link does; the real removes are
// in test/access (helpers.test.ts, docker-helper-heal.test.ts).
function helperWith(answers: Array<number | null>) {
  const calls: string[] = [];
  const docker = {
    getContainer: (id: string) => ({
      remove: async () => {
        calls.push(id);
        const status = answers.shift() ?? null;
        if (status !== null) throw Object.assign(new Error(`HTTP ${status}`), { statusCode: status });
      },
    }),
  } as unknown as Docker;
  const make = DockerHelper as unknown as new (d: Docker, id: string, image: string, name: string) => DockerHelper;
  return { helper: new make(docker, 'c0ffee', 'busybox', 'nsinspect-helper-test'), calls };
}

describe('stopping the docker-helper', () => {
  it('tries the remove again when a request fails, and stops trying once it went through', async () => {
    const { helper, calls } = helperWith([500, null]);
    await helper.stop();
    expect(calls).toEqual(['c0ffee', 'c0ffee']);
    await helper.stop();
    expect(calls).toHaveLength(2);
  });

  it('takes a container already gone, or being removed, as removed', async () => {
    for (const status of [404, 409]) {
      const { helper, calls } = helperWith([status]);
      await helper.stop();
      expect(calls).toHaveLength(1);
    }
  });

  it('gives up after three tries (the next start sweeps what is left)', async () => {
    const { helper, calls } = helperWith([500, 500, 500, 500]);
    await helper.stop();
    expect(calls).toHaveLength(3);
  });
});
