import { useMemo } from 'react';
import { hostOf } from '../lib/list-rows';
import { useT } from '../i18n';
import { useContainers } from '../store/containers';
import { useHosts } from '../store/hosts';
import { useListView } from '../store/list-view';

/**
 * With several hosts open, the views that read one host's kernel (the network picture, the host
 * map) say which host they show: the first one.
 */
export function FirstHostOnly() {
  const t = useT();
  const state = useHosts((s) => s.state);
  const first = state?.open.find((h) => h.primary);
  if (!state || state.open.length < 2 || !first) return null;
  return (
    <span className="tag" data-testid="first-host-only" title={t('hosts.firstOnlyTitle')}>
      {t('hosts.firstOnly', { host: first.tag.label })}
    </span>
  );
}

/** A docker context to open as one more host: choosing one opens it. */
export function HostPicker() {
  const t = useT();
  const { state, busy, open } = useHosts();
  if (!state?.canOpen) return null;
  const isOpen = new Set(state.open.map((h) => h.tag.key));
  const closed = state.contexts.filter((c) => !isOpen.has(c.name) && c.endpoint !== null);
  return (
    <label className="tool-select host-picker">
      <span className="sr-only">{t('hosts.openLabel')}</span>
      <select
        aria-label={t('hosts.openLabel')}
        data-testid="host-picker"
        value=""
        disabled={busy !== null || closed.length === 0}
        onChange={(e) => e.target.value && void open(e.target.value)}
      >
        <option value="">{closed.length ? t('hosts.open') : t('hosts.noneToOpen')}</option>
        {closed.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} · {c.endpoint}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * With several hosts open: a chip per host that shows only its containers (one click; again,
 * all), a close button for each host opened at run time, and the picker to open another.
 */
export function HostBar() {
  const t = useT();
  const { state, close, busy } = useHosts();
  const list = useContainers((s) => s.list);
  const { host, toggleHost } = useListView();
  const counts = useMemo(() => {
    const m = new Map<string | null, number>();
    for (const c of list) m.set(hostOf(c), (m.get(hostOf(c)) ?? 0) + 1);
    return m;
  }, [list]);
  if (!state || state.open.length < 2) return null;
  return (
    <div className="host-bar" role="group" aria-label={t('hosts.title')} data-testid="host-bar">
      <div className="chips">
        <button
          type="button"
          className={`chip${host === null ? ' on' : ''}`}
          aria-pressed={host === null}
          title={t('hosts.allTitle')}
          onClick={() => toggleHost(null)}
        >
          {t('hosts.all')} <span className="cnt">{list.length}</span>
        </button>
        {state.open.map((h) => (
          <span key={h.tag.key} className="host-chip">
            <button
              type="button"
              className={`chip host ${h.status}${host === h.tag.key ? ' on' : ''}`}
              aria-pressed={host === h.tag.key}
              data-host={h.tag.key}
              title={`${t('hosts.filterTitle', { host: h.tag.label, n: counts.get(h.tag.key) ?? 0 })} · ${h.tag.endpoint} · ${t(`hosts.state.${h.status}`)}`}
              onClick={() => toggleHost(h.tag.key)}
            >
              {h.tag.label} <span className="cnt">{counts.get(h.tag.key) ?? 0}</span>
            </button>
            {!h.primary && (
              <button
                type="button"
                className="btn small icon"
                aria-label={t('hosts.close', { host: h.tag.label })}
                title={t('hosts.close', { host: h.tag.label })}
                data-action="close-host"
                disabled={busy !== null}
                onClick={() => void close(h.tag.key)}
              >
                ×
              </button>
            )}
          </span>
        ))}
      </div>
      <HostPicker />
    </div>
  );
}
