import { readFileSync, readdirSync } from 'node:fs';

/** ppid of every process, from /proc/PID/stat (the field after the parenthesised comm). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), Number(rest[1]));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** pid and all its descendants, parents first. */
export function processTree(pid: number): number[] {
  const ppid = parents();
  const children = new Map<number, number[]>();
  for (const [p, pp] of ppid) (children.get(pp) ?? children.set(pp, []).get(pp)!).push(p);
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  if (ppid.has(pid)) walk(pid);
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; it is gone for our purposes.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Ends a process tree: SIGHUP first (a shell's own way to end), then SIGKILL for whatever is
 * still there after graceMs. Descendants are collected before signalling, since a child whose
 * parent dies is re-parented and could no longer be found from the root.
 */
export async function killTree(pid: number, graceMs = 200): Promise<void> {
  const tree = processTree(pid);
  for (const p of tree) {
    try {
      process.kill(p, 'SIGHUP');
    } catch {
      /* gone */
    }
  }
  const deadline = Date.now() + graceMs;
  while (tree.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const p of [...tree, ...tree.flatMap((p) => processTree(p))]) {
    try {
      if (alive(p)) process.kill(p, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}
