import { problem, type PidSection, type Process, type Section } from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { parseCmdline, parsePasswd, parseStatus } from '../parse/proc.js';
import type { Scan } from './scan.js';

/** The processes in pid's PID namespace, with their PIDs on the host and inside. */
export async function readPid(
  access: ProbeAccess,
  pid: number,
  pidNs: number | null,
  scanned: Promise<Scan>,
): Promise<Section<PidSection>> {
  if (pidNs === null) {
    return {
      error: problem('read.denied', { path: `/proc/${pid}/ns/pid` }),
    };
  }
  let scan: Scan;
  try {
    scan = await scanned;
  } catch (e) {
    return { error: problem('scan.failed', { detail: (e as Error).message }) };
  }
  const members = scan.processes.filter((p) => p.ns.pid === pidNs).map((p) => p.pid);
  const files = await access.readFiles([
    ...members.flatMap((p) => [`/proc/${p}/status`, `/proc/${p}/cmdline`]),
    `/proc/${pid}/root/etc/passwd`,
  ]);
  const passwdRead = files[files.length - 1];
  const users = passwdRead?.ok ? parsePasswd(passwdRead.value) : new Map<number, string>();
  // No passwd at all (distroless) is ordinary; anything else (a FIFO, a link out of the root) is said.
  const usersError = passwdRead && !passwdRead.ok && passwdRead.error.code !== 'missing' ? passwdRead.error : undefined;
  const processes: Process[] = [];
  members.forEach((hostPid, i) => {
    const status = files[2 * i];
    const cmdline = files[2 * i + 1];
    if (!status?.ok) return; // exited between the scan and the read
    const st = parseStatus(status.value);
    processes.push({
      hostPid,
      nsPid: st.nsPids[st.nsPids.length - 1]!,
      nsPids: st.nsPids,
      ppid: st.ppid,
      uid: st.uid,
      user: users.get(st.uid) ?? String(st.uid),
      comm: st.name,
      command: parseCmdline(cmdline?.ok ? cmdline.value : '', st.name),
      state: st.state,
    });
  });
  return usersError ? { processes, usersError } : { processes };
}
