import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { FIXED_ENV, hostProgram } from './programs.js';

/**
 * Every process the helper starts dies with it. While the helper runs its course (stdin closed,
 * SIGTERM, a crash caught by its handlers) it kills its whole tree synchronously on exit; when it
 * is killed outright (SIGKILL), its direct children get SIGKILL from the kernel
 * (PR_SET_PDEATHSIG, set by `setpriv --pdeathsig KILL` before they exec), and what they run
 * under a terminal gets the terminal's hangup.
 */

let setpriv: string | null | undefined;

/** argv prefixed with setpriv --pdeathsig KILL, where util-linux's setpriv has it (2.33+). */
export function dieWithParent(argv: readonly string[]): string[] {
  if (setpriv === undefined) {
    try {
      const p = hostProgram('setpriv');
      const help = spawnSync(p, ['--help'], { env: FIXED_ENV, encoding: 'utf8', timeout: 2000 });
      setpriv = help.stdout?.includes('--pdeathsig') ? p : null;
    } catch {
      setpriv = null;
    }
    if (!setpriv) process.stderr.write('nsinspect host helper: setpriv --pdeathsig is unavailable; children outlive a killed helper\n');
  }
  return setpriv ? [setpriv, '--pdeathsig', 'KILL', '--', ...argv] : [...argv];
}

/** Every descendant of pid, from /proc (parents first). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** SIGKILL to every descendant of this process; synchronous, so it can run in 'exit'. */
export function killAllChildrenSync(): void {
  try {
    for (const p of descendants(process.pid)) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  } catch {
    /* /proc unreadable: nothing more can be done */
  }
}
