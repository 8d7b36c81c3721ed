import {
  NS_TYPES,
  isFailed,
  type Comparison,
  type ContentDiff,
  type Inspection,
  type ListDiff,
  type NamespaceComparison,
  type Section,
  sameKernel,
} from '../../shared/model/index.js';

/** label → a value to compare; same label on both sides with a different value is "changed". */
type Keyed = Map<string, string>;

function diffKeyed(a: Keyed | null, b: Keyed | null): ListDiff {
  const out: ListDiff = { onlyA: [], onlyB: [], changed: [], same: [] };
  const A = a ?? new Map<string, string>();
  const B = b ?? new Map<string, string>();
  for (const [k, v] of A) {
    if (!B.has(k)) out.onlyA.push(k);
    else (B.get(k) === v ? out.same : out.changed).push(k);
  }
  for (const k of B.keys()) if (!A.has(k)) out.onlyB.push(k);
  if (!a || !b) out.unreadable = !a && !b ? 'both' : !a ? 'a' : 'b';
  return out;
}

function keyed<T>(s: Section<T>, entries: (v: T) => Array<[string, string]>): Keyed | null {
  return isFailed(s) ? null : new Map(entries(s));
}

/** What each side holds, per type, keyed so that the two sides can be lined up. */
function contents(i: Inspection): Record<keyof ContentDiff, Keyed | null> {
  return {
    net: keyed(i.net, (n) => n.interfaces.map((x) => [x.name, `${x.kind} ${x.mac ?? ''} ${x.addresses.join(',')}`])),
    // Processes line up by command: PIDs differ between any two containers.
    pid: keyed(i.pid, (p) => {
      const counts = new Map<string, number>();
      return p.processes.map((x) => {
        const n = (counts.get(x.command) ?? 0) + 1;
        counts.set(x.command, n);
        return [n > 1 ? `${x.command} #${n}` : x.command, `${x.user}`];
      });
    }),
    mnt: keyed(i.mnt, (m) => m.mounts.map((x) => [x.mountPoint, `${x.fsType} ${x.options}`])),
    uts: keyed(i.uts, (u) => [
      ['hostname', u.hostname],
      ['domainname', u.domainname],
    ]),
    ipc: keyed(i.ipc, (c) => [
      ...c.shm.map((x): [string, string] => [`shm ${x.key}`, `${x.bytes} bytes`]),
      ...c.sem.map((x): [string, string] => [`sem ${x.key}`, `${x.nsems} sems`]),
      ...c.msg.map((x): [string, string] => [`msg ${x.key}`, `${x.messages} messages`]),
      ...c.mqueue.map((x): [string, string] => [`mqueue ${x.name}`, '']),
    ]),
    user: keyed(i.user, (u) => [
      ['uid_map', u.uidMap.map((r) => `${r.inside} ${r.outside} ${r.count}`).join('; ')],
      ['gid_map', u.gidMap.map((r) => `${r.inside} ${r.outside} ${r.count}`).join('; ')],
      ['setgroups', u.setgroups],
    ]),
    cgroup: keyed(i.cgroup, (c) =>
      (c.nsView ?? c.hostView).map((l) => {
        const [, controllers = '', path = ''] = l.split(':');
        return [controllers || 'unified', path];
      }),
    ),
    time: keyed(i.time, (t) => t.offsets.map((o) => [o.clock, `${o.seconds}.${o.nanoseconds}`])),
  };
}

export function compareInspections(a: Inspection, b: Inspection): Comparison {
  // Across kernels an equal inode is a coincidence, never one namespace; the contents below are
  // still compared. Two engines on this machine (Docker and containerd) share the kernel.
  const apart = !sameKernel(a.origin, b.origin);
  const namespaces = NS_TYPES.map((type): NamespaceComparison => {
    const ia = a.namespaces.find((n) => n.type === type)?.inode ?? null;
    const ib = b.namespaces.find((n) => n.type === type)?.inode ?? null;
    const ih = a.host.namespaces[type] ?? null;
    const ihb = apart ? (b.host.namespaces[type] ?? null) : ih;
    const same = (x: number | null, y: number | null) => (x === null || y === null ? null : x === y);
    return {
      type,
      a: { inode: ia },
      b: { inode: ib },
      host: { inode: ih },
      shared: apart ? false : same(ia, ib),
      sharedWithHost: { a: same(ia, ih), b: same(ib, ihb) },
      ...(apart ? { differentHosts: true as const, hostB: { inode: ihb } } : {}),
    };
  });
  const ca = contents(a);
  const cb = contents(b);
  const diff = Object.fromEntries(
    (Object.keys(ca) as Array<keyof ContentDiff>).map((k) => [k, diffKeyed(ca[k], cb[k])]),
  ) as unknown as ContentDiff;
  return { a, b, namespaces, diff };
}
