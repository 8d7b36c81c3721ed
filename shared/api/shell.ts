import type { Container } from '../model/container.js';
import type { AccessKind } from '../model/inspection.js';
import type { NsType } from '../model/nstype.js';

/**
 * nsenter: enter exactly the ticked namespaces of the container's main process; the rest stay the host's.
 * docker-exec: the engine's own exec, with the container's security profile; needs no privilege.
 */
export type ShellKind = 'nsenter' | 'docker-exec';

export interface ShellOpenRequest {
  container: string;
  kind: ShellKind;
  namespaces: NsType[];
  /** Program and arguments; empty means "auto": bash, then ash, then sh in the target root. */
  command?: string[];
  cwd?: string;
  user?: string;
  cols: number;
  rows: number;
  access?: AccessKind;
  /**
   * The user was told that this opens a root shell on the host and asks for an administrator
   * password (the error 'needs-confirmation' says so), and wants to go on.
   */
  confirmRootShell?: boolean;
}

export interface ShellSession {
  id: string;
  container: Pick<Container, 'id' | 'name' | 'pid'>;
  kind: ShellKind;
  namespaces: NsType[];
  access: AccessKind;
  /** The program that runs, for the tab's tooltip. */
  command: string[];
}

export type ShellEnd =
  | { reason: 'exited'; code: number; signal: string | null }
  | { reason: 'container-stopped' }
  | { reason: 'closed' }
  | { reason: 'error'; message: string };

/** Named presets of the namespace checklist. */
export const SHELL_PRESETS: Record<'exec' | 'net-only' | 'host-fs', { label: string; namespaces: NsType[] }> = {
  exec: { label: 'Like docker exec (all of the container)', namespaces: ['mnt', 'uts', 'ipc', 'net', 'pid', 'cgroup'] },
  'net-only': { label: "Network only, with the host's tools", namespaces: ['net'] },
  'host-fs': { label: "Host filesystem, container's pid and net", namespaces: ['pid', 'net'] },
};
