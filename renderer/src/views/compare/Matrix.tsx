import type { Comparison, NamespaceComparison } from '../../../../shared/model/comparison';
import { InodeChip, SideBadge } from '../../components/common';
import { useT, type T } from '../../i18n';
import { drawn, viewColors } from '../../lib/palette';

export type Names = { a: string; b: string };

function verdict(n: NamespaceComparison, t: T, bIsHost: boolean): { text: string; cls: string } {
  if (n.shared === null) return { text: t('cmp.unknown'), cls: '' };
  if (bIsHost) return n.shared ? { text: t('cmp.shared'), cls: 'shared' } : { text: t('cmp.isolated'), cls: 'isolated' };
  if (n.shared)
    return {
      text: n.sharedWithHost.a && n.sharedWithHost.b ? `${t('cmp.shared')} · ${t('cmp.bothHost')}` : t('cmp.shared'),
      cls: 'shared',
    };
  const extra = n.sharedWithHost.a ? ` · ${t('cmp.aHost')}` : n.sharedWithHost.b ? ` · ${t('cmp.bHost')}` : '';
  return { text: t('cmp.isolated') + extra, cls: 'isolated' };
}

/** What the table needs of a comparison: a whole one, or a preview from the list's inodes. */
export type MatrixInput = Pick<Comparison, 'namespaces'> & { b: { target: { kind: string } } };

/** Namespace types × (A, B, host): equal inodes share a colour. */
export function Matrix({ c, names, preview = false }: { c: MatrixInput; names: Names; preview?: boolean }) {
  const t = useT();
  const isolated = c.namespaces.filter((n) => n.shared === false).length;
  const shared = c.namespaces.filter((n) => n.shared === true).length;
  const host = c.namespaces.filter((n) => n.sharedWithHost.a && n.sharedWithHost.b).length;
  // B is the host: a third column would show the same inodes again.
  const bIsHost = c.b.target.kind === 'host';
  // One palette for the whole table: a colour names one namespace across all its rows.
  const hostInodes = new Set(c.namespaces.flatMap((n) => (n.host.inode == null ? [] : [n.host.inode])));
  const colors = viewColors(
    c.namespaces.flatMap((n) => [n.a.inode, n.b.inode, ...(bIsHost ? [] : [n.host.inode])]),
    hostInodes,
  );
  const cell = (inode: number | null) => {
    const d = drawn(colors, inode, inode != null && hostInodes.has(inode));
    const isHost = inode != null && hostInodes.has(inode);
    const title = d.label && inode != null ? `${d.label} · ${t('common.copy', { what: String(inode) })}` : undefined;
    return <InodeChip inode={inode} color={d.background} pattern={d.pattern} host={isHost} title={title} />;
  };
  return (
    <div className="card" data-testid="matrix" data-preview={preview || undefined}>
      <div className="card-head">
        <h2>{t('cmp.matrix')}</h2>
        <span className="tag accent">{t('cmp.summary', { isolated, shared, host })}</span>
        <div className="spacer" />
        <span className="muted small">{t('cmp.legend')}</span>
      </div>
      <div className="card-body flush">
        <table className="grid matrix">
          <thead>
            <tr>
              <th>{t('cmp.type')}</th>
              <th>{t('cmp.isolates')}</th>
              <th>
                <SideBadge side="a" /> <span className="nm">{names.a}</span>
              </th>
              <th>
                <SideBadge side={names.b === 'host' ? 'h' : 'b'} /> <span className="nm">{names.b}</span>
              </th>
              {!bIsHost && (
                <th>
                  <SideBadge side="h" /> {t('cmp.host')}
                </th>
              )}
              <th>{bIsHost ? t('cmp.verdictHost') : t('cmp.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {c.namespaces.map((n) => {
              const v = verdict(n, t, bIsHost);
              return (
                <tr key={n.type} data-ns={n.type} data-shared={String(n.shared)}>
                  <td className="type">{n.type}</td>
                  <td className="desc">{t(`ns.${n.type}`)}</td>
                  <td data-side="a">{cell(n.a.inode)}</td>
                  <td data-side="b">{cell(n.b.inode)}</td>
                  {!bIsHost && <td data-side="host">{cell(n.host.inode)}</td>}
                  <td className={`verdict ${v.cls}`}>{v.text}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
