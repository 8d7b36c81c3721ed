import { NS_TYPES, type Container, type ContainerEvent, type NetInterface, type NsType, type Section } from '../../shared/model/index.js';
import type { ProbeAccess } from './access/access.js';
import { parseNsLink } from './parse/proc.js';
import { readInterfaces } from './probe/net.js';

/** How long a finished inspection answers other clients: enough for several to share one, short enough to stay current. */
export const INSPECTION_FRESH_MS = 2000;

type Inodes = Partial<Record<NsType, number>>;

/**
 * What the probe read, shared by every connection of one service (all the tabs of `serve`) and
 * kept until a container event says it changed:
 *  - each container's namespace inodes, by container ID and PID (a PID's namespaces stay);
 *  - each network namespace's interfaces, by inode, and the host's (veths come and go);
 *  - inspections, for a moment: processes and mounts change without events, so an inspection
 *    is shared while in flight and for INSPECTION_FRESH_MS after, then read again.
 * So an event costs reads of what it touched, not of every container.
 */
export class ProbeCache {
  private readonly inodes = new Map<string, { pid: number; ns: Inodes }>();
  private readonly netns = new Map<number, Promise<Section<NetInterface[]>>>();
  private host: { pid: number; read: Promise<Section<NetInterface[]>> } | null = null;
  private readonly inspections = new Map<string, { ids: string[]; done: number; answer: Promise<unknown> }>();
  /** Bumped by every change: an answer built from an older generation is stale. */
  generation = 0;
  /** When the last change came (for debouncing rebuilds during a burst of events). */
  lastChange = 0;

  constructor(private readonly access: () => ProbeAccess) {}

  /** The containers with their namespace inodes; only those not known yet are read, in one batch. */
  async namespaces(containers: Container[]): Promise<Container[]> {
    const missing = containers.filter((c) => c.pid !== null && this.inodes.get(c.id)?.pid !== c.pid);
    if (missing.length) {
      const links = await this.access().readLinks(missing.flatMap((c) => NS_TYPES.map((t) => `/proc/${c.pid}/ns/${t}`)));
      missing.forEach((c, i) => {
        const ns: Inodes = {};
        NS_TYPES.forEach((t, j) => {
          const r = links[i * NS_TYPES.length + j];
          const inode = r?.ok ? parseNsLink(r.value) : null;
          if (inode !== null) ns[t] = inode;
        });
        // A process gone meanwhile reads as nothing: not kept, so the next call looks again.
        if (Object.keys(ns).length === 0) return;
        this.inodes.set(c.id, { pid: c.pid!, ns });
        // A new namespace may reuse a freed inode number: what was read under it is not this one's.
        if (ns.net !== undefined) this.netns.delete(ns.net);
      });
    }
    return containers.map((c) => {
      const known = c.pid === null ? undefined : this.inodes.get(c.id);
      return known && known.pid === c.pid ? { ...c, namespaces: known.ns } : c;
    });
  }

  /** The interfaces of network namespace `inode` (entered through `pid`), read once per change. */
  interfaces(inode: number, pid: number): Promise<Section<NetInterface[]>> {
    return this.once(this.netns, inode, () => readInterfaces(this.access(), pid));
  }

  /** The host's interfaces (bridges, veths), read once per change. */
  hostInterfaces(pid: number): Promise<Section<NetInterface[]>> {
    if (this.host?.pid !== pid) {
      const read = readInterfaces(this.access(), pid);
      const entry = { pid, read };
      this.host = entry;
      void read.then((r) => {
        if ('error' in r && this.host === entry) this.host = null;
      });
    }
    return this.host.read;
  }

  private once<K>(map: Map<K, Promise<Section<NetInterface[]>>>, key: K, read: () => Promise<Section<NetInterface[]>>) {
    let p = map.get(key);
    if (!p) {
      const mine = read();
      p = mine;
      map.set(key, mine);
      // A failure is not kept: the next request tries again.
      void mine.then(
        (r) => {
          if ('error' in r && map.get(key) === mine) map.delete(key);
        },
        () => map.get(key) === mine && map.delete(key),
      );
    }
    return p;
  }

  /**
   * One inspection shared by everyone asking for `key` while it runs and shortly after; `ids`:
   * the containers it is about, whose events end its sharing.
   */
  inspection<T>(key: string, ids: string[], make: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const had = this.inspections.get(key);
    if (had && (had.done === 0 || now - had.done < INSPECTION_FRESH_MS)) return had.answer as Promise<T>;
    const answer = make();
    const entry = { ids, done: 0, answer: answer as Promise<unknown> };
    this.inspections.set(key, entry);
    void answer.then(
      () => (entry.done = Date.now()),
      () => this.inspections.get(key) === entry && this.inspections.delete(key),
    );
    for (const [k, e] of this.inspections) if (e.done && now - e.done >= INSPECTION_FRESH_MS) this.inspections.delete(k);
    return answer;
  }

  /** A container changed (or the network did): what it touched is read again on next use. */
  changed(e: ContainerEvent | { kind: 'network' }): void {
    this.generation++;
    this.lastChange = Date.now();
    this.host = null;
    if (e.kind === 'network') return;
    const id = e.kind === 'removed' ? e.id : e.container.id;
    const known = this.inodes.get(id);
    // Any event may mean other interfaces (docker network connect says nothing else): its
    // namespace's are read again. The inodes stay while the PID does.
    if (known?.ns.net !== undefined) this.netns.delete(known.ns.net);
    if (known && (e.kind === 'removed' || e.container.pid !== known.pid)) this.inodes.delete(id);
    for (const [k, entry] of this.inspections) if (entry.ids.includes(id)) this.inspections.delete(k);
  }

  /** The backend was replaced: everything is read again. */
  clear(): void {
    this.generation++;
    this.inodes.clear();
    this.netns.clear();
    this.host = null;
    this.inspections.clear();
  }
}
