import type { AccessKind, Problem } from '../../../shared/model/index.js';
import type { ProbeRequest } from './probe-commands.js';

export type { ProbeRequest } from './probe-commands.js';

export type Read<T> = { ok: true; value: T } | { ok: false; error: Problem };

export interface FileStat {
  type: 'file' | 'dir' | 'link' | 'char' | 'block' | 'fifo' | 'socket';
  size: number;
  mode: number;
  uid: number;
  /** For char devices: overlayfs whiteouts are 0:0. */
  rdev: number;
  dev: number;
  ino: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Everything the probe reads goes through here, so that a process with root
 * (direct), a privileged helper container or a root host helper can serve it.
 * Reads are batched because a round trip to a helper costs more than the read.
 */
export interface ProbeAccess {
  readonly kind: AccessKind;
  readFiles(paths: string[]): Promise<Read<string>[]>;
  readLinks(paths: string[]): Promise<Read<string>[]>;
  /** lstat (a path's own type), or stat following links when follow is set. */
  stat(paths: string[], follow?: boolean): Promise<Read<FileStat>[]>;
  listDir(path: string): Promise<Read<string[]>>;
  /**
   * Paths under /proc/PID/root resolved inside that root (every symlink but the last followed
   * there, never above it): the path as the container sees it, also when only the last
   * component is missing. Reads of such paths are resolved the same way by every backend.
   */
  resolve(paths: string[]): Promise<Read<string>[]>;
  /** One of the probe's fixed commands (probe-commands.ts), run with a timeout. */
  run(req: ProbeRequest): Promise<Read<RunResult>>;
  close(): Promise<void>;
}
