// The network picture's odd cases on the real kernel and engine: a macvlan container on a dummy
// parent, a host-only veth pair, a veth into a bare `ip netns`, a named network's bridge. Every
// answer is checked against `ip -j -d link` and `docker network inspect`, not nsinspect itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Topology } from '../../shared/model/index.js';
import type { NsInspectService } from '../../electron/core/service.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE, LABEL, LABEL_KEY } from '../support/fixtures.js';
import { directService } from '../support/service.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;
const OWNER_LABEL = `${LABEL_KEY}.owner=${process.env.NSINSPECT_FIXTURE_OWNER ?? process.pid}`;
const DUMMY = 'nsi-net-dummy0';
const VA = 'nsi-net-va';
const VB = 'nsi-net-vb';
const VC = 'nsi-net-vc'; // its peer is in TEST_NS, where no container is
const TEST_NS = 'nsi-net-ns';
const MV_NET = 'nsi-net-mv';
const NAMED_NET = 'nsi-net-named';
const MV_CTR = 'nsi-net-mvc';
const NAMED_CTR = 'nsi-net-named-c';

interface IpLink {
  ifindex: number;
  ifname: string;
  link_index?: number;
  link_netnsid?: number;
  link?: string;
  master?: string;
  linkinfo?: { info_kind?: string };
}
const links = (argv: string[] = []): IpLink[] => JSON.parse(run([...argv, 'ip', '-j', '-d', 'link', 'show'])) as IpLink[];
const link = (name: string, argv: string[] = []) => links(argv).find((l) => l.ifname === name)!;

function cleanUp(): void {
  tryRun(['docker', 'rm', '-f', MV_CTR, NAMED_CTR]);
  tryRun(['docker', 'network', 'rm', MV_NET, NAMED_NET]);
  for (const dev of [VA, VC, DUMMY]) tryRun(['ip', 'link', 'del', dev]);
  tryRun(['ip', 'netns', 'del', TEST_NS]);
}

describeWithEngine('the network picture on the real kernel: macvlan parents, unpaired veths, network names', () => {
  let svc: NsInspectService;
  let topo: Topology;

  beforeAll(async () => {
    if (!existsSync(new URL('../../out/cli/nsinspect.cjs', import.meta.url))) run(['npm', 'run', 'build:cli']);
    cleanUp();
    // Kernels built without CONFIG_DUMMY (this one) get a veth end as the parent: macvlan takes either.
    if (tryRun(['ip', 'link', 'add', DUMMY, 'type', 'dummy']).code !== 0) {
      console.warn(`no dummy interfaces in this kernel: ${DUMMY} is a veth end instead`);
      run(['ip', 'link', 'add', DUMMY, 'type', 'veth', 'peer', 'name', 'nsi-net-dummy1']);
    }
    run(['ip', 'link', 'set', DUMMY, 'up']);
    run(['ip', 'link', 'add', VA, 'type', 'veth', 'peer', 'name', VB]);
    run(['ip', 'netns', 'add', TEST_NS]);
    run(['ip', 'link', 'add', VC, 'type', 'veth', 'peer', 'name', 'eth9', 'netns', TEST_NS]);
    const labels = ['--label', LABEL, '--label', OWNER_LABEL];
    docker('network', 'create', ...labels, '-d', 'macvlan', '-o', `parent=${DUMMY}`, '--subnet', '10.213.77.0/24', MV_NET);
    docker('network', 'create', ...labels, NAMED_NET);
    for (const [name, net] of [
      [MV_CTR, MV_NET],
      [NAMED_CTR, NAMED_NET],
    ] as const)
      docker('run', '-d', '--name', name, '--network', net, ...labels, IMAGE, 'sleep', '1000000');
    svc = directService();
    topo = await svc.topology();
  }, 120_000);

  afterAll(async () => {
    await svc?.close();
    cleanUp();
  });

  it('names each bridge by its Docker network, as `docker network inspect` does, docker0 as "bridge"', () => {
    const id = docker('network', 'inspect', '-f', '{{.Id}}', NAMED_NET);
    const bridge = `br-${id.slice(0, 12)}`;
    expect(link(bridge).linkinfo?.info_kind).toBe('bridge');
    expect(topo.bridges.find((b) => b.name === bridge)?.network).toBe(NAMED_NET);
    expect(docker('network', 'inspect', '-f', '{{index .Options "com.docker.network.bridge.name"}}', 'bridge')).toBe('docker0');
    expect(topo.bridges.find((b) => b.name === 'docker0')?.network).toBe('bridge');
    // The named network's container hangs on that bridge: its eth0's iflink is the veth's ifindex.
    const pid = containerPid(NAMED_CTR);
    const eth0 = link('eth0', ['nsenter', '-t', String(pid), '-n']);
    const veth = links().find((l) => l.ifindex === eth0.link_index)!;
    expect(veth.master).toBe(bridge);
    expect(topo.veths.find((v) => v.name === veth.ifname)).toMatchObject({
      peerIn: 'container',
      peerNetns: nsInode(pid, 'net'),
      master: bridge,
    });
  });

  it("shows a macvlan container's parent, the dummy it sits on, with the macvlan network's name", () => {
    const pid = containerPid(MV_CTR);
    const inside = link('eth0', ['nsenter', '-t', String(pid), '-n']);
    expect(inside.linkinfo?.info_kind).toBe('macvlan');
    expect(inside.link_index).toBe(link(DUMMY).ifindex);
    const ns = topo.netns.find((n) => n.inode === nsInode(pid, 'net'))!;
    expect(ns.containers.map((c) => c.name)).toEqual([MV_CTR]);
    expect(ns.interfaces.find((i) => i.name === 'eth0')).toMatchObject({
      kind: 'macvlan',
      parent: { ifindex: link(DUMMY).ifindex, name: DUMMY, onHost: true, network: MV_NET },
    });
  });

  it('tells a host-only veth pair (unpaired) and a veth into a bare netns (no container) from real peers', () => {
    const va = link(VA);
    const vb = link(VB);
    // Both ends in the host's namespace: `ip` names the other end rather than giving its ifindex.
    expect(va.link).toBe(VB);
    expect(va.link_netnsid).toBeUndefined();
    expect(topo.veths.find((v) => v.name === VA)).toMatchObject({ peerIn: 'host', peerName: VB, peerIfindex: vb.ifindex, peerNetns: null });
    const vc = link(VC);
    expect(vc.link_netnsid).toBeDefined();
    expect(vc.link_index).toBe(link('eth9', ['ip', 'netns', 'exec', TEST_NS]).ifindex);
    expect(topo.veths.find((v) => v.name === VC)).toMatchObject({ peerIn: 'elsewhere', peerName: null, peerNetns: null });
  });

  it('`nsinspect net`: the same in --json, and plainly in text', () => {
    const json = spawnSync(process.execPath, [BIN, 'net', '--json'], { encoding: 'utf8' });
    expect(json.status, json.stderr).toBe(0);
    const t = JSON.parse(json.stdout) as Topology;
    expect(t.veths.find((v) => v.name === VA)).toMatchObject({ peerIn: 'host', peerName: VB });
    expect(t.veths.find((v) => v.name === VC)).toMatchObject({ peerIn: 'elsewhere' });
    expect(t.bridges.find((b) => b.name === 'docker0')?.network).toBe('bridge');

    const text = spawnSync(process.execPath, [BIN, 'net'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(text.status, text.stderr).toBe(0);
    const out = text.stdout;
    expect(out).toMatch(new RegExp(`^docker0 \\(network bridge\\)`, 'm'));
    expect(out).toMatch(new RegExp(`\\(network ${NAMED_NET}\\)`));
    expect(out).toMatch(new RegExp(`${VA} \\(${link(VA).ifindex}\\) ⇄ ${VB} \\(${link(VB).ifindex}\\) on the host: unpaired`));
    expect(out).toMatch(new RegExp(`${VC} \\(${link(VC).ifindex}\\) ⇄ .*belongs to another engine or to no container`));
    expect(out).toMatch(new RegExp(`${MV_CTR}: eth0 macvlan on ${DUMMY} \\(host, network ${MV_NET}\\)`));
    expect(out).not.toMatch(/net:\[\?\]/);
  });

  it('`nsinspect map` says which namespaces hold no known engine’s container', () => {
    // A process in a network namespace of its own, started by no engine.
    const child = spawnSync('unshare', ['-n', 'sh', '-c', 'readlink /proc/self/ns/net; sleep 30 </dev/null >/dev/null 2>&1 & echo $!'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    const [nsLink, bgPid] = child.stdout.trim().split('\n');
    const inode = Number(/\[(\d+)\]/.exec(nsLink!)![1]);
    try {
      expect(nsInode(Number(bgPid), 'net')).toBe(inode);
      const map = spawnSync(process.execPath, [BIN, 'map'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(map.status, map.stderr).toBe(0);
      expect(map.stdout).toMatch(new RegExp(`^net\\s+${inode}\\s.*\\(no known engine\\)$`, 'm'));
      const mvNet = nsInode(containerPid(MV_CTR), 'net');
      expect(map.stdout).toMatch(new RegExp(`^net\\s+${mvNet}\\s.*${MV_CTR}$`, 'm'));
    } finally {
      tryRun(['kill', String(bgPid)]);
    }
  });
});
