import type { ReactNode } from 'react';
import type { ListDiff } from '../../../../shared/model/comparison';
import type { CgroupSection, IdMapRange, IpcSection, TimeSection, UserSection, UtsSection } from '../../../../shared/model/sections';
import { ErrorBox } from '../../components/common';
import { useT } from '../../i18n';
import { DiffSummary, diffClass, SectionOr, SharedNote, Sides, type PaneProps } from './parts';

function Frame({ d, shared, type, children }: { d: ListDiff; shared: boolean | null; type: string; children: ReactNode }) {
  return (
    <>
      <div className="toolbar">
        <DiffSummary d={d} shared={shared} />
        <SharedNote shared={shared} type={type} />
      </div>
      {children}
    </>
  );
}

function Rows({ rows, d, side }: { rows: [string, string, ReactNode?][]; d: ListDiff; side: 'a' | 'b' }) {
  return (
    <table className="grid">
      <tbody>
        {rows.map(([key, label, value]) => (
          <tr key={key} className={diffClass(d, side, key)}>
            <td className="muted" style={{ width: '35%' }}>
              {label}
            </td>
            <td className="mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function UtsPane({ c, names, shared }: PaneProps) {
  const t = useT();
  const side = (s: 'a' | 'b') => (
    <SectionOr s={c[s].uts}>
      {(u: UtsSection) => (
        <Rows
          d={c.diff.uts}
          side={s}
          rows={[
            ['hostname', t('uts.hostname'), <strong data-testid={`hostname-${s}`}>{u.hostname}</strong>],
            ['domainname', t('uts.domainname'), u.domainname],
          ]}
        />
      )}
    </SectionOr>
  );
  return (
    <Frame d={c.diff.uts} shared={shared} type="uts">
      <Sides names={names} a={side('a')} b={side('b')} />
    </Frame>
  );
}

export function IpcPane({ c, names, shared }: PaneProps) {
  const t = useT();
  const side = (s: 'a' | 'b') => (
    <SectionOr s={c[s].ipc}>
      {(i: IpcSection) => (
        <Rows
          d={c.diff.ipc}
          side={s}
          rows={[
            [
              'shm',
              t('ipc.shm'),
              list(
                i.shm.map((x) => `key ${x.key} · id ${x.id} · ${x.bytes} B · ${x.perms}`),
                t('ipc.none'),
              ),
            ],
            [
              'sem',
              t('ipc.sem'),
              list(
                i.sem.map((x) => `key ${x.key} · id ${x.id} · ${x.nsems} sems`),
                t('ipc.none'),
              ),
            ],
            [
              'msg',
              t('ipc.msg'),
              list(
                i.msg.map((x) => `key ${x.key} · id ${x.id} · ${x.messages} msgs`),
                t('ipc.none'),
              ),
            ],
            [
              'mqueue',
              t('ipc.mqueue'),
              list(
                i.mqueue.map((x) => `/${x.name}`),
                t('ipc.none'),
              ),
            ],
          ]}
        />
      )}
    </SectionOr>
  );
  return (
    <Frame d={c.diff.ipc} shared={shared} type="ipc">
      <Sides names={names} a={side('a')} b={side('b')} />
    </Frame>
  );
}

function list(items: string[], none: string): ReactNode {
  if (!items.length) return <span className="faint">{none}</span>;
  return items.map((x) => <div key={x}>{x}</div>);
}

const ranges = (r: IdMapRange[]) => r.map((x) => `${x.inside} → ${x.outside} (${x.count})`).join('; ');

export function UserPane({ c, names, shared }: PaneProps) {
  const t = useT();
  const side = (s: 'a' | 'b') => (
    <SectionOr s={c[s].user}>
      {(u: UserSection) => {
        const identity = u.uidMap.length === 1 && u.uidMap[0]!.inside === 0 && u.uidMap[0]!.outside === 0;
        return (
          <>
            <Rows
              d={c.diff.user}
              side={s}
              rows={[
                ['uid_map', t('user.uidMap'), ranges(u.uidMap)],
                ['gid_map', t('user.gidMap'), ranges(u.gidMap)],
                ['setgroups', t('user.setgroups'), u.setgroups],
              ]}
            />
            {identity && <span className="muted small">{t('user.noRemap')}</span>}
          </>
        );
      }}
    </SectionOr>
  );
  return (
    <Frame d={c.diff.user} shared={shared} type="user">
      <Sides names={names} a={side('a')} b={side('b')} />
    </Frame>
  );
}

export function CgroupPane({ c, names, shared }: PaneProps) {
  const t = useT();
  const side = (s: 'a' | 'b') => (
    <SectionOr s={c[s].cgroup}>
      {(g: CgroupSection) => (
        <>
          <div className="muted small">{t('cgroup.hostView')}</div>
          <pre className="mono small" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {g.hostView.join('\n')}
          </pre>
          {g.nsView && (
            <>
              <div className="muted small">{t('cgroup.nsView')}</div>
              <pre className="mono small" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {g.nsView.join('\n')}
              </pre>
            </>
          )}
          {!g.nsView && g.nsViewError && (
            <>
              <div className="muted small">{t('cgroup.nsView')}</div>
              <ErrorBox error={g.nsViewError} />
            </>
          )}
        </>
      )}
    </SectionOr>
  );
  return (
    <Frame d={c.diff.cgroup} shared={shared} type="cgroup">
      <Sides names={names} a={side('a')} b={side('b')} />
    </Frame>
  );
}

export function TimePane({ c, names, shared }: PaneProps) {
  const t = useT();
  const side = (s: 'a' | 'b') => (
    <SectionOr s={c[s].time}>
      {(tm: TimeSection) => (
        <>
          <Rows d={c.diff.time} side={s} rows={tm.offsets.map((o) => [o.clock, o.clock, `${o.seconds}s ${o.nanoseconds}ns`])} />
          {tm.offsets.every((o) => o.seconds === 0 && o.nanoseconds === 0) && <span className="muted small">{t('time.none')}</span>}
        </>
      )}
    </SectionOr>
  );
  return (
    <Frame d={c.diff.time} shared={shared} type="time">
      <Sides names={names} a={side('a')} b={side('b')} />
    </Frame>
  );
}
