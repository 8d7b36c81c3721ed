import { NSENTER_FLAGS, NS_TYPES, problem, type NsType, type Problem } from '../../../shared/model/index.js';
import { errorFromProblem, fail } from '../errors.js';

/**
 * nsenter command lines, for the probe (core/access) and the shells (core/shell) alike: kept
 * apart from both so that neither imports the other.
 */

/**
 * Which nsenter runs:
 * - util-linux: the caller's own (the host's for direct, a util-linux helper image's);
 * - busybox: a busybox helper image's, which cannot enter cgroup or time namespaces;
 * - host-util-linux: the host's util-linux nsenter, reached from a busybox helper: its nsenter
 *   enters the host reference's mount namespace (setns into a mount namespace also moves root and
 *   cwd to that namespace's root), then execs the host's nsenter by absolute path.
 */
export type NsenterFlavor = 'util-linux' | 'busybox' | 'host-util-linux';

/** Where a host's util-linux nsenter is looked for (in the host's root). */
export const NSENTER_CANDIDATES = ['/usr/bin/nsenter', '/bin/nsenter', '/usr/sbin/nsenter'];

/** Namespaces a busybox nsenter cannot enter. */
export const BUSYBOX_CANNOT: readonly NsType[] = ['cgroup', 'time'];

/** Why a busybox nsenter cannot serve a command that must enter a cgroup or time namespace. */
export function cannotEnterProblem(t: NsType): Problem {
  return problem('nsenter.busybox', { type: t });
}

export interface NsenterSpec {
  /** The container's main process (already verified by whoever builds this). */
  pid: number;
  /** Namespaces to enter from pid. */
  enter: readonly NsType[];
  /**
   * Namespaces to take from the host reference process explicitly, for a caller that does not
   * live in the host's (the docker-helper container has its own mnt, uts, ipc and net).
   */
  fromHost?: { pid: number; types: readonly NsType[] };
  uid?: number;
  gid?: number;
  /** Absolute path as seen from the root the program runs in; opened by nsenter before it enters. */
  cwd?: string;
  /** The program, an absolute path in the target root, and its arguments. */
  argv: readonly string[];
  /** Which nsenter (see NsenterFlavor); util-linux when absent. */
  flavor?: NsenterFlavor;
  /** host-util-linux: the host's nsenter, an absolute path in the root of fromHost.pid's mount namespace. */
  hostNsenter?: string;
}

const SHORT: Record<NsType, string> = { cgroup: 'C', ipc: 'i', mnt: 'm', net: 'n', pid: 'p', time: 'T', user: 'U', uts: 'u' };

/**
 * nsenter argv with every namespace given as a file (`-n/proc/PID/ns/net`), a form util-linux
 * and busybox nsenter both take. Files are opened before any is entered, so a mix of the
 * container's and the host's namespaces works.
 */
export function nsenterArgv(spec: NsenterSpec): string[] {
  const { pid } = spec;
  if (!Number.isInteger(pid) || pid <= 0) throw fail('nsenter.bad-pid', { pid });
  const flavor = spec.flavor ?? 'util-linux';
  if (flavor === 'host-util-linux') {
    const via = spec.fromHost?.pid;
    const path = spec.hostNsenter;
    if (!via || !Number.isInteger(via) || via <= 0 || !path || !path.startsWith('/')) {
      throw fail('nsenter.host-needs-path');
    }
    // The caller's (busybox) nsenter enters only the host's mount namespace, so that the path
    // resolves in the host's filesystem; the host's nsenter then does everything else, reading
    // the same /proc (the caller shares the host's PID namespace).
    const { hostNsenter: _outer, ...rest } = spec;
    const inner = nsenterArgv({ ...rest, flavor: 'util-linux' });
    return ['nsenter', `-m/proc/${via}/ns/mnt`, '--', path, ...inner.slice(1)];
  }
  const args = ['nsenter'];
  const entries = new Map<NsType, string>();
  for (const t of spec.fromHost?.types ?? []) entries.set(t, `/proc/${spec.fromHost!.pid}/ns/${t}`);
  for (const t of spec.enter) entries.set(t, `/proc/${pid}/ns/${t}`);
  for (const t of NS_TYPES) {
    const file = entries.get(t);
    if (!file) continue;
    if (flavor === 'busybox' && BUSYBOX_CANNOT.includes(t)) {
      throw errorFromProblem(cannotEnterProblem(t), undefined, 'unsupported');
    }
    args.push(`-${SHORT[t]}${file}`);
  }
  if (spec.uid !== undefined) args.push('-S', String(spec.uid));
  if (spec.gid !== undefined) args.push('-G', String(spec.gid));
  if (spec.cwd) {
    // Opened before entering, so it is named through the root the program will see.
    const root = spec.enter.includes('mnt')
      ? `/proc/${pid}/root`
      : spec.fromHost?.types.includes('mnt')
        ? `/proc/${spec.fromHost.pid}/root`
        : '';
    args.push(`-w${root}${spec.cwd}`);
  }
  if (!spec.argv.length || !spec.argv[0]!.startsWith('/')) throw fail('nsenter.relative-program');
  args.push('--', ...spec.argv);
  return args;
}

/**
 * argv for util-linux nsenter entering only the given namespaces of pid, the program looked up in
 * PATH. Without --mount the program is the caller's, which is what lets the host's `ip` run in a
 * distroless container's network.
 */
export function nsenterTargetArgv(
  pid: number,
  enter: readonly NsType[],
  argv: readonly string[],
  opts: { preserveCredentials?: boolean } = {},
): string[] {
  if (!Number.isInteger(pid) || pid <= 0) throw fail('nsenter.bad-pid', { pid });
  const flags = [...new Set(enter)].sort().map((t) => NSENTER_FLAGS[t]);
  // Entering a user namespace makes nsenter setuid(0) there unless told to keep the caller's ids.
  const keep = opts.preserveCredentials && enter.includes('user') ? ['--preserve-credentials'] : [];
  return ['nsenter', `--target=${pid}`, ...flags, ...keep, '--', ...argv];
}
