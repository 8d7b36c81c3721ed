import type { NsChildLink, NsType } from './nstype.js';
import type { Problem } from './problem.js';

/** One link of /proc/PID/ns. */
export interface Namespace {
  type: NsType;
  /** The number in `readlink /proc/PID/ns/TYPE` → `net:[4026531840]`; null when unreadable. */
  inode: number | null;
  /** st_dev of the nsfs link target (namespaces are identified by dev+inode). */
  device: number | null;
  /** Same namespace as the host reference process; null when either side is unreadable. */
  sharedWithHost: boolean | null;
  error?: Problem;
}

export interface ChildNamespace {
  link: NsChildLink;
  inode: number | null;
  error?: Problem;
}

/** The process whose namespaces count as "the host's". */
export interface HostReference {
  pid: number;
  comm: string;
  /** Why this process: PID 1 when readable, else a process always in the initial namespaces. */
  reason: string;
  /** Empty when no candidate could be read; then error says why and every "shared with host" is unknown. */
  namespaces: Partial<Record<NsType, number>>;
  error?: Problem;
}
