import { useState } from 'react';
import type { FileLocation } from '../../../../shared/model/hostmap';
import { isFailed } from '../../../../shared/model/problem';
import type { MntSection, Mount, Overlay } from '../../../../shared/model/sections';
import { api } from '../../api';
import { CopyButton, ErrorBox, SideBadge } from '../../components/common';
import { useT } from '../../i18n';
import { useRequest } from '../../lib/use-request';
import { HOST } from '../../store/ui';
import { DiffSummary, SectionOr, SharedNote, Sides, type PaneProps } from './parts';
import { UpperLayerBox } from './UpperLayerBox';

export function MntPane({ c, names, shared }: PaneProps) {
  const t = useT();
  const overlayOf = (s: 'a' | 'b'): Overlay | null => {
    const m = c[s].mnt;
    return isFailed(m) ? null : (m.overlay ?? null);
  };
  const layers = (s: 'a' | 'b') => (
    <SectionOr s={c[s].mnt}>
      {(m: MntSection) =>
        m.overlay ? (
          <Layers o={m.overlay} other={overlayOf(s === 'a' ? 'b' : 'a')} selfName={names[s]} otherName={s === 'a' ? names.b : names.a} />
        ) : (
          <span className="muted">{t('mnt.noOverlay')}</span>
        )
      }
    </SectionOr>
  );
  return (
    <>
      <div className="toolbar">
        <DiffSummary d={c.diff.mnt} shared={shared} />
        <SharedNote shared={shared} type="mnt" />
      </div>
      <h3>{t('mnt.layers')}</h3>
      <Sides names={names} a={layers('a')} b={layers('b')} />
      <WhereBox names={names} />
      <UpperLayerBox names={names} />
      <h3>{t('mnt.mounts')}</h3>
      <MountTable c={c} names={names} />
    </>
  );
}

function Layers({ o, other, selfName, otherName }: { o: Overlay; other: Overlay | null; selfName: string; otherName: string }) {
  const t = useT();
  const otherSet = new Set(other?.lowerDirs ?? []);
  const init = o.lowerDirs.find(isInitLayer);
  return (
    <div data-testid="layers">
      <div className="muted small">{t('mnt.upper')}</div>
      <div className="layer" style={{ background: 'var(--accent-weak)', padding: '5px 6px', borderRadius: 4 }}>
        <span className="tag accent">upper</span>
        <span className="path">{o.upperDir}</span>
        <CopyButton value={o.upperDir} />
      </div>
      {init && (
        <>
          <div className="muted small" style={{ marginTop: 8 }}>
            {t('mnt.initTitle')}
          </div>
          <div className="layer" data-layer-init>
            <span className="tag">init</span>
            <span className="path">{init}</span>
            <CopyButton value={init} />
          </div>
          <div className="faint small">{t('mnt.initHint')}</div>
        </>
      )}
      <div className="muted small" style={{ marginTop: 8 }}>
        {t('mnt.lower')}
      </div>
      {o.lowerDirs.map((d, i) => {
        if (isInitLayer(d)) return null;
        const sharedLayer = otherSet.has(d);
        return (
          <div className="layer" key={d} data-layer-shared={sharedLayer}>
            <span className="tag">{i}</span>
            <span className="path">{d}</span>
            {sharedLayer ? (
              <span className="tag ok">{t('mnt.sharedLayer', { side: otherName })}</span>
            ) : other ? (
              <span className="tag warn">{t('mnt.ownLayer', { side: selfName })}</span>
            ) : null}
          </div>
        );
      })}
      {o.mergedDir && (
        <div className="layer">
          <span className="tag">{t('mnt.merged')}</span>
          <span className="path">{o.mergedDir}</span>
          <CopyButton value={o.mergedDir} />
        </div>
      )}
    </div>
  );
}

/**
 * Docker's per-container "-init" layer sits between the upper layer and the image:
 * it only holds the mount points Docker binds over (/etc/hosts, resolv.conf, hostname,
 * /dev/console, /.dockerenv), so listing it as an image layer misleads.
 */
export function isInitLayer(dir: string): boolean {
  return dir.endsWith('-init/diff');
}

const where = (name: string, path: string) => api().where(name, path);

/** The tutorial's step 6: where a file inside a container lives on the host. */
function WhereBox({ names }: { names: { a: string; b: string } }) {
  const t = useT();
  const choices = [names.a, names.b].filter((n) => n !== HOST);
  const [who, setWho] = useState(choices[0] ?? '');
  const [path, setPath] = useState('/etc/hostname');
  const { busy, result: res, error: err, run } = useRequest(where);
  const find = () => run(who, path.trim());
  if (!choices.length) return null;
  return (
    <div className="card" style={{ boxShadow: 'none' }} data-testid="where">
      <div className="card-head">
        <h3>{t('mnt.where')}</h3>
      </div>
      <div className="card-body" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        <form
          className="where"
          onSubmit={(e) => {
            e.preventDefault();
            void find();
          }}
        >
          <input
            className="input"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={t('mnt.whereHint')}
            aria-label={t('mnt.whereHint')}
          />
          <span className="muted">{t('mnt.in')}</span>
          <select className="input" value={who} onChange={(e) => setWho(e.target.value)}>
            {choices.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
          <button type="submit" className="btn primary" disabled={busy || !path.startsWith('/')}>
            {busy ? <span className="spinner" style={{ width: 12, height: 12 }} /> : null}
            {t('mnt.find')}
          </button>
        </form>
        {err && <ErrorBox error={err} />}
        {res && <Location l={res} />}
      </div>
    </div>
  );
}

function Location({ l }: { l: FileLocation }) {
  const t = useT();
  const layerText =
    l.layer === 'upper'
      ? t('mnt.layer.upper')
      : l.layer === 'lower'
        ? l.hostPath && l.hostPath.includes('-init/diff/')
          ? t('mnt.layer.init')
          : t('mnt.layer.lower', { n: l.lowerIndex ?? '?' })
        : l.layer === 'mount'
          ? t('mnt.layer.mount')
          : t('mnt.layer.none');
  return (
    <div data-testid="where-result" data-layer={l.layer}>
      <div style={{ marginBottom: 6 }}>
        <span className="mono">{l.path}</span>{' '}
        {l.exists ? <span className="tag ok">{t('mnt.exists')}</span> : <span className="tag bad">{t('mnt.missing')}</span>}{' '}
        {l.exists && <strong>{layerText}</strong>}
        {l.whiteout && <span className="tag warn">{t('mnt.whiteout')}</span>}
      </div>
      <dl className="kv">
        {l.hostPath && (
          <>
            <dt>{t('mnt.hostPath')}</dt>
            <dd data-testid="host-path">
              {l.hostPath} <CopyButton value={l.hostPath} />
            </dd>
          </>
        )}
        {l.mergedPath && (
          <>
            <dt>{t('mnt.mergedPath')}</dt>
            <dd>
              {l.mergedPath} <CopyButton value={l.mergedPath} />
            </dd>
          </>
        )}
        <dt>{t('mnt.procPath')}</dt>
        <dd>
          {l.procPath} <CopyButton value={l.procPath} />
        </dd>
        {l.mount && (
          <>
            <dt>mount</dt>
            <dd>
              {l.mount.mountPoint} ({l.mount.fsType}, {l.mount.source})
            </dd>
          </>
        )}
      </dl>
      {l.note && <p className="muted small">{l.note}</p>}
    </div>
  );
}

function MountTable({ c, names }: Omit<PaneProps, 'shared'>) {
  const t = useT();
  const get = (s: 'a' | 'b'): Map<string, Mount> | null => {
    const m = c[s].mnt;
    return isFailed(m) ? null : new Map(m.mounts.map((x) => [x.mountPoint, x]));
  };
  const A = get('a');
  const B = get('b');
  if (!A || !B) {
    const failed = [c.a.mnt, c.b.mnt].find(isFailed);
    return failed ? <ErrorBox error={failed.error} /> : null;
  }
  const points = [...new Set([...A.keys(), ...B.keys()])].sort();
  const cell = (m: Mount | undefined) => (m ? `${m.fsType} ${m.source}${m.root !== '/' ? ` [${m.root}]` : ''}` : '—');
  return (
    <div className="scroll-y">
      <table className="grid mounts">
        <colgroup>
          <col style={{ width: '26%' }} />
          <col style={{ width: '37%' }} />
          <col style={{ width: '37%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('mnt.point')}</th>
            <th>
              <SideBadge side="a" /> {names.a}
            </th>
            <th>
              <SideBadge side={names.b === HOST ? 'h' : 'b'} /> {names.b}
            </th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => {
            const a = A.get(p);
            const b = B.get(p);
            const cls = !b ? 'only-a' : !a ? 'only-b' : cell(a) !== cell(b) || a.options !== b.options ? 'changed' : '';
            return (
              <tr key={p} className={cls}>
                <td className="mono">{p}</td>
                <td className="mono small" title={a?.options}>
                  {cell(a)}
                </td>
                <td className="mono small" title={b?.options}>
                  {cell(b)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
