import type { Comparison } from '../../shared/model/comparison.js';
import { NS_TYPES } from '../../shared/model/nstype.js';
import { container } from './fake-api.js';

export const HOST_NS = { cgroup: 1, ipc: 2, mnt: 3, net: 4, pid: 5, time: 6, user: 7, uts: 8 } as const;
const L = '/var/lib/docker/overlay2';

/** An inspection as the engine returns it, small: one process, one interface, an overlay root with Docker's init layer. */
export function sampleInspection(name: string, ns: Record<string, number>, target: 'container' | 'host' = 'container', pid = 100) {
  return {
    target: target === 'host' ? { kind: 'host', pid: 1 } : { kind: 'container', pid, container: container(name, { pid }) },
    access: 'direct',
    host: { pid: 1, comm: 'systemd', reason: '', namespaces: HOST_NS },
    namespaces: NS_TYPES.map((t) => ({ type: t, inode: ns[t], device: 4, sharedWithHost: ns[t] === HOST_NS[t] })),
    childNamespaces: [],
    net: { interfaces: [], routes: [] },
    pid: {
      processes: [
        { hostPid: pid, nsPid: 1, nsPids: [pid, 1], ppid: 50, uid: 0, user: 'root', comm: 'sleep', command: 'sleep 1000', state: 'S' },
      ],
    },
    mnt: {
      mounts: [
        {
          mountId: 1,
          parentId: 0,
          device: '0:1',
          root: '/',
          mountPoint: '/',
          options: 'rw',
          fsType: 'overlay',
          source: 'overlay',
          superOptions: '',
        },
        {
          mountId: 2,
          parentId: 1,
          device: '8:1',
          root: `/var/lib/docker/containers/${'f'.repeat(64)}/resolv.conf`,
          mountPoint: '/etc/resolv.conf',
          options: 'rw',
          fsType: 'ext4',
          source: '/dev/vda1',
          superOptions: '',
        },
      ],
      overlay: {
        upperDir: `${L}/${name}/diff`,
        workDir: `${L}/${name}/work`,
        lowerDirs: [`${L}/${name}-init/diff`, `${L}/image1/diff`],
        lowerLayers: [],
        mergedDir: `${L}/${name}/merged`,
        engineAgrees: true,
      },
    },
    uts: { hostname: name, domainname: '(none)' },
    ipc: { shm: [], sem: [], msg: [], mqueue: [] },
    user: { uidMap: [], gidMap: [], setgroups: 'allow', parent: null, owner: null },
    cgroup: { hostView: [], nsView: null },
    time: { offsets: [] },
    elapsedMs: 1,
  };
}

/** The matrix rows for two sides' inodes, against HOST_NS. */
export function matrixRows(a: Record<string, number>, b: Record<string, number>) {
  return NS_TYPES.map((t) => ({
    type: t,
    a: { inode: a[t] },
    b: { inode: b[t] },
    host: { inode: HOST_NS[t] },
    shared: a[t] === b[t],
    sharedWithHost: { a: a[t] === HOST_NS[t], b: b[t] === HOST_NS[t] },
  }));
}

/** web vs side (or web vs the host): own ipc, mnt, pid, uts; the same net; nothing differs in content. */
export function sampleComparison(vsHost = false): Comparison {
  const a = { ...HOST_NS, ipc: 20, mnt: 30, net: 40, pid: 50, uts: 80 };
  const b = vsHost ? { ...HOST_NS } : { ...HOST_NS, ipc: 21, mnt: 31, net: 40, pid: 51, uts: 81 };
  const empty = { onlyA: [], onlyB: [], changed: [], same: [] };
  return {
    a: sampleInspection('web', a, 'container', 100),
    b: vsHost ? sampleInspection('host', b, 'host', 1) : sampleInspection('side', b, 'container', 200),
    namespaces: matrixRows(a, b),
    diff: {
      net: empty,
      pid: empty,
      mnt: empty,
      uts: empty,
      ipc: empty,
      user: empty,
      cgroup: empty,
      time: { ...empty, changed: ['monotonic'] },
    },
  } as unknown as Comparison;
}
