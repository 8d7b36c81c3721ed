// The namespace types whose contents are a few lines each: uts, ipc, user, cgroup, time.
import type {
  CgroupSection,
  IpcSection,
  Section,
  TimeSection,
  UserSection,
  UtsSection,
} from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { parseIdMap, parseMsg, parseSem, parseShm, splitSysvipc } from '../parse/sysvipc.js';

export async function readUts(access: ProbeAccess, pid: number): Promise<Section<UtsSection>> {
  // /proc/sys/kernel/hostname answers for the reader's UTS namespace, so read it from inside.
  const r = await access.run({
    pid,
    enter: ['uts'],
    argv: ['cat', '/proc/sys/kernel/hostname', '/proc/sys/kernel/domainname'],
  });
  if (!r.ok) return { error: r.error };
  const [hostname = '', domainname = ''] = r.value.stdout.split('\n');
  return { hostname, domainname };
}

export async function readIpc(access: ProbeAccess, pid: number): Promise<Section<IpcSection>> {
  // /proc/sysvipc answers for the reader's IPC namespace; busybox images have no ipcs, so the host's cat reads it inside.
  const [r, mq] = await Promise.all([
    access.run({ pid, enter: ['ipc'], argv: ['cat', '/proc/sysvipc/shm', '/proc/sysvipc/sem', '/proc/sysvipc/msg'] }),
    access.listDir(`/proc/${pid}/root/dev/mqueue`),
  ]);
  if (!r.ok) return { error: r.error };
  const parts = splitSysvipc(r.value.stdout);
  return {
    shm: parseShm(parts.shm),
    sem: parseSem(parts.sem),
    msg: parseMsg(parts.msg),
    // No /dev/mqueue in the container means no POSIX queues are visible there.
    mqueue: mq.ok ? mq.value.sort().map((name) => ({ name })) : [],
  };
}

export async function readUser(access: ProbeAccess, pid: number): Promise<Section<UserSection>> {
  const [files, lsns] = await Promise.all([
    access.readFiles([`/proc/${pid}/uid_map`, `/proc/${pid}/gid_map`, `/proc/${pid}/setgroups`]),
    access.run({ pid: 0, enter: [], argv: ['lsns', '-J', '-p', String(pid), '-t', 'user', '-o', 'NS,PNS,ONS'] }),
  ]);
  const [uid, gid, setgroups] = files;
  if (!uid?.ok) return { error: uid!.error };
  if (!gid?.ok) return { error: gid!.error };
  let parent: number | null = null;
  let owner: number | null = null;
  if (lsns.ok) {
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

export async function readCgroup(access: ProbeAccess, pid: number): Promise<Section<CgroupSection>> {
  const [[host], inside] = await Promise.all([
    access.readFiles([`/proc/${pid}/cgroup`]),
    access.run({ pid, enter: ['cgroup'], argv: ['cat', `/proc/self/cgroup`] }),
  ]);
  if (!host?.ok) return { error: host!.error };
  const lines = (s: string) => s.split('\n').filter(Boolean);
  return { hostView: lines(host.value), nsView: inside.ok ? lines(inside.value.stdout) : null };
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
