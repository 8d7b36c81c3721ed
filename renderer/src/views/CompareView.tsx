import { useEffect, useMemo, useRef, useState } from 'react';
import { bareId, findByRef, refOf, splitHostRef } from '../../../shared/model/host';
import type { Container } from '../../../shared/model/container';
import type { NsType } from '../../../shared/model/nstype';
import type { Comparison, ListDiff } from '../../../shared/model/comparison';
import type { Inspection, SectionName } from '../../../shared/model/inspection';
import { SECTION_NAMES } from '../../../shared/model/inspection';
import { CopyButton, EmptyState, ErrorBox, Loading, SideBadge } from '../components/common';
import { StartButton } from '../components/ContainerActions';
import { useT } from '../i18n';
import { downloadJson } from '../lib/clipboard';
import { tabIndexFor, tabListKeys } from '../lib/roving-tabs';
import { useComparison } from '../store/comparison';
import { useSeveralHosts } from '../store/hosts';
import { useContainers } from '../store/containers';
import { useTerminals } from '../store/terminals';
import { HOST, useUi } from '../store/ui';
import { Matrix } from './compare/Matrix';
import { listInodes, previewRows } from './compare/preview';
import { NetPane } from './compare/NetPane';
import { PidPane } from './compare/PidPane';
import { MntPane } from './compare/MntPane';
import { CgroupPane, IpcPane, TimePane, UserPane, UtsPane } from './compare/SmallPanes';

export function sideName(i: Inspection): string {
  return i.target.kind === 'container' ? refOf(i.target.container) : i.target.kind === 'host' ? HOST : `pid ${i.target.pid}`;
}

export function diffCount(d: ListDiff): number {
  return d.onlyA.length + d.onlyB.length + d.changed.length;
}

export function CompareView() {
  const t = useT();
  const a = useUi((s) => s.a);
  const b = useUi((s) => s.b);
  const pick = useUi((s) => s.pick);
  const swap = useUi((s) => s.swap);
  const { data, loading, error, load, key, clear } = useComparison();
  const list = useContainers((s) => s.list);
  const hostNs = useContainers((s) => s.hostNs);
  const openDialog = useTerminals((s) => s.openDialog);

  useEffect(() => {
    if (a && b) void load(a, b);
    else clear();
  }, [a, b, load, clear]);

  // A comparison (or its "not running" error) is of these PIDs: when one of them
  // starts again, or restarts, read again rather than keep a stale answer on screen.
  // A side not in the list yet is "unknown": the list arriving is not a restart.
  const pidOf = (name: string | null) => {
    if (name === HOST) return 'host';
    const c = findByRef(list, name);
    return c ? (c.pid ?? 'stopped') : 'unknown';
  };
  const pidA = pidOf(a);
  const pidB = pidOf(b);
  const pids = `${pidA}|${pidB}`;
  const seenPids = useRef(pids);
  useEffect(() => {
    const before = seenPids.current;
    if (before === pids) return;
    seenPids.current = pids;
    const runs = (p: string | number) => p !== 'stopped' && p !== 'unknown';
    if (a && b && !before.includes('unknown') && runs(pidA) && runs(pidB)) void load(a, b, true);
  }, [pids, pidA, pidB, a, b, load]);

  if (!a || !b) {
    return (
      <div className="view">
        <EmptyState icon="A ⇄ B" title={t('cmp.pickTitle')}>
          <p>{t('cmp.pickHint')}</p>
          {a && (
            <button type="button" className="btn primary" onClick={() => pick('b', HOST)} data-action="vs-host">
              {t('cmp.vsHost')}
            </button>
          )}
        </EmptyState>
      </div>
    );
  }

  const current = key === `${a}|${b}` ? data : null;
  const idOf = (name: string) => findByRef(list, name)?.id;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

  return (
    <div className="view" data-testid="compare-view">
      <div className="cmp-head">
        <Side side="a" name={a} id={idOf(a)} inspection={current?.a} />
        <span className="muted">{t('cmp.vs')}</span>
        <Side side={b === HOST ? 'h' : 'b'} name={b} id={idOf(b)} inspection={current?.b} />
        <div className="spacer" />
        <button type="button" className="btn" onClick={swap} disabled={b === HOST} title={t('cmp.swap')}>
          ⇄ {t('cmp.swap')}
        </button>
        <button type="button" className="btn" aria-pressed={b === HOST} onClick={() => pick('b', HOST)} data-action="vs-host">
          {t('cmp.vsHost')}
        </button>
        <button type="button" className="btn" onClick={() => void load(a, b, true)} disabled={loading} data-action="refresh">
          ↻ {t('cmp.refresh')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!current}
          data-action="export"
          onClick={() => current && downloadJson(`nsinspect-${a}-vs-${b}-${stamp}.json`, current)}
        >
          ⤓ {t('cmp.export')}
        </button>
      </div>
      <div className="toolbar">
        <button type="button" className="btn small" onClick={() => openDialog(a)}>
          &gt;_ {t('cmp.openTerm', { name: a })}
        </button>
        {b !== HOST && (
          <button type="button" className="btn small" onClick={() => openDialog(b)}>
            &gt;_ {t('cmp.openTerm', { name: b })}
          </button>
        )}
      </div>
      {loading && !current && <Preview a={a} b={b} list={list} hostNs={hostNs} loadingText={t('cmp.loading', { a, b })} />}
      {loading && current && <div className="progress-bar" />}
      {error && <ErrorBox error={error} onRetry={() => void load(a, b, true)} />}
      {error?.code === 'not-running' && <NotRunning names={[a, b].filter((n) => n !== HOST && pidOf(n) === 'stopped')} />}
      {current && <Result c={current} />}
    </div>
  );
}

/**
 * While the comparison is read, the table is drawn from the inodes the list already has (the
 * details below it follow with the comparison); without them, a spinner.
 */
function Preview({
  a,
  b,
  list,
  hostNs,
  loadingText,
}: {
  a: string;
  b: string;
  list: Container[];
  hostNs: Partial<Record<NsType, number>>;
  loadingText: string;
}) {
  const rows = useMemo(
    () =>
      // The list's host inodes are the first host's: a side on another host has nothing honest to draw early.
      splitHostRef(a).host !== null || splitHostRef(b).host !== null
        ? null
        : previewRows(listInodes(a, list, hostNs, false), listInodes(b, list, hostNs, b === HOST), hostNs),
    [a, b, list, hostNs],
  );
  if (!rows) return <Loading text={loadingText} />;
  return (
    <>
      <Matrix c={{ namespaces: rows, b: { target: { kind: b === HOST ? 'host' : 'container' } } }} names={{ a, b }} preview />
      <Loading text={loadingText} />
    </>
  );
}

/** The comparison failed because a side is stopped: offer to start it, as the list does. */
function NotRunning({ names }: { names: string[] }) {
  const t = useT();
  if (!names.length) return null;
  return (
    <div className="toolbar" data-testid="not-running">
      <span className="muted">{t('actions.notRunning', { names: names.join(', ') })}</span>
      {names.map((n) => (
        <StartButton key={n} name={n} />
      ))}
    </div>
  );
}

function Side({
  side,
  name,
  id,
  inspection,
}: {
  side: 'a' | 'b' | 'h';
  name: string;
  id?: string | undefined;
  inspection?: Inspection | undefined;
}) {
  const t = useT();
  const severalHosts = useSeveralHosts();
  // The PID is what the tutorial's commands take (nsenter --target PID); the host's says which process stands in for it.
  const pid = inspection
    ? inspection.target.kind === 'host'
      ? t('cmp.hostPid', { pid: inspection.target.pid, comm: inspection.host.comm })
      : t('list.pid', { pid: inspection.target.pid })
    : null;
  return (
    <span className="side-label" data-side={side}>
      <SideBadge side={side} />
      {name}
      {pid && (
        <span className="mono muted small" data-testid={`pid-${side}`}>
          {pid}
        </span>
      )}
      {severalHosts && inspection?.origin && (
        <span className="tag host" data-host={inspection.origin.key} title={inspection.origin.endpoint}>
          {inspection.origin.label}
        </span>
      )}
      {id && <span className="mono faint small">{bareId(id).slice(0, 12)}</span>}
      {id && <CopyButton value={id} label={t('cmp.copyId')} />}
    </span>
  );
}

function Result({ c }: { c: Comparison }) {
  const t = useT();
  const [pane, setPane] = useState<SectionName>('net');
  const names = { a: sideName(c.a), b: sideName(c.b) };
  const shared = (type: SectionName) => c.namespaces.find((n) => n.type === type)?.shared ?? null;
  return (
    <>
      <Matrix c={c} names={names} />
      <div className="card">
        <div className="subtabs" role="tablist" aria-label={t('cmp.panes')} onKeyDown={tabListKeys(SECTION_NAMES, pane, setPane)}>
          {SECTION_NAMES.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={pane === s}
              tabIndex={tabIndexFor(pane === s)}
              data-pane={s}
              onClick={() => setPane(s)}
            >
              {s}
              {diffCount(c.diff[s]) > 0 && <span className="diffdot" title={t('cmp.diffCount', { n: diffCount(c.diff[s]) })} />}
            </button>
          ))}
        </div>
        <div className="card-body" data-testid={`pane-${pane}`}>
          {pane === 'net' && <NetPane c={c} names={names} shared={shared('net')} />}
          {pane === 'pid' && <PidPane c={c} names={names} shared={shared('pid')} />}
          {pane === 'mnt' && <MntPane c={c} names={names} shared={shared('mnt')} />}
          {pane === 'uts' && <UtsPane c={c} names={names} shared={shared('uts')} />}
          {pane === 'ipc' && <IpcPane c={c} names={names} shared={shared('ipc')} />}
          {pane === 'user' && <UserPane c={c} names={names} shared={shared('user')} />}
          {pane === 'cgroup' && <CgroupPane c={c} names={names} shared={shared('cgroup')} />}
          {pane === 'time' && <TimePane c={c} names={names} shared={shared('time')} />}
        </div>
      </div>
    </>
  );
}
