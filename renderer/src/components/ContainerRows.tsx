import type { CSSProperties, KeyboardEvent } from 'react';
import type { Container } from '../../../shared/model/container';
import { refOf } from '../../../shared/model/host';
import { NS_TYPES, type NsType } from '../../../shared/model/nstype';
import { useT } from '../i18n';
import { drawn, type ViewColors } from '../lib/palette';
import { describeContainer } from '../lib/relative-time';
import { useDetails } from '../store/details';
import { useSeveralHosts } from '../store/hosts';
import { useTerminals } from '../store/terminals';
import { useUi } from '../store/ui';
import { ContainerActions } from './ContainerActions';

/** Fixed heights, so the list can place rows it has not drawn. */
export const CARD_H = 80;
export const TABLE_H = 30;
export const GROUP_H = 28;

const SHORT: Record<NsType, string> = { cgroup: 'cg', ipc: 'ip', mnt: 'mn', net: 'ne', pid: 'pi', time: 'ti', user: 'us', uts: 'ut' };

export interface RowProps {
  c: Container;
  hostNs: Partial<Record<NsType, number>>;
  /** Which other containers share each namespace type with this one. */
  shares: Map<NsType, string[]> | undefined;
  colors: ViewColors;
  now: number;
  style: CSSProperties;
  index: number;
  setSize: number;
  /** The row that Tab reaches (roving tabindex). */
  active: boolean;
  onFocusRow: () => void;
}

/**
 * A long name keeps its end in view (names often differ only there: web-1, web-2): the head
 * shrinks with an ellipsis, the last characters do not.
 */
function Name({ name, title }: { name: string; title: string }) {
  const keep = 8;
  return (
    <span className="n" title={title}>
      {name.length > keep + 6 ? (
        <>
          <span className="nh">{name.slice(0, -keep)}</span>
          <span className="nt">{name.slice(-keep)}</span>
        </>
      ) : (
        name
      )}
    </span>
  );
}

/** What the name alone does not say: its pod (sandbox or member), containerd's namespace, an engine that is away. */
function Tags({ c }: { c: Container }) {
  const t = useT();
  const severalHosts = useSeveralHosts();
  return (
    <>
      {severalHosts && c.host && (
        <span className="tag host" data-host={c.host.key} title={t('list.hostTitle', { host: c.host.label, endpoint: c.host.endpoint })}>
          {c.host.label}
        </span>
      )}
      {c.pod && (
        <span
          className={`tag${c.pod.infra ? ' pod-infra' : ''}`}
          data-pod={c.pod.name}
          title={t('list.podTitle', { pod: c.pod.name, namespace: c.pod.namespace ?? '-' })}
        >
          {c.pod.infra ? t('list.podSandbox', { pod: c.pod.name }) : t('list.pod', { pod: c.pod.name })}
        </span>
      )}
      {c.engine === 'containerd' && (
        <span
          className="tag"
          data-engine="containerd"
          title={t('list.engineTitle', { engine: 'containerd', namespace: c.containerd?.namespace ?? '-' })}
        >
          {c.containerd?.namespace ?? 'containerd'}
        </span>
      )}
      {/* Kept as last seen while the engine is away (a daemon stop or restart), not removed. */}
      {c.engineUnreachable && (
        <span className="tag warn" data-testid="engine-away">
          {t('engine.unreachable')}
        </span>
      )}
    </>
  );
}

/** Picks for A or B (a second pick of the same container unpicks it) and shows the comparison. */
function useChoose(name: string /* refOf(c): the name, after its host's key on a host but the first */) {
  const a = useUi((s) => s.a);
  const b = useUi((s) => s.b);
  const pick = useUi((s) => s.pick);
  const setView = useUi((s) => s.setView);
  return {
    a,
    b,
    choose(side: 'a' | 'b') {
      const cur = side === 'a' ? a : b;
      pick(side, cur === name ? null : name);
      setView('compare');
    },
  };
}

/** A and B on a focused row pick it; the buttons inside keep their own keys. */
function rowKeys(e: KeyboardEvent<HTMLDivElement>, running: boolean, choose: (side: 'a' | 'b') => void) {
  if (e.target !== e.currentTarget || !running || e.ctrlKey || e.metaKey || e.altKey) return;
  const k = e.key.toLowerCase();
  if (k === 'a' || k === 'b') {
    e.preventDefault();
    choose(k);
  }
}

function PickButtons({
  c,
  running,
  a,
  b,
  choose,
}: {
  c: Container;
  running: boolean;
  a: string | null;
  b: string | null;
  choose: (s: 'a' | 'b') => void;
}) {
  const t = useT();
  const openDialog = useTerminals((s) => s.openDialog);
  const detailsOf = useDetails((s) => s.name);
  const openDetails = useDetails((s) => s.open);
  return (
    <div className="row">
      <button
        type="button"
        className="pick a"
        aria-pressed={a === refOf(c)}
        title={t('list.pickA')}
        aria-label={t('list.pickAFor', { name: c.name })}
        disabled={!running}
        onClick={() => choose('a')}
      >
        A
      </button>
      <button
        type="button"
        className="pick b"
        aria-pressed={b === refOf(c)}
        title={t('list.pickB')}
        aria-label={t('list.pickBFor', { name: c.name })}
        disabled={!running}
        onClick={() => choose('b')}
      >
        B
      </button>
      <button
        type="button"
        className="btn small icon"
        title={t('list.openTerminal', { name: c.name })}
        aria-label={t('list.openTerminal', { name: c.name })}
        disabled={!running}
        data-action="terminal"
        onClick={() => openDialog(refOf(c))}
      >
        &gt;_
      </button>
      <button
        type="button"
        className="btn small icon"
        title={t('list.details', { name: c.name })}
        aria-label={t('list.details', { name: c.name })}
        aria-pressed={detailsOf === refOf(c)}
        data-action="details"
        onClick={() => openDetails(refOf(c))}
      >
        <svg viewBox="0 0 16 16" width="13" height="13" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden>
          <circle cx="8" cy="8" r="6.5" />
          <path d="M8 7.2v4M8 4.6v.2" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}

function rowAttrs(p: RowProps, sel: { a: string | null; b: string | null }, kind: string) {
  return {
    className: `crow ${kind}${sel.a === refOf(p.c) ? ' sel-a' : ''}${sel.b === refOf(p.c) ? ' sel-b' : ''}`,
    role: 'listitem',
    'data-container': p.c.name,
    'data-host': p.c.host?.key,
    'data-state': p.c.state,
    'data-row-index': p.index,
    'aria-posinset': p.index + 1,
    'aria-setsize': p.setSize,
    tabIndex: p.active ? 0 : -1,
    style: p.style,
    onFocus: p.onFocusRow,
  } as const;
}

/** The card: name, actions, image and PID, the namespace dots, and who it shares with. */
export function ContainerCard(p: RowProps) {
  const t = useT();
  const { c, hostNs, shares, colors, now } = p;
  const { a, b, choose } = useChoose(refOf(c));
  const running = c.state === 'running' && c.pid !== null;
  const locale = useUi((s) => s.locale);
  const described = describeContainer(c, now, locale, t);
  // Until the host's inodes are known, "shared" could just mean "the host's": say nothing yet.
  const hostKnown = Object.keys(hostNs).length > 0;
  const sharedTypes = hostKnown ? [...(shares?.entries() ?? [])].filter(([type]) => c.namespaces?.[type] !== hostNs[type]) : [];
  const byPeer = new Map<string, NsType[]>();
  for (const [type, names] of sharedTypes) for (const n of names) byPeer.set(n, [...(byPeer.get(n) ?? []), type]);
  const peers = [...byPeer].map(([name, types]) => t('list.sharesWith', { types: types.join(', '), names: name }));

  return (
    <div {...rowAttrs(p, { a, b }, 'tile')} onKeyDown={(e) => rowKeys(e, running, choose)}>
      <div className="name">
        <span className={`dot ${running ? 'ok' : c.state === 'paused' ? 'warn' : ''}`} title={described} />
        <Name name={c.name} title={c.name} />
        <Tags c={c} />
      </div>
      <div className="actions">
        <PickButtons c={c} running={running} a={a} b={b} choose={choose} />
        <ContainerActions c={c} />
      </div>
      <div className="meta">
        <span className="img" title={c.image}>
          {c.image}
        </span>
        <span className="mono" title={described}>
          {running ? t('list.pid', { pid: c.pid! }) : t(`state.${c.state}`)}
        </span>
      </div>
      {((running && c.namespaces) || byPeer.size > 0) && (
        <div className="nsline">
          {running && c.namespaces && (
            <span className="nsdots" aria-label="namespaces">
              {NS_TYPES.map((type) => {
                const inode = c.namespaces?.[type];
                const isHost = inode !== undefined && hostNs[type] === inode;
                const others = shares?.get(type);
                const what = isHost ? t('list.nsHost') : others ? t('list.nsShared', { names: others.join(', ') }) : t('list.nsOwn');
                const d = drawn(colors, inode, isHost);
                const title = t('list.nsTitle', { type, inode: inode ?? '?', what });
                return (
                  <span
                    key={type}
                    className={`nsdot${isHost ? ' host' : ''}${d.pattern ? ` ns-pat-${d.pattern}` : ''}`}
                    // A custom property: the pattern classes draw over the colour, which a shorthand would reset.
                    style={isHost ? undefined : ({ '--ns-swatch': d.background } as CSSProperties)}
                    data-swatch={d.label ?? undefined}
                    title={d.label ? `${title} · ${t('list.nsSwatch', { label: d.label })}` : title}
                  >
                    {SHORT[type]}
                  </span>
                );
              })}
            </span>
          )}
          {byPeer.size > 0 && (
            <span className="shares" title={peers.join('\n')}>
              {peers.map((p) => (
                <span key={p}>↔ {p}</span>
              ))}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

/** One line: state dot, name, state, and the A, B and terminal buttons. */
export function ContainerTableRow(p: RowProps) {
  const t = useT();
  const { c, now } = p;
  const { a, b, choose } = useChoose(refOf(c));
  const running = c.state === 'running' && c.pid !== null;
  const locale = useUi((s) => s.locale);
  const described = describeContainer(c, now, locale, t);
  return (
    <div {...rowAttrs(p, { a, b }, 'trow')} onKeyDown={(e) => rowKeys(e, running, choose)}>
      <span className={`dot ${running ? 'ok' : c.state === 'paused' ? 'warn' : ''}`} title={described} />
      <Name name={c.name} title={`${c.name} · ${c.image}`} />
      <Tags c={c} />
      <span className="st muted" title={described}>
        {running ? t('list.pid', { pid: c.pid! }) : t(`state.${c.state}`)}
      </span>
      <PickButtons c={c} running={running} a={a} b={b} choose={choose} />
    </div>
  );
}
