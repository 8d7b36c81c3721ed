import '@xyflow/react/dist/style.css';
import {
  Background,
  ControlButton,
  Controls,
  Handle,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { EmptyState, ErrorBox, Loading } from '../components/common';
import { useT } from '../i18n';
import { inodeColor } from '../lib/palette';
import { filterContainers, useContainers } from '../store/containers';
import { useUi } from '../store/ui';
import { fitViewport, layoutNetwork, type Layout } from './network-layout';
import { useTopology } from './use-topology';
import { topologyGraph, type BridgeData, type GraphNode, type NetnsData, type ParentData, type VethData } from './topology-graph';
import { FirstHostOnly } from '../components/HostBar';

function flowNodes(layout: Layout, byId: Map<string, GraphNode>): Node[] {
  return layout.nodes.map((p) => {
    const g = byId.get(p.continues ?? p.id)!;
    return {
      id: p.id,
      type: p.continues ? 'cont' : g.kind,
      position: { x: p.x, y: p.y },
      data: g.data,
      width: p.width,
      height: p.height,
      style: { width: p.width, height: p.height },
      draggable: false,
      selectable: false,
      connectable: false,
    };
  });
}

function flowEdges(layout: Layout): Edge[] {
  return layout.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label,
    type: 'smoothstep',
    labelStyle: { fontFamily: 'var(--mono)', fontSize: 11 },
    labelBgStyle: { fill: 'var(--panel)' },
  }));
}

function BridgeNode({ data }: NodeProps) {
  const t = useT();
  const b = data as unknown as BridgeData;
  const toggle = useNetworkToggle();
  return (
    <div className="topo-node bridge" data-node={`bridge:${b.name}`} data-expanded={b.expanded}>
      <div className="t">
        ⌸ {b.name} <span className={`tag ${b.state === 'UP' ? 'ok' : ''}`}>{b.state}</span>
      </div>
      {b.network && (
        <div className="netname" data-network={b.network}>
          {t('topo.network', { name: b.network })}
        </div>
      )}
      {b.addresses.slice(0, 2).map((a) => (
        <div key={a} className="if">
          {a}
        </div>
      ))}
      {b.count > 0 && (
        <button
          type="button"
          className="btn small nodrag"
          data-action="toggle-bridge"
          aria-expanded={b.expanded}
          aria-label={b.expanded ? t('topo.close', { name: b.name }) : t('topo.open', { n: b.count, name: b.name })}
          onClick={() => toggle(b.name, !b.expanded)}
        >
          {b.expanded ? '▾' : '▸'} {t('topo.veths', { n: b.count })}
        </button>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

function ContNode({ data }: NodeProps) {
  const t = useT();
  const b = data as unknown as BridgeData | ParentData;
  return (
    <div className="topo-node bridge cont">
      <div className="t">⌸ {t('topo.continued', { name: b.name })}</div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

function ParentNode({ data }: NodeProps) {
  const t = useT();
  const p = data as unknown as ParentData;
  return (
    <div className="topo-node bridge parent" data-node={`parent:${p.name}`}>
      <div className="t">⇶ {p.name}</div>
      <div className="if">{t('topo.parent', { ifindex: p.ifindex })}</div>
      {p.network && <div className="netname">{t('topo.network', { name: p.network })}</div>}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

function VethNode({ data }: NodeProps) {
  const t = useT();
  const v = data as unknown as VethData;
  return (
    <div className={`topo-node veth${v.flag ? ' flagged' : ''}`} data-node={`veth:${v.name}`} data-flag={v.flag ?? undefined}>
      <Handle type="target" position={Position.Left} />
      <div className="t">{v.name}</div>
      <div className="if">veth #{v.ifindex}</div>
      {v.flag === 'no-bridge' && <div className="tag warn">{t('topo.noBridge')}</div>}
      {v.flag === 'unpaired' && (
        <div className="tag warn" title={v.peerName ?? undefined}>
          {t('topo.unpaired')}
        </div>
      )}
      {v.flag === 'elsewhere' && <div className="tag warn">{t('topo.elsewhere')}</div>}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

function NetnsNode({ data }: NodeProps) {
  const t = useT();
  const n = data as unknown as NetnsData;
  const a = useUi((s) => s.a);
  const b = useUi((s) => s.b);
  const pick = useUi((s) => s.pick);
  const selected = n.containers.some((c) => c.name === a || c.name === b);
  // As in the list: a second click on the same side clears it; the other side's container swaps.
  const choose = (side: 'a' | 'b', name: string) => pick(side, (side === 'a' ? a : b) === name ? null : name);
  return (
    <div
      className={`topo-node netns${selected ? ' sel' : ''}`}
      data-node={`netns:${n.inode}`}
      style={{ borderLeft: `6px solid ${n.isHost ? 'var(--ns-host)' : inodeColor(n.inode)}` }}
    >
      <Handle type="target" position={Position.Left} />
      <div className="t">{n.isHost ? t('topo.hostNs') : t('topo.netns', { inode: n.inode })}</div>
      {n.shownContainers.map((c) => (
        <div key={c.id} className={`cname${a === c.name ? ' sel-a' : ''}${b === c.name ? ' sel-b' : ''}`} data-container={c.name}>
          <span className="n" title={c.name}>
            ▣ {c.name}
          </span>
          <button
            type="button"
            className="pick a nodrag"
            aria-pressed={a === c.name}
            aria-label={t('list.pickAFor', { name: c.name })}
            title={t('list.pickA')}
            onClick={() => choose('a', c.name)}
          >
            A
          </button>
          <button
            type="button"
            className="pick b nodrag"
            aria-pressed={b === c.name}
            aria-label={t('list.pickBFor', { name: c.name })}
            title={t('list.pickB')}
            onClick={() => choose('b', c.name)}
          >
            B
          </button>
        </div>
      ))}
      {n.moreContainers > 0 && <div className="if">{t('topo.more', { n: n.moreContainers })}</div>}
      {n.error && <ErrorBox error={n.error} />}
      {n.shownInterfaces.map((i) => (
        <div key={i.ifindex} className="if">
          <strong>{i.name}</strong>{' '}
          {i.addresses.join(' ') ||
            (i.kind === 'loopback' ? t('topo.noNet') : i.parent ? `${i.kind} @${i.parent.name ?? i.parent.ifindex}` : '')}
        </div>
      ))}
      {n.moreInterfaces > 0 && <div className="if">{t('topo.more', { n: n.moreInterfaces })}</div>}
    </div>
  );
}

const nodeTypes = { bridge: BridgeNode, cont: ContNode, parent: ParentNode, veth: VethNode, netns: NetnsNode, hostns: NetnsNode };

/** Opens or closes a bridge: the bridge boxes call it, the picture holds which are open. */
const ToggleBridge = createContext<(name: string, open: boolean) => void>(() => undefined);
const useNetworkToggle = () => useContext(ToggleBridge);

/**
 * Sets the viewport when the picture changes shape (search, filter, a bridge opened), and on the
 * fit button; a refresh of the same picture keeps where the user has panned to.
 */
function Viewport({ layout, fitKey, onWhole }: { layout: Layout; fitKey: string; onWhole: (whole: boolean) => void }) {
  const t = useT();
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const fit = useCallback(() => {
    if (!width || !height) return;
    const v = fitViewport(layout, { width, height });
    void flow.setViewport({ x: v.x, y: v.y, zoom: v.zoom });
    onWhole(v.whole);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the layout's size, not its identity, matters here
  }, [flow, width, height, layout.width, layout.height, onWhole]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- refit on a new shape or window size only
  useEffect(fit, [fitKey, width, height]);
  return (
    <Controls showInteractive={false} showFitView={false}>
      <ControlButton onClick={fit} title={t('topo.fit')} aria-label={t('topo.fit')} data-action="fit">
        ⤢
      </ControlButton>
    </Controls>
  );
}

export default function NetworkView() {
  return (
    <ReactFlowProvider>
      <NetworkPicture />
    </ReactFlowProvider>
  );
}

function NetworkPicture() {
  const t = useT();
  const a = useUi((s) => s.a);
  const b = useUi((s) => s.b);
  const list = useContainers((s) => s.list);
  const filter = useContainers((s) => s.filter);
  // A changed container list (start, stop) redraws the picture.
  const { topo, err, busy, refresh } = useTopology(list);
  const [focus, setFocus] = useState(false);
  const [search, setSearch] = useState('');
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [whole, setWhole] = useState(true);
  const canFocus = !!(a || (b && b !== 'host'));

  const toggle = useCallback((name: string, open: boolean) => setToggled((m) => new Map(m).set(name, open)), []);
  const visible = useMemo(() => (filter.trim() ? new Set(filterContainers(list, filter).map((c) => c.name)) : undefined), [list, filter]);
  const focusSet = useMemo(
    () => (focus && canFocus ? new Set([a, b].filter((x): x is string => !!x && x !== 'host')) : undefined),
    [focus, canFocus, a, b],
  );
  const graph = useMemo(
    () => (topo ? topologyGraph(topo, { focus: focusSet, visible, search, toggled }) : null),
    [topo, focusSet, visible, search, toggled],
  );
  const layout = useMemo(() => (graph ? layoutNetwork(graph) : null), [graph]);
  const flow = useMemo(() => {
    if (!graph || !layout) return null;
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    return { nodes: flowNodes(layout, byId), edges: flowEdges(layout) };
  }, [graph, layout]);
  const fitKey = `${focusSet ? [...focusSet].join(',') : ''}|${filter}|${search}|${[...toggled].join(',')}|${topo ? 1 : 0}`;
  const anyClosed = !!graph?.nodes.some((n) => n.kind === 'bridge' && !(n.data as unknown as BridgeData).expanded);
  const setAll = (open: boolean) => setToggled(new Map((topo?.bridges ?? []).map((x) => [x.name, open])));

  return (
    <div className="view fill" data-testid="network-view">
      <div className="cmp-head topo-head">
        <h2>{t('topo.title')}</h2>
        <FirstHostOnly />
        <input
          className="input"
          type="search"
          placeholder={t('topo.search')}
          aria-label={t('topo.search')}
          value={search}
          onChange={(e) => {
            // A new search opens the bridges it finds things on, whatever was opened or closed before.
            setSearch(e.target.value);
            setToggled(new Map());
          }}
          data-testid="network-search"
        />
        {graph && (
          <span className="muted small" data-testid="network-count">
            {t('topo.shown', { shown: graph.netnsShown, total: graph.netnsTotal })}
          </span>
        )}
        <div className="spacer" />
        <button type="button" className="btn" onClick={() => setAll(anyClosed)} data-action={anyClosed ? 'open-all' : 'close-all'}>
          {anyClosed ? t('topo.openAll') : t('topo.closeAll')}
        </button>
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
        <button type="button" className="btn" onClick={() => refresh()} disabled={busy} title={t('topo.refresh')}>
          ↻
        </button>
      </div>
      {busy && <div className="progress-bar" />}
      {err && (
        <div style={{ padding: 16 }}>
          <ErrorBox error={err} onRetry={() => refresh()} />
        </div>
      )}
      {topo?.notes?.map((n) => (
        <p key={n} className="muted small topo-note">
          {n}
        </p>
      ))}
      {!whole && flow && flow.nodes.length > 0 && <p className="muted small topo-note">{t('topo.partial')}</p>}
      {!flow && !err && <Loading text={t('topo.loading')} />}
      {flow && flow.nodes.length === 0 && <EmptyState icon="⌸" title={search ? t('topo.noMatch', { q: search }) : t('topo.empty')} />}
      {flow && layout && flow.nodes.length > 0 && (
        <ToggleBridge.Provider value={toggle}>
          <div className="flow-wrap">
            <ReactFlow
              nodes={flow.nodes}
              edges={flow.edges}
              nodeTypes={nodeTypes}
              minZoom={0.1}
              maxZoom={2}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              onlyRenderVisibleElements={flow.nodes.length > 120}
              proOptions={{ hideAttribution: true }}
            >
              <Background gap={20} />
              <Viewport layout={layout} fitKey={fitKey} onWhole={setWhole} />
            </ReactFlow>
          </div>
        </ToggleBridge.Provider>
      )}
    </div>
  );
}
