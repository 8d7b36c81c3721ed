// The namespace types whose contents are a few lines each: uts, ipc, user, cgroup, time.
import type {
  CgroupSection,
  Failed,
  IpcSection,
  Problem,
  Section,
  TimeSection,
  UserSection,
  UtsSection,
} from '../../../shared/model/index.js';
import { problem } from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { KERNEL_VIEW_FILES } from '../access/probe-commands.js';
import { splitTailV } from '../parse/files.js';
import { parseIdMap, parseMsg, parseSem, parseShm } from '../parse/sysvipc.js';

export interface KernelViews {
  uts: Section<UtsSection>;
  sysv: Section<Omit<IpcSection, 'mqueue'>>;
  /** /proc/PID/cgroup as read from inside the cgroup namespace: paths relative to its root. */
  cgroupNsView: string[] | null;
  /** Why cgroupNsView is null. */
  cgroupNsViewError?: Problem;
}

/**
 * Hostname, SysV IPC objects and the cgroup view all answer for the *reader's*
 * namespace, so one process enters the uts, ipc and cgroup namespaces and reads
 * them all (busybox images have no ipcs, and distroless ones no shell).
 *
 * A backend that cannot enter the cgroup namespace (the docker-helper with only busybox's
 * nsenter) answers 'unsupported' rather than reading the file from its own; then uts and ipc are
 * read without it and the cgroup view is unknown, with that reason.
 */
export async function readKernelViews(access: ProbeAccess, pid: number): Promise<KernelViews> {
  const files = KERNEL_VIEW_FILES;
  const cgroupFile = `/proc/${pid}/cgroup`;
  let r = await access.run({ kind: 'kernelViews', pid, cgroup: true });
  let cgroupError: Problem | undefined;
  if (!r.ok && r.error.code === 'unsupported') {
    cgroupError = r.error;
    r = await access.run({ kind: 'kernelViews', pid, cgroup: false });
  }
  if (!r.ok) return { uts: { error: r.error }, sysv: { error: r.error }, cgroupNsView: null, cgroupNsViewError: cgroupError ?? r.error };
  const got = splitTailV(r.value.stdout);
  const line = (p: string) => (got.get(p) ?? '').split('\n')[0] ?? '';
  const missing = (what: string): Failed => ({ error: problem('read.not-in-namespace', { path: what }) });
  return {
    uts: got.has(files.hostname) ? { hostname: line(files.hostname), domainname: line(files.domainname) } : missing(files.hostname),
    sysv: got.has(files.shm)
      ? { shm: parseShm(got.get(files.shm)!), sem: parseSem(got.get(files.sem) ?? ''), msg: parseMsg(got.get(files.msg) ?? '') }
      : missing('/proc/sysvipc'),
    ...(cgroupError
      ? { cgroupNsView: null, cgroupNsViewError: cgroupError }
      : got.has(cgroupFile)
        ? { cgroupNsView: got.get(cgroupFile)!.split('\n').filter(Boolean) }
        : {
            cgroupNsView: null,
            cgroupNsViewError: problem('read.not-in-namespace', { path: cgroupFile }),
          }),
  };
}

/** POSIX message queues live in the mqueue filesystem the container mounts at /dev/mqueue. */
export async function readIpc(access: ProbeAccess, pid: number, sysv: KernelViews['sysv']): Promise<Section<IpcSection>> {
  if ('error' in sysv) return sysv;
  const mq = await access.listDir(`/proc/${pid}/root/dev/mqueue`);
  // No /dev/mqueue in the container means no POSIX queues are visible there; other failures are said.
  if (!mq.ok) return mq.error.code === 'missing' ? { ...sysv, mqueue: [] } : { ...sysv, mqueue: [], mqueueError: mq.error };
  return { ...sysv, mqueue: mq.value.sort().map((name) => ({ name })) };
}

export async function readUser(access: ProbeAccess, pid: number, isInitialUserNs: boolean): Promise<Section<UserSection>> {
  // The initial user namespace has no parent or owner, so lsns (which scans every process) is only asked about others.
  const [files, lsns] = await Promise.all([
    access.readFiles([`/proc/${pid}/uid_map`, `/proc/${pid}/gid_map`, `/proc/${pid}/setgroups`]),
    isInitialUserNs ? Promise.resolve(null) : access.run({ kind: 'userNs', pid }),
  ]);
  const [uid, gid, setgroups] = files;
  if (!uid?.ok) return { error: uid!.error };
  if (!gid?.ok) return { error: gid!.error };
  let parent: number | null = null;
  let owner: number | null = null;
  if (lsns?.ok) {
    try {
      const row = (JSON.parse(lsns.value.stdout) as { namespaces: { pns?: number; ons?: number }[] }).namespaces[0];
      parent = row?.pns ? row.pns : null;
      owner = row?.ons ? row.ons : null;
    } catch {
      /* parent and owner stay unknown */
    }
  }
  return {
    uidMap: parseIdMap(uid.value),
    gidMap: parseIdMap(gid.value),
    setgroups: setgroups?.ok ? setgroups.value.trim() : 'unknown',
    parent,
    owner,
  };
}

export async function readCgroup(
  access: ProbeAccess,
  pid: number,
  nsView: string[] | null,
  nsViewError?: Problem,
): Promise<Section<CgroupSection>> {
  const [host] = await access.readFiles([`/proc/${pid}/cgroup`]);
  if (!host?.ok) return { error: host!.error };
  return { hostView: host.value.split('\n').filter(Boolean), nsView, ...(nsView === null && nsViewError ? { nsViewError } : {}) };
}

export async function readTime(access: ProbeAccess, pid: number): Promise<Section<TimeSection>> {
  const [r] = await access.readFiles([`/proc/${pid}/timens_offsets`]);
  if (!r?.ok) return { error: r!.error };
  const offsets = r.value
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length === 3)
    .map(([clock, s, ns]) => ({ clock: clock!, seconds: Number(s), nanoseconds: Number(ns) }));
  return { offsets };
}
