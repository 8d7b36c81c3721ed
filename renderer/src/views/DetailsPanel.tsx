import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { bareId } from '../../../shared/model/host';
import type { ApiError } from '../../../shared/api/contract';
import type { ContainerDetails, LogEnd } from '../../../shared/model/details';
import { api, asApiError } from '../api';
import { CopyButton, ErrorBox, Loading } from '../components/common';
import { useT } from '../i18n';
import { LogBuffer } from '../lib/log-text';
import { tabIndexFor, tabListKeys } from '../lib/roving-tabs';
import { DETAILS_TABS, useDetails, type DetailsTab } from '../store/details';

/**
 * A container's details, as Docker Desktop, Podman Desktop and Lens show them beside the list:
 * labels, ports, mounts, the environment (values masked until revealed), the inspect JSON, and
 * the log following live. The log follow stops when the panel (or its tab) closes.
 */
export function DetailsPanel() {
  const t = useT();
  const name = useDetails((s) => s.name);
  const tab = useDetails((s) => s.tab);
  const { close, setTab } = useDetails.getState();
  const [details, setDetails] = useState<ContainerDetails | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!name) return;
    let live = true;
    setDetails(null);
    setError(null);
    api()
      .containerDetails(name)
      .then((d) => live && setDetails(d))
      .catch((e: unknown) => live && setError(asApiError(e)));
    return () => {
      live = false;
    };
  }, [name]);

  useEffect(() => {
    if (!name) return;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || document.querySelector('.backdrop')) return;
      e.preventDefault();
      close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [name, close]);

  if (!name) return null;
  return (
    <aside
      ref={panel}
      className="details-panel"
      role="dialog"
      aria-label={t('details.title', { name })}
      data-testid="details-panel"
      tabIndex={-1}
    >
      <div className="details-head">
        <h2 title={name}>{name}</h2>
        {details && <span className="mono muted small">{bareId(details.container.id).slice(0, 12)}</span>}
        <button type="button" className="btn small ghost" aria-label={t('details.close')} title={t('details.close')} onClick={close}>
          ✕
        </button>
      </div>
      <div className="subtabs" role="tablist" aria-label={t('details.tabs')} onKeyDown={tabListKeys(DETAILS_TABS, tab, setTab)}>
        {DETAILS_TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            tabIndex={tabIndexFor(tab === k)}
            data-details-tab={k}
            onClick={() => setTab(k)}
          >
            {t(`details.tab.${k}`)}
          </button>
        ))}
      </div>
      <div className="details-body" data-testid={`details-body-${tab}`}>
        {error ? (
          <ErrorBox error={error} />
        ) : tab === 'logs' ? (
          <LogsTab name={name} />
        ) : !details ? (
          <Loading text={t('common.loading')} />
        ) : (
          <DetailsTabBody tab={tab} d={details} />
        )}
      </div>
    </aside>
  );
}

function DetailsTabBody({ tab, d }: { tab: Exclude<DetailsTab, 'logs'>; d: ContainerDetails }) {
  if (tab === 'env') return <EnvTab d={d} />;
  if (tab === 'inspect') return <InspectTab d={d} />;
  return <OverviewTab d={d} />;
}

function OverviewTab({ d }: { d: ContainerDetails }) {
  const t = useT();
  const labels = Object.entries(d.labels).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <dl className="kv">
        <dt>{t('details.image')}</dt>
        <dd className="mono">{d.image}</dd>
        <dt>{t('details.command')}</dt>
        <dd className="mono">{d.command.join(' ') || '—'}</dd>
      </dl>
      <h3>{t('details.ports')}</h3>
      {d.ports.length ? (
        <table className="grid details-table" data-testid="details-ports">
          <tbody>
            {d.ports.map((p) => (
              <tr key={p.port}>
                <td className="mono">{p.port}</td>
                <td className="mono">{p.host.length ? p.host.join(', ') : t('details.exposedOnly')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">{t('details.none')}</p>
      )}
      <h3>{t('details.mounts')}</h3>
      {d.mounts.length ? (
        <table className="grid details-table" data-testid="details-mounts">
          <tbody>
            {d.mounts.map((m) => (
              <tr key={m.destination}>
                <td className="mono">{m.destination}</td>
                <td className="mono wrap">{m.name ?? m.source}</td>
                <td className="muted">
                  {m.type} · {m.rw ? 'rw' : 'ro'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">{t('details.none')}</p>
      )}
      <h3>{t('details.labels')}</h3>
      {labels.length ? (
        <table className="grid details-table" data-testid="details-labels">
          <tbody>
            {labels.map(([k, v]) => (
              <tr key={k}>
                <td className="mono wrap">{k}</td>
                <td className="mono wrap">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">{t('details.none')}</p>
      )}
    </>
  );
}

/** Values are masked until revealed one by one (or all): a screen share should not show a token. */
function EnvTab({ d }: { d: ContainerDetails }) {
  const t = useT();
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  const all = shown.size === d.env.length && d.env.length > 0;
  const toggle = (i: number) =>
    setShown((s) => {
      const n = new Set(s);
      if (n.has(i)) n.delete(i);
      else n.add(i);
      return n;
    });
  if (!d.env.length) return <p className="muted small">{t('details.none')}</p>;
  return (
    <>
      <div className="toolbar">
        <span className="muted small">{t('details.envMasked')}</span>
        <button type="button" className="btn small" onClick={() => setShown(all ? new Set() : new Set(d.env.map((_, i) => i)))}>
          {all ? t('details.hideAll') : t('details.revealAll')}
        </button>
      </div>
      <table className="grid details-table" data-testid="details-env">
        <tbody>
          {d.env.map((e, i) => (
            <tr key={i} data-env={e.name}>
              <td className="mono wrap">{e.name}</td>
              <td className="mono wrap" data-masked={!shown.has(i)}>
                {shown.has(i) ? e.value : e.value ? '••••••••' : ''}
              </td>
              <td className="nowrap">
                <button
                  type="button"
                  className="btn small ghost"
                  aria-pressed={shown.has(i)}
                  aria-label={shown.has(i) ? t('details.hide', { name: e.name }) : t('details.reveal', { name: e.name })}
                  title={shown.has(i) ? t('details.hide', { name: e.name }) : t('details.reveal', { name: e.name })}
                  onClick={() => toggle(i)}
                >
                  {shown.has(i) ? '◉' : '◎'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function InspectTab({ d }: { d: ContainerDetails }) {
  const t = useT();
  const json = JSON.stringify([d.inspect], null, 2);
  return (
    <>
      <div className="toolbar">
        <span className="muted small">docker inspect {d.container.name}</span>
        <CopyButton value={json} label={t('details.inspectJson')} />
      </div>
      <pre className="code-block" data-testid="details-json">
        {json}
      </pre>
    </>
  );
}

/** The log, following live while this tab is shown; stopped when it goes. */
function LogsTab({ name }: { name: string }) {
  const t = useT();
  const [lines, setLines] = useState<string[]>([]);
  const [end, setEnd] = useState<LogEnd | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [follow, setFollow] = useState(true);
  const box = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const buf = new LogBuffer();
    let id: string | null = null;
    let closed = false;
    let frame = 0;
    const show = () => {
      frame = 0;
      setLines(buf.view().slice());
    };
    const offData = api().on('logsData', (p) => {
      if (p.id !== id) return;
      buf.append(p.text);
      frame ||= requestAnimationFrame(show);
    });
    const offEnd = api().on('logsEnd', (p) => {
      if (p.id === id) setEnd(p.end);
    });
    api()
      .logsOpen(name, 500)
      .then((r) => {
        if (closed) void api().logsClose(r.id);
        else id = r.id;
      })
      .catch((e: unknown) => setError(asApiError(e)));
    return () => {
      closed = true;
      offData();
      offEnd();
      if (frame) cancelAnimationFrame(frame);
      if (id)
        void api()
          .logsClose(id)
          .catch(() => undefined);
    };
  }, [name]);

  useLayoutEffect(() => {
    const el = box.current;
    if (el && follow) el.scrollTop = el.scrollHeight;
  }, [lines, follow]);

  if (error) return <ErrorBox error={error} />;
  return (
    <>
      <div className="toolbar">
        <label className="small">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> {t('details.follow')}
        </label>
        <span className="muted small" data-testid="logs-state">
          {end ? (end.reason === 'error' ? t('details.logsFailed') : t('details.logsEnded')) : t('details.logsLive')}
        </span>
        <CopyButton value={lines.join('\n')} label={t('details.tab.logs')} />
      </div>
      <pre className="code-block logs" ref={box} data-testid="details-logs" aria-live="off">
        {lines.length ? lines.join('\n') : t('details.logsEmpty')}
      </pre>
      {end?.reason === 'error' && <ErrorBox error={end.error} />}
    </>
  );
}
