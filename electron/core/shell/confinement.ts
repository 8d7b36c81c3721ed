import { NS_TYPES, type NsType } from '../../../shared/model/index.js';
import { RESTRICTION_WORDS, type NotEntered, type Restriction, type ShellConfinement } from '../../../shared/api/shell.js';
import { NsInspectError } from '../errors.js';

type Inodes = Partial<Record<NsType, number>>;

/**
 * How a shell is run, decided from the namespaces asked for and the ones the container has of
 * its own (D, those whose inode differs from the host's):
 * - the container's filesystem and all of D: the engine's exec, which confines the program as
 *   `docker exec` does (nothing nsinspect could apply by hand would be as complete);
 * - the container's filesystem with some of the host's namespaces: no launcher can confine that
 *   like the container, so it is refused unless the user opted in (unconfined);
 * - no mount namespace: the host's program with nsinspect's privileges, said as such.
 */
export interface Decision {
  route: 'engine' | 'nsenter';
  confinement: ShellConfinement;
  /** The namespaces entered that differ from the host's (for the engine: all of D). */
  enter: NsType[];
  notEntered: NotEntered[];
  /** D: the container's own namespaces. */
  own: NsType[];
}

/**
 * The container's own namespaces. One side unreadable counts as its own (asking for all of it then
 * errs on the confined side); neither readable means the kernel has no such type.
 */
export function ownNamespaces(container: Inodes, host: Inodes): NsType[] {
  return NS_TYPES.filter((t) => (container[t] !== undefined || host[t] !== undefined) && container[t] !== host[t]);
}

export function decideRoute(asked: readonly NsType[], container: Inodes, host: Inodes, unconfined: boolean): Decision & { refused: boolean } {
  const own = ownNamespaces(container, host);
  // A remapped container's root is not the host's root: its user namespace always comes along.
  const wanted = new Set<NsType>(asked);
  if (own.includes('user')) wanted.add('user');
  const enter = NS_TYPES.filter((t) => wanted.has(t) && own.includes(t));
  const notEntered = NS_TYPES.filter((t) => wanted.has(t) && !own.includes(t)).map((type): NotEntered => ({ type, why: 'shared-with-host' }));
  const base = { enter, notEntered, own };
  if (!enter.includes('mnt')) return { ...base, route: 'nsenter', confinement: 'host-root', refused: false };
  if (own.every((t) => enter.includes(t))) return { ...base, route: 'engine', confinement: 'container', refused: false };
  return { ...base, route: 'nsenter', confinement: 'unconfined', refused: !unconfined };
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
  return new NsInspectError(
    'unsupported',
    `the container's filesystem with the host's ${hostOnes.join(', ')} namespace${hostOnes.length > 1 ? 's' : ''} cannot be confined like the container: its programs would run as root on the host without ${lacks}`,
    `tick every namespace the container has (${own.join(', ')}) to run it through the engine's exec like docker exec, or untick mnt to use the host's programs; or opt in: --unconfined (in the app: "Run unconfined")`,
  );
}
