import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiError } from '../../../shared/api/contract';
import type { Container } from '../../../shared/model/container';
import type { NsType } from '../../../shared/model/nstype';
import { kernelOf } from '../../../shared/model/host';
import { useT, type T } from '../i18n';
import { listRows, statusCounts, type ListRow } from '../lib/list-rows';
import { viewColors } from '../lib/palette';
import { useNow } from '../lib/relative-time';
import { useContainers } from '../store/containers';
import { useListView } from '../store/list-view';
import { useActions } from '../store/actions';
import { useUi } from '../store/ui';
import { ContainerCard, ContainerTableRow, CARD_H, GROUP_H, TABLE_H } from './ContainerRows';
import { HostBar } from './HostBar';
import { ListToolbar, useFilterShortcut } from './ListToolbar';
import { VirtualList, type VirtualListHandle } from './VirtualList';
import { EmptyState, ErrorBox, Loading } from './common';

/** Which other containers share each namespace type with this one (on its own kernel: inodes are per kernel). */
function sharing(list: Container[]): Map<string, Map<NsType, string[]>> {
  const owners = new Map<string, string[]>(); // "kernel type:inode" → names
  const key = (c: Container, type: string, inode: number) => `${kernelOf(c.host)} ${type}:${inode}`;
  for (const c of list) {
    for (const [type, inode] of Object.entries(c.namespaces ?? {})) {
      const k = key(c, type, inode);
      owners.set(k, [...(owners.get(k) ?? []), c.name]);
    }
  }
  const out = new Map<string, Map<NsType, string[]>>();
  for (const c of list) {
    const m = new Map<NsType, string[]>();
    for (const [type, inode] of Object.entries(c.namespaces ?? {})) {
      const others = (owners.get(key(c, type, inode)) ?? []).filter((n) => n !== c.name);
      if (others.length) m.set(type as NsType, others);
    }
    out.set(c.id, m);
  }
  return out;
}

export function ContainerList() {
  const t = useT();
  const { list, loaded, loading, error, filter, setFilter, hostNs, reload } = useContainers();
  const { mode, sort, group, statuses, collapsed, toggleGroup, host } = useListView();
  const { rows, shown } = useMemo(
    () => listRows(list, { filter, statuses, sort, group, collapsed, host }),
    [list, filter, statuses, sort, group, collapsed, host],
  );
  const counts = useMemo(() => statusCounts(list, filter, host), [list, filter, host]);
  const shares = useMemo(() => sharing(list), [list]);
  // One palette for what the list shows: the host's namespaces are drawn as the host's, not coloured.
  const colors = useMemo(() => {
    const host = new Set(Object.values(hostNs));
    return viewColors(
      shown.flatMap((c) => (c.state === 'running' ? Object.values(c.namespaces ?? {}) : [])),
      host,
    );
  }, [shown, hostNs]);
  // One clock for the list: each row says how long ago its container started or exited.
  const now = useNow();
  const input = useRef<HTMLInputElement>(null);
  useFilterShortcut(input);

  const rowH = mode === 'table' ? TABLE_H : CARD_H;
  const heights = useMemo(() => rows.map((r) => (r.kind === 'group' ? GROUP_H : rowH)), [rows, rowH]);
  const nav = useListNav(rows);

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
          ref={input}
          className="input"
          type="search"
          placeholder={t('list.filter')}
          aria-label={t('list.filter')}
          title={t('list.filterKeys')}
          aria-keyshortcuts="/ Control+K"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && rows.length) {
              e.preventDefault();
              nav.focusRow(0);
            }
          }}
        />
        <HostBar />
        <ListToolbar counts={counts} />
      </div>
      {loading && <div className="progress-bar" />}
      <ActionFailure />
      <VirtualList
        className={`list vlist ${mode}`}
        role="list"
        label={t('list.rowKeys')}
        heights={heights}
        handle={nav.handle}
        onKeyDown={nav.onKeyDown}
        render={(i, style) => {
          const r = rows[i]!;
          if (r.kind === 'group')
            return (
              <button
                key={`g:${r.key ?? ''}`}
                type="button"
                className="lgroup"
                style={style}
                data-row-index={i}
                data-group={r.key ?? ''}
                aria-expanded={!r.collapsed}
                title={t('list.groupToggle', { name: r.key ?? t('list.groupNone'), n: r.count })}
                onClick={() => toggleGroup(r.key ?? '')}
              >
                <span className="caret">{r.collapsed ? '▸' : '▾'}</span>
                <span className="gname">{r.key ?? t('list.groupNone')}</span>
                <span className="tag">{r.count}</span>
              </button>
            );
          const Row = mode === 'table' ? ContainerTableRow : ContainerCard;
          return (
            <Row
              key={r.c.id}
              c={r.c}
              hostNs={hostNs}
              shares={shares.get(r.c.id)}
              colors={colors}
              now={now}
              style={style}
              index={i}
              setSize={rows.length}
              active={nav.active === i}
              onFocusRow={() => nav.setActive(i)}
            />
          );
        }}
      >
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
        {mode === 'table' && shown.length > 0 && <TableHead />}
      </VirtualList>
    </>
  );
}

/** The table's column heads; a click sorts by that column. */
function TableHead() {
  const t = useT();
  const sort = useListView((s) => s.sort);
  const setSort = useListView((s) => s.setSort);
  return (
    <div className="thead vlist-sticky" role="presentation">
      <button
        type="button"
        className={`th n${sort === 'name' ? ' on' : ''}`}
        aria-pressed={sort === 'name'}
        onClick={() => setSort('name')}
      >
        {t('list.col.name')}
      </button>
      <button
        type="button"
        className={`th st${sort === 'status' ? ' on' : ''}`}
        aria-pressed={sort === 'status'}
        onClick={() => setSort('status')}
      >
        {t('list.col.state')}
      </button>
    </div>
  );
}

/**
 * Arrow keys, Page keys, Home and End move between rows (the list scrolls to the row, which the
 * windowing may have to draw first); Enter on a row shows the comparison.
 */
function useListNav(rows: ListRow[]) {
  const handle = useRef<VirtualListHandle>(null);
  const [active, setActive] = useState(0);
  const pending = useRef<number | null>(null);
  const setView = useUi((s) => s.setView);

  useEffect(() => {
    if (active >= rows.length && rows.length) setActive(rows.length - 1);
  }, [rows.length, active]);
  useEffect(() => {
    const i = pending.current;
    if (i === null) return;
    pending.current = null;
    const el = handle.current?.element()?.querySelector<HTMLElement>(`[data-row-index="${i}"]`);
    el?.focus({ preventScroll: true });
  });

  const focusRow = (i: number) => {
    const to = Math.max(0, Math.min(rows.length - 1, i));
    pending.current = to;
    handle.current?.scrollToIndex(to);
    setActive(to);
    // Already drawn and already active: no render follows, so focus now.
    const el = handle.current?.element()?.querySelector<HTMLElement>(`[data-row-index="${to}"]`);
    if (el) {
      pending.current = null;
      el.focus({ preventScroll: true });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const idx = Number(target.getAttribute('data-row-index'));
    if (!target.hasAttribute('data-row-index') || Number.isNaN(idx)) return;
    const page = Math.max(1, Math.floor((handle.current?.element()?.clientHeight ?? 300) / TABLE_H) - 1);
    const to: Record<string, number> = {
      ArrowDown: idx + 1,
      ArrowUp: idx - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: idx + page,
      PageUp: idx - page,
    };
    if (e.key in to) {
      e.preventDefault();
      focusRow(to[e.key]!);
    } else if (e.key === 'Enter' && rows[idx]?.kind === 'container') {
      e.preventDefault();
      setView('compare');
    }
  };
  return { handle, active, setActive, focusRow, onKeyDown };
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
