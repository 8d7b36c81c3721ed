import { processTree } from '../../../../shared/model/proctree';
import type { PidSection } from '../../../../shared/model/sections';
import { useT } from '../../i18n';
import { useState } from 'react';
import { DiffSummary, SectionOr, SharedNote, Sides, type PaneProps } from './parts';
import { processMatches, visibleRows, withParents, type TreeRow } from './process-rows';

const LIMIT = 300;

export function PidPane({ c, names, shared }: PaneProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [folded, setFolded] = useState<ReadonlySet<number>>(new Set());
  const toggle = (pid: number) =>
    setFolded((f) => {
      const next = new Set(f);
      if (!next.delete(pid)) next.add(pid);
      return next;
    });
  const side = (s: 'a' | 'b') => (
    <SectionOr s={c[s].pid}>
      {(pid: PidSection) => {
        const all = withParents(processTree(pid.processes));
        const rows = visibleRows(all, folded, query);
        const other = c[s === 'a' ? 'b' : 'a'].pid;
        const otherCmds = 'processes' in other ? new Set(other.processes.map((p) => p.command)) : null;
        const searching = query.trim() !== '';
        return (
          <div className="scroll-y">
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('pid.nsPid')}</th>
                  <th>{t('pid.hostPid')}</th>
                  <th>{t('pid.user')}</th>
                  <th>{t('pid.command')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, LIMIT).map(({ p, depth, hasChildren }) => {
                  const isFolded = !searching && folded.has(p.hostPid);
                  const name = p.command || `[${p.comm}]`;
                  return (
                    <tr
                      key={p.hostPid}
                      className={otherCmds && !otherCmds.has(p.command) ? `only-${s}` : ''}
                      data-host-pid={p.hostPid}
                      data-match={searching && processMatches(p, query) ? 'true' : undefined}
                    >
                      <td className="mono">{p.nsPid}</td>
                      <td className="mono">{p.hostPid}</td>
                      <td>{p.user}</td>
                      <td className="mono">
                        <span className="tree-indent">{depth > 0 ? `${'  '.repeat(depth - 1)}└ ` : ''}</span>
                        {hasChildren && !searching && (
                          <button
                            type="button"
                            className="fold"
                            aria-expanded={!isFolded}
                            aria-label={t(isFolded ? 'pid.unfold' : 'pid.fold', { command: name })}
                            title={t(isFolded ? 'pid.unfold' : 'pid.fold', { command: name })}
                            onClick={() => toggle(p.hostPid)}
                          >
                            {isFolded ? '▸' : '▾'}
                          </button>
                        )}
                        {name}
                        {isFolded && <span className="faint small"> {t('pid.hidden', { n: descendants(all, p.hostPid) })}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {searching && rows.length === 0 && <p className="muted">{t('pid.noMatch', { query })}</p>}
            {rows.length > LIMIT && <p className="muted">{t('pid.more', { n: rows.length - LIMIT })}</p>}
          </div>
        );
      }}
    </SectionOr>
  );
  return (
    <>
      <div className="toolbar">
        <DiffSummary d={c.diff.pid} shared={shared} />
        <SharedNote shared={shared} type="pid" />
        <div className="spacer" />
        <input
          className="input"
          type="search"
          style={{ width: 260 }}
          placeholder={t('pid.search')}
          aria-label={t('pid.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="pid-search"
        />
      </div>
      <Sides names={names} a={side('a')} b={side('b')} />
    </>
  );
}

/** How many processes are below `pid`: in tree order, the rows after it that are deeper. */
function descendants(all: TreeRow[], pid: number): number {
  const i = all.findIndex((r) => r.p.hostPid === pid);
  let n = 0;
  while (all[i + 1 + n] && all[i + 1 + n]!.depth > all[i]!.depth) n++;
  return n;
}
