import type { NetInterface, NetSection } from '../../../../shared/model/sections';
import { useT } from '../../i18n';
import { DiffSummary, diffClass, SectionOr, SharedNote, Sides, type PaneProps } from './parts';

export function NetPane({ c, names, shared }: PaneProps) {
  const t = useT();
  const side = (s: 'a' | 'b') => (
    <SectionOr s={c[s].net}>
      {(net: NetSection) => (
        <>
          <h3>{t('net.interfaces')}</h3>
          {net.interfaces.map((i) => (
            <Iface key={i.ifindex} i={i} cls={diffClass(c.diff.net, s, i.name)} />
          ))}
          <h3>{t('net.routes')}</h3>
          {net.routes.length === 0 ? (
            <span className="muted">{t('net.noRoutes')}</span>
          ) : (
            <table className="grid routes">
              <thead>
                <tr>
                  <th>{t('net.dst')}</th>
                  <th>{t('net.gateway')}</th>
                  <th>{t('net.dev')}</th>
                  <th>{t('net.src')}</th>
                </tr>
              </thead>
              <tbody>
                {net.routes.map((r, k) => (
                  <tr key={k}>
                    <td className="mono">{r.dst}</td>
                    <td className="mono">{r.gateway ?? ''}</td>
                    <td className="mono">{r.dev ?? ''}</td>
                    <td className="mono">{r.prefsrc ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </SectionOr>
  );
  return (
    <>
      <div className="toolbar">
        <DiffSummary d={c.diff.net} shared={shared} />
        <SharedNote shared={shared} type="net" />
      </div>
      <Sides names={names} a={side('a')} b={side('b')} />
    </>
  );
}

function Iface({ i, cls }: { i: NetInterface; cls: string }) {
  const t = useT();
  return (
    <div className={`iface ${cls}`} data-iface={i.name}>
      <div className="ifname">
        {i.name}
        <span className="tag">{i.kind}</span>
        <span className={`tag ${i.state === 'UP' || i.state === 'UNKNOWN' ? 'ok' : ''}`}>{i.state}</span>
        <span className="faint small">
          #{i.ifindex} · mtu {i.mtu}
        </span>
      </div>
      {i.addresses.map((a) => (
        <div key={a} className="addr">
          {a}
        </div>
      ))}
      {i.mac && i.kind !== 'loopback' && <div className="faint small mono">{i.mac}</div>}
      {i.peer && (
        <div className="peer" data-peer={i.peer.name}>
          {i.peer.netns === 'host' ? (
            <>
              ↳ {t('net.peer', { name: i.peer.name, ifindex: i.peer.ifindex })} ·{' '}
              {i.peer.master ? <strong>{t('net.bridge', { bridge: i.peer.master })}</strong> : t('net.noBridge')}
            </>
          ) : (
            <>↳ {t('net.peerOther', { name: i.peer.name })}</>
          )}
        </div>
      )}
    </div>
  );
}
