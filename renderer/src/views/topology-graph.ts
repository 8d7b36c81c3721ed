import type { Topology, TopologyBridge, TopologyNetns, TopologyVeth } from '../../../shared/model/hostmap';
import type { LayoutBlock, LayoutEdge, LayoutNode } from './network-layout';

/** The network picture as plain nodes, edges and blocks, before layout (pure, for tests). */
export type GraphNodeKind = 'bridge' | 'veth' | 'netns' | 'hostns' | 'parent';
export interface GraphNode extends LayoutNode {
  kind: GraphNodeKind;
  data: Record<string, unknown>;
}
export type GraphEdge = LayoutEdge;
export interface TopologyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  blocks: LayoutBlock[];
  /** Container namespaces in the topology, and how many of them are drawn. */
  netnsTotal: number;
  netnsShown: number;
}

export interface GraphOptions {
  /** Only these containers' namespaces (A and B) and what leads to them. */
  focus?: ReadonlySet<string> | undefined;
  /** The containers the sidebar's filter shows; undefined: no filter. */
  visible?: ReadonlySet<string> | undefined;
  /** Words to find: container names, namespace inodes, interface names and addresses, bridges and networks. */
  search?: string | undefined;
  /** Bridges the user opened (true) or closed (false); others follow their size. */
  toggled?: ReadonlyMap<string, boolean> | undefined;
}

/** A bridge with more veths than this starts closed, showing only its count. */
export const COLLAPSE_OVER = 12;
/** Lines a namespace box shows at most, so that no box grows without bound. */
export const MAX_CONTAINER_LINES = 6;
export const MAX_IFACE_LINES = 4;

export type VethFlag = 'no-bridge' | 'unpaired' | 'elsewhere' | null;
export interface BridgeData extends TopologyBridge {
  count: number;
  expanded: boolean;
}
export interface VethData extends TopologyVeth {
  flag: VethFlag;
}
export interface NetnsData extends TopologyNetns {
  /** The containers and interfaces drawn, and how many more there are. */
  shownContainers: TopologyNetns['containers'];
  moreContainers: number;
  shownInterfaces: TopologyNetns['interfaces'];
  moreInterfaces: number;
}
export interface ParentData {
  name: string;
  ifindex: number;
  network?: string;
}

const W = { bridge: 230, veth: 190, netns: 270, parent: 230 };

function vethFlag(v: TopologyVeth, bridges: ReadonlySet<string>): VethFlag {
  if (v.peerIn === 'host') return 'unpaired';
  if (v.peerIn === 'elsewhere') return 'elsewhere';
  return v.master && bridges.has(v.master) ? null : 'no-bridge';
}

function netnsText(n: TopologyNetns): string {
  return [n.inode, ...n.containers.map((c) => c.name), ...n.interfaces.flatMap((i) => [i.name, ...i.addresses])].join(' ').toLowerCase();
}

function listAt<K, V>(m: Map<K, V[]>, k: K): V[] {
  let l = m.get(k);
  if (!l) m.set(k, (l = []));
  return l;
}

/** The first container's name: rows sort by it, so the picture reads like the list. */
const sortKey = (n: TopologyNetns | undefined) => n?.containers.map((c) => c.name).sort()[0] ?? '\uffff';

/**
 * Bridges → veth host ends → network namespaces (one box per namespace, with every container
 * in it), then macvlan/ipvlan parents → their namespaces, then veths on no bridge, then
 * namespaces wired to nothing.
 */
export function topologyGraph(t: Topology, opts: GraphOptions = {}): TopologyGraph {
  const focus = opts.focus?.size ? opts.focus : undefined;
  const q = opts.search?.trim().toLowerCase() ?? '';
  const narrowed = !!(focus || opts.visible || q);
  const bridgeNames = new Set(t.bridges.map((b) => b.name));
  const bridgeHit = new Set(
    t.bridges.filter((b) => q && `${b.name} ${b.network ?? ''} ${b.addresses.join(' ')}`.toLowerCase().includes(q)).map((b) => b.name),
  );
  const vethHit = (v: TopologyVeth) => !!q && (v.name.toLowerCase().includes(q) || (!!v.master && bridgeHit.has(v.master)));
  const vethsTo = new Map<number, TopologyVeth[]>();
  for (const v of t.veths) if (v.peerNetns !== null) listAt(vethsTo, v.peerNetns).push(v);

  const allNetns = t.netns.filter((n) => !n.isHost || n.containers.length > 0);
  const shownNetns = allNetns.filter((n) => {
    if (focus && !n.containers.some((c) => focus.has(c.name))) return false;
    if (opts.visible && !n.containers.some((c) => opts.visible!.has(c.name))) return false;
    if (!q) return true;
    const viaParent = n.interfaces.some((i) => i.parent && `${i.parent.name ?? ''} ${i.parent.network ?? ''}`.toLowerCase().includes(q));
    return netnsText(n).includes(q) || viaParent || (vethsTo.get(n.inode) ?? []).some(vethHit);
  });
  const nsByInode = new Map(shownNetns.map((n) => [n.inode, n]));
  // A veth whose other end is in no container's namespace is shown only when nothing narrows the picture to containers.
  const veths = t.veths.filter((v) => (v.peerNetns !== null ? nsByInode.has(v.peerNetns) : !focus && !opts.visible && (!q || vethHit(v))));
  const onBridge = new Map<string, TopologyVeth[]>();
  for (const v of veths) if (v.master && bridgeNames.has(v.master)) listAt(onBridge, v.master).push(v);
  const bridges = t.bridges.filter((b) => !narrowed || onBridge.has(b.name) || bridgeHit.has(b.name));

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const blocks: LayoutBlock[] = [];
  const drawnNetns = new Set<number>();
  const closedOnly = new Set<number>();
  const nsId = (inode: number) => `ns:${inode}`;
  const bySortKey = (a: TopologyVeth, b: TopologyVeth) => {
    const ka = sortKey(a.peerNetns === null ? undefined : nsByInode.get(a.peerNetns));
    const kb = sortKey(b.peerNetns === null ? undefined : nsByInode.get(b.peerNetns));
    return ka < kb ? -1 : ka > kb ? 1 : a.ifindex - b.ifindex;
  };
  const vethRow = (v: TopologyVeth) => {
    const id = `veth:${v.name}`;
    const flag = vethFlag(v, bridgeNames);
    // The bridge it is on is the edge on its left: a line for it only when there is none.
    const lines = 2 + (flag ? 1 : 0) + (flag && flag !== 'no-bridge' ? 1 : 0);
    nodes.push({ id, kind: 'veth', width: W.veth, height: 18 + 17 * lines, data: { ...v, flag } satisfies VethData });
    const ns = v.peerNetns !== null && nsByInode.has(v.peerNetns) ? nsId(v.peerNetns) : null;
    if (ns) {
      edges.push({ id: `e:${v.name}:${v.peerNetns}`, source: id, target: ns, ...(v.peerName !== null ? { label: v.peerName } : {}) });
      drawnNetns.add(v.peerNetns!);
    }
    return { veth: id, netns: ns };
  };

  for (const b of bridges) {
    const on = (onBridge.get(b.name) ?? []).sort(bySortKey);
    const expanded = opts.toggled?.get(b.name) ?? (focus || q ? true : on.length <= COLLAPSE_OVER);
    const id = `br:${b.name}`;
    const height = 34 + (b.network ? 17 : 0) + 16 * Math.min(2, b.addresses.length) + (on.length ? 26 : 0);
    nodes.push({ id, kind: 'bridge', width: W.bridge, height, data: { ...b, count: on.length, expanded } satisfies BridgeData });
    if (!expanded) {
      for (const v of on) if (v.peerNetns !== null) closedOnly.add(v.peerNetns);
      blocks.push({ head: id, rows: [] });
      continue;
    }
    const rows = on.map(vethRow);
    for (const r of rows) edges.push({ id: `e:${b.name}:${r.veth}`, source: id, target: r.veth });
    blocks.push({ head: id, rows });
  }

  const parents = new Map<string, { data: ParentData; netns: { n: TopologyNetns; iface: string; kind: string }[] }>();
  for (const n of shownNetns) {
    for (const i of n.interfaces) {
      if (!i.parent?.onHost) continue;
      const name = i.parent.name ?? `ifindex ${i.parent.ifindex}`;
      const p = parents.get(name) ?? {
        data: { name, ifindex: i.parent.ifindex, ...(i.parent.network ? { network: i.parent.network } : {}) },
        netns: [],
      };
      p.netns.push({ n, iface: i.name, kind: i.kind });
      parents.set(name, p);
    }
  }
  for (const [name, p] of [...parents].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const id = `parent:${name}`;
    nodes.push({ id, kind: 'parent', width: W.parent, height: 51 + (p.data.network ? 17 : 0), data: { ...p.data } });
    const rows: LayoutBlock['rows'] = [];
    for (const { n, iface, kind } of p.netns.sort((a, b) => (sortKey(a.n) < sortKey(b.n) ? -1 : 1))) {
      edges.push({ id: `e:${name}:${n.inode}:${iface}`, source: id, target: nsId(n.inode), label: `${iface} ${kind}` });
      rows.push({ veth: null, netns: drawnNetns.has(n.inode) ? null : nsId(n.inode) });
      drawnNetns.add(n.inode);
    }
    blocks.push({ head: id, rows });
  }

  const loose = veths.filter((v) => !v.master || !bridgeNames.has(v.master)).sort(bySortKey);
  if (loose.length) blocks.push({ head: null, rows: loose.map(vethRow) });

  const alone = shownNetns
    .filter((n) => !drawnNetns.has(n.inode) && !closedOnly.has(n.inode))
    .sort((a, b) => (a.isHost !== b.isHost ? (a.isHost ? 1 : -1) : sortKey(a) < sortKey(b) ? -1 : 1));
  if (alone.length) blocks.push({ head: null, rows: alone.map((n) => ({ veth: null, netns: nsId(n.inode) })) });
  for (const n of alone) drawnNetns.add(n.inode);

  for (const n of shownNetns.filter((x) => drawnNetns.has(x.inode))) nodes.push(netnsNode(n, nsId(n.inode)));
  return { nodes, edges, blocks, netnsTotal: allNetns.length, netnsShown: drawnNetns.size };
}

function netnsNode(n: TopologyNetns, id: string): GraphNode {
  const ifaces = n.interfaces.filter((i) => i.kind !== 'loopback' || n.interfaces.length === 1);
  const shownContainers = n.containers.slice(0, MAX_CONTAINER_LINES);
  const shownInterfaces = ifaces.slice(0, MAX_IFACE_LINES);
  const moreContainers = n.containers.length - shownContainers.length;
  const moreInterfaces = ifaces.length - shownInterfaces.length;
  const lines =
    shownContainers.length * 22 + Math.max(1, shownInterfaces.length) * 17 + (moreContainers ? 17 : 0) + (moreInterfaces ? 17 : 0);
  const data: NetnsData = { ...n, shownContainers, moreContainers, shownInterfaces, moreInterfaces };
  return { id, kind: n.isHost ? 'hostns' : 'netns', width: W.netns, height: 40 + lines + (n.error ? 64 : 0), data: { ...data } };
}
