import type { Comparison, NamespaceComparison } from '../../../../shared/model/comparison';
import type { HostTag } from '../../../../shared/model/host';
import { InodeChip, SideBadge } from '../../components/common';
import { useT, type T } from '../../i18n';
import { drawn, viewColors } from '../../lib/palette';

export type Names = { a: string; b: string };

function verdict(n: NamespaceComparison, t: T, bIsHost: boolean): { text: string; cls: string } {
  // Two kernels: an equal number is no shared namespace, and neither is "isolated" the word.
  if (n.differentHosts) return { text: t('cmp.differentHosts'), cls: 'different-hosts' };
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
export type MatrixInput = Pick<Comparison, 'namespaces'> & {
  a?: { origin?: HostTag | undefined };
  b: { target: { kind: string }; origin?: HostTag | undefined };
};

/** Namespace types × (A, B, host): equal inodes share a colour. */
export function Matrix({ c, names, preview = false }: { c: MatrixInput; names: Names; preview?: boolean }) {
  const t = useT();
  const apart = c.namespaces.filter((n) => n.differentHosts).length;
  const isolated = c.namespaces.filter((n) => n.shared === false && !n.differentHosts).length;
  const shared = c.namespaces.filter((n) => n.shared === true).length;
  const host = c.namespaces.filter((n) => !n.differentHosts && n.sharedWithHost.a && n.sharedWithHost.b).length;
  // B is the host: a third column would show the same inodes again.
  const bIsHost = c.b.target.kind === 'host';
  // B on another host: its host is a column of its own, and no colour joins the two kernels' numbers.
  const hostB = apart > 0;
  // One palette for the whole table: a colour names one namespace across all its rows.
  const hostInodes = new Set(c.namespaces.flatMap((n) => (n.host.inode == null ? [] : [n.host.inode])));
  const colors = viewColors(
    hostB ? [] : c.namespaces.flatMap((n) => [n.a.inode, n.b.inode, ...(bIsHost ? [] : [n.host.inode])]),
    hostInodes,
  );
  // Each side's "the host's" is its own host's: B's against B's host when it is on another one.
  const hostBInodes = hostB ? new Set(c.namespaces.flatMap((n) => (n.hostB?.inode == null ? [] : [n.hostB.inode]))) : hostInodes;
  const cell = (inode: number | null, hosts: Set<number> = hostInodes) => {
    const isHost = inode != null && hosts.has(inode);
    const d = drawn(colors, inode, isHost);
    const title = d.label && inode != null ? `${d.label} · ${t('common.copy', { what: String(inode) })}` : undefined;
    return <InodeChip inode={inode} color={d.background} pattern={d.pattern} host={isHost} title={title} />;
  };
  return (
    <div className="card" data-testid="matrix" data-preview={preview || undefined}>
      <div className="card-head">
        <h2>{t('cmp.matrix')}</h2>
        <span className="tag accent">{hostB ? t('cmp.summaryHosts', { n: apart }) : t('cmp.summary', { isolated, shared, host })}</span>
        <div className="spacer" />
        <span className="muted small">{t('cmp.legend')}</span>
      </div>
      {hostB && (
        <p className="muted small hosts-note" data-testid="different-hosts">
          {t('cmp.differentHostsNote', { a: c.a?.origin?.label ?? '?', b: c.b.origin?.label ?? '?' })}
        </p>
      )}
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
                  <SideBadge side="h" /> {hostB ? t('cmp.hostA') : t('cmp.host')}
                </th>
              )}
              {hostB && (
                <th>
                  <SideBadge side="h" /> {t('cmp.hostB')}
                </th>
              )}
              <th>{bIsHost ? t('cmp.verdictHost') : t('cmp.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {c.namespaces.map((n) => {
              const v = verdict(n, t, bIsHost);
              return (
                <tr key={n.type} data-ns={n.type} data-shared={String(n.shared)} data-different-hosts={n.differentHosts || undefined}>
                  <td className="type">{n.type}</td>
                  <td className="desc">{t(`ns.${n.type}`)}</td>
                  <td data-side="a">{cell(n.a.inode)}</td>
                  <td data-side="b">{cell(n.b.inode, hostBInodes)}</td>
                  {!bIsHost && <td data-side="host">{cell(n.host.inode)}</td>}
                  {hostB && <td data-side="host-b">{cell(n.hostB?.inode ?? null, hostBInodes)}</td>}
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
