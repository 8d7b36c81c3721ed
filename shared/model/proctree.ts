import type { Process } from './sections.js';

export interface TreeRow {
  p: Process;
  depth: number;
}

/**
 * Processes in tree order, children under their parent, as `ps -ef --forest` shows them.
 * Roots are those whose parent is not in the list (PID 1, or a process entered from outside);
 * siblings go by PID inside the namespace. Every process appears exactly once, also when
 * parent links loop (PIDs reused between two reads).
 */
export function processTree(procs: Process[]): TreeRow[] {
  const byPid = new Map(procs.map((p) => [p.hostPid, p]));
  const order = (x: Process, y: Process) => x.nsPid - y.nsPid || x.hostPid - y.hostPid;
  const children = new Map<number, Process[]>();
  const roots: Process[] = [];
  for (const p of procs) {
    if (byPid.has(p.ppid) && p.ppid !== p.hostPid) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
    else roots.push(p);
  }
  const out: TreeRow[] = [];
  const seen = new Set<number>();
  const walk = (p: Process, depth: number) => {
    if (seen.has(p.hostPid)) return;
    seen.add(p.hostPid);
    out.push({ p, depth });
    for (const c of (children.get(p.hostPid) ?? []).sort(order)) walk(c, depth + 1);
  };
  for (const r of roots.sort(order)) walk(r, 0);
  // Only a loop of parent links is left unvisited: each of its members then starts a tree.
  for (const p of [...procs].sort(order)) walk(p, 0);
  return out;
}
