import { useMemo } from 'react';
import type { ApiError } from '../../../shared/api/contract';
import type { Container } from '../../../shared/model/container';
import { NS_TYPES, type NsType } from '../../../shared/model/nstype';
import { useT, type T } from '../i18n';
import { inodeColor } from '../lib/palette';
import { describeContainer, useNow } from '../lib/relative-time';
import { filterContainers, useContainers } from '../store/containers';
import { useDetails } from '../store/details';
import { useTerminals } from '../store/terminals';
import { useUi } from '../store/ui';
import { useActions } from '../store/actions';
import { ContainerActions } from './ContainerActions';
import { EmptyState, ErrorBox, Loading } from './common';

const SHORT: Record<NsType, string> = { cgroup: 'cg', ipc: 'ip', mnt: 'mn', net: 'ne', pid: 'pi', time: 'ti', user: 'us', uts: 'ut' };

/** Which other containers share each namespace type with this one. */
function sharing(list: Container[]): Map<string, Map<NsType, string[]>> {
  const owners = new Map<string, string[]>(); // "type:inode" → names
  for (const c of list) {
    for (const [type, inode] of Object.entries(c.namespaces ?? {})) {
      const k = `${type}:${inode}`;
      owners.set(k, [...(owners.get(k) ?? []), c.name]);
    }
  }
  const out = new Map<string, Map<NsType, string[]>>();
  for (const c of list) {
    const m = new Map<NsType, string[]>();
    for (const [type, inode] of Object.entries(c.namespaces ?? {})) {
      const others = (owners.get(`${type}:${inode}`) ?? []).filter((n) => n !== c.name);
      if (others.length) m.set(type as NsType, others);
    }
    out.set(c.id, m);
  }
  return out;
}

export function ContainerList() {
  const t = useT();
  const { list, loaded, loading, error, filter, setFilter, hostNs, reload } = useContainers();
  const shown = useMemo(() => filterContainers(list, filter), [list, filter]);
  const shares = useMemo(() => sharing(list), [list]);
  // One clock for the list: each row says how long ago its container started or exited.
  const now = useNow();

  return (
    <>
      <div className="list-head">
        <div className="row">
          <h2>{t('list.title')}</h2>
          <span className="muted small" data-testid="list-count">
            {loading && <span className="spinner" style={{ width: 10, height: 10, display: 'inline-block', marginRight: 6 }} />}
            {t('list.count', { shown: shown.length, total: list.length })}
          </span>
        </div>
        <input
          className="input"
          type="search"
          placeholder={t('list.filter')}
          aria-label={t('list.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {loading && <div className="progress-bar" />}
      <ActionFailure />
      <div className="list" role="list">
        {!loaded && <Loading text={t('list.loading')} />}
        {loaded && error && <EngineProblem error={error} onRetry={() => void reload() /* failures land in the store's error */} t={t} />}
        {loaded && !error && list.length === 0 && (
          <EmptyState icon="[ ]" title={t('list.empty')}>
            <p>{t('list.emptyHint')}</p>
          </EmptyState>
        )}
        {loaded && list.length > 0 && shown.length === 0 && (
          <p className="muted" style={{ padding: 12 }}>
            {t('list.noMatch', { filter })}
          </p>
        )}
        {shown.map((c) => (
          <ContainerRow key={c.id} c={c} hostNs={hostNs} shares={shares.get(c.id)} now={now} />
        ))}
      </div>
    </>
  );
}

/** An action that failed stays until dismissed or retried: the list row alone would not say why. */
function ActionFailure() {
  const t = useT();
  const failed = useActions((s) => s.failed);
  const dismiss = useActions((s) => s.dismiss);
  const run = useActions((s) => s.run);
  if (!failed) return null;
  return (
    <div className="action-failure" data-testid="action-failure">
      <strong>{t('actions.failed', { action: t(`actions.verb.${failed.action}`), name: failed.name })}</strong>
      <ErrorBox error={failed.error} onRetry={failed.action === 'remove' ? undefined : () => void run(failed.name, failed.action)} />
      <button type="button" className="btn small ghost" onClick={dismiss}>
        {t('settings.close')}
      </button>
    </div>
  );
}

function EngineProblem({ error, onRetry, t }: { error: ApiError; onRetry: () => void; t: T }) {
  const denied = /permission|EACCES/i.test(error.message) || error.code === 'permission';
  const engine = error.code === 'engine' || error.code === 'disconnected';
  if (!engine && !denied)
    return (
      <div style={{ padding: 12 }}>
        <ErrorBox error={error} onRetry={onRetry} />
      </div>
    );
  return (
    <EmptyState icon={denied ? <LockIcon /> : <PowerIcon />} title={denied ? t('nopermission.title') : t('noengine.title')}>
      <p>{denied ? t('nopermission.hint') : t('noengine.hint')}</p>
      <div style={{ width: '100%', textAlign: 'left' }}>
        {/* The paragraph above is the hint, in the reader's language: the engine's own would say it twice. */}
        <ErrorBox error={error} onRetry={onRetry} hideHint />
      </div>
    </EmptyState>
  );
}

/** Drawn: the power symbol (⏻) is missing from many fonts. */
function PowerIcon() {
  return (
    <svg viewBox="0 0 24 24" width="34" height="34" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
      <path d="M12 3v8" />
      <path d="M6.3 6.8a8 8 0 1 0 11.4 0" />
    </svg>
  );
}

function LockIcon() {
  return (
    <svg viewBox="0 0 24 24" width="34" height="34" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}

function ContainerRow({
  c,
  hostNs,
  shares,
  now,
}: {
  c: Container;
  hostNs: Partial<Record<NsType, number>>;
  shares?: Map<NsType, string[]> | undefined;
  now: number;
}) {
  const t = useT();
  const a = useUi((s) => s.a);
  const b = useUi((s) => s.b);
  const pick = useUi((s) => s.pick);
  const setView = useUi((s) => s.setView);
  const openDialog = useTerminals((s) => s.openDialog);
  const detailsOf = useDetails((s) => s.name);
  const openDetails = useDetails((s) => s.open);
  const running = c.state === 'running' && c.pid !== null;
  const locale = useUi((s) => s.locale);
  const described = describeContainer(c, now, locale, t);
  const choose = (side: 'a' | 'b') => {
    const cur = side === 'a' ? a : b;
    pick(side, cur === c.name ? null : c.name);
    setView('compare');
  };
  // Until the host's inodes are known, "shared" could just mean "the host's": say nothing yet.
  const hostKnown = Object.keys(hostNs).length > 0;
  const sharedTypes = hostKnown ? [...(shares?.entries() ?? [])].filter(([type]) => c.namespaces?.[type] !== hostNs[type]) : [];
  const byPeer = new Map<string, NsType[]>();
  for (const [type, names] of sharedTypes) for (const n of names) byPeer.set(n, [...(byPeer.get(n) ?? []), type]);

  return (
    <div
      className={`crow${a === c.name ? ' sel-a' : ''}${b === c.name ? ' sel-b' : ''}`}
      role="listitem"
      data-container={c.name}
      data-state={c.state}
    >
      <div className="name">
        <span className={`dot ${running ? 'ok' : c.state === 'paused' ? 'warn' : ''}`} title={described} />
        <span className="n" title={c.name}>
          {c.name}
        </span>
      </div>
      <div className="actions">
        <div className="row">
          <button
            type="button"
            className="pick a"
            aria-pressed={a === c.name}
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
            aria-pressed={b === c.name}
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
            onClick={() => openDialog(c.name)}
          >
            &gt;_
          </button>
          <button
            type="button"
            className="btn small icon"
            title={t('list.details', { name: c.name })}
            aria-label={t('list.details', { name: c.name })}
            aria-pressed={detailsOf === c.name}
            data-action="details"
            onClick={() => openDetails(c.name)}
          >
            <svg viewBox="0 0 16 16" width="13" height="13" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden>
              <circle cx="8" cy="8" r="6.5" />
              <path d="M8 7.2v4M8 4.6v.2" strokeLinecap="round" />
            </svg>
          </button>
        </div>
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
      {running && c.namespaces && (
        <div style={{ gridColumn: '1 / -1' }}>
          <span className="nsdots" aria-label="namespaces">
            {NS_TYPES.map((type) => {
              const inode = c.namespaces?.[type];
              const isHost = inode !== undefined && hostNs[type] === inode;
              const others = shares?.get(type);
              const what = isHost ? t('list.nsHost') : others ? t('list.nsShared', { names: others.join(', ') }) : t('list.nsOwn');
              return (
                <span
                  key={type}
                  className={`nsdot${isHost ? ' host' : ''}`}
                  style={isHost ? undefined : { background: inodeColor(inode) }}
                  title={t('list.nsTitle', { type, inode: inode ?? '?', what })}
                >
                  {SHORT[type]}
                </span>
              );
            })}
          </span>
        </div>
      )}
      {byPeer.size > 0 && (
        <div className="shares">
          {[...byPeer].map(([name, types]) => (
            <div key={name}>↔ {t('list.sharesWith', { types: types.join(', '), names: name })}</div>
          ))}
        </div>
      )}
    </div>
  );
}
