import type { Topology } from '../../../shared/model/hostmap';

/** The network picture as plain nodes and edges, before layout (pure, for tests). */
export interface GraphNode {
  id: string;
  kind: 'bridge' | 'veth' | 'netns' | 'hostns';
  width: number;
  height: number;
  data: Record<string, unknown>;
}
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
}

/**
 * Bridges → veth host ends → network namespaces (one box per namespace, with
 * every container in it). With `focus`, only the namespaces of those
 * containers and the veths and bridges that lead to them.
 */
export function topologyGraph(t: Topology, focus?: ReadonlySet<string>): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const netns = t.netns.filter((n) =>
    focus?.size
      ? n.containers.some((c) => focus.has(c.name))
      : // The host's own namespace is the left half of the picture already; a box only when containers use it.
        !n.isHost || n.containers.length > 0,
  );
  const nsInodes = new Set(netns.map((n) => n.inode));
  const veths = t.veths.filter((v) => !focus?.size || (v.peerNetns !== null && nsInodes.has(v.peerNetns)));
  const bridges = t.bridges.filter((b) => !focus?.size || veths.some((v) => v.master === b.name));

  for (const b of bridges) {
    nodes.push({ id: `br:${b.name}`, kind: 'bridge', width: 220, height: 46 + 16 * b.addresses.length, data: { ...b } });
  }
  for (const v of veths) {
    nodes.push({ id: `veth:${v.name}`, kind: 'veth', width: 190, height: v.master ? 62 : 46, data: { ...v } });
    if (v.master && bridges.some((b) => b.name === v.master)) {
      edges.push({ id: `e:${v.master}:${v.name}`, source: `br:${v.master}`, target: `veth:${v.name}` });
    }
    if (v.peerNetns !== null && nsInodes.has(v.peerNetns)) {
      edges.push({
        id: `e:${v.name}:${v.peerNetns}`,
        source: `veth:${v.name}`,
        target: `ns:${v.peerNetns}`,
        ...(v.peerName !== null ? { label: v.peerName } : {}),
      });
    }
  }
  for (const n of netns) {
    const ifaces = n.interfaces.filter((i) => i.kind !== 'loopback' || n.interfaces.length === 1);
    const height = 40 + 19 * n.containers.length + 17 * Math.max(1, ifaces.length);
    nodes.push({ id: `ns:${n.inode}`, kind: n.isHost ? 'hostns' : 'netns', width: 260, height, data: { ...n } });
  }
  return { nodes, edges };
}
