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
 * Ends a process tree, leaves first: each process is signalled while its parent still lives to
 * reap it. (Killing nsenter before its child would hand the child to the container's init, which
 * in a `sleep`-only container never reaps it: a zombie per closed shell.) SIGHUP, a shell's own
 * way to end, then SIGKILL for whatever is still there after graceMs.
 */
export async function killTree(pid: number, graceMs = 300): Promise<void> {
  const tree = processTree(pid);
  const wait = async (p: number, ms: number) => {
    const deadline = Date.now() + ms;
    while (alive(p) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  };
  for (const p of [...tree].reverse()) {
    // New children may have appeared since the walk: take them first.
    for (const c of processTree(p).slice(1).reverse()) {
      try {
        process.kill(c, 'SIGKILL');
      } catch {
        /* gone */
      }
      await wait(c, 50);
    }
    try {
      process.kill(p, 'SIGHUP');
    } catch {
      continue;
    }
    await wait(p, graceMs);
    try {
      if (alive(p)) process.kill(p, 'SIGKILL');
    } catch {
      /* gone */
    }
    await wait(p, 100);
  }
}
