import {
  isFailed,
  mapRef,
  type Container,
  type HostReference,
  type NetInterface,
  type Section,
  type Topology,
  type TopologyLinkParent,
  type TopologyNetns,
  type TopologyVeth,
} from '../../shared/model/index.js';
import type { ProbeAccess } from './access/access.js';
import type { EngineNetwork } from './engine/networks.js';
import { errorFromProblem } from './errors.js';
import { readInterfaces } from './probe/net.js';

/** Where a topology's interfaces come from: read each time, or a cache (ProbeCache) that reads once per change. */
export interface InterfaceSource {
  host(pid: number): Promise<Section<NetInterface[]>>;
  netns(inode: number, pid: number): Promise<Section<NetInterface[]>>;
}

/** Every namespace read afresh (one-shot use: the CLI's `net`). */
export function freshInterfaces(access: ProbeAccess): InterfaceSource {
  return { host: (pid) => readInterfaces(access, pid), netns: (_inode, pid) => readInterfaces(access, pid) };
}

/** Interfaces that sit on a parent interface (the kernel's iflink) rather than pair with a peer. */
const ON_PARENT = new Set(['macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'vlan']);

/** The engine's networks, or why they are missing (the picture is drawn without their names). */
export type NetworkNames = EngineNetwork[] | { error: string };

/**
 * The network picture: host bridges, the veths on them, and each container
 * network namespace with the interfaces inside. Containers that share one
 * namespace (--network container:X) come out as one netns with several containers.
 */
export async function buildTopology(
  source: InterfaceSource,
  host: HostReference,
  containers: Container[],
  networks: NetworkNames = [],
): Promise<Topology> {
  const hostIfaces = await source.host(host.pid);
  if ('error' in hostIfaces)
    throw errorFromProblem(
      hostIfaces.error,
      "the host's interfaces are read with `ip` (iproute2): install it, or choose another access backend",
    );
  const known = Array.isArray(networks) ? networks : [];
  const groups = new Map<number, { pid: number; containers: Container[] }>();
  for (const c of containers) {
    const net = c.namespaces?.net;
    if (c.pid === null || net === undefined || net === host.namespaces.net) continue;
    const g = groups.get(net);
    if (g) g.containers.push(c);
    else groups.set(net, { pid: c.pid, containers: [c] });
  }
  const entries = [...groups.entries()];
  const inside = await Promise.all(entries.map(([inode, g]) => source.netns(inode, g.pid)));
  const netns: TopologyNetns[] = entries.map(([inode, g], i) => {
    const r = inside[i]!;
    const containers = g.containers.map(mapRef);
    // Unreadable is not empty: the namespace says why, rather than showing no interfaces.
    if (isFailed(r)) return { inode, containers, interfaces: [], error: r.error, isHost: false };
    const interfaces = r.map((x) => {
      const parent = parentOf(x, r, hostIfaces, known);
      return {
        name: x.name,
        ifindex: x.ifindex,
        addresses: x.addresses,
        kind: x.kind,
        linkIndex: x.linkIndex,
        ...(parent ? { parent } : {}),
      };
    });
    return { inode, containers, interfaces, isHost: false };
  });
  if (host.namespaces.net !== undefined) {
    const hostShare = containers.filter((c) => c.pid !== null && c.namespaces?.net === host.namespaces.net);
    netns.push({
      inode: host.namespaces.net,
      containers: hostShare.map(mapRef),
      interfaces: [],
      isHost: true,
    });
  }
  const veths = hostIfaces.filter((x) => x.kind === 'veth').map((v) => vethOf(v, hostIfaces, netns));
  const networkOfBridge = new Map(known.filter((n) => n.bridge).map((n) => [n.bridge!, n.name]));
  const bridges = hostIfaces
    .filter((x) => x.kind === 'bridge')
    .map((b) => {
      const network = networkOfBridge.get(b.name);
      return { name: b.name, ifindex: b.ifindex, addresses: b.addresses, state: b.state, ...(network ? { network } : {}) };
    });
  const notes = Array.isArray(networks) ? [] : [`network names unknown: ${networks.error}`];
  return { bridges, veths, netns, ...(notes.length ? { notes } : {}) };
}

/**
 * A host veth and where its other end is. The peer is the interface whose ifindex is our
 * iflink and whose iflink is our ifindex (ifindexes repeat across namespaces). No netnsid
 * means the other end is in the host's own namespace: a pair with no container end.
 */
function vethOf(v: NetInterface, hostIfaces: NetInterface[], netns: TopologyNetns[]): TopologyVeth {
  const base = { name: v.name, ifindex: v.ifindex, master: v.master, peerIfindex: v.linkIndex };
  const peer = netns
    .flatMap((n) => n.interfaces.map((i) => ({ n, i })))
    .find(({ i }) => i.ifindex === v.linkIndex && i.linkIndex === v.ifindex);
  if (peer) return { ...base, peerNetns: peer.n.inode, peerName: peer.i.name, peerIn: 'container' };
  if (v.linkNetnsid === undefined) {
    // In the same namespace `ip` names the other end (link) rather than giving its ifindex.
    const local = hostIfaces.find((o) => (v.linkName !== undefined ? o.name === v.linkName : o.ifindex === v.linkIndex));
    return {
      ...base,
      peerIfindex: v.linkIndex ?? local?.ifindex ?? null,
      peerNetns: null,
      peerName: local?.name ?? v.linkName ?? null,
      peerIn: 'host',
    };
  }
  return { ...base, peerNetns: null, peerName: null, peerIn: 'elsewhere' };
}

/**
 * A macvlan/ipvlan interface's parent. Without a netnsid it is in the same namespace; with
 * one, in another: the host's when the host has an interface of that ifindex (a container's
 * macvlan is made on a host interface and moved in).
 */
function parentOf(
  x: NetInterface,
  same: NetInterface[],
  hostIfaces: NetInterface[],
  networks: EngineNetwork[],
): TopologyLinkParent | undefined {
  if (!ON_PARENT.has(x.kind) || (x.linkIndex === null && x.linkName === undefined)) return undefined;
  const onHost = x.linkNetnsid !== undefined;
  const p = onHost
    ? hostIfaces.find((o) => o.ifindex === x.linkIndex)
    : same.find((o) => (x.linkName !== undefined ? o.name === x.linkName : o.ifindex === x.linkIndex));
  const network = onHost && p ? networks.find((n) => n.parent === p.name)?.name : undefined;
  return { ifindex: x.linkIndex ?? p?.ifindex ?? 0, name: p?.name ?? x.linkName ?? null, onHost, ...(network ? { network } : {}) };
}

/** How long the picture waits for the engine's network list before it is drawn without names. */
export const NETWORK_NAMES_DEADLINE_MS = 2000;

/** The engine's networks within the deadline; a failure or a hang becomes a note, not an error. */
export function networkNames(engine: { networks(timeoutMs?: number): Promise<EngineNetwork[]> }): Promise<NetworkNames> {
  return engine.networks(NETWORK_NAMES_DEADLINE_MS).catch((e: unknown) => ({ error: (e as Error).message }));
}
