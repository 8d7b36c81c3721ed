import { describe, expect, it } from 'vitest';
import { NS_TYPES, type Inspection, type NsType } from '../../shared/model/index.js';
import { compareInspections } from '../../electron/core/compare.js';

const HOST: Record<NsType, number> = { cgroup: 1, ipc: 2, mnt: 3, net: 4, pid: 5, time: 6, user: 7, uts: 8 };

function inspection(ns: Partial<Record<NsType, number | null>>, extra: Partial<Inspection> = {}): Inspection {
  return {
    target: { kind: 'pid', pid: 100 },
    access: 'direct',
    host: { pid: 2, comm: 'kthreadd', reason: 'test', namespaces: HOST },
    namespaces: NS_TYPES.map((type) => {
      const inode = type in ns ? ns[type]! : HOST[type];
      return { type, inode, device: null, sharedWithHost: inode === null ? null : inode === HOST[type] };
    }),
    childNamespaces: [],
    net: { interfaces: [], routes: [] },
    pid: { processes: [] },
    mnt: { mounts: [] },
    uts: { hostname: 'h', domainname: '(none)' },
    ipc: { shm: [], sem: [], msg: [], mqueue: [] },
    user: { uidMap: [], gidMap: [], setgroups: 'allow', parent: null, owner: null },
    cgroup: { hostView: [], nsView: null },
    time: { offsets: [] },
    elapsedMs: 0,
    ...extra,
  };
}

function iface(name: string, addr: string) {
  return {
    name,
    ifindex: 1,
    kind: 'veth',
    mac: null,
    mtu: 1500,
    state: 'UP',
    addresses: [addr],
    addressInfo: [],
    master: null,
    linkIndex: null,
  };
}

describe('compareInspections', () => {
  it('marks shared, isolated, shared-with-host and unknown per type', () => {
    const c = compareInspections(inspection({ net: 40, uts: 80, ipc: null }), inspection({ net: 40, uts: 81 }));
    const row = (t: NsType) => c.namespaces.find((r) => r.type === t)!;
    expect(row('net')).toMatchObject({
      a: { inode: 40 },
      b: { inode: 40 },
      host: { inode: 4 },
      shared: true,
      sharedWithHost: { a: false, b: false },
    });
    expect(row('uts')).toMatchObject({ shared: false, sharedWithHost: { a: false, b: false } });
    expect(row('user')).toMatchObject({ shared: true, sharedWithHost: { a: true, b: true } });
    // Unreadable on one side: neither shared nor isolated, but unknown.
    expect(row('ipc')).toMatchObject({ a: { inode: null }, shared: null, sharedWithHost: { a: null, b: true } });
  });

  it('diffs contents by key: only in A, only in B, changed, same', () => {
    const a = inspection(
      {},
      {
        net: { interfaces: [iface('lo', '127.0.0.1/8'), iface('eth0', '172.17.0.2/16')], routes: [] },
        uts: { hostname: 'a', domainname: 'x' },
      },
    );
    const b = inspection(
      {},
      {
        net: { interfaces: [iface('lo', '127.0.0.1/8'), iface('eth0', '172.17.0.3/16'), iface('eth1', '10.0.0.2/24')], routes: [] },
        uts: { hostname: 'b', domainname: 'x' },
      },
    );
    const c = compareInspections(a, b);
    expect(c.diff.net).toEqual({ onlyA: [], onlyB: ['eth1'], changed: ['eth0'], same: ['lo'] });
    expect(c.diff.uts).toEqual({ onlyA: [], onlyB: [], changed: ['hostname'], same: ['domainname'] });
  });

  it('a failed section is marked unreadable rather than looking empty-but-real', () => {
    const a = inspection({}, { ipc: { error: { code: 'permission', message: 'denied' } } });
    const b = inspection(
      {},
      { ipc: { shm: [{ key: '0x1', id: 0, perms: '600', bytes: 10, creatorPid: 1, attached: 0, uid: 0 }], sem: [], msg: [], mqueue: [] } },
    );
    expect(compareInspections(a, b).diff.ipc).toMatchObject({ onlyB: ['shm 0x1'], unreadable: 'a' });
    expect(compareInspections(b, b).diff.ipc.unreadable).toBeUndefined();
  });
});

describe('compareInspections across hosts', () => {
  const local = { key: 'default', label: 'default', endpoint: 'unix:///var/run/docker.sock' };
  const remote = { key: 'staging', label: 'staging', endpoint: 'ssh://ops@staging' };
  it('never calls equal inodes of two hosts shared: every type says "different hosts"', () => {
    // Both on their host's initial user and cgroup namespaces: the same numbers on any kernel.
    const a = inspection({ net: 40 }, { origin: local });
    const b = inspection({ net: 40 }, { origin: remote });
    const c = compareInspections(a, b);
    expect(c.namespaces).toHaveLength(NS_TYPES.length);
    for (const row of c.namespaces) {
      expect(row.differentHosts, row.type).toBe(true);
      expect(row.shared, row.type).toBe(false);
    }
    expect(c.namespaces.find((r) => r.type === 'net')).toMatchObject({ a: { inode: 40 }, b: { inode: 40 } });
  });

  it("holds each side against its own host's namespaces", () => {
    const otherHost = { ...HOST, uts: 800 };
    const a = inspection({ uts: 800 }, { origin: local });
    const b = inspection({ uts: 800 }, { origin: remote, host: { pid: 1, comm: 'systemd', reason: 'test', namespaces: otherHost } });
    const uts = compareInspections(a, b).namespaces.find((r) => r.type === 'uts')!;
    expect(uts).toMatchObject({ host: { inode: 8 }, hostB: { inode: 800 }, sharedWithHost: { a: false, b: true } });
  });

  it('still compares the contents: interfaces, mounts, hostnames', () => {
    const mount = (mountPoint: string, fsType: string) => ({
      id: 1,
      parentId: 0,
      device: '0:1',
      root: '/',
      mountPoint,
      options: 'rw',
      propagation: '',
      fsType,
      source: 'none',
      superOptions: '',
    });
    const a = inspection(
      {},
      {
        origin: local,
        net: { interfaces: [iface('lo', '127.0.0.1/8'), iface('eth0', '172.17.0.2/16')], routes: [] },
        mnt: { mounts: [mount('/', 'overlay'), mount('/data', 'ext4')] },
        uts: { hostname: 'web', domainname: '(none)' },
      },
    );
    const b = inspection(
      {},
      {
        origin: remote,
        net: { interfaces: [iface('lo', '127.0.0.1/8'), iface('eth0', '10.0.0.5/24')], routes: [] },
        mnt: { mounts: [mount('/', 'overlay')] },
        uts: { hostname: 'web', domainname: '(none)' },
      },
    );
    const c = compareInspections(a, b);
    expect(c.diff.net).toEqual({ onlyA: [], onlyB: [], changed: ['eth0'], same: ['lo'] });
    expect(c.diff.mnt).toEqual({ onlyA: ['/data'], onlyB: [], changed: [], same: ['/'] });
    expect(c.diff.uts).toEqual({ onlyA: [], onlyB: [], changed: [], same: ['hostname', 'domainname'] });
  });

  it('on one host (both tagged alike, or neither) compares as before', () => {
    const c = compareInspections(inspection({ net: 40 }, { origin: local }), inspection({ net: 40 }, { origin: local }));
    const net = c.namespaces.find((r) => r.type === 'net')!;
    expect(net.shared).toBe(true);
    expect(net.differentHosts).toBeUndefined();
    expect(net.hostB).toBeUndefined();
  });
  it('two engines of this machine (docker and containerd, both unix://) share the kernel: inodes are compared', () => {
    const docker = { ...local, kernel: 'local' as const };
    const containerd = {
      key: 'containerd',
      label: 'containerd',
      endpoint: 'unix:///run/containerd/containerd.sock',
      kernel: 'local' as const,
    };
    const c = compareInspections(inspection({ net: 40 }, { origin: docker }), inspection({ net: 40 }, { origin: containerd }));
    const net = c.namespaces.find((r) => r.type === 'net')!;
    expect(net.shared).toBe(true);
    expect(net.differentHosts).toBeUndefined();
    // A local engine against a remote one is still two kernels.
    const apart = compareInspections(inspection({ net: 40 }, { origin: docker }), inspection({ net: 40 }, { origin: remote }));
    expect(apart.namespaces.every((r) => r.differentHosts)).toBe(true);
  });
});
