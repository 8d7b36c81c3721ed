import { useMemo, useState } from 'react';
import type { UpperChange, UpperLayer, UpperNote } from '../../../../shared/model/upper';
import { api } from '../../api';
import { CopyButton, ErrorBox } from '../../components/common';
import { useT, type T } from '../../i18n';
import { useRequest } from '../../lib/use-request';
import { HOST } from '../../store/ui';

const LETTER = { added: 'A', changed: 'C', deleted: 'D' } as const;
const TAG = { added: 'ok', changed: 'warn', deleted: 'bad' } as const;
/** Rows drawn at once; the filter finds the rest. */
const SHOWN = 400;

function noteText(n: UpperNote, t: T): string {
  if (n.code === 'stopped') return t('upper.note.stopped');
  if (n.code === 'merged-unreadable') return t('upper.note.merged', { path: n.path ?? '/' });
  return t('upper.note.unlisted', { path: n.path ?? '/' });
}

const upperLayer = (name: string) => api().upperLayer(name);

/** What the container changed against its image (its own upper layer), like `docker diff`, each with its host path. */
export function UpperLayerBox({ names }: { names: { a: string; b: string } }) {
  const t = useT();
  const choices = [names.a, names.b].filter((n) => n !== HOST);
  const [who, setWho] = useState(choices[0] ?? '');
  const { busy, result: res, error: err, run: load } = useRequest(upperLayer);
  const [filter, setFilter] = useState('');
  if (!choices.length) return null;
  return (
    <div className="card" style={{ boxShadow: 'none' }} data-testid="upper-layer">
      <div className="card-head">
        <h3>{t('upper.title')}</h3>
        <div className="spacer" />
        <select className="input" aria-label={t('upper.container')} value={who} onChange={(e) => setWho(e.target.value)}>
          {choices.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <button type="button" className="btn primary" data-action="upper-show" disabled={busy || !who} onClick={() => void load(who)}>
          {busy ? <span className="spinner" style={{ width: 12, height: 12 }} /> : null}
          {res && res.container.name === who ? t('upper.refresh') : t('upper.show')}
        </button>
      </div>
      <div className="card-body" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {!res && !err && (
          <p className="muted small" style={{ margin: 0 }}>
            {t('upper.hint')}
          </p>
        )}
        {err && <ErrorBox error={err} onRetry={() => void load(who)} />}
        {res && <Changes u={res} filter={filter} setFilter={setFilter} />}
      </div>
    </div>
  );
}

function Changes({ u, filter, setFilter }: { u: UpperLayer; filter: string; setFilter: (f: string) => void }) {
  const t = useT();
  const count = (k: UpperChange['kind']) => u.changes.filter((c) => c.kind === k).length;
  const shown = useMemo(() => {
    const f = filter.trim();
    // A lone capital A, C or D picks a kind, as docker diff prints it; anything else is part of a path.
    if (/^[ACD]$/.test(f)) return u.changes.filter((c) => LETTER[c.kind] === f);
    return f ? u.changes.filter((c) => c.path.toLowerCase().includes(f.toLowerCase())) : u.changes;
  }, [u, filter]);
  return (
    <>
      <div className="toolbar">
        <strong>{u.container.name}</strong>
        <span className="tag" data-testid="upper-counts">
          {t('upper.counts', { added: count('added'), changed: count('changed'), deleted: count('deleted') })}
        </span>
        <span className="path faint" title={t('upper.upperDir')}>
          {u.upperDir}
        </span>
        <CopyButton value={u.upperDir} />
      </div>
      {u.truncated && (
        <div className="note" data-testid="upper-truncated">
          {t('upper.truncated', { n: u.changes.length })}
        </div>
      )}
      {u.notes.map((n) => (
        <div key={`${n.code}:${n.path ?? ''}`} className="muted small">
          {noteText(n, t)}
        </div>
      ))}
      {u.changes.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('upper.none')}
        </p>
      ) : (
        <>
          <input
            className="input"
            type="search"
            placeholder={t('upper.filter')}
            aria-label={t('upper.filter')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <div className="scroll-y">
            <table className="grid upper">
              <colgroup>
                <col style={{ width: 34 }} />
                <col style={{ width: '34%' }} />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th aria-label={t('upper.kind')} />
                  <th>{t('upper.path')}</th>
                  <th>{t('upper.hostPath')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, SHOWN).map((c) => (
                  <Row key={`${c.kind}:${c.path}`} c={c} />
                ))}
              </tbody>
            </table>
            {shown.length > SHOWN && <p className="muted small">{t('pid.more', { n: shown.length - SHOWN })}</p>}
          </div>
        </>
      )}
    </>
  );
}

function Row({ c }: { c: UpperChange }) {
  const t = useT();
  const how =
    c.type === 'whiteout' ? t('upper.whiteout') : c.type === 'opaque' ? t('upper.hiddenByOpaque') : c.opaque ? t('upper.opaqueDir') : null;
  return (
    <tr data-change={c.kind} data-path={c.path}>
      <td>
        <span className={`tag ${TAG[c.kind]}`} title={t(`upper.kind.${c.kind}`)}>
          {LETTER[c.kind]}
        </span>
      </td>
      <td className="mono">
        {c.path}
        {c.type === 'dir' && '/'}
        {how && <div className="faint small">{how}</div>}
      </td>
      <td className="mono small">
        <span className="path" data-testid="upper-host-path">
          {c.hostPath}
        </span>{' '}
        <CopyButton value={c.hostPath} />
        {c.lowerPath && c.kind !== 'added' && (
          <div className="faint small" title={c.lowerPath}>
            {t('upper.imageCopy', { path: c.lowerPath })}
          </div>
        )}
      </td>
    </tr>
  );
}
