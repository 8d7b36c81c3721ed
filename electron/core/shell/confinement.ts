import { NS_TYPES, type NsType } from '../../../shared/model/index.js';
import { RESTRICTION_WORDS, type Restriction } from '../../../shared/api/shell.js';
import { routeFor, type ShellRoute } from '../../../shared/api/shell-route.js';
import { fail, type NsInspectError } from '../errors.js';

type Inodes = Partial<Record<NsType, number>>;

/**
 * The container's own namespaces. One side unreadable counts as its own (asking for all of it then
 * errs on the confined side); neither readable means the kernel has no such type.
 */
export function ownNamespaces(container: Inodes, host: Inodes): NsType[] {
  return NS_TYPES.filter((t) => (container[t] !== undefined || host[t] !== undefined) && container[t] !== host[t]);
}

/** The route (shared/api/shell-route.ts) from the inodes of the container's init and the host's. */
export function decideRoute(asked: readonly NsType[], container: Inodes, host: Inodes, unconfined: boolean): ShellRoute {
  return routeFor(asked, ownNamespaces(container, host), unconfined);
}

/** The status lines that matter here, from /proc/PID/status. */
function statusField(status: string, key: string): string | undefined {
  return new RegExp(`^${key}:\\s*(\\S+)`, 'm').exec(status)?.[1];
}

export interface RestrictionSources {
  /** /proc/<init>/status, /proc/<init>/cgroup, /proc/<init>/attr/current of the container (null: unreadable). */
  status: string | null;
  cgroup: string | null;
  lsm: string | null;
  /** The same of the process that would launch nsenter (null: unreadable, counted as unrestricted). */
  launcherStatus: string | null;
  launcherCgroup: string | null;
}

/** What the container's init is held to that a shell started by the launcher would not be. */
export function containerRestrictions(src: RestrictionSources): Restriction[] {
  const out: Restriction[] = [];
  const st = src.status ?? '';
  const own = src.launcherStatus ?? '';
  const seccomp = statusField(st, 'Seccomp');
  if (seccomp !== undefined && seccomp !== '0' && statusField(own, 'Seccomp') !== seccomp) out.push('seccomp');
  const bnd = statusField(st, 'CapBnd');
  if (bnd !== undefined && bnd !== statusField(own, 'CapBnd')) out.push('capabilities');
  if (src.cgroup !== null && src.cgroup !== src.launcherCgroup) out.push('cgroup');
  if (statusField(st, 'NoNewPrivs') === '1' && statusField(own, 'NoNewPrivs') !== '1') out.push('no-new-privs');
  const lsm = src.lsm?.replace(/\0/g, '').trim();
  if (lsm && lsm !== 'unconfined' && !/^kernel$|unconfined_t/.test(lsm)) out.push('lsm');
  return out;
}

/** The refusal of a shell with the container's filesystem and some of the host's namespaces. */
export function refusal(own: readonly NsType[], enter: readonly NsType[], missing: readonly Restriction[]): NsInspectError {
  const hostOnes = own.filter((t) => !enter.includes(t));
  const lacks = missing.length ? missing.map((m) => RESTRICTION_WORDS[m]).join(', ') : "the container's restrictions";
  return fail(hostOnes.length > 1 ? 'shell.unconfinable' : 'shell.unconfinable-one', {
    types: hostOnes.join(', '),
    own: own.join(', '),
    lacks,
  });
}

/** The refusal of a whole-container shell where the engine has no exec to confine it (containerd). */
export function noExecRefusal(own: readonly NsType[], missing: readonly Restriction[]): NsInspectError {
  const lacks = missing.length ? missing.map((m) => RESTRICTION_WORDS[m]).join(', ') : "the container's restrictions";
  return fail('shell.no-exec-unconfinable', { own: own.join(', '), lacks });
}
