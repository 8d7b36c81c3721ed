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
  /**
   * A and B are in the same namespace (null when either is unreadable). Never on different
   * hosts: inode numbers are only unique within one kernel (the initial ones are alike on all).
   */
  shared: boolean | null;
  /** Each side against its own host's namespace. */
  sharedWithHost: { a: boolean | null; b: boolean | null };
  /** A and B are on different engine hosts: neither shared nor isolated, but apart. */
  differentHosts?: true;
  /** B's host's namespace, when B is on another host than A (`host` is A's). */
  hostB?: ComparedSide;
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
