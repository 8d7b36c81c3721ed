import type { NsType } from '../../../shared/model/index.js';
import type { Restriction } from '../../../shared/api/shell.js';
import { parseNsLink } from '../parse/proc.js';
import { NS_TYPES } from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { fail } from '../errors.js';
import { programCandidates } from '../nsenter/programs.js';
import { withoutEngineExec, type ShellRoute } from '../../../shared/api/shell-route.js';
import { containerRestrictions, decideRoute, noExecRefusal, refusal } from './confinement.js';
import { SHELL_CANDIDATES, resolveUser } from './plan.js';

/** The few reads planning needs, served by whichever backend has the privilege. */
export interface PlanReader {
  /** A process's namespace inodes; types that cannot be read are left out. */
  inodes(pid: number): Promise<Partial<Record<NsType, number>>>;
  /** Whether each path exists as itself (a dangling symlink counts: a shell may be one). */
  exists(paths: string[]): Promise<boolean[]>;
  /** Each file's text, null when it cannot be read. */
  read(paths: string[]): Promise<Array<string | null>>;
}

/** A PlanReader over the probe's access (direct, docker-helper or host-helper). */
export function accessReader(access: Pick<ProbeAccess, 'readLinks' | 'stat' | 'readFiles'>): PlanReader {
  return {
    async inodes(pid) {
      const links = await access.readLinks(NS_TYPES.map((t) => `/proc/${pid}/ns/${t}`));
      const out: Partial<Record<NsType, number>> = {};
      NS_TYPES.forEach((t, i) => {
        const l = links[i];
        const inode = l?.ok ? parseNsLink(l.value) : null;
        if (inode !== null && inode !== undefined) out[t] = inode;
      });
      return out;
    },
    async exists(paths) {
      return (await access.stat(paths)).map((s) => s.ok);
    },
    async read(paths) {
      return (await access.readFiles(paths)).map((r) => (r.ok ? r.value : null));
    },
  };
}

export interface PlanRequest {
  /** The container's main process, verified by the caller. */
  pid: number;
  /** The host reference process. */
  hostPid: number;
  /** The host's root as a path prefix for the reader ('' where the reader lives in it). */
  hostRoot: string;
  namespaces: readonly NsType[];
  /** Program and arguments; empty: bash, ash or sh. */
  command: readonly string[];
  user?: string;
  unconfined: boolean;
  /**
   * false: the container's engine has no exec nsinspect can use (containerd), so a whole-container
   * shell cannot be confined by it either: it is refused like a partial one unless unconfined.
   */
  engineExec?: boolean;
}

export interface RoutePlan extends Omit<ShellRoute, 'refused'> {
  /** unconfined: the container's restrictions the shell runs without. */
  missing: Restriction[];
}

export interface ShellPlan extends RoutePlan {
  /** Absolute path in the root it runs in, and arguments. */
  program: string[];
  /** The user, resolved in the target root's /etc/passwd and group. */
  user?: { uid: number; gid: number; home: string };
}

/** Which way the shell is run and what it is confined by; refuses what cannot be confined. */
export async function planRoute(req: PlanRequest, reader: PlanReader): Promise<RoutePlan> {
  const [container, host] = await Promise.all([reader.inodes(req.pid), reader.inodes(req.hostPid)]);
  const decided = decideRoute(req.namespaces, container, host, req.unconfined);
  const noExec = decided.route === 'engine' && req.engineExec === false;
  const d = noExec ? withoutEngineExec(decided, req.unconfined) : decided;
  let missing: Restriction[] = [];
  if (d.confinement === 'unconfined') {
    // /proc/self as the reader sees it: the process that would launch nsenter (nsinspect, the
    // helper container, the host helper), whose restrictions the shell would have instead.
    const [status, cgroup, lsm, launcherStatus, launcherCgroup] = await reader.read([
      `/proc/${req.pid}/status`,
      `/proc/${req.pid}/cgroup`,
      `/proc/${req.pid}/attr/current`,
      '/proc/self/status',
      '/proc/self/cgroup',
    ]);
    missing = containerRestrictions({
      status: status ?? null,
      cgroup: cgroup ?? null,
      lsm: lsm ?? null,
      launcherStatus: launcherStatus ?? null,
      launcherCgroup: launcherCgroup ?? null,
    });
    if (d.refused) throw noExec ? noExecRefusal(d.own, missing) : refusal(d.own, d.enter, missing);
  }
  const { refused: _, ...plan } = d;
  return { ...plan, missing };
}

/**
 * The whole plan of a shell, the same for every backend: the route and confinement, the program
 * (bash, ash, sh or the one given, looked up in the root it will run in) and the user.
 */
export async function planShell(req: PlanRequest, reader: PlanReader, route?: RoutePlan): Promise<ShellPlan> {
  const r = route ?? (await planRoute(req, reader));
  const inContainer = r.route === 'engine' || r.enter.includes('mnt');
  const root = inContainer ? `/proc/${req.pid}/root` : req.hostRoot;
  const side = inContainer ? 'container' : 'host';
  let program: string[];
  if (req.command.length) {
    const cands = programCandidates(req.command[0]!);
    const i = (await reader.exists(cands.map((c) => root + c))).indexOf(true);
    if (i < 0) throw fail(`shell.no-program-${side}`, { program: req.command[0]! });
    program = [cands[i]!, ...req.command.slice(1)];
  } else {
    const i = (await reader.exists(SHELL_CANDIDATES.map((c) => root + c))).indexOf(true);
    if (i < 0) throw fail(`shell.no-shell-${side}`);
    program = [SHELL_CANDIDATES[i]!];
  }
  let user: ShellPlan['user'];
  if (req.user) {
    const [passwd, group] = await reader.read([`${root}/etc/passwd`, `${root}/etc/group`]);
    user = resolveUser(req.user, passwd ?? '', group ?? '');
  }
  return { ...r, program, ...(user ? { user } : {}) };
}
