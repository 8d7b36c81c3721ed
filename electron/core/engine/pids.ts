import { readdirSync, readFileSync } from 'node:fs';

const HEX64 = /[0-9a-f]{64}/g;

/** Start time in clock ticks since boot (field 22 of /proc/PID/stat), or null. */
function startTime(procRoot: string, pid: number): number | null {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'latin1');
    // The command (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const t = Number(rest[19]);
    return Number.isFinite(t) ? t : null;
  } catch {
    return null;
  }
}

/**
 * The host PID of each container's first process, found as lxkns does: every engine puts a
 * container's processes in a cgroup named after its ID (`/docker/<id>`, `docker-<id>.scope`,
 * `libpod-<id>.scope`, `cri-containerd-<id>.scope`), so one pass over /proc/*\/cgroup answers
 * for all containers at once instead of one engine inspection each. Of a container's processes
 * the one that started first is its init: `docker exec` processes come later. Only IDs in `ids`
 * count, so a nested engine's containers or a stray hex string attribute nothing.
 * Containers whose processes are not visible here (another host, a VM, hidepid, rootless cgroup v1
 * where the path is just `/`) are simply absent from the answer.
 */
export function containerPidsFromCgroups(ids: ReadonlySet<string>, procRoot = '/proc'): Map<string, number> {
  const best = new Map<string, { pid: number; start: number }>();
  let entries: string[] = [];
  try {
    if (ids.size) entries = readdirSync(procRoot);
  } catch {
    /* no /proc: nothing found */
  }
  for (const name of entries) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    let text: string;
    try {
      text = readFileSync(`${procRoot}/${name}/cgroup`, 'latin1');
    } catch {
      continue;
    }
    let id: string | undefined;
    for (const m of text.matchAll(HEX64)) if (ids.has(m[0])) id = m[0];
    if (!id) continue;
    const pid = Number(name);
    const start = startTime(procRoot, pid);
    if (start === null) continue;
    const cur = best.get(id);
    if (!cur || start < cur.start || (start === cur.start && pid < cur.pid)) best.set(id, { pid, start });
  }
  return new Map([...best].map(([id, b]) => [id, b.pid]));
}
