import { closeSync, openSync, readdirSync, readSync } from 'node:fs';

const HEX64 = /[0-9a-f]{64}/g;

const buf = Buffer.allocUnsafe(16384);

/**
 * A small /proc file's text. readFileSync would be 3-4x slower here: /proc files report size 0,
 * so it reads them in growing 64 KiB buffers; one reused buffer does for files this small.
 */
function readSmall(path: string): string {
  const fd = openSync(path, 'r');
  try {
    return buf.toString('latin1', 0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Start time in clock ticks since boot (field 22 of /proc/PID/stat), or null. */
function startTime(procRoot: string, pid: number): number | null {
  try {
    const stat = readSmall(`${procRoot}/${pid}/stat`);
    // The command (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const t = Number(rest[19]);
    return Number.isFinite(t) ? t : null;
  } catch {
    return null;
  }
}

/** A process in some container's cgroup: the 64-hex IDs its cgroup paths name, innermost last. */
export interface CgroupProcess {
  pid: number;
  start: number;
  ids: string[];
}

/**
 * Every process whose cgroup names a container ID: every engine puts a container's processes in
 * a cgroup named after its ID (`/docker/<id>`, `docker-<id>.scope`, `libpod-<id>.scope`,
 * `cri-containerd-<id>.scope`), so one pass over /proc/*\/cgroup answers for all containers at once,
 * as lxkns does, instead of one engine inspection each. It needs no container list, so it can
 * run while the list request is in flight.
 */
export function scanCgroups(procRoot = '/proc'): CgroupProcess[] {
  const out: CgroupProcess[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(procRoot);
  } catch {
    /* no /proc: nothing found */
  }
  for (const name of entries) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    let text: string;
    try {
      text = readSmall(`${procRoot}/${name}/cgroup`);
    } catch {
      continue;
    }
    // Every hierarchy's line names the same container; the first line with an ID is enough (a
    // nested engine's path holds both IDs on that one line).
    const first = text.search(HEX64);
    if (first < 0) continue;
    const end = text.indexOf('\n', first);
    const ids = text.slice(text.lastIndexOf('\n', first) + 1, end < 0 ? undefined : end).match(HEX64)!;
    const pid = Number(name);
    const start = startTime(procRoot, pid);
    if (start !== null) out.push({ pid, start, ids });
  }
  return out;
}

/**
 * The host PID of each listed container's first process: of a container's processes the one
 * that started first is its init (`docker exec` processes come later). Only IDs in `ids` count,
 * so a nested engine's containers (whose cgroups sit inside an outer container's) or a stray hex
 * string attribute nothing. Containers whose processes are not visible here (another host, a VM,
 * hidepid, rootless cgroup v1 where the path is just `/`) are simply absent from the answer.
 */
export function containerPids(ids: ReadonlySet<string>, scan: CgroupProcess[]): Map<string, number> {
  const best = new Map<string, { pid: number; start: number }>();
  for (const p of scan) {
    const id = p.ids.filter((x) => ids.has(x)).at(-1);
    if (!id) continue;
    const cur = best.get(id);
    if (!cur || p.start < cur.start || (p.start === cur.start && p.pid < cur.pid)) best.set(id, p);
  }
  return new Map([...best].map(([id, b]) => [id, b.pid]));
}

/** containerPids over a fresh scan. */
export function containerPidsFromCgroups(ids: ReadonlySet<string>, procRoot = '/proc'): Map<string, number> {
  return ids.size ? containerPids(ids, scanCgroups(procRoot)) : new Map();
}
