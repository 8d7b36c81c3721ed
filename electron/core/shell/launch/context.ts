import type { ShellEnd } from '../../../../shared/api/shell.js';
import type { FlowOptions, Session, SessionSink } from '../session.js';

/** What every launcher is given: the session's id and sink, its terminal and working directory. */
export interface LaunchContext {
  id: string;
  sink: SessionSink;
  flow: FlowOptions;
  /** false: no terminal, stdin/stdout/stderr as pipes. */
  tty: boolean;
  cols: number;
  rows: number;
  cwd?: string;
}

export type LaunchedSession = Session & {
  onExit: ((end: ShellEnd) => ShellEnd | Promise<ShellEnd>) | null;
  onStderr?: ((c: Buffer) => void) | null;
  endInput?: () => void;
};
