import { NS_TYPES, problem, type HostReference, type NsType } from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { parseNsLink } from '../parse/proc.js';

/**
 * The process whose namespaces are "the host's". PID 1 when we may read it;
 * some sandboxes deny /proc/1/ns even to root, and then kthreadd (PID 2, a
 * kernel thread that never leaves the initial namespaces), the engine daemon or,
 * reading directly, nsinspect itself stands in. The answer says which was used.
 */
export async function findHostReference(access: ProbeAccess, daemonPidFile = '/var/run/docker.pid'): Promise<HostReference> {
  const daemonPid = await access.readFiles([daemonPidFile]).then((r) => (r[0]?.ok ? Number(r[0].value.trim()) : NaN));
  const candidates: Array<[number, string]> = [
    [1, 'PID 1 (init)'],
    [2, 'PID 2 (kthreadd, always in the initial namespaces) because /proc/1/ns is not readable here'],
  ];
  if (Number.isInteger(daemonPid) && daemonPid > 0) {
    candidates.push([daemonPid, `the engine daemon (PID ${daemonPid} from ${daemonPidFile}) because neither PID 1 nor 2 is readable`]);
  }
  // A rootless user may read neither, yet nsinspect itself runs in the host's namespaces as far
  // as this user can tell; only direct reads are nsinspect's own (a helper's process is not).
  if (access.kind === 'direct') {
    candidates.push([
      process.pid,
      `nsinspect itself (PID ${process.pid}) because neither PID 1 nor PID 2 is readable here: "host" means nsinspect's own namespaces`,
    ]);
  }
  const failures: string[] = [];
  for (const [pid, reason] of candidates) {
    const links = await access.readLinks(NS_TYPES.map((t) => `/proc/${pid}/ns/${t}`));
    const namespaces: Partial<Record<NsType, number>> = {};
    NS_TYPES.forEach((t, i) => {
      const r = links[i];
      const inode = r?.ok ? parseNsLink(r.value) : null;
      if (inode !== null) namespaces[t] = inode;
    });
    // The net and mnt links are what every comparison needs; demand at least those.
    if (namespaces.net !== undefined && namespaces.mnt !== undefined) {
      const comm = await access.readFiles([`/proc/${pid}/comm`]).then((r) => (r[0]?.ok ? r[0].value.trim() : '?'));
      return { pid, comm, reason, namespaces };
    }
    const first = links.find((l) => !l.ok);
    failures.push(`PID ${pid}: ${first && !first.ok ? first.error.message : 'no namespace links'}`);
  }
  // Not fatal: the container's own namespaces may still be readable (a rootless engine's
  // containers belong to the user), only the comparison with the host is unknown.
  return {
    pid: candidates[0]![0],
    comm: '?',
    reason: `the host's namespaces could not be read (${failures.join('; ')})`,
    namespaces: {},
    error: problem('read.host-denied'),
  };
}
