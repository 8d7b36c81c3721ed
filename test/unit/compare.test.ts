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
    const iface = (name: string, addr: string) => ({
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
    });
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
