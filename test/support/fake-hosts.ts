// Engine hosts for tests of the several-hosts layer: each a fake stack with one container "web"
// (the same ID on every host, as when two contexts reach one engine), over the contexts
// default, staging and spare.
import { EventEmitter } from 'node:events';
import { NS_TYPES, type Container, type ContainerEvent, type EngineContext, type Inspection } from '../../shared/model/index.js';
import { HostSet, type HostRuntime } from '../../electron/core/hosts/host-set.js';
import type { NsInspectService } from '../../electron/core/service.js';
import { container } from '../renderer/fake-api.js';

export const ID = 'a'.repeat(64);

export function inspection(c: Container, hostname: string): Inspection {
  return {
    target: { kind: 'container', pid: 100, container: c },
    access: 'direct',
    host: { pid: 1, comm: 'init', reason: 'test', namespaces: { net: 4026531840 } },
    namespaces: NS_TYPES.map((type) => ({ type, inode: type === 'net' ? 4026532000 : 4026531830, device: null, sharedWithHost: false })),
    childNamespaces: [],
    net: { interfaces: [], routes: [] },
    pid: { processes: [] },
    mnt: { mounts: [] },
    uts: { hostname, domainname: '(none)' },
    ipc: { shm: [], sem: [], msg: [], mqueue: [] },
    user: { uidMap: [], gidMap: [], setgroups: 'allow', parent: null, owner: null },
    cgroup: { hostView: [], nsView: null },
    time: { offsets: [] },
    elapsedMs: 0,
  };
}

/** A host's stack with one container "web" (the same ID on every host, as when two contexts reach one engine). */
export function fakeHost(url: string, log: string[]) {
  const bus = new EventEmitter();
  const web = container('web', { id: ID, namespaces: { net: 4026532000 } });
  const service = {
    engine: { endpoint: { url } },
    engineState: () => ({ status: 'connected', endpoint: { url, source: 'option', reason: 'test' } }),
    listContainers: async () => [web],
    inspect: async (ref: string) => (log.push(`${url} inspect ${ref}`), inspection(web, url)),
    compare: async (a: string, b: string) => {
      log.push(`${url} compare ${a} ${b}`);
      return { a: inspection(web, url), b: inspection(web, url), namespaces: [], diff: {} };
    },
    onContainers: (l: (e: ContainerEvent) => void) => (bus.on('c', l), () => bus.off('c', l)),
    onEngineState: (l: (e: unknown) => void) => (bus.on('s', l), () => bus.off('s', l)),
  };
  const runtime: HostRuntime = {
    service: service as unknown as NsInspectService,
    shells: null,
    settings: new EventEmitter() as never,
    close: async () => void log.push(`${url} closed`),
  };
  return { runtime, bus };
}

/** A HostSet over the fake hosts; `log` records the calls each host answered. */
export function fakeHostSet(log: string[]) {
  const contexts: EngineContext[] = ['default', 'staging', 'spare'].map((name) => ({
    name,
    description: '',
    endpoint: `ssh://${name}`,
    tls: null,
    current: name === 'default',
  }));
  const made = new Map<string, ReturnType<typeof fakeHost>>();
  const set = new HostSet(
    (context) => {
      const h = fakeHost(`ssh://${context ?? 'default'}`, log);
      made.set(context ?? 'default', h);
      return h.runtime;
    },
    () => ({ contexts, current: { name: 'default' } }),
  );
  return { set, made };
}
