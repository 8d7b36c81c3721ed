import { groupByPod, type Container, type ContainerState } from '../../../shared/model/container';
import { bareId, kernelOf, splitHostRef } from '../../../shared/model/host';

export type SortKey = 'name' | 'status' | 'created' | 'engine';
export type GroupKey = 'none' | 'host' | 'compose' | 'network' | 'pod' | 'engine';
/** The status chips: what a user tells apart at a glance. */
export type StatusBucket = 'running' | 'paused' | 'exited';

export const SORT_KEYS: SortKey[] = ['name', 'status', 'created', 'engine'];
export const GROUP_KEYS: GroupKey[] = ['none', 'host', 'compose', 'network', 'pod', 'engine'];
export const STATUS_BUCKETS: StatusBucket[] = ['running', 'paused', 'exited'];

export const COMPOSE_PROJECT = 'com.docker.compose.project';
const POD_LABELS = ['io.kubernetes.pod.name', 'io.podman.pod.name', 'io.podman.pod'];

/** Created, exited and dead containers are all "not running, not paused": one chip. */
export function bucketOf(state: ContainerState): StatusBucket {
  if (state === 'running' || state === 'restarting') return 'running';
  if (state === 'paused') return 'paused';
  return 'exited';
}

/** The engine a container came from (absent: Docker's API, as before engines were told apart). */
export function engineOf(c: Container): string {
  return c.engine ?? 'docker';
}

const STATE_ORDER: Record<ContainerState, number> = { running: 0, restarting: 1, paused: 2, created: 3, exited: 4, removing: 5, dead: 6 };

/** Natural order: web-2 before web-10. */
const NAMES = new Intl.Collator(undefined, { numeric: true });

function comparator(sort: SortKey): (a: Container, b: Container) => number {
  const byName = (a: Container, b: Container) => NAMES.compare(a.name, b.name);
  switch (sort) {
    case 'status':
      return (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || byName(a, b);
    case 'created':
      return (a, b) => b.created - a.created || byName(a, b); // newest first
    case 'engine':
      return (a, b) => engineOf(a).localeCompare(engineOf(b)) || byName(a, b);
    default:
      return byName;
  }
}

/** The host a container is on, for grouping and the host chips (null: the one host there is). */
export function hostOf(c: Container): string | null {
  return c.host?.key ?? null;
}

/** The host's key before an ID of that host ("staging/"), so that IDs a container names are looked up on its host. */
function hostPrefix(c: Container): string {
  const host = splitHostRef(c.id).host;
  return host ? `${host}/` : '';
}

/** Inodes are only unique within one kernel: keyed by both. */
const netKey = (c: Container, net: number) => `${kernelOf(c.host)} ${net}`;

/** A group's key, or null for "not in one" (shown last, under a neutral heading). */
export function groupOf(c: Container, group: GroupKey, ctx: { names: Map<string, string>; netOwners: Map<string, string> }): string | null {
  switch (group) {
    case 'host':
      return c.host?.label ?? null;
    case 'compose':
      return c.labels[COMPOSE_PROJECT] || null;
    case 'engine':
      return engineOf(c);
    case 'network': {
      const m = /^container:(.+)$/.exec(c.modes.network);
      if (m) return `container:${ctx.names.get(hostPrefix(c) + m[1]!) ?? m[1]!.slice(0, 12)}`;
      return c.networks[0] ?? (c.modes.network && c.modes.network !== 'default' ? c.modes.network : null);
    }
    case 'pod': {
      if (c.pod) return c.pod.name;
      for (const l of POD_LABELS) if (c.labels[l]) return c.labels[l]!;
      // No pod label: containers that share one network namespace are a pod in all but name.
      const net = c.namespaces?.net;
      return net !== undefined ? (ctx.netOwners.get(netKey(c, net)) ?? null) : null;
    }
    default:
      return null;
  }
}

export type ListRow =
  { kind: 'group'; key: string | null; count: number; collapsed: boolean } | { kind: 'container'; c: Container; group: string | null };

export interface ListQuery {
  filter: string;
  statuses: ReadonlySet<StatusBucket>;
  sort: SortKey;
  group: GroupKey;
  /** Group keys folded away ("" for the no-group group). */
  collapsed?: ReadonlySet<string>;
  /** Only the containers of this host (its key); absent or null: every host's. */
  host?: string | null;
}

/** The text filter: name, image, ID prefix, state or PID. */
export function matchesFilter(c: Container, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return true;
  return (
    c.name.toLowerCase().includes(f) ||
    c.image.toLowerCase().includes(f) ||
    bareId(c.id).startsWith(f) ||
    (c.host !== undefined && c.host.label.toLowerCase() === f) ||
    c.state === f ||
    (c.pid !== null && String(c.pid) === f)
  );
}

/** How many of the text-filtered containers are in each status chip (the chips' own filter aside). */
export function statusCounts(list: Container[], filter: string, host: string | null = null): Record<StatusBucket, number> {
  const out: Record<StatusBucket, number> = { running: 0, paused: 0, exited: 0 };
  for (const c of list) if (matchesFilter(c, filter) && (!host || hostOf(c) === host)) out[bucketOf(c.state)]++;
  return out;
}

/** The rows the list draws, in order: group headings (when grouping) and containers. */
export function listRows(list: Container[], q: ListQuery): { rows: ListRow[]; shown: Container[] } {
  const shown = list
    .filter(
      (c) =>
        matchesFilter(c, q.filter) && (q.statuses.size === 0 || q.statuses.has(bucketOf(c.state))) && (!q.host || hostOf(c) === q.host),
    )
    .sort(comparator(q.sort));
  // Ungrouped, a pod's containers still sit together, its sandbox first (Kubernetes and Podman pods).
  if (q.group === 'none') return { rows: groupByPod(shown).map((c) => ({ kind: 'container', c, group: null })), shown };

  const names = new Map(list.map((c) => [c.id, c.name]));
  const byNet = new Map<string, Container[]>();
  for (const c of list) {
    const net = c.namespaces?.net;
    if (net !== undefined) byNet.set(netKey(c, net), [...(byNet.get(netKey(c, net)) ?? []), c]);
  }
  const netOwners = new Map<string, string>();
  for (const [net, cs] of byNet) {
    if (cs.length < 2) continue;
    // The pod is named after the container the others joined (its network mode is its own).
    const owner = cs.find((c) => !c.modes.network.startsWith('container:')) ?? cs[0]!;
    netOwners.set(net, owner.name);
  }
  const groups = new Map<string | null, Container[]>();
  for (const c of shown) {
    const k = groupOf(c, q.group, { names, netOwners });
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  const rows: ListRow[] = [];
  for (const key of keys) {
    const members = groups.get(key)!;
    const collapsed = q.collapsed?.has(key ?? '') ?? false;
    rows.push({ kind: 'group', key, count: members.length, collapsed });
    if (!collapsed) for (const c of members) rows.push({ kind: 'container', c, group: key });
  }
  return { rows, shown };
}
