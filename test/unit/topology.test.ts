import { describe, expect, it } from 'vitest';
import type { HostReference } from '../../shared/model/index.js';
import type { ProbeAccess, ProbeRequest, Read, RunResult } from '../../electron/core/access/access.js';
import { NsInspectError } from '../../electron/core/errors.js';
import { buildTopology, freshInterfaces, networkNames } from '../../electron/core/topology.js';
import { formatMap, formatTopology, PLAIN } from '../../electron/cli/format.js';
import { container } from '../renderer/fake-api.js';

// `ip -j -d addr show` as iproute2 prints it, trimmed to the fields the parser reads.
const HOST_IP = JSON.stringify([
  {
    ifindex: 3,
    ifname: 'docker0',
    operstate: 'UP',
    link_type: 'ether',
    linkinfo: { info_kind: 'bridge' },
    addr_info: [{ family: 'inet', local: '172.17.0.1', prefixlen: 16 }],
  },
  { ifindex: 8, ifname: 'veth1', link_index: 7, master: 'docker0', link_type: 'ether', linkinfo: { info_kind: 'veth' }, addr_info: [] },
]);
const INSIDE_IP = JSON.stringify([
  {
    ifindex: 7,
    ifname: 'eth0',
    link_index: 8,
    link_type: 'ether',
    linkinfo: { info_kind: 'veth' },
    addr_info: [{ family: 'inet', local: '172.17.0.2', prefixlen: 16 }],
  },
]);

const host: HostReference = { pid: 1, comm: 'init', reason: 'test', namespaces: { net: 1000 } };
const denied = { code: 'permission' as const, message: 'nsenter: cannot open /proc/300/ns/net: Permission denied', hint: 'run as root' };

/** Answers `ip` by the PID whose namespace it enters: text, or a Problem. */
function accessAnswering(byPid: Record<number, string | typeof denied>): ProbeAccess {
  const run = async ({ pid }: ProbeRequest): Promise<Read<RunResult>> => {
    const a = byPid[pid];
    if (a === undefined) throw new Error(`unexpected pid ${pid}`);
    return typeof a === 'string' ? { ok: true, value: { code: 0, stdout: a, stderr: '' } } : { ok: false, error: a };
  };
  const none = async () => [];
  return {
    kind: 'direct',
    run,
    readFiles: none,
    readLinks: none,
    stat: none,
    resolve: none,
    listDir: async () => ({ ok: true, value: [] }),
    close: async () => undefined,
  };
}

describe('the network picture', () => {
  const web = container('web', { pid: 200, namespaces: { net: 2000 } });
  const locked = container('locked', { pid: 300, namespaces: { net: 3000 } });

  it('an unreadable namespace carries its problem, not an empty list that looks real', async () => {
    const t = await buildTopology(freshInterfaces(accessAnswering({ 1: HOST_IP, 200: INSIDE_IP, 300: denied })), host, [web, locked]);
    const ok = t.netns.find((n) => n.inode === 2000)!;
    expect(ok.error).toBeUndefined();
    expect(ok.interfaces.map((i) => i.name)).toEqual(['eth0']);
    const bad = t.netns.find((n) => n.inode === 3000)!;
    expect(bad.error).toEqual(denied);
    expect(bad.interfaces).toEqual([]);
    expect(t.veths).toEqual([expect.objectContaining({ name: 'veth1', peerNetns: 2000, peerName: 'eth0' })]);

    const text = formatTopology(t, PLAIN);
    expect(text).toMatch(
      /^net:\[3000\] locked: interfaces unreadable: nsenter: cannot open \/proc\/300\/ns\/net: Permission denied \(run as root\)$/m,
    );
    expect(text).not.toMatch(/locked: no interfaces/);
  });

  it("the host's own interfaces unreadable: an error the CLI shows as such, with what to do", async () => {
    const err = await buildTopology(freshInterfaces(accessAnswering({ 1: { ...denied, hint: undefined } as never })), host, [web]).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NsInspectError);
    expect(err).toMatchObject({ code: 'permission', message: denied.message, hint: expect.stringMatching(/iproute2/) });
  });
});

describe('the network picture’s odd cases, in the engine', () => {
  // The host: docker0, a veth into web's namespace, a host-only pair, a veth into a namespace no
  // container of ours is in (link_netnsid set, no match), and the dummy a macvlan sits on.
  const HOST = JSON.stringify([
    { ifindex: 3, ifname: 'docker0', operstate: 'UP', linkinfo: { info_kind: 'bridge' }, addr_info: [] },
    { ifindex: 4, ifname: 'br-5dcc09444008', operstate: 'UP', linkinfo: { info_kind: 'bridge' }, addr_info: [] },
    { ifindex: 8, ifname: 'veth1', link_index: 7, link_netnsid: 0, master: 'docker0', linkinfo: { info_kind: 'veth' }, addr_info: [] },
    { ifindex: 20, ifname: 'va', link: 'vb', linkinfo: { info_kind: 'veth' }, addr_info: [] },
    { ifindex: 21, ifname: 'vb', link: 'va', linkinfo: { info_kind: 'veth' }, addr_info: [] },
    { ifindex: 30, ifname: 'vethother', link_index: 2, link_netnsid: 3, master: 'docker0', linkinfo: { info_kind: 'veth' }, addr_info: [] },
    { ifindex: 40, ifname: 'dummy0', linkinfo: { info_kind: 'dummy' }, addr_info: [] },
  ]);
  const WEB = JSON.stringify([
    { ifindex: 7, ifname: 'eth0', link_index: 8, link_netnsid: 0, linkinfo: { info_kind: 'veth' }, addr_info: [] },
  ]);
  // Inside: a macvlan on the host's dummy0, and an ipvlan on a dummy of its own namespace (which
  // `ip` names, `link`, rather than giving its ifindex, as for the host-only pair above).
  const MV = JSON.stringify([
    { ifindex: 2, ifname: 'eth0', link_index: 40, link_netnsid: 0, linkinfo: { info_kind: 'macvlan' }, addr_info: [] },
    { ifindex: 5, ifname: 'd1', linkinfo: { info_kind: 'dummy' }, addr_info: [] },
    { ifindex: 6, ifname: 'iv0', link: 'd1', linkinfo: { info_kind: 'ipvlan' }, addr_info: [] },
  ]);
  const web = container('web', { pid: 200, namespaces: { net: 2000 } });
  const mv = container('mv', { pid: 400, namespaces: { net: 4000 } });
  const networks = [
    { name: 'bridge', driver: 'bridge', bridge: 'docker0', parent: null },
    { name: 'shop', driver: 'bridge', bridge: 'br-5dcc09444008', parent: null },
    { name: 'mvnet', driver: 'macvlan', bridge: null, parent: 'dummy0' },
  ];

  it('names bridges by their networks, tells unpaired and foreign veths, and shows macvlan parents', async () => {
    const t = await buildTopology(freshInterfaces(accessAnswering({ 1: HOST, 200: WEB, 400: MV })), host, [web, mv], networks);
    expect(t.bridges.map((b) => [b.name, b.network])).toEqual([
      ['docker0', 'bridge'],
      ['br-5dcc09444008', 'shop'],
    ]);
    const veth = (n: string) => t.veths.find((v) => v.name === n);
    expect(veth('veth1')).toMatchObject({ peerIn: 'container', peerNetns: 2000 });
    expect(veth('va')).toMatchObject({ peerIn: 'host', peerName: 'vb', peerNetns: null });
    expect(veth('vethother')).toMatchObject({ peerIn: 'elsewhere', peerName: null, peerNetns: null });
    const ifs = t.netns.find((n) => n.inode === 4000)!.interfaces;
    expect(ifs.find((i) => i.name === 'eth0')!.parent).toEqual({ ifindex: 40, name: 'dummy0', onHost: true, network: 'mvnet' });
    expect(ifs.find((i) => i.name === 'iv0')!.parent).toEqual({ ifindex: 5, name: 'd1', onHost: false });
    expect(ifs.find((i) => i.name === 'd1')!.parent).toBeUndefined();

    const text = formatTopology(t, PLAIN);
    expect(text).toMatch(/^br-5dcc09444008 \(network shop\)/m);
    expect(text).toMatch(/^docker0 \(network bridge\)/m);
    expect(text).toMatch(/va \(20\) ⇄ vb \(21\) on the host: unpaired/);
    expect(text).toMatch(/vethother \(30\) ⇄ ifindex 2 in another namespace: belongs to another engine or to no container$/m);
    expect(text).toMatch(/^net:\[4000\] mv: eth0 macvlan on dummy0 \(host, network mvnet\), iv0 ipvlan on d1 \(same namespace\)$/m);
    expect(text).not.toMatch(/\? \(|net:\[\?\]|not wired/);
  });

  it('draws the picture without names when the engine’s network list does not come, and says so', async () => {
    const hung = {
      networks: () =>
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('the engine did not answer for the network list within 2 s')), 5),
        ),
    };
    const names = await networkNames(hung);
    const t = await buildTopology(freshInterfaces(accessAnswering({ 1: HOST, 200: WEB, 400: MV })), host, [web, mv], names);
    expect(t.bridges.every((b) => b.network === undefined)).toBe(true);
    expect(t.notes).toEqual(['network names unknown: the engine did not answer for the network list within 2 s']);
    expect(formatTopology(t, PLAIN)).toMatch(/network names unknown: the engine did not answer/);
  });
});

describe('the host map in text', () => {
  it('says plainly which namespaces belong to no engine nsinspect knows', () => {
    const ns = (type: 'net' | 'mnt', inode: number, names: string[], isHost = false) => ({
      type,
      inode,
      nprocs: 1,
      pid: inode,
      command: 'x',
      containers: names.map((n) => ({ id: n, name: n })),
      isHost,
    });
    const text = formatMap(
      {
        namespaces: [ns('net', 1, [], true), ns('net', 2, ['web']), ns('mnt', 3, []), ns('net', 4, [])],
        scanned: 4,
        unreadable: 0,
        hostPid: 1,
      },
      PLAIN,
    );
    expect(text).toMatch(/^mnt\s+3\s+1\s+3\s+x\s+\(no known engine\)$/m);
    expect(text).toMatch(/^net\s+1\s.*\(the host\)$/m);
    expect(text).toMatch(/^net\s+2\s.*web$/m);
    expect(text).toMatch(/\(no known engine\): 2 namespaces hold no main process of a container/);
  });
});
