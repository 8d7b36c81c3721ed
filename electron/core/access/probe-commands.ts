import type { NsType } from '../../../shared/model/index.js';
import { fail } from '../errors.js';

/**
 * The commands the probe runs inside a process's namespaces, as typed requests, and the ONE table
 * from request to argv. Every backend runs the same argv: direct and the docker-helper build it
 * here, and the host helper receives the request itself (checked by checkProbeRequest) and builds
 * it here too, so a probe change can never turn into an argv the helper does not recognise.
 */
export type ProbeRequest =
  /** `ip -j -d addr show` in pid's network namespace. */
  | { kind: 'ipAddr'; pid: number }
  /** Addresses and IPv4/IPv6 routes in pid's network namespace, one `ip -batch` process. */
  | { kind: 'netBatch'; pid: number }
  /** Hostname, SysV IPC and (when cgroup) /proc/PID/cgroup, read inside pid's uts/ipc/cgroup namespaces. */
  | { kind: 'kernelViews'; pid: number; cgroup: boolean }
  /** lsns's parent and owner of pid's user namespace; runs in the host's namespaces. */
  | { kind: 'userNs'; pid: number };

export type ProbeKind = ProbeRequest['kind'];
export const PROBE_KINDS: readonly ProbeKind[] = ['ipAddr', 'netBatch', 'kernelViews', 'userNs'];

export const KERNEL_VIEW_FILES = {
  hostname: '/proc/sys/kernel/hostname',
  domainname: '/proc/sys/kernel/domainname',
  shm: '/proc/sysvipc/shm',
  sem: '/proc/sysvipc/sem',
  msg: '/proc/sysvipc/msg',
} as const;

// "root ::/0" selects the IPv6 family where batch lines cannot take -6.
export const NET_BATCH = 'addr show\nroute show table main\nroute show table main root ::/0\n';

/** Programs the table names; each backend resolves them to a path on the host. */
export type ProbeProgram = 'ip' | 'tail' | 'lsns';

export interface ProbeCommand {
  /** Namespaces of `pid` to enter; empty: the program runs in the host's. */
  enter: NsType[];
  pid: number;
  program: ProbeProgram;
  args: string[];
  input?: string;
  /** After this the program is killed and the request answers an error. */
  timeoutMs: number;
}

const TIMEOUT_MS = 10_000;

export function probeCommand(r: ProbeRequest): ProbeCommand {
  const pid = r.pid;
  switch (r.kind) {
    case 'ipAddr':
      return { enter: ['net'], pid, program: 'ip', args: ['-j', '-d', 'addr', 'show'], timeoutMs: TIMEOUT_MS };
    case 'netBatch':
      return { enter: ['net'], pid, program: 'ip', args: ['-j', '-d', '-batch', '-'], input: NET_BATCH, timeoutMs: TIMEOUT_MS };
    case 'kernelViews':
      return {
        enter: r.cgroup ? ['uts', 'ipc', 'cgroup'] : ['uts', 'ipc'],
        pid,
        program: 'tail',
        args: ['-v', '-n', '+1', ...Object.values(KERNEL_VIEW_FILES), ...(r.cgroup ? [`/proc/${pid}/cgroup`] : [])],
        timeoutMs: TIMEOUT_MS,
      };
    case 'userNs':
      return { enter: [], pid, program: 'lsns', args: ['-J', '-p', String(pid), '-t', 'user', '-o', 'NS,PNS,ONS'], timeoutMs: TIMEOUT_MS };
  }
}

/** The argv a backend reports in errors: the program by name and its arguments. */
export function probeArgv(c: ProbeCommand): string[] {
  return [c.program, ...c.args];
}

/** A request from the wire (the host helper's peer), checked field by field; nothing else passes. */
export function checkProbeRequest(v: unknown): ProbeRequest {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw fail('wire.probe-not-object');
  const o = v as Record<string, unknown>;
  const kind = o.kind;
  if (typeof kind !== 'string' || !(PROBE_KINDS as readonly string[]).includes(kind)) {
    throw fail('wire.unknown-probe', {
      kind: String(kind)
        .slice(0, 32)
        .replace(/[^\x20-\x7e]/g, '?'),
    });
  }
  const pid = o.pid;
  if (!Number.isInteger(pid) || (pid as number) <= 0 || (pid as number) > 0x3fffffff) throw fail('wire.bad-pid');
  const keys = Object.keys(o).sort().join(',');
  if (kind === 'kernelViews') {
    if (typeof o.cgroup !== 'boolean' || keys !== 'cgroup,kind,pid')
      throw fail('wire.probe-fields', { kind, fields: '{kind, pid, cgroup: boolean}' });
    return { kind, pid: pid as number, cgroup: o.cgroup };
  }
  if (keys !== 'kind,pid') throw fail('wire.probe-fields', { kind, fields: '{kind, pid}' });
  return { kind: kind as 'ipAddr' | 'netBatch' | 'userNs', pid: pid as number };
}
