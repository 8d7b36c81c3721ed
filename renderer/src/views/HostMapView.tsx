import { useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../../shared/api/contract';
import { attribution, type HostMap, type MappedNamespace } from '../../../shared/model/hostmap';
import { NS_TYPES, type NsType } from '../../../shared/model/nstype';
import { api, asApiError } from '../api';
import { ErrorBox, InodeChip, Loading } from '../components/common';
import { useT } from '../i18n';
import { drawn, viewColors } from '../lib/palette';
import { useUi } from '../store/ui';
import { FirstHostOnly } from '../components/HostBar';

export interface SharingGroup {
  containers: string[];
  /** Namespace types shared inside the group (not the host's). */
  types: NsType[];
}

/** Containers linked by namespaces of their own that they share: pod-like groups. */
export function sharingGroups(map: HostMap): SharingGroup[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const r = find(p);
    parent.set(x, r);
    return r;
  };
  const shared = map.namespaces.filter((n) => !n.isHost && n.containers.length > 1);
  for (const n of shared) {
    const [first, ...rest] = n.containers.map((c) => c.name);
    for (const r of rest) parent.set(find(r), find(first!));
  }
  const groups = new Map<string, SharingGroup>();
  for (const n of shared) {
    const root = find(n.containers[0]!.name);
    const g = groups.get(root) ?? { containers: [], types: [] };
    for (const c of n.containers) if (!g.containers.includes(c.name)) g.containers.push(c.name);
    if (!g.types.includes(n.type)) g.types.push(n.type);
    groups.set(root, g);
  }
  return [...groups.values()].map((g) => ({ containers: g.containers.sort(), types: g.types.sort() }));
}

export function HostMapView() {
  const t = useT();
  const [map, setMap] = useState<HostMap | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [onlyContainers, setOnlyContainers] = useState(true);
  const pick = useUi((s) => s.pick);
  const load = async () => {
    setBusy(true);
    try {
      setMap(await api().hostMap());
      setErr(null);
    } catch (e) {
      setErr(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const groups = useMemo(() => (map ? sharingGroups(map) : []), [map]);

  return (
    <div className="view" data-testid="hostmap-view">
      <div className="cmp-head">
        <h2>{t('map.title')}</h2>
        <FirstHostOnly />
        {map && <span className="muted small">{t('map.scanned', { n: map.scanned, u: map.unreadable })}</span>}
        <div className="spacer" />
        <label className="small" style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <input type="checkbox" checked={onlyContainers} onChange={(e) => setOnlyContainers(e.target.checked)} />
          {t('map.onlyContainers')}
        </label>
        <button type="button" className="btn" onClick={() => void load()} disabled={busy}>
          ↻ {t('topo.refresh')}
        </button>
      </div>
      {busy && !map && <Loading text={t('map.loading')} />}
      {busy && map && <div className="progress-bar" />}
      {err && <ErrorBox error={err} onRetry={() => void load()} />}
      {map && (
        <>
          <div className="card" data-testid="groups">
            <div className="card-head">
              <h3>{t('map.groups')}</h3>
              <span className="muted small">{t('map.groupsHint')}</span>
            </div>
            <div className="card-body">
              {groups.length === 0 ? (
                <span className="muted">{t('map.noGroups')}</span>
              ) : (
                <div className="groups">
                  {groups.map((g) => (
                    <div className="group" key={g.containers.join(',')} data-group={g.containers.join(',')}>
                      <div className="chips">
                        {g.containers.map((n) => (
                          <button key={n} type="button" className="cchip" onClick={() => pick('a', n)}>
                            {n}
                          </button>
                        ))}
                      </div>
                      <div className="small">{t('map.share', { types: g.types.join(', ') })}</div>
                    </div>
                  ))}
                </div>
              )}
            </div>
          </div>
          <div className="typegrid">
            {NS_TYPES.map((type) => (
              <TypeCard
                key={type}
                type={type}
                items={map.namespaces.filter((n) => n.type === type && (!onlyContainers || n.containers.length > 0 || n.isHost))}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

export function TypeCard({ type, items }: { type: NsType; items: MappedNamespace[] }) {
  const t = useT();
  const sorted = [...items].sort(
    (a, b) => Number(b.isHost) - Number(a.isHost) || b.containers.length - a.containers.length || a.inode - b.inode,
  );
  // A colour marks a namespace that several containers hold, each its own; one held alone stays plain.
  const colors = viewColors(sorted.flatMap((n) => (!n.isHost && n.containers.length > 1 ? [n.inode, n.inode] : [])));
  return (
    <div className="card" data-type={type}>
      <div className="card-head">
        <h3 className="mono">{type}</h3>
        <span className="muted small">{t(`ns.${type}`)}</span>
        <div className="spacer" />
        <span className="tag">{items.length}</span>
      </div>
      <div className="card-body flush scroll-y" style={{ maxHeight: 300 }}>
        <table className="grid">
          <tbody>
            {sorted.map((n) => (
              <tr key={n.inode} className={!n.isHost && n.containers.length > 1 ? 'multi' : ''}>
                <td style={{ width: 1 }}>
                  <InodeChip inode={n.inode} {...chipStyle(drawn(colors, n.inode, n.isHost), n.isHost)} />
                </td>
                <td>
                  {n.isHost && <span className="tag">{t('map.host')}</span>}{' '}
                  <span className="chips" style={{ display: 'inline-flex' }}>
                    {n.containers.map((c) => (
                      <span key={c.id} className="cchip" title={c.pod ? `${attribution(c)} · ${c.id}` : c.id}>
                        {c.pod ? attribution(c) : c.name}
                      </span>
                    ))}
                  </span>
                </td>
                <td className="muted small" style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>
                  {t('map.procs', { n: n.nprocs })} · <span className="mono">{n.command}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function chipStyle(d: ReturnType<typeof drawn>, host: boolean) {
  return { color: d.background, pattern: d.pattern, host, ...(d.label ? { title: d.label } : {}) };
}
