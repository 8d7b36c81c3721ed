import type { MapContainerRef } from './hostmap.js';

/** Changes listed by default, and at most: a big layer stays a quick answer. */
export const UPPER_LIMIT = 1000;
export const UPPER_MAX = 10_000;

/** As `docker diff` says it: A, C, D. */
export type UpperChangeKind = 'added' | 'changed' | 'deleted';

/** One path the container wrote, changed or deleted, as its own upper layer records it. */
export interface UpperChange {
  /** As the container sees it, e.g. /etc/passwd. */
  path: string;
  kind: UpperChangeKind;
  /** The entry's type in the upper layer; a deleted path is a whiteout or hidden by an opaque directory. */
  type: 'file' | 'dir' | 'link' | 'char' | 'block' | 'fifo' | 'socket' | 'whiteout' | 'opaque';
  /** On the host: the file in the upper layer; for a deletion, its whiteout or the opaque directory. */
  hostPath: string;
  /** For a change or deletion: the image's version, still in a read-only lower layer. */
  lowerPath?: string;
  /** Bytes, for files in the upper layer. */
  size?: number;
  /** A directory removed and made again: overlayfs hides everything the image had in it. */
  opaque?: boolean;
}

/** The container's own upper layer as a list of changes against the image (`docker diff`). */
export interface UpperLayer {
  container: MapContainerRef;
  upperDir: string;
  mergedDir: string | null;
  changes: UpperChange[];
  /** More changes exist than were listed (the limit, or the entries scanned, ran out). */
  truncated: boolean;
  limit: number;
  /** What could not be told, e.g. deletions by opaque directories when the merged view is unreadable. */
  notes: UpperNote[];
}

/**
 * A limit of the answer. The code (and path) let the UI say it in its own language;
 * the message is the English the CLI prints.
 */
export interface UpperNote {
  code: 'stopped' | 'merged-unreadable' | 'unlisted';
  /** The directory concerned, as the container sees it. */
  path?: string;
  message: string;
}
