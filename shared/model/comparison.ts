import type { NsType } from './nstype.js';
import type { Inspection } from './inspection.js';

export interface ComparedSide {
  inode: number | null;
}

/** One row of the matrix: a namespace type across A, B and the host. */
export interface NamespaceComparison {
  type: NsType;
  a: ComparedSide;
  b: ComparedSide;
  host: ComparedSide;
  /** A and B are in the same namespace (null when either is unreadable). */
  shared: boolean | null;
  sharedWithHost: { a: boolean | null; b: boolean | null };
}

/** Items only in A, only in B, and in both but different, keyed by a label the UI shows. */
export interface ListDiff {
  onlyA: string[];
  onlyB: string[];
  changed: string[];
  same: string[];
  /** A side whose section could not be read: its "only" list means nothing then. */
  unreadable?: 'a' | 'b' | 'both';
}

export interface ContentDiff {
  net: ListDiff; // interfaces by name (with addresses)
  pid: ListDiff; // processes by command
  mnt: ListDiff; // mount points
  uts: ListDiff; // hostname, domainname
  ipc: ListDiff; // shm/sem/msg/mqueue by key
  user: ListDiff; // uid_map, gid_map lines
  cgroup: ListDiff;
  time: ListDiff;
}

export interface Comparison {
  a: Inspection;
  b: Inspection;
  namespaces: NamespaceComparison[];
  diff: ContentDiff;
}
