import type { HostReference, Inspection, NetInterface, Target } from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { findHostReference } from './host.js';
import { readMnt, type EngineLayers } from './mnt.js';
import { readInterfaces, readNet } from './net.js';
import { readNamespaces } from './namespaces.js';
import { readPid } from './pid.js';
import { scanProcesses, type Scan } from './scan.js';
import { readCgroup, readIpc, readKernelViews, readTime, readUser } from './small.js';

/**
 * Host-wide facts that several inspections made together (a comparison) read
 * once: the host's interfaces (veth peers, bridges) and the scan of every
 * process's PID namespace.
 */
export class ProbeRound {
  private ifaces: Promise<NetInterface[] | null> | null = null;
  private pids: Promise<Scan> | null = null;

  constructor(private readonly prober: Prober) {}

  hostInterfaces(): Promise<NetInterface[] | null> {
    return (this.ifaces ??= this.prober.hostInterfaces());
  }

  pidScan(): Promise<Scan> {
    if (!this.pids) {
      this.pids = scanProcesses(this.prober.access, ['pid']);
      // An inspection that needs no scan (its pid namespace unreadable) never awaits it; a
      // failed scan must not then surface as an unhandled rejection that ends the process.
      this.pids.catch(() => undefined);
    }
    return this.pids;
  }
}

/** Reads processes' namespaces and their contents through one access backend. */
export class Prober {
  private host: Promise<HostReference> | null = null;

  constructor(readonly access: ProbeAccess) {}

  /** The host reference does not change while we run; an unreadable one is looked for again next time. */
  hostReference(): Promise<HostReference> {
    const look = (this.host ??= findHostReference(this.access));
    // A failed look (a helper's exec past its deadline) is the caller's error, and the next call
    // looks again; this watcher must not turn the failure into an unhandled rejection, which
    // took serve down in CI.
    const forget = () => {
      if (this.host === look) this.host = null;
    };
    void look.then((h) => {
      if (h.error) forget();
    }, forget);
    return look;
  }

  /** The host network namespace's interfaces, where veth peers and bridges live. */
  async hostInterfaces(): Promise<NetInterface[] | null> {
    const host = await this.hostReference();
    const r = await readInterfaces(this.access, host.pid);
    return 'error' in r ? null : r;
  }

  async inspect(target: Target, layers?: EngineLayers, round: ProbeRound = new ProbeRound(this)): Promise<Inspection> {
    const started = performance.now();
    const host = await this.hostReference();
    const pid = target.pid;
    const { namespaces, childNamespaces } = await readNamespaces(this.access, pid, host);
    const inode = (t: string) => namespaces.find((n) => n.type === t)?.inode ?? null;
    const isHostNet = inode('net') !== null && inode('net') === host.namespaces.net;
    const views = readKernelViews(this.access, pid);
    const [net, pidSec, mnt, uts, ipc, user, cgroup, time] = await Promise.all([
      round.hostInterfaces().then((h) => readNet(this.access, pid, h, isHostNet)),
      readPid(this.access, pid, inode('pid'), round.pidScan()),
      readMnt(this.access, pid, layers),
      views.then((v) => v.uts),
      views.then((v) => readIpc(this.access, pid, v.sysv)),
      readUser(this.access, pid, inode('user') !== null && inode('user') === host.namespaces.user),
      views.then((v) => readCgroup(this.access, pid, v.cgroupNsView, v.cgroupNsViewError)),
      readTime(this.access, pid),
    ]);
    return {
      target,
      access: this.access.kind,
      host,
      namespaces,
      childNamespaces,
      net,
      pid: pidSec,
      mnt,
      uts,
      ipc,
      user,
      cgroup,
      time,
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }
}
