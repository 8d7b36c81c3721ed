import { describe, expect, it } from 'vitest';
import type { EngineContext } from '../../shared/model/index.js';
import { CONTAINERD_HOST, hostContexts } from '../../electron/core/hosts/contexts.js';
import { HostSet, type HostRuntime } from '../../electron/core/hosts/host-set.js';

const ctx = (name: string, endpoint = `ssh://${name}`): EngineContext => ({
  name,
  description: '',
  endpoint,
  tls: null,
  current: name === 'default',
});
const docker =
  (...names: string[]) =>
  () => ({ contexts: names.map((n) => ctx(n)), current: { name: 'default' } });

describe('the hosts a window can open', () => {
  it('offers the local containerd beside the docker contexts where its socket is, at CONTAINERD_ADDRESS', () => {
    const env = { CONTAINERD_ADDRESS: '/run/k3s/containerd/containerd.sock' };
    const got = hostContexts(env, () => true, docker('default', 'staging'));
    expect(got.contexts.map((c) => [c.name, c.endpoint, c.engine])).toEqual([
      ['default', 'ssh://default', undefined],
      ['staging', 'ssh://staging', undefined],
      [CONTAINERD_HOST, 'unix:///run/k3s/containerd/containerd.sock', 'containerd'],
    ]);
    expect(hostContexts(env, () => false, docker('default')).contexts.map((c) => c.name)).toEqual(['default']);
    // A docker context of that name is the user's: it wins.
    expect(
      hostContexts(env, () => true, docker('default', 'containerd')).contexts.find((c) => c.name === 'containerd')!.engine,
    ).toBeUndefined();
  });

  it('opens the containerd entry through the factory with the entry, and tags unix:// hosts as this kernel', () => {
    const made: Array<[string | null, EngineContext | undefined]> = [];
    const runtime = (url: string) =>
      ({
        service: { engine: { endpoint: { url } }, engineState: () => ({ status: 'connecting' }), onEngineState: () => () => undefined },
        shells: null,
        settings: {},
        close: async () => undefined,
      }) as unknown as HostRuntime;
    const set = new HostSet(
      (context, entry) => (
        made.push([context, entry]),
        runtime(context === CONTAINERD_HOST ? 'unix:///run/containerd/containerd.sock' : 'ssh://x')
      ),
      () => hostContexts({}, () => true, docker('default')),
    );
    set.open(null);
    const c = set.open(CONTAINERD_HOST);
    expect(made[1]![1]!.engine).toBe('containerd');
    expect(c.tag).toMatchObject({ key: 'containerd', kernel: 'local' });
    expect(set.get(null).tag.kernel).toBeUndefined();
  });
});
