import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Container, EngineKind } from '../../shared/model/index.js';
import type { EngineEvents } from '../../electron/core/engine/engine.js';
import { MultiEngine } from '../../electron/core/engine/multi.js';
import type { ContainerEngine } from '../../electron/core/engine/types.js';
import { NsInspectError } from '../../electron/core/errors.js';

const container = (id: string, engine: EngineKind): Container => ({
  id,
  name: id,
  image: 'i',
  state: 'running',
  status: '',
  pid: 1,
  created: 0,
  hostname: '',
  modes: { network: 'default', pid: '', ipc: '', uts: '', userns: '', cgroupns: '' },
  networks: [],
  labels: {},
  engine,
});

/** An engine with a fixed list, or one that cannot be reached. */
function fake(kind: 'docker' | 'containerd', ids: string[], down?: string): ContainerEngine {
  const list = ids.map((id) => container(id, kind));
  const e = Object.assign(new EventEmitter<EngineEvents>(), {
    kind,
    endpoint: { url: `unix:///${kind}.sock`, source: 'option' as const, reason: 'test' },
    live: false,
    timeoutMs: 1000,
    state: down
      ? {
          status: 'unreachable' as const,
          endpoint: { url: '', source: 'option' as const, reason: '' },
          message: down,
          hint: '',
          retryInMs: 0,
        }
      : { status: 'connecting' as const, endpoint: { url: '', source: 'option' as const, reason: '' } },
    // Not used here: MultiEngine hands out the Docker engine's dockerode.
    docker: undefined as never,
    start: () => (down ? Promise.reject(new NsInspectError('engine', down)) : Promise.resolve()),
    details: () => Promise.resolve(),
    list: () => list,
    notes: () => [],
    async resolve(ref: string) {
      if (down) throw new NsInspectError('engine', down);
      const c = list.find((x) => x.id === ref);
      if (!c) throw new NsInspectError('not-found', `no such container: ${ref}`);
      return c;
    },
    async resolveRaw(ref: string) {
      return { container: await this.resolve(ref), raw: { Id: ref } };
    },
    inspectRaw: async (id: string) => ({ Id: id }),
    keptWhileAway: false,
    networks: () => Promise.resolve([]),
    stop: () => Promise.resolve(),
  });
  return e;
}

describe('--engine all: both engines as one', () => {
  it('lists both; resolves each container by the engine that holds it', async () => {
    const m = new MultiEngine([fake('docker', ['web']), fake('containerd', ['pod-app'])]);
    await m.start();
    expect(m.list().map((c) => `${c.engine}:${c.id}`)).toEqual(['containerd:pod-app', 'docker:web']);
    expect((await m.resolve('pod-app')).engine).toBe('containerd');
    expect((await m.resolve('web')).engine).toBe('docker');
    await expect(m.resolve('nope')).rejects.toThrow(
      /no such container: nope \(on docker unix:\/\/\/docker.sock nor containerd unix:\/\/\/containerd.sock\)/,
    );
  });

  it('a name in both engines is ambiguous, not a guess', async () => {
    const m = new MultiEngine([fake('docker', ['web']), fake('containerd', ['web'])]);
    await expect(m.resolve('web')).rejects.toThrow(/names a container in docker and containerd/);
  });

  it('one engine down: the other answers, and a note says what was left out', async () => {
    const m = new MultiEngine([fake('docker', ['web']), fake('containerd', [], 'containerd unreachable: no socket')]);
    await m.start();
    expect(m.list().map((c) => c.id)).toEqual(['web']);
    expect(m.notes()).toEqual(['containerd at unix:///containerd.sock left out: containerd unreachable: no socket']);
    expect((await m.resolve('web')).id).toBe('web');
  });

  it('both down: the first one’s error', async () => {
    const m = new MultiEngine([fake('docker', [], 'docker gone'), fake('containerd', [], 'containerd gone')]);
    await expect(m.start()).rejects.toThrow('docker gone');
  });
});
