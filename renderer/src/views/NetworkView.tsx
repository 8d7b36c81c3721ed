import '@xyflow/react/dist/style.css';
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import ELK from 'elkjs/lib/elk.bundled.js';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/api/contract';
import type { Topology, TopologyBridge, TopologyNetns, TopologyVeth } from '../../../shared/model/hostmap';
import { api, asApiError } from '../api';
import { EmptyState, ErrorBox, Loading } from '../components/common';
import { useT } from '../i18n';
import { inodeColor } from '../lib/palette';
import { useContainers } from '../store/containers';
import { useUi } from '../store/ui';
import { topologyGraph } from './topology-graph';

const elk = new ELK();

async function layout(t: Topology, selected: Set<string>, focus: boolean): Promise<{ nodes: Node[]; edges: Edge[] }> {
  const g = topologyGraph(t, focus ? selected : undefined);
  const res = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '22',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '40',
    },
    children: g.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: g.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const pos = new Map((res.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  const nodes: Node[] = g.nodes.map((n) => ({
    id: n.id,
    type: n.kind,
    position: pos.get(n.id) ?? { x: 0, y: 0 },
    data: { ...n.data, selected: n.kind === 'netns' && (n.data as unknown as TopologyNetns).containers.some((c) => selected.has(c.name)) },
    style: { width: n.width, height: n.height },
    draggable: true,
    connectable: false,
  }));
  const edges: Edge[] = g.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label,
    type: 'smoothstep',
    labelStyle: { fontFamily: 'var(--mono)', fontSize: 11 },
    labelBgStyle: { fill: 'var(--panel)' },
  }));
  return { nodes, edges };
}

function BridgeNode({ data }: NodeProps) {
  const b = data as unknown as TopologyBridge;
  return (
    <div className="topo-node bridge" data-node={`bridge:${b.name}`}>
      <div className="t">
        ⌸ {b.name} <span className={`tag ${b.state === 'UP' ? 'ok' : ''}`}>{b.state}</span>
      </div>
      {b.addresses.map((a) => (
        <div key={a} className="if">
          {a}
        </div>
      ))}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

function VethNode({ data }: NodeProps) {
  const v = data as unknown as TopologyVeth;
  return (
    <div className="topo-node veth" data-node={`veth:${v.name}`}>
      <Handle type="target" position={Position.Left} />
      <div className="t">{v.name}</div>
      <div className="if">veth #{v.ifindex}</div>
      {v.master && <div className="if">master {v.master}</div>}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

function NetnsNode({ data }: NodeProps) {
  const t = useT();
  const n = data as unknown as TopologyNetns & { selected: boolean };
  const ifaces = n.interfaces.filter((i) => i.kind !== 'loopback' || n.interfaces.length === 1);
  return (
    <div
      className={`topo-node netns${n.selected ? ' sel' : ''}`}
      data-node={`netns:${n.inode}`}
      style={{ borderLeft: `6px solid ${n.isHost ? 'var(--ns-host)' : inodeColor(n.inode)}` }}
    >
      <Handle type="target" position={Position.Left} />
      <div className="t">{n.isHost ? t('topo.hostNs') : t('topo.netns', { inode: n.inode })}</div>
      {n.containers.map((c) => (
        <div key={c.id} className="cname" data-container={c.name}>
          ▣ {c.name}
        </div>
      ))}
      {n.error && <ErrorBox error={n.error} />}
      {ifaces.map((i) => (
        <div key={i.ifindex} className="if">
          <strong>{i.name}</strong> {i.addresses.join(' ') || (i.kind === 'loopback' ? t('topo.noNet') : '')}
        </div>
      ))}
    </div>
  );
}

const nodeTypes = { bridge: BridgeNode, veth: VethNode, netns: NetnsNode, hostns: NetnsNode };

export default function NetworkView() {
  const t = useT();
  const a = useUi((s) => s.a);
  const b = useUi((s) => s.b);
  const listVersion = useContainers((s) => s.list);
  const [topo, setTopo] = useState<Topology | null>(null);
  const [graph, setGraph] = useState<{ nodes: Node[]; edges: Edge[]; v: number } | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [nonce, setNonce] = useState(0);
  const [focus, setFocus] = useState(false);
  const canFocus = !!(a || (b && b !== 'host'));

  useEffect(() => {
    let live = true;
    setBusy(true);
    api()
      .topology()
      .then(
        (tp) => live && (setTopo(tp), setErr(null)),
        (e) => live && setErr(asApiError(e)),
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
    // A changed container list (start, stop) redraws the picture.
  }, [nonce, listVersion]);

  useEffect(() => {
    if (!topo) return;
    let live = true;
    const sel = new Set([a, b].filter((x): x is string => !!x));
    layout(topo, sel, focus && canFocus).then(
      (g) => live && setGraph({ ...g, v: Date.now() }),
      (e) => live && setErr(asApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [topo, a, b, focus, canFocus]);

  return (
    <div className="view fill" data-testid="network-view">
      <div className="cmp-head" style={{ padding: '10px 16px', borderBottom: '1px solid var(--border)' }}>
        <h2>{t('topo.title')}</h2>
        <span className="muted small">{t('topo.legend')}</span>
        <div className="spacer" />
        <button
          type="button"
          className="btn"
          aria-pressed={focus && canFocus}
          disabled={!canFocus}
          onClick={() => setFocus((f) => !f)}
          data-action="focus"
        >
          {t('topo.focus')}
        </button>
        <button type="button" className="btn" onClick={() => setNonce((n) => n + 1)} disabled={busy}>
          ↻ {t('topo.refresh')}
        </button>
      </div>
      {busy && <div className="progress-bar" />}
      {err && (
        <div style={{ padding: 16 }}>
          <ErrorBox error={err} onRetry={() => setNonce((n) => n + 1)} />
        </div>
      )}
      {!graph && !err && <Loading text={t('topo.loading')} />}
      {graph && graph.nodes.length === 0 && <EmptyState icon="⌸" title={t('topo.empty')} />}
      {graph && graph.nodes.length > 0 && (
        <div className="flow-wrap">
          <ReactFlow
            key={graph.v}
            defaultNodes={graph.nodes}
            defaultEdges={graph.edges}
            nodeTypes={nodeTypes}
            fitView
            fitViewOptions={{ maxZoom: 1.1, padding: 0.15 }}
            minZoom={0.2}
            nodesConnectable={false}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
      )}
    </div>
  );
}
