import type { PidSection, Process } from '../../../../shared/model/sections';
import { useT } from '../../i18n';
import { DiffSummary, SectionOr, SharedNote, Sides, type PaneProps } from './parts';

const LIMIT = 300;

/** Processes in tree order (children under their parent), with their depth. */
export function processTree(procs: Process[]): { p: Process; depth: number }[] {
  const byPid = new Map(procs.map((p) => [p.hostPid, p]));
  const children = new Map<number, Process[]>();
  const roots: Process[] = [];
  for (const p of procs) {
    if (byPid.has(p.ppid) && p.ppid !== p.hostPid) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
    else roots.push(p);
  }
  const out: { p: Process; depth: number }[] = [];
  const seen = new Set<number>();
  const walk = (p: Process, depth: number) => {
    if (seen.has(p.hostPid)) return;
    seen.add(p.hostPid);
    out.push({ p, depth });
    for (const c of (children.get(p.hostPid) ?? []).sort((x, y) => x.nsPid - y.nsPid)) walk(c, depth + 1);
  };
  for (const r of roots.sort((x, y) => x.nsPid - y.nsPid)) walk(r, 0);
  return out;
}

export function PidPane({ c, names, shared }: PaneProps) {
  const t = useT();
  const side = (s: 'a' | 'b') => (
    <SectionOr s={c[s].pid}>
      {(pid: PidSection) => {
        const rows = processTree(pid.processes);
        const other = c[s === 'a' ? 'b' : 'a'].pid;
        const otherCmds = 'processes' in other ? new Set(other.processes.map((p) => p.command)) : null;
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
                {rows.slice(0, LIMIT).map(({ p, depth }) => (
                  <tr key={p.hostPid} className={otherCmds && !otherCmds.has(p.command) ? `only-${s}` : ''} data-host-pid={p.hostPid}>
                    <td className="mono">{p.nsPid}</td>
                    <td className="mono">{p.hostPid}</td>
                    <td>{p.user}</td>
                    <td className="mono">
                      <span className="tree-indent">{depth > 0 ? `${'  '.repeat(depth - 1)}└ ` : ''}</span>
                      {p.command || `[${p.comm}]`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
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
      </div>
      <Sides names={names} a={side('a')} b={side('b')} />
    </>
  );
}
