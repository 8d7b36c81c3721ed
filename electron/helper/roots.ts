// Reads inside a process root (/proc/PID/root/…) are served only for the host reference and for
// a container the helper resolved itself: its main PID, checked by cgroup and start time before
// and after the read, so a PID from the client (or one reused meanwhile) never picks the root.
import { problem, type Problem } from '../../shared/model/index.js';
import { problemOfError } from '../core/access/problems.js';
import { NsInspectError } from '../core/errors.js';
import { resolveContainer, stillValid, type VerifiedContainer } from './containers.js';

export type RootCheck = { ok: true; container: VerifiedContainer | null } | { ok: false; error: Problem };

const rootPid = (p: string): number | null => {
  const m = /^\/proc\/(\d+)\/root(?:\/|$)/.exec(p);
  return m ? Number(m[1]) : null;
};

/** For each PID whose root the paths enter: allowed (and which container), or why not. */
export async function checkRoots(paths: string[], containers: unknown, hostPid: number, engine?: unknown): Promise<Map<number, RootCheck>> {
  const named = containers && typeof containers === 'object' && !Array.isArray(containers) ? (containers as Record<string, unknown>) : {};
  const out = new Map<number, RootCheck>();
  for (const pid of new Set(paths.map(rootPid).filter((p): p is number => p !== null))) {
    if (pid === hostPid) {
      out.set(pid, { ok: true, container: null });
      continue;
    }
    const ref = named[String(pid)];
    if (ref === undefined) {
      out.set(pid, {
        ok: false,
        error: problem('read.not-container-main', { pid }),
      });
      continue;
    }
    try {
      const c = await resolveContainer(ref, engine);
      out.set(pid, c.pid === pid ? { ok: true, container: c } : { ok: false, error: problem('read.pid-elsewhere', { pid, name: c.name }) });
    } catch (e) {
      const gone = e instanceof NsInspectError && (e.code === 'not-running' || e.code === 'gone');
      out.set(pid, { ok: false, error: problemOfError(e, gone ? 'gone' : 'failed') });
    }
  }
  return out;
}

/** The check for path's root, or null outside any root; a container must still be the same process. */
export function rootVerdict(checks: Map<number, RootCheck>, path: string, after = false): RootCheck | null {
  const pid = rootPid(path);
  if (pid === null) return null;
  const c = checks.get(pid);
  if (!c) return { ok: false, error: problem('read.unchecked') };
  if (after && c.ok && c.container && !stillValid(c.container)) {
    return {
      ok: false,
      error: problem('pid.not-container', { pid, name: c.container.name }),
    };
  }
  return c;
}
