import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Container } from '../../shared/model/index.js';
import { directWorks } from '../../electron/core/access/select.js';
import { container } from '../renderer/fake-api.js';

// No PID reaches pid_max: the kernel's own bound makes these certainly dead.
const PID_MAX = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
// The "container" that is readable is this test process: its id is a piece of its own cgroup file.
const ownCgroup = readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n')[0]!;

function engineOf(list: Container[]) {
  return {
    start: async () => undefined,
    list: () => list,
    endpoint: { url: 'unix:///nonexistent/engine.sock', source: 'DOCKER_HOST' as const, reason: 'test' },
  };
}

describe('directWorks: can this process read the containers itself', () => {
  it('looks past a container that is gone to the next readable one', async () => {
    const r = await directWorks(engineOf([container('gone', { pid: PID_MAX }), container('here', { id: ownCgroup, pid: process.pid })]));
    expect(r).toEqual({
      ok: true,
      why: 'the namespaces of here are readable here',
      whySaid: { id: 'access.why-readable', params: { name: 'here' } },
    });
  });

  it('looks at no more than the first three', async () => {
    const dead = [1, 2, 3].map((i) => container(`gone${i}`, { pid: PID_MAX + i }));
    const r = await directWorks(engineOf([...dead, container('here', { id: ownCgroup, pid: process.pid })]));
    expect(r.ok).toBe(false);
    expect(r.why).toContain(`gone1, pid ${PID_MAX + 1}; gone2, pid ${PID_MAX + 2}; gone3, pid ${PID_MAX + 3}`);
  });

  it('a remote engine is never read directly, even when a PID it names is readable here', async () => {
    const e = { ...engineOf([container('here', { id: ownCgroup, pid: process.pid })]) };
    const r = await directWorks({ ...e, endpoint: { url: 'ssh://me@box', source: 'DOCKER_HOST', reason: 'test' } });
    expect(r).toEqual({
      ok: false,
      why: 'the engine is on another host (ssh://me@box)',
      whySaid: { id: 'access.why-remote', params: { url: 'ssh://me@box' } },
    });
  });

  it('a readable process that is not the container (another PID namespace view) does not count', async () => {
    const r = await directWorks(engineOf([container('elsewhere', { id: 'f'.repeat(64), pid: process.pid })]));
    expect(r.ok).toBe(false);
    expect(r.why).toContain(`elsewhere, pid ${process.pid}`);
  });
});
