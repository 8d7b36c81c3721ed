import { processTree } from '../../../../shared/model/proctree';
import type { PidSection } from '../../../../shared/model/sections';
import { useT } from '../../i18n';
import { DiffSummary, SectionOr, SharedNote, Sides, type PaneProps } from './parts';

const LIMIT = 300;

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
        <DiffSummary d={c.diff.pid} />
        <SharedNote shared={shared} type="pid" />
      </div>
      <Sides names={names} a={side('a')} b={side('b')} />
    </>
  );
}
