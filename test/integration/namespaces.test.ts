import { afterAll, beforeAll, expect, it } from 'vitest';
import { NS_TYPES, isFailed, type Inspection } from '../../shared/model/index.js';
import type { NsInspectService } from '../../electron/core/service.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES } from '../support/fixtures.js';
import { containerPid, docker, nsInode, run } from '../support/sh.js';
import { directService } from '../support/service.js';

// The host reference as the kernel reports it: PID 2 (kthreadd) is in the initial namespaces.
const hostInode = (t: string) => nsInode(2, t);

describeWithEngine('namespaces of containers, checked against readlink and lsns', () => {
  let svc: NsInspectService;
  beforeAll(() => {
    svc = directService();
  });
  afterAll(() => svc.close());

  it('reads every /proc/PID/ns link of a container like readlink does', async () => {
    const pid = containerPid(FIXTURES.a);
    const i = await svc.inspect(FIXTURES.a);
    expect(i.target.pid).toBe(pid);
    for (const t of NS_TYPES) {
      expect(i.namespaces.find((n) => n.type === t)?.inode, t).toBe(nsInode(pid, t));
    }
    expect(i.childNamespaces.find((c) => c.link === 'pid_for_children')?.inode).toBe(nsInode(pid, 'pid_for_children'));
    // A plain container has its own ipc, mnt, net, pid, uts; user stays the host's (no remapping).
    const own = i.namespaces
      .filter((n) => n.sharedWithHost === false)
      .map((n) => n.type)
      .sort();
    const expectedOwn = NS_TYPES.filter((t) => nsInode(pid, t) !== hostInode(t));
    expect(own).toEqual([...expectedOwn].sort());
    expect(own).toEqual(expect.arrayContaining(['ipc', 'mnt', 'net', 'pid', 'uts']));
  });

  it('says which host reference it used', async () => {
    const i = await svc.inspect(FIXTURES.a);
    const readable = run(['sh', '-c', 'readlink /proc/1/ns/net >/dev/null 2>&1 && echo 1 || echo 2']).trim();
    expect(i.host.pid).toBe(Number(readable));
    expect(i.host.reason).toMatch(/PID/);
    expect(i.host.namespaces.net).toBe(hostInode('net'));
  });

  const cases: Array<[string, string, string, string[]]> = [
    ['two plain containers', FIXTURES.a, FIXTURES.b, []],
    ['--network container:X', FIXTURES.a, FIXTURES.netShare, ['net']],
    ['--ipc shareable / container:X', FIXTURES.ipcOwner, FIXTURES.ipcJoin, ['ipc']],
  ];
  for (const [name, a, b, sharedOwn] of cases) {
    it(`compare: ${name}`, async () => {
      const pa = containerPid(a);
      const pb = containerPid(b);
      const c = await svc.compare(a, b);
      for (const row of c.namespaces) {
        expect(row.a.inode, row.type).toBe(nsInode(pa, row.type));
        expect(row.b.inode, row.type).toBe(nsInode(pb, row.type));
        expect(row.host.inode, row.type).toBe(hostInode(row.type));
        expect(row.shared, row.type).toBe(nsInode(pa, row.type) === nsInode(pb, row.type));
        expect(row.sharedWithHost.b, row.type).toBe(nsInode(pb, row.type) === hostInode(row.type));
      }
      const sharedNotHost = c.namespaces.filter((r) => r.shared && !r.sharedWithHost.a).map((r) => r.type);
      expect(sharedNotHost).toEqual(sharedOwn);
    });
  }

  it('compare with the host: --pid host and --uts host share those with the host', async () => {
    const ph = await svc.compare(FIXTURES.pidHost, 'host');
    expect(ph.namespaces.find((r) => r.type === 'pid')).toMatchObject({ shared: true, sharedWithHost: { a: true, b: true } });
    expect(ph.namespaces.find((r) => r.type === 'net')?.shared).toBe(false);
    const uh = await svc.inspect(FIXTURES.utsHost);
    expect(uh.namespaces.find((n) => n.type === 'uts')?.sharedWithHost).toBe(true);
    expect(nsInode(containerPid(FIXTURES.utsHost), 'uts')).toBe(hostInode('uts'));
  });

  it('the host map agrees with lsns -J on every namespace and process count', async () => {
    const map = await svc.hostMap();
    const lsns = JSON.parse(run(['lsns', '-J', '-o', 'NS,TYPE,NPROCS,PID'])).namespaces as {
      ns: number;
      type: string;
      nprocs: number;
      pid: number;
    }[];
    const mine = new Map(map.namespaces.map((n) => [`${n.type}:${n.inode}`, n]));
    // Processes come and go between the two scans (this test runner's own children);
    // the namespaces of the fixtures are stable, so compare those exactly.
    const fixturePids = Object.values(FIXTURES)
      .filter((f) => f !== FIXTURES.stopped)
      .map(containerPid);
    const fixtureNs = new Set(fixturePids.flatMap((p) => NS_TYPES.map((t) => `${t}:${nsInode(p, t)}`)));
    // The host's own namespaces count lsns itself and this runner's children: skip their counts.
    const hostNs = new Set(NS_TYPES.map((t) => `${t}:${hostInode(t)}`));
    for (const l of lsns) {
      const key = `${l.type}:${l.ns}`;
      if (!fixtureNs.has(key) || hostNs.has(key)) continue;
      expect(mine.get(key), key).toBeDefined();
      expect(mine.get(key)!.nprocs, key).toBe(l.nprocs);
    }
    expect([...fixtureNs].every((k) => mine.has(k))).toBe(true);
    // The net namespace shared by a and netshare lists both containers.
    const sharedNet = mine.get(`net:${nsInode(containerPid(FIXTURES.a), 'net')}`)!;
    expect(sharedNet.containers.map((c) => c.name).sort()).toEqual([FIXTURES.a, FIXTURES.netShare].sort());
  });

  it('lists containers with their PIDs as docker inspect reports them', async () => {
    const list = await svc.listContainers();
    for (const name of Object.values(FIXTURES)) {
      const c = list.find((x) => x.name === name);
      expect(c, name).toBeDefined();
      const pid = Number(docker('inspect', '-f', '{{.State.Pid}}', name));
      expect(c!.pid, name).toBe(pid === 0 ? null : pid);
      if (pid) expect(c!.namespaces?.net).toBe(nsInode(pid, 'net'));
    }
  });

  it('refuses a stopped container with a clear message', async () => {
    await expect(svc.inspect(FIXTURES.stopped)).rejects.toThrow(/is not running/);
  });

  it('keeps every section readable for a plain container', async () => {
    const i: Inspection = await svc.inspect(FIXTURES.a);
    for (const s of ['net', 'pid', 'mnt', 'uts', 'ipc', 'user', 'cgroup', 'time'] as const) {
      expect(isFailed(i[s]), `${s}: ${JSON.stringify(i[s]).slice(0, 200)}`).toBe(false);
    }
  });
});
