import { afterAll, beforeAll, expect, it } from 'vitest';
import { isFailed, type Inspection, type Section } from '../../shared/model/index.js';
import type { NsInspectService } from '../../electron/core/service.js';
import { describeWithEngine } from '../support/engine.js';
import { FILE_IN_A, FIXTURES, NETWORK } from '../support/fixtures.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';
import { directService } from '../support/service.js';

function ok<T>(s: Section<T>): T {
  if (isFailed(s)) throw new Error(`section failed: ${s.error.message}`);
  return s;
}

/** `ip -j` run by util-linux nsenter in the process's network namespace: the independent view. */
function ipJson(pid: number, ...args: string[]): any[] {
  return JSON.parse(run(['nsenter', `--target=${pid}`, '--net', '--', 'ip', '-j', ...args]));
}

describeWithEngine('contents of each namespace, checked against ip, lsipc, findmnt and docker inspect', () => {
  let svc: NsInspectService;
  const inspected = new Map<string, Inspection>();
  const inspect = async (name: string) => {
    if (!inspected.has(name)) inspected.set(name, await svc.inspect(name));
    return inspected.get(name)!;
  };
  beforeAll(() => {
    svc = directService();
  });
  afterAll(() => svc.close());

  it('net: interfaces and addresses as `ip -j addr` shows them inside', async () => {
    for (const name of [FIXTURES.a, FIXTURES.bridged, FIXTURES.noNet]) {
      const pid = containerPid(name);
      const net = ok((await inspect(name)).net);
      const ref = ipJson(pid, 'addr', 'show');
      expect(
        net.interfaces.map((i) => [i.name, i.ifindex]),
        name,
      ).toEqual(ref.map((r) => [r.ifname, r.ifindex]));
      for (const r of ref) {
        const mine = net.interfaces.find((i) => i.name === r.ifname)!;
        expect(mine.mac).toBe(r.address);
        expect(mine.addresses).toEqual(r.addr_info.map((a: any) => `${a.local}/${a.prefixlen}`));
      }
    }
    // --network none: only loopback.
    expect(ok((await inspect(FIXTURES.noNet)).net).interfaces.map((i) => i.kind)).toEqual(['loopback']);
  });

  it("net: eth0's veth peer is the host interface docker inspect's network names, on the right bridge", async () => {
    for (const [name, bridge] of [
      [FIXTURES.a, 'docker0'],
      [FIXTURES.bridged, `br-${docker('network', 'inspect', '-f', '{{.Id}}', NETWORK).slice(0, 12)}`],
    ] as const) {
      const pid = containerPid(name);
      const eth0 = ok((await inspect(name)).net).interfaces.find((i) => i.name === 'eth0')!;
      const hostLinks = JSON.parse(run(['ip', '-j', 'link', 'show', 'type', 'veth'])) as any[];
      // sysfs as mounted inside the container describes its own network namespace.
      const iflink = Number(run(['nsenter', `--target=${pid}`, '--net', '--mount', '--', 'cat', '/sys/class/net/eth0/iflink']).trim());
      const hostEnd = hostLinks.find((l) => l.ifindex === iflink);
      expect(eth0.peer, name).toEqual({ ifindex: iflink, name: hostEnd.ifname, master: bridge, netns: 'host' });
      const ip = docker('inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}/{{.IPPrefixLen}}{{end}}', name);
      expect(eth0.addresses).toContain(ip);
    }
  });

  it("network picture: bridges and veths as the host's `ip -j link` has them, shared netns drawn once", async () => {
    const t = await svc.topology();
    const hostVeths = JSON.parse(run(['ip', '-j', 'link', 'show', 'type', 'veth'])) as any[];
    const bridges = JSON.parse(run(['ip', '-j', 'link', 'show', 'type', 'bridge'])) as any[];
    expect(t.bridges.map((b) => b.name).sort()).toEqual(bridges.map((b) => b.ifname).sort());
    for (const v of t.veths) {
      const ref = hostVeths.find((h) => h.ifindex === v.ifindex);
      expect(ref?.ifname).toBe(v.name);
      expect(v.master).toBe(ref?.master ?? null);
    }
    const netA = t.netns.find((n) => n.containers.some((c) => c.name === FIXTURES.a))!;
    expect(netA.containers.map((c) => c.name).sort()).toEqual([FIXTURES.a, FIXTURES.netShare].sort());
    expect(netA.inode).toBe(nsInode(containerPid(FIXTURES.a), 'net'));
    const bridgedNs = t.netns.find((n) => n.containers.some((c) => c.name === FIXTURES.bridged))!;
    const veth = t.veths.find((v) => v.peerNetns === bridgedNs.inode)!;
    expect(veth.master).toBe(`br-${docker('network', 'inspect', '-f', '{{.Id}}', NETWORK).slice(0, 12)}`);
    const none = t.netns.find((n) => n.containers.some((c) => c.name === FIXTURES.noNet))!;
    expect(t.veths.some((v) => v.peerNetns === none.inode)).toBe(false);
  });

  it('net: routes as `ip -j route` shows them inside', async () => {
    const pid = containerPid(FIXTURES.a);
    const routes = ok((await inspect(FIXTURES.a)).net).routes;
    const ref = ipJson(pid, 'route', 'show');
    expect(routes.filter((r) => !r.dst.includes(':')).map((r) => [r.dst, r.gateway, r.dev])).toEqual(
      ref.map((r) => [r.dst, r.gateway ?? null, r.dev]),
    );
  });

  it('pid: the processes docker top lists, with NSpid from /proc', async () => {
    docker('exec', '-d', FIXTURES.b, 'sleep', '777');
    let execNsPid: number | undefined;
    try {
      // docker exec -d returns before the process exists.
      for (let i = 0; i < 50 && !docker('top', FIXTURES.b, '-o', 'pid,args').includes('sleep 777'); i++) run(['sleep', '0.1']);
      const i = await svc.inspect(FIXTURES.b);
      const procs = ok(i.pid).processes;
      const top = docker('top', FIXTURES.b, '-o', 'pid')
        .split('\n')
        .slice(1)
        .map(Number)
        .sort((x, y) => x - y);
      expect(procs.map((p) => p.hostPid).sort((x, y) => x - y)).toEqual(top);
      const main = procs.find((p) => p.hostPid === containerPid(FIXTURES.b))!;
      expect(main.nsPid).toBe(1);
      const exec = procs.find((p) => p.command === 'sleep 777')!;
      execNsPid = exec.nsPid;
      const nspid = /NSpid:\s*(.*)/
        .exec(run(['cat', `/proc/${exec.hostPid}/status`]))![1]!
        .trim()
        .split(/\s+/)
        .map(Number);
      expect(exec.nsPids).toEqual(nspid);
      expect(exec.user).toBe('root');
    } finally {
      if (execNsPid) tryRun(['docker', 'exec', FIXTURES.b, 'kill', String(execNsPid)]);
    }
  });

  it('pid: --pid host sees the host processes', async () => {
    const procs = ok((await inspect(FIXTURES.pidHost)).pid).processes;
    expect(procs.some((p) => p.hostPid === 2 && p.comm === 'kthreadd')).toBe(true);
  });

  it('uts: hostname and domainname as the kernel reports them inside', async () => {
    for (const name of [FIXTURES.a, FIXTURES.utsHost]) {
      const pid = containerPid(name);
      const uts = ok((await inspect(name)).uts);
      expect(uts.hostname).toBe(run(['nsenter', `--target=${pid}`, '--uts', '--', 'hostname']).trim());
      expect(uts.domainname).toBe(run(['nsenter', `--target=${pid}`, '--uts', '--', 'cat', '/proc/sys/kernel/domainname']).trim());
    }
    expect(ok((await inspect(FIXTURES.a)).uts).hostname).toBe('fx-a');
  });

  it('ipc: SysV objects as util-linux lsipc lists them, POSIX queues, shared by --ipc container:', async () => {
    const pid = containerPid(FIXTURES.ipcOwner);
    const lsipc = (flag: string) => JSON.parse(run(['nsenter', `--target=${pid}`, '--ipc', '--', 'lsipc', flag, '-J', '-b']));
    const shmRef = lsipc('-m').sharedmemory as any[];
    for (const name of [FIXTURES.ipcOwner, FIXTURES.ipcJoin]) {
      const ipc = ok((await inspect(name)).ipc);
      expect(
        ipc.shm.map((s) => [s.key, s.id, s.bytes]),
        name,
      ).toEqual(shmRef.map((s) => [s.key, Number(s.id), Number(s.size)]));
      expect(ipc.sem.map((s) => s.key)).toEqual((lsipc('-s').semaphores as any[]).map((s) => s.key));
      expect(ipc.msg.map((s) => s.key)).toEqual((lsipc('-q').messages as any[]).map((s) => s.key));
      expect(ipc.mqueue.map((q) => q.name)).toEqual(['nsinspect-mq']);
    }
    expect(ok((await inspect(FIXTURES.a)).ipc).shm).toEqual([]);
  });

  it('user: uid_map and gid_map as the kernel has them', async () => {
    const pid = containerPid(FIXTURES.a);
    const user = ok((await inspect(FIXTURES.a)).user);
    const ref = run(['cat', `/proc/${pid}/uid_map`])
      .trim()
      .split(/\s+/)
      .map(Number);
    expect(user.uidMap).toEqual([{ inside: ref[0], outside: ref[1], count: ref[2] }]);
    expect(user.gidMap.length).toBeGreaterThan(0);
    expect(user.parent).toBeNull(); // the initial user namespace has none
  });

  it('mnt: the mount table as findmnt reads it, and the overlay layers docker inspect reports', async () => {
    const pid = containerPid(FIXTURES.a);
    const mnt = ok((await inspect(FIXTURES.a)).mnt);
    const ref = JSON.parse(run(['findmnt', '-J', '--list', '-N', String(pid), '-o', 'TARGET,FSTYPE'])).filesystems as any[];
    expect(mnt.mounts.map((m) => [m.mountPoint, m.fsType])).toEqual(ref.map((r) => [r.target, r.fstype]));
    const gd = JSON.parse(docker('inspect', '-f', '{{json .GraphDriver.Data}}', FIXTURES.a));
    expect(mnt.overlay?.upperDir).toBe(gd.UpperDir);
    expect(mnt.overlay?.lowerDirs).toEqual(gd.LowerDir.split(':'));
    expect(mnt.overlay?.mergedDir).toBe(gd.MergedDir);
    expect(mnt.overlay?.engineAgrees).toBe(true);
  });

  it("where: a file written in the container is in its upper layer, and not in the other's", async () => {
    const gd = JSON.parse(docker('inspect', '-f', '{{json .GraphDriver.Data}}', FIXTURES.a));
    const loc = await svc.where(FIXTURES.a, FILE_IN_A);
    expect(loc).toMatchObject({ exists: true, layer: 'upper', hostPath: `${gd.UpperDir}${FILE_IN_A}` });
    expect(run(['cat', loc.hostPath!]).trim()).toBe('tutorial');
    expect(run(['cat', loc.mergedPath!]).trim()).toBe('tutorial');
    const other = await svc.where(FIXTURES.b, FILE_IN_A);
    expect(other).toMatchObject({ exists: false, layer: 'none' });
  });

  it('where: an image file is in a lower layer; /etc/hostname is a bind mount from the engine', async () => {
    const bin = await svc.where(FIXTURES.a, '/bin/busybox');
    expect(bin.layer).toBe('lower');
    expect(run(['cmp', bin.hostPath!, '/proc/' + containerPid(FIXTURES.a) + '/root/bin/busybox'])).toBe('');
    const hn = await svc.where(FIXTURES.a, '/etc/hostname');
    const ref = docker('inspect', '-f', '{{.HostnamePath}}', FIXTURES.a);
    expect(hn).toMatchObject({ layer: 'mount', hostPath: ref });
  });

  it('where: a file deleted in the container shows as a whiteout in its upper layer', async () => {
    docker('exec', FIXTURES.b, 'rm', '/bin/yes');
    const loc = await svc.where(FIXTURES.b, '/bin/yes');
    expect(loc).toMatchObject({ whiteout: true, exists: false, layer: 'upper' });
    const st = run(['stat', '-c', '%F %t:%T', loc.hostPath!]).trim();
    expect(st).toBe('character special file 0:0');
  });

  it('cgroup and time: the host view names the container; offsets as the kernel has them', async () => {
    const i = await inspect(FIXTURES.a);
    const id = docker('inspect', '-f', '{{.Id}}', FIXTURES.a);
    const cg = ok(i.cgroup);
    expect(cg.hostView).toEqual(
      run(['cat', `/proc/${containerPid(FIXTURES.a)}/cgroup`])
        .trim()
        .split('\n'),
    );
    expect(cg.hostView.some((l) => l.includes(id))).toBe(true);
    expect(cg.nsView).not.toBeNull();
    const offsets = run(['cat', `/proc/${containerPid(FIXTURES.a)}/timens_offsets`])
      .trim()
      .split('\n');
    expect(ok(i.time).offsets.map((o) => o.clock)).toEqual(offsets.map((l) => l.split(/\s+/)[0]));
  });
});
