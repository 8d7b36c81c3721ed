import {
  NS_TYPES,
  mapRef,
  type Container,
  type HostMap,
  type HostReference,
  type MappedNamespace,
  type NsType,
} from '../../shared/model/index.js';
import type { ProbeAccess } from './access/access.js';
import { parseNsLink } from './parse/proc.js';
import { scanProcesses } from './probe/scan.js';

/**
 * Every namespace on the host, as `lsns` lists it (type, inode, process count,
 * lowest PID and its command), plus which containers' main processes are in it.
 */
export async function buildHostMap(access: ProbeAccess, host: HostReference, containers: Container[]): Promise<HostMap> {
  const scan = await scanProcesses(access, NS_TYPES);
  const byKey = new Map<string, MappedNamespace>();
  const key = (t: NsType, inode: number) => `${t}:${inode}`;
  for (const p of scan.processes) {
    for (const t of NS_TYPES) {
      const inode = p.ns[t];
      if (inode === undefined) continue;
      const k = key(t, inode);
      const m = byKey.get(k);
      if (m) m.nprocs++;
      else byKey.set(k, { type: t, inode, nprocs: 1, pid: p.pid, command: '', containers: [], isHost: host.namespaces[t] === inode });
    }
  }
  const owners = [...new Set([...byKey.values()].map((m) => m.pid))];
  const comms = await access.readFiles(owners.map((pid) => `/proc/${pid}/comm`));
  const commOf = new Map(owners.map((pid, i) => [pid, comms[i]?.ok ? comms[i].value.trim() : '?']));
  const scanned = new Map(scan.processes.map((p) => [p.pid, p]));
  for (const c of containers) {
    const p = c.pid === null ? undefined : scanned.get(c.pid);
    if (!p) continue;
    for (const t of NS_TYPES) {
      const inode = p.ns[t];
      if (inode !== undefined) byKey.get(key(t, inode))?.containers.push(mapRef(c));
    }
  }
  const namespaces = [...byKey.values()].map((m) => ({ ...m, command: commOf.get(m.pid) ?? '?' }));
  namespaces.sort((x, y) => (x.type < y.type ? -1 : x.type > y.type ? 1 : x.inode - y.inode));
  return { namespaces, scanned: scan.processes.length + scan.unreadable, unreadable: scan.unreadable, hostPid: host.pid };
}

/** Namespace inodes of each running container's main process, for the list view. */
export async function containerNamespaces(access: ProbeAccess, containers: Container[]): Promise<Container[]> {
  const running = containers.filter((c) => c.pid !== null);
  const links = await access.readLinks(running.flatMap((c) => NS_TYPES.map((t) => `/proc/${c.pid}/ns/${t}`)));
  const inodes = new Map<string, Partial<Record<NsType, number>>>();
  running.forEach((c, i) => {
    const ns: Partial<Record<NsType, number>> = {};
    NS_TYPES.forEach((t, j) => {
      const r = links[i * NS_TYPES.length + j];
      const inode = r?.ok ? parseNsLink(r.value) : null;
      if (inode !== null) ns[t] = inode;
    });
    inodes.set(c.id, ns);
  });
  return containers.map((c) => (inodes.has(c.id) ? { ...c, namespaces: inodes.get(c.id)! } : c));
}
