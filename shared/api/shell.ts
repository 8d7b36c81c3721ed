import type { Container } from '../model/container.js';
import type { AccessKind } from '../model/inspection.js';
import { NS_TYPES, type NsType } from '../model/nstype.js';

/**
 * nsenter: enter exactly the ticked namespaces of the container's main process; the rest stay the host's.
 * docker-exec: the engine's own exec, with the container's security profile; needs no privilege.
 */
export type ShellKind = 'nsenter' | 'docker-exec';

/**
 * What the program runs with (docs/access-and-shells.md, "What a shell runs with"):
 * - container: confined as `docker exec` confines it (the engine's exec in the container):
 *   its capabilities, seccomp filter, cgroups, user namespace, LSM label and no_new_privs;
 * - host-root: the host's own program, with nsinspect's privileges (root), in the container's
 *   namespaces that were ticked; the container's filesystem is not entered;
 * - unconfined: the container's filesystem (its programs) with none of its restrictions, because
 *   the user opted in (`unconfined`).
 */
export type ShellConfinement = 'container' | 'host-root' | 'unconfined';

/** A restriction of the container's that an unconfined shell runs without. */
export type Restriction = 'seccomp' | 'capabilities' | 'cgroup' | 'no-new-privs' | 'lsm';

/** A namespace that was asked for but not entered, and why (shared: the host's is the container's). */
export interface NotEntered {
  type: NsType;
  why: 'shared-with-host';
}

/** The request to open a shell; the schema in contract.ts (shellOpen) is authoritative. */
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
   * Run the container's filesystem with some of the host's namespaces anyway, without the
   * container's restrictions (refused otherwise: it cannot be confined like the container).
   */
  unconfined?: boolean;
}

export interface ShellSession {
  id: string;
  container: Pick<Container, 'id' | 'name' | 'pid'>;
  kind: ShellKind;
  /** The namespaces entered that differ from the host's. */
  namespaces: NsType[];
  /** Asked for, not entered, and why. */
  notEntered: NotEntered[];
  /** The backend that planned it; a container-confined shell is then run by the engine's exec. */
  access: AccessKind;
  confinement: ShellConfinement;
  /** unconfined: the container's restrictions this shell runs without. */
  missing: Restriction[];
  /** The user it runs as, when one was asked for (else root, or the container's user for the engine's exec). */
  user?: string;
  /** The program that runs, for the tab's tooltip. */
  command: string[];
}

export type ShellEnd =
  | { reason: 'exited'; code: number; signal: string | null }
  | { reason: 'container-stopped' }
  | { reason: 'closed' }
  | { reason: 'error'; message: string };

export type ShellPreset = 'exec' | 'all' | 'net-only' | 'host-fs';

/**
 * Named presets of the namespace checklist. "exec" is true to its name: every namespace a Docker
 * container has of its own, so the shell runs through the engine's exec (a user namespace is
 * added whenever the container has one).
 */
export const SHELL_PRESETS: Record<ShellPreset, { label: string; namespaces: NsType[] }> = {
  exec: { label: 'Like docker exec (all of the container)', namespaces: ['mnt', 'uts', 'ipc', 'net', 'pid', 'cgroup'] },
  all: { label: 'All of them', namespaces: [...NS_TYPES] },
  'net-only': { label: "Network only, with the host's tools", namespaces: ['net'] },
  'host-fs': { label: "Host filesystem, container's pid and net", namespaces: ['pid', 'net'] },
};

export const RESTRICTION_WORDS: Record<Restriction, string> = {
  seccomp: 'its seccomp filter',
  capabilities: 'its capability set',
  cgroup: 'its cgroups (device rules and limits)',
  'no-new-privs': 'no_new_privs',
  lsm: 'its AppArmor/SELinux label',
};

/** "net, pid" → "network, pid": how a user says them. */
function nsWords(types: readonly NsType[]): string {
  const word: Partial<Record<NsType, string>> = { net: 'network', mnt: 'mount', user: 'user' };
  return types.map((t) => word[t] ?? t).join(', ');
}

/** One line for a banner or a tooltip: what the program runs with, in plain words. */
export function describeConfinement(s: Pick<ShellSession, 'confinement' | 'namespaces' | 'missing' | 'user'>): string {
  switch (s.confinement) {
    case 'container':
      return 'confined like docker exec via the engine';
    case 'host-root': {
      const who = s.user ? `shell on the host as ${s.user}` : 'root shell on the host';
      return s.namespaces.length ? `${who}, inside the container's ${nsWords(s.namespaces)}` : `${who} (no namespace of the container entered)`;
    }
    case 'unconfined':
      return `UNCONFINED: the container's programs with the host's privileges, without ${s.missing.map((m) => RESTRICTION_WORDS[m]).join(', ') || 'its restrictions'}`;
  }
}
