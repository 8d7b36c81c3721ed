import { NS_CHILD_LINKS, NS_TYPES, type ChildNamespace, type HostReference, type Namespace } from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { parseNsLink } from '../parse/proc.js';

/** Every link of /proc/PID/ns, with its inode, device and whether the host has the same one. */
export async function readNamespaces(
  access: ProbeAccess,
  pid: number,
  host: HostReference,
): Promise<{ namespaces: Namespace[]; childNamespaces: ChildNamespace[] }> {
  const links = [...NS_TYPES, ...NS_CHILD_LINKS].map((t) => `/proc/${pid}/ns/${t}`);
  const [targets, stats] = await Promise.all([access.readLinks(links), access.stat(links.slice(0, NS_TYPES.length), true)]);
  const namespaces = NS_TYPES.map((type, i): Namespace => {
    const r = targets[i]!;
    if (!r.ok) return { type, inode: null, device: null, sharedWithHost: null, error: r.error };
    const inode = parseNsLink(r.value);
    const hostInode = host.namespaces[type];
    const st = stats[i];
    return {
      type,
      inode,
      device: null,
      sharedWithHost: inode === null || hostInode === undefined ? null : inode === hostInode,
      ...(st?.ok ? { device: st.value.dev } : {}),
    };
  });
  const childNamespaces = NS_CHILD_LINKS.map((link, j): ChildNamespace => {
    const r = targets[NS_TYPES.length + j]!;
    return r.ok ? { link, inode: parseNsLink(r.value) } : { link, inode: null, error: r.error };
  });
  return { namespaces, childNamespaces };
}
