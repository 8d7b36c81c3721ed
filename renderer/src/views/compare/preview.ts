import type { NamespaceComparison } from '../../../../shared/model/comparison';
import { findByRef } from '../../../../shared/model/host';
import type { Container } from '../../../../shared/model/container';
import { NS_TYPES, type NsType } from '../../../../shared/model/nstype';

type Inodes = Partial<Record<NsType, number>>;

/**
 * The comparison table from what the list already holds (each running container's namespace
 * inodes, and the host's), to draw at once while the full comparison is read. Null when a side's
 * inodes are not all known: then there is nothing honest to draw early.
 */
export function previewRows(a: Inodes | undefined, b: Inodes | undefined, host: Inodes): NamespaceComparison[] | null {
  if (!a || !b) return null;
  if (NS_TYPES.some((t) => a[t] === undefined || b[t] === undefined || host[t] === undefined)) return null;
  return NS_TYPES.map((type) => {
    const ia = a[type]!;
    const ib = b[type]!;
    const ih = host[type]!;
    return {
      type,
      a: { inode: ia },
      b: { inode: ib },
      host: { inode: ih },
      shared: ia === ib,
      sharedWithHost: { a: ia === ih, b: ib === ih },
    };
  });
}

/** The inodes the list holds for a side: a running container's, or the host's. */
export function listInodes(name: string, list: Container[], host: Inodes, isHost: boolean): Inodes | undefined {
  if (isHost) return Object.keys(host).length ? host : undefined;
  const c = findByRef(list, name);
  return c && c.state === 'running' && c.pid !== null ? c.namespaces : undefined;
}
