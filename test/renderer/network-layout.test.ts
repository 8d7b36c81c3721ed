import { describe, expect, it } from 'vitest';
import type { Topology, TopologyNetns, TopologyVeth } from '../../shared/model/hostmap.js';
import { fitViewport, layoutNetwork, MIN_READABLE_ZOOM, type Layout, type Placed } from '../../renderer/src/views/network-layout.js';
import { COLLAPSE_OVER, topologyGraph, type GraphOptions } from '../../renderer/src/views/topology-graph.js';

const ref = (n: string) => ({ id: `id-${n}`, name: n });

/** A host like the bench's: n containers on docker0, a compose network of 3, and the odd cases. */
function host(n: number, odd = true): Topology {
  const veths: TopologyVeth[] = [];
  const netns: TopologyNetns[] = [];
  const add = (name: string, inode: number, bridge: string | null, ifindex: number) => {
    netns.push({
      inode,
      containers: [ref(name)],
      interfaces: [
        { name: 'lo', ifindex: 1, addresses: ['127.0.0.1/8'], kind: 'loopback', linkIndex: null },
        { name: 'eth0', ifindex: ifindex - 1, addresses: [`172.17.${inode >> 8}.${inode & 255}/16`], kind: 'veth', linkIndex: ifindex },
      ],
      isHost: false,
    });
    veths.push({
      name: `veth${inode}`,
      ifindex,
      master: bridge,
      peerIfindex: ifindex - 1,
      peerNetns: inode,
      peerName: 'eth0',
      peerIn: 'container',
    });
  };
  for (let i = 0; i < n; i++) add(`bench-${String(i).padStart(3, '0')}`, 10_000 + i, 'docker0', 1000 + 2 * i);
  for (let i = 0; i < 3; i++) add(`shop-${i}`, 20_000 + i, 'br-0123456789ab', 5000 + 2 * i);
  if (odd) {
    add('lonely', 30_000, null, 6000);
    // --network container:shop-0 joins its namespace: one box, two containers.
    netns.find((x) => x.inode === 20_000)!.containers.push(ref('shop-sidecar'));
    netns.push({
      inode: 40_000,
      containers: [ref('mv')],
      interfaces: [
        {
          name: 'eth0',
          ifindex: 2,
          addresses: ['10.9.0.2/24'],
          kind: 'macvlan',
          linkIndex: 7,
          parent: { ifindex: 7, name: 'nsi-dummy0', onHost: true, network: 'mvnet' },
        },
      ],
      isHost: false,
    });
    netns.push({
      inode: 50_000,
      containers: [ref('nonet')],
      interfaces: [{ name: 'lo', ifindex: 1, addresses: [], kind: 'loopback', linkIndex: null }],
      isHost: false,
    });
    veths.push({ name: 'va', ifindex: 8000, master: null, peerIfindex: 8001, peerNetns: null, peerName: 'vb', peerIn: 'host' });
    veths.push({ name: 'vb', ifindex: 8001, master: null, peerIfindex: 8000, peerNetns: null, peerName: 'va', peerIn: 'host' });
    veths.push({
      name: 'vethpodman',
      ifindex: 8100,
      master: 'docker0',
      peerIfindex: 3,
      peerNetns: null,
      peerName: null,
      peerIn: 'elsewhere',
    });
  }
  netns.push({ inode: 1, containers: [], interfaces: [], isHost: true });
  return {
    bridges: [
      { name: 'docker0', ifindex: 5, addresses: ['172.17.0.1/16'], state: 'UP', network: 'bridge' },
      { name: 'br-0123456789ab', ifindex: 6, addresses: ['172.20.0.1/16'], state: 'UP', network: 'shop_default' },
    ],
    veths,
    netns,
  };
}

const draw = (t: Topology, o: GraphOptions = {}) => {
  const g = topologyGraph(t, o);
  return { g, l: layoutNetwork(g) };
};
const at = (l: Layout, id: string) => l.nodes.find((n) => n.id === id)!;
const overlap = (p: Placed, q: Placed) => p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
const open = (names: string[]) => new Map(names.map((n) => [n, true]));

function expectNoOverlap(l: Layout) {
  const sorted = [...l.nodes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < sorted[i]!.x + sorted[i]!.width; j++)
      expect(overlap(sorted[i]!, sorted[j]!), `${sorted[i]!.id} overlaps ${sorted[j]!.id}`).toBe(false);
}

describe('the network picture’s layout', () => {
  it('is the same picture for the same host, whatever order the kernel listed things in', () => {
    const t = host(40);
    const shuffled: Topology = { ...t, veths: [...t.veths].reverse(), netns: [...t.netns].reverse() };
    const a = draw(t, { toggled: open(['docker0']) }).l;
    expect(draw(t, { toggled: open(['docker0']) }).l).toEqual(a);
    const b = draw(shuffled, { toggled: open(['docker0']) }).l;
    const pos = (l: Layout) => new Map(l.nodes.map((n) => [n.id, `${n.x},${n.y}`]));
    expect(pos(b)).toEqual(pos(a));
  });

  it('keeps the columns in order: bridge, then veth, then namespace, with no box on another', () => {
    for (const n of [3, 40, 300]) {
      const { l } = draw(host(n), { toggled: open(['docker0', 'br-0123456789ab']) });
      expectNoOverlap(l);
      for (const e of l.edges) {
        const s = at(l, e.source);
        const d = at(l, e.target);
        expect(s, e.source).toBeDefined();
        expect(d, e.target).toBeDefined();
        // Every edge runs left to right, within one band: a later band's rows hang on a continuation box.
        expect(s.x + s.width, `${e.source} → ${e.target}`).toBeLessThan(d.x);
        expect(d.x - (s.x + s.width)).toBeLessThan(400);
      }
    }
  });

  it('bounds every box, however many containers share a namespace or interfaces it has', () => {
    const t = host(2);
    const crowded = t.netns.find((x) => x.inode === 10_000)!;
    crowded.containers = Array.from({ length: 60 }, (_, i) => ref(`c${i}`));
    crowded.interfaces = Array.from({ length: 40 }, (_, i) => ({
      name: `if${i}`,
      ifindex: 100 + i,
      addresses: [],
      kind: 'dummy',
      linkIndex: null,
    }));
    const { g, l } = draw(t);
    for (const n of g.nodes) {
      expect(n.width).toBeLessThanOrEqual(280);
      expect(n.height).toBeLessThanOrEqual(300);
    }
    expect(g.nodes.find((n) => n.id === 'ns:10000')!.data).toMatchObject({ moreContainers: 54, moreInterfaces: 36 });
    expectNoOverlap(l);
  });

  it('300 containers on one bridge: closed at first, with their count, and the whole picture readable', () => {
    const { g, l } = draw(host(300, false));
    const docker0 = g.nodes.find((n) => n.id === 'br:docker0')!;
    expect(docker0.data).toMatchObject({ count: 300, expanded: false, network: 'bridge' });
    expect(g.nodes.filter((n) => n.kind === 'veth' && (n.data as { master: string }).master === 'docker0')).toHaveLength(0);
    expect(g.nodes.find((n) => n.id === 'br:br-0123456789ab')!.data).toMatchObject({ count: 3, expanded: true });
    const v = fitViewport(l, { width: 724, height: 540 });
    expect(v.whole).toBe(true);
    expect(v.zoom).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM);
    expect(COLLAPSE_OVER).toBeLessThan(300);
  });

  it('300 containers opened: a grid of bands about the window’s shape, not one endless column', () => {
    const { g, l } = draw(host(300), { toggled: open(['docker0']) });
    expect(g.nodes.filter((n) => n.kind === 'veth')).toHaveLength(300 + 3 + 1 + 3);
    expect(l.bands).toBeGreaterThanOrEqual(4);
    expect(l.width / l.height).toBeGreaterThan(0.8);
    expect(l.width / l.height).toBeLessThan(3.2);
    expectNoOverlap(l);
    // Each band after the first carries docker0 on as a continuation box, and its veths hang on it.
    const conts = l.nodes.filter((n) => n.continues === 'br:docker0');
    expect(conts.length).toBeGreaterThanOrEqual(l.bands - 2);
    const fromCont = l.edges.filter((e) => e.source.startsWith('cont:br:docker0'));
    expect(fromCont.length).toBeGreaterThan(100);
    // Rows read in name order, down each band.
    const ys = ['bench-000', 'bench-001', 'bench-002'].map((n) => at(l, `ns:${10_000 + Number(n.slice(-3))}`).y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    // Fit-view does not shrink it to blank: the top-left corner at a readable zoom.
    const v = fitViewport(l, { width: 724, height: 540 });
    expect(v).toMatchObject({ whole: false, zoom: MIN_READABLE_ZOOM, x: 24, y: 24 });
  });

  it('a small picture is centred, and not blown up past 110 %', () => {
    const v = fitViewport({ width: 200, height: 100 }, { width: 1000, height: 600 });
    expect(v.zoom).toBe(1.1);
    expect(v.x).toBeCloseTo((1000 - 220) / 2);
    expect(v.y).toBeCloseTo((600 - 110) / 2);
  });
});

describe('what the network picture shows', () => {
  it('applies the sidebar filter: only the namespaces of the containers it shows, and their bridges', () => {
    const { g } = draw(host(300), { visible: new Set(['bench-007', 'shop-1']) });
    expect(
      g.nodes
        .filter((n) => n.kind === 'netns')
        .map((n) => n.id)
        .sort(),
    ).toEqual(['ns:10007', 'ns:20001']);
    expect(
      g.nodes
        .filter((n) => n.kind === 'bridge')
        .map((n) => n.id)
        .sort(),
    ).toEqual(['br:br-0123456789ab', 'br:docker0']);
    expect(g.nodes.some((n) => n.id === 'veth:va' || n.id === 'veth:vethpodman')).toBe(false);
    expect(g.netnsShown).toBe(2);
    expect(g.netnsTotal).toBe(300 + 3 + 1 + 2);
  });

  it('searches container names, addresses and network names', () => {
    const names = (o: GraphOptions) =>
      draw(host(300), o)
        .g.nodes.filter((n) => n.kind === 'netns')
        .map((n) => n.id);
    expect(names({ search: 'bench-123' })).toEqual(['ns:10123']);
    expect(names({ search: `172.17.${10_100 >> 8}.${10_100 & 255}/` })).toEqual(['ns:10100']);
    expect(names({ search: 'SHOP_default' }).sort()).toEqual(['ns:20000', 'ns:20001', 'ns:20002']);
    expect(names({ search: 'mvnet' })).toEqual(['ns:40000']);
    expect(names({ search: 'no-such-thing' })).toEqual([]);
    // A search opens the bridges it finds things on.
    expect(draw(host(300), { search: 'bench-12' }).g.nodes.find((n) => n.id === 'br:docker0')!.data).toMatchObject({
      expanded: true,
      count: 10,
    });
  });

  it('flags a veth on no bridge, a host-only pair and a veth into no known container', () => {
    const { g } = draw(host(3));
    const flag = (id: string) => (g.nodes.find((n) => n.id === id)!.data as { flag: string | null }).flag;
    expect(flag('veth:veth30000')).toBe('no-bridge');
    expect(flag('veth:va')).toBe('unpaired');
    expect(flag('veth:vethpodman')).toBe('elsewhere');
    expect(flag('veth:veth10000')).toBeNull();
  });

  it('draws a macvlan namespace from its parent interface, and a container sharing a namespace in the same box', () => {
    const { g, l } = draw(host(3));
    expect(g.nodes.find((n) => n.id === 'parent:nsi-dummy0')!.data).toMatchObject({ network: 'mvnet', ifindex: 7 });
    expect(l.edges).toContainEqual(expect.objectContaining({ source: 'parent:nsi-dummy0', target: 'ns:40000', label: 'eth0 macvlan' }));
    const shop0 = g.nodes.find((n) => n.id === 'ns:20000')!.data as { containers: { name: string }[] };
    expect(shop0.containers.map((c) => c.name)).toEqual(['shop-0', 'shop-sidecar']);
    // Namespaces wired to nothing still get a box; the host's only when containers use it.
    expect(at(l, 'ns:50000')).toBeDefined();
    expect(g.nodes.some((n) => n.id === 'ns:1')).toBe(false);
  });

  it('focus keeps only A and B and what leads to them', () => {
    const { g } = draw(host(300), { focus: new Set(['bench-042', 'shop-sidecar']) });
    expect(g.nodes.map((n) => n.id).sort()).toEqual([
      'br:br-0123456789ab',
      'br:docker0',
      'ns:10042',
      'ns:20000',
      'veth:veth10042',
      'veth:veth20000',
    ]);
  });
});
