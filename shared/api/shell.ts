import type { MessageId, MessageParams } from '../messages.js';
import type { Container } from '../model/container.js';
import type { AccessKind } from '../model/inspection.js';
import { NS_TYPES, type NsType } from '../model/nstype.js';
import type { z } from 'zod';
import type { shellOpenRequest } from './shell-request.js';

export type ShellOpenRequest = z.infer<typeof shellOpenRequest>;

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

/** See `kind` in the schema: nsenter (the ticked namespaces) or docker-exec (the engine's exec). */
export type ShellKind = ShellOpenRequest['kind'];

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
  | { reason: 'error'; message: string; id?: MessageId; params?: MessageParams };

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
      return s.namespaces.length
        ? `${who}, inside the container's ${nsWords(s.namespaces)}`
        : `${who} (no namespace of the container entered)`;
    }
    case 'unconfined':
      return `UNCONFINED: the container's programs with the host's privileges, without ${s.missing.map((m) => RESTRICTION_WORDS[m]).join(', ') || 'its restrictions'}`;
  }
}
