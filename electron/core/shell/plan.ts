import { NS_TYPES, isNsType, type NsType, type Problem } from '../../../shared/model/index.js';
import { CONTAINER_REF } from '../../../shared/model/index.js';
import { NsInspectError } from '../errors.js';

/**
 * How a namespace shell is built, shared by every backend (direct, docker-helper, host-helper):
 * which namespaces to enter, which program to run and the nsenter argv. Pure functions: no I/O.
 */

/** The environment every shell starts with; nothing of the caller's leaks in. */
export const SHELL_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export function shellEnv(home = '/root'): Record<string, string> {
  return { TERM: 'xterm-256color', PATH: SHELL_PATH, HOME: home, LANG: 'C.UTF-8' };
}

/** "auto": bash, then ash, then sh, looked up in the target root. */
export const SHELL_CANDIDATES = ['/bin/bash', '/usr/bin/bash', '/bin/ash', '/usr/bin/ash', '/bin/sh', '/usr/bin/sh'];
/** Where a bare program name is looked up (in the target root), like PATH. */
export const PROGRAM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export const ID64 = /^[0-9a-f]{64}$/;
export const USER_SPEC = /^[a-zA-Z0-9_.-]{1,64}(:[a-zA-Z0-9_.-]{1,64})?$/;

/** Checks a namespace list against the allowlist; throws a clean error naming the culprit. */
export function checkNamespaces(list: unknown): NsType[] {
  if (!Array.isArray(list)) throw new NsInspectError('input', 'namespaces must be a list');
  const out: NsType[] = [];
  for (const t of list) {
    if (!isNsType(t)) {
      throw new NsInspectError('input', `unknown namespace "${String(t).slice(0, 32).replace(/[^\x20-\x7e]/g, '?')}"`, `choose from ${NS_TYPES.join(', ')}`);
    }
    if (!out.includes(t)) out.push(t);
  }
  return out.sort();
}

export function checkContainerRef(ref: unknown): string {
  if (typeof ref !== 'string' || !CONTAINER_REF.test(ref)) {
    throw new NsInspectError('input', `${JSON.stringify(String(ref)).slice(0, 80)} is not a container name or ID`, 'use a name or ID from `nsinspect ls`');
  }
  return ref;
}

/** Program arguments: strings without NUL bytes, bounded. */
export function checkArgv(argv: unknown, what = 'command'): string[] {
  if (!Array.isArray(argv) || argv.length > 64) throw new NsInspectError('input', `${what} must be a list of at most 64 strings`);
  for (const a of argv) {
    if (typeof a !== 'string' || a.length > 4096) throw new NsInspectError('input', `${what}: every argument must be a string of at most 4096 characters`);
    if (a.includes('\0')) throw new NsInspectError('input', `${what}: NUL byte in an argument`);
  }
  return argv as string[];
}

export function checkCwd(cwd: unknown): string | undefined {
  if (cwd === undefined || cwd === null || cwd === '') return undefined;
  if (typeof cwd !== 'string' || !cwd.startsWith('/') || cwd.includes('\0') || cwd.length > 4096) {
    throw new NsInspectError('input', 'working directory must be an absolute path without NUL bytes');
  }
  return cwd;
}

/**
 * The namespaces that actually change something: the ones asked for whose inode differs from
 * the host's. Entering one's own user namespace is an error (EINVAL), and entering a namespace
 * the host shares changes nothing, so those are left out.
 */
export function effectiveNamespaces(
  asked: readonly NsType[],
  container: Partial<Record<NsType, number>>,
  host: Partial<Record<NsType, number>>,
): NsType[] {
  return asked.filter((t) => container[t] === undefined || host[t] === undefined || container[t] !== host[t]);
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

/** Why a busybox nsenter cannot serve a command that must enter a cgroup or time namespace. */
export function cannotEnterProblem(t: NsType): Problem {
  return {
    code: 'unsupported',
    message: `the helper image's nsenter (busybox) cannot enter ${t} namespaces`,
    hint: "the helper found no util-linux nsenter on the engine's host to run instead: install util-linux there, or use a helper image with util-linux nsenter (--helper-image), or another backend (direct as root, host-helper)",
  };
}

const SHORT: Record<NsType, string> = { cgroup: 'C', ipc: 'i', mnt: 'm', net: 'n', pid: 'p', time: 'T', user: 'U', uts: 'u' };

/**
 * nsenter argv with every namespace given as a file (`-n/proc/PID/ns/net`), a form util-linux
 * and busybox nsenter both take. Files are opened before any is entered, so a mix of the
 * container's and the host's namespaces works.
 */
export function nsenterArgv(spec: NsenterSpec): string[] {
  const { pid } = spec;
  if (!Number.isInteger(pid) || pid <= 0) throw new NsInspectError('input', `invalid pid ${pid}`);
  const flavor = spec.flavor ?? 'util-linux';
  if (flavor === 'host-util-linux') {
    const via = spec.fromHost?.pid;
    const path = spec.hostNsenter;
    if (!via || !Number.isInteger(via) || via <= 0 || !path || !path.startsWith('/')) {
      throw new NsInspectError('input', "the host's nsenter needs the host reference PID and an absolute path");
    }
    // The caller's (busybox) nsenter enters only the host's mount namespace, so that the path
    // resolves in the host's filesystem; the host's nsenter then does everything else, reading
    // the same /proc (the caller shares the host's PID namespace).
    const inner = nsenterArgv({ ...spec, flavor: 'util-linux', hostNsenter: undefined });
    return ['nsenter', `-m/proc/${via}/ns/mnt`, '--', path, ...inner.slice(1)];
  }
  const args = ['nsenter'];
  const entries = new Map<NsType, string>();
  for (const t of spec.fromHost?.types ?? []) entries.set(t, `/proc/${spec.fromHost!.pid}/ns/${t}`);
  for (const t of spec.enter) entries.set(t, `/proc/${pid}/ns/${t}`);
  for (const t of NS_TYPES) {
    const file = entries.get(t);
    if (!file) continue;
    if (flavor === 'busybox' && (t === 'cgroup' || t === 'time')) {
      const p = cannotEnterProblem(t);
      throw new NsInspectError('unsupported', p.message, p.hint);
    }
    args.push(`-${SHORT[t]}${file}`);
  }
  if (spec.uid !== undefined) args.push('-S', String(spec.uid));
  if (spec.gid !== undefined) args.push('-G', String(spec.gid));
  if (spec.cwd) {
    // Opened before entering, so it is named through the root the program will see.
    const root = spec.enter.includes('mnt') ? `/proc/${pid}/root` : spec.fromHost?.types.includes('mnt') ? `/proc/${spec.fromHost.pid}/root` : '';
    args.push(`-w${root}${spec.cwd}`);
  }
  if (!spec.argv.length || !spec.argv[0]!.startsWith('/')) throw new NsInspectError('input', 'the program must be an absolute path');
  args.push('--', ...spec.argv);
  return args;
}

/** The root (as a path prefix from the caller's view) where the program of a shell is looked up. */
export function targetRoot(pid: number, enter: readonly NsType[], hostRoot: string): string {
  return enter.includes('mnt') ? `/proc/${pid}/root` : hostRoot;
}

/** Candidate absolute paths for a program given by the user (a bare name goes through PROGRAM_DIRS). */
export function programCandidates(program: string): string[] {
  if (program.startsWith('/')) return [program];
  if (program.includes('/')) throw new NsInspectError('input', `program "${program.slice(0, 64)}" must be a bare name or an absolute path`);
  return PROGRAM_DIRS.map((d) => `${d}/${program}`);
}

/** uid/gid/home of a user spec ("name", "uid", "name:group", "uid:gid") given passwd and group texts. */
export function resolveUser(spec: string, passwd: string, group: string): { uid: number; gid: number; home: string } {
  if (!USER_SPEC.test(spec)) throw new NsInspectError('input', 'user must be name, uid, name:group or uid:gid');
  const [u, g] = spec.split(':') as [string, string | undefined];
  const pw = passwd.split('\n').map((l) => l.split(':'));
  const entry = /^\d+$/.test(u) ? pw.find((f) => f[2] === u) : pw.find((f) => f[0] === u);
  if (!entry && !/^\d+$/.test(u)) throw new NsInspectError('not-found', `no user "${u}" in the target's /etc/passwd`);
  const uid = entry ? Number(entry[2]) : Number(u);
  let gid = entry ? Number(entry[3]) : uid;
  if (g !== undefined) {
    if (/^\d+$/.test(g)) gid = Number(g);
    else {
      const gr = group.split('\n').map((l) => l.split(':')).find((f) => f[0] === g);
      if (!gr) throw new NsInspectError('not-found', `no group "${g}" in the target's /etc/group`);
      gid = Number(gr[2]);
    }
  }
  return { uid, gid, home: entry?.[5] || '/' };
}
