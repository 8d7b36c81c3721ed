// Reads this process makes itself, synchronously: for code that runs with the
// privilege it needs already (root, or the host helper), not through ProbeAccess.
import { readlinkSync } from 'node:fs';
import { NS_TYPES, type NsType } from '../../../shared/model/index.js';
import { parseNsLink } from '../parse/proc.js';

/** The namespace inodes of a process; types that cannot be read are left out. */
export function nsInodesOf(pid: number): Partial<Record<NsType, number>> {
  const out: Partial<Record<NsType, number>> = {};
  for (const t of NS_TYPES) {
    try {
      const inode = parseNsLink(readlinkSync(`/proc/${pid}/ns/${t}`));
      if (inode !== null) out[t] = inode;
    } catch {
      /* unknown */
    }
  }
  return out;
}
