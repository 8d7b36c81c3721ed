import type { NsType } from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { errorFromProblem } from '../errors.js';
import { parseNsLink } from '../parse/proc.js';

export interface ScannedProcess {
  pid: number;
  ns: Partial<Record<NsType, number>>;
}

export interface Scan {
  processes: ScannedProcess[];
  /** Processes none of whose links could be read (permission, or exited mid-scan). */
  unreadable: number;
}

/** Lists every process and reads the given namespace links of each, in one batch. */
export async function scanProcesses(access: ProbeAccess, types: readonly NsType[]): Promise<Scan> {
  const dir = await access.listDir('/proc');
  if (!dir.ok)
    throw errorFromProblem(dir.error, 'the process list comes through the access backend: try another one (--access, or Settings)');
  const pids = dir.value
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
  const paths: string[] = [];
  for (const pid of pids) for (const t of types) paths.push(`/proc/${pid}/ns/${t}`);
  const links = await access.readLinks(paths);
  const processes: ScannedProcess[] = [];
  let unreadable = 0;
  pids.forEach((pid, i) => {
    const ns: Partial<Record<NsType, number>> = {};
    let any = false;
    types.forEach((t, j) => {
      const r = links[i * types.length + j];
      const inode = r?.ok ? parseNsLink(r.value) : null;
      if (inode !== null) {
        ns[t] = inode;
        any = true;
      }
    });
    if (any) processes.push({ pid, ns });
    else unreadable++;
  });
  return { processes, unreadable };
}
