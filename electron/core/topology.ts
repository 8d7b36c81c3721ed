import { isFailed, mapRef, type Container, type HostReference, type Topology, type TopologyNetns } from '../../shared/model/index.js';
import type { ProbeAccess } from './access/access.js';
import { errorFromProblem } from './errors.js';
import { readInterfaces } from './probe/net.js';

/**
 * The network picture: host bridges, the veths on them, and each container
 * network namespace with the interfaces inside. Containers that share one
 * namespace (--network container:X) come out as one netns with several containers.
 */
export async function buildTopology(access: ProbeAccess, host: HostReference, containers: Container[]): Promise<Topology> {
  const hostIfaces = await readInterfaces(access, host.pid);
  if ('error' in hostIfaces)
    throw errorFromProblem(
      hostIfaces.error,
      "the host's interfaces are read with `ip` (iproute2): install it, or choose another access backend",
    );
  const groups = new Map<number, { pid: number; containers: Container[] }>();
  for (const c of containers) {
    const net = c.namespaces?.net;
    if (c.pid === null || net === undefined || net === host.namespaces.net) continue;
    const g = groups.get(net);
    if (g) g.containers.push(c);
    else groups.set(net, { pid: c.pid, containers: [c] });
  }
  const entries = [...groups.entries()];
  const inside = await Promise.all(entries.map(([, g]) => readInterfaces(access, g.pid)));
  const netns: TopologyNetns[] = entries.map(([inode, g], i) => {
    const r = inside[i]!;
    const containers = g.containers.map(mapRef);
    // Unreadable is not empty: the namespace says why, rather than showing no interfaces.
    if (isFailed(r)) return { inode, containers, interfaces: [], error: r.error, isHost: false };
    const interfaces = r.map((x) => ({ name: x.name, ifindex: x.ifindex, addresses: x.addresses, kind: x.kind, linkIndex: x.linkIndex }));
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
  const veths = hostIfaces
    .filter((x) => x.kind === 'veth')
    .map((v) => {
      const peer = netns
        .flatMap((n) => n.interfaces.map((i) => ({ n, i })))
        .find(({ i }) => i.ifindex === v.linkIndex && i.linkIndex === v.ifindex);
      return {
        name: v.name,
        ifindex: v.ifindex,
        master: v.master,
        peerIfindex: v.linkIndex,
        peerNetns: peer?.n.inode ?? null,
        peerName: peer?.i.name ?? null,
      };
    });
  const bridges = hostIfaces
    .filter((x) => x.kind === 'bridge')
    .map((b) => ({ name: b.name, ifindex: b.ifindex, addresses: b.addresses, state: b.state }));
  return { bridges, veths, netns };
}
