// Contents of each namespace type, as the inspect and compare answers carry them.

import type { Problem } from './problem.js';

export interface NetAddress {
  family: 'inet' | 'inet6';
  local: string;
  prefixlen: number;
  scope: string;
}

export interface VethPeer {
  ifindex: number;
  name: string;
  /** The bridge the host end hangs on (docker0, br-…), if any. */
  master: string | null;
  /** Where the peer lives; "host" when it is in the host's network namespace. */
  netns: 'host' | 'other';
}

export interface NetInterface {
  name: string;
  ifindex: number;
  /** veth, bridge, loopback, dummy, macvlan, … ("device" when the kernel names no kind). */
  kind: string;
  mac: string | null;
  mtu: number;
  state: string;
  /** "172.17.0.2/16", "fe80::42:acff:fe11:2/64" */
  addresses: string[];
  addressInfo: NetAddress[];
  master: string | null;
  /** ifindex of the other end (veth), as the kernel's iflink reports it. */
  linkIndex: number | null;
  /** Set when that other end (or a macvlan's parent) is in another namespace: its id as seen from here. */
  linkNetnsid?: number;
  /** The other end's (or parent's) name, which `ip` gives instead of its ifindex when it is in the same namespace. */
  linkName?: string;
  peer?: VethPeer;
}

export interface Route {
  dst: string;
  gateway: string | null;
  dev: string | null;
  protocol: string | null;
  scope: string | null;
  prefsrc: string | null;
  table: string | null;
}

export interface NetSection {
  interfaces: NetInterface[];
  routes: Route[];
}

export interface Process {
  hostPid: number;
  /** PID as seen inside the namespace (last NSpid entry). */
  nsPid: number;
  /** Every NSpid entry, outermost first. */
  nsPids: number[];
  ppid: number;
  uid: number;
  user: string;
  comm: string;
  command: string;
  state: string;
}

export interface PidSection {
  processes: Process[];
  /** Why user names are unknown (the container's /etc/passwd could not be read); uids are shown. */
  usersError?: Problem;
}

export interface Mount {
  id: number;
  parentId: number;
  /** major:minor of the filesystem */
  device: string;
  /** Path inside the filesystem that is mounted (bind mounts show their origin here). */
  root: string;
  mountPoint: string;
  options: string;
  propagation: string;
  fsType: string;
  source: string;
  superOptions: string;
}

export interface OverlayLayer {
  /** Host path of the layer's directory (…/overlay2/<id>/diff). */
  path: string;
  /** As written in the mount options, before resolving the l/ short links. */
  given: string;
}

export interface Overlay {
  upperDir: string;
  workDir: string | null;
  /** Top-most first, as overlayfs stacks them. */
  lowerDirs: string[];
  lowerLayers: OverlayLayer[];
  /** Where the engine mounted the merged view on the host (GraphDriver.Data.MergedDir), if known. */
  mergedDir: string | null;
  /** Whether the kernel's mount options agree with what the engine reports. */
  engineAgrees: boolean | null;
}

export interface MntSection {
  mounts: Mount[];
  overlay?: Overlay;
}

export interface UtsSection {
  hostname: string;
  domainname: string;
}

export interface ShmSegment {
  key: string;
  id: number;
  perms: string;
  /** Size in bytes. */
  bytes: number;
  creatorPid: number;
  attached: number;
  uid: number;
}
export interface SemSet {
  key: string;
  id: number;
  perms: string;
  nsems: number;
  uid: number;
}
export interface MsgQueue {
  key: string;
  id: number;
  perms: string;
  usedBytes: number;
  messages: number;
  uid: number;
}
export interface PosixMqueue {
  name: string;
}
export interface IpcSection {
  shm: ShmSegment[];
  sem: SemSet[];
  msg: MsgQueue[];
  mqueue: PosixMqueue[];
  /** Why POSIX queues could not be listed (e.g. /dev/mqueue is not a directory in the container). */
  mqueueError?: Problem;
}

export interface IdMapRange {
  inside: number;
  outside: number;
  count: number;
}
export interface UserSection {
  uidMap: IdMapRange[];
  gidMap: IdMapRange[];
  setgroups: string;
  /** Parent user namespace inode (lsns PNS), null for the initial one or when unknown. */
  parent: number | null;
  /** Owning user namespace inode (lsns ONS), null for the initial one or when unknown. */
  owner: number | null;
}

export interface CgroupSection {
  /** /proc/PID/cgroup as the host sees it. */
  hostView: string[];
  /** /proc/self/cgroup from inside the cgroup namespace; null when unknown. */
  nsView: string[] | null;
  /** Why nsView is unknown, when known (e.g. the helper's nsenter cannot enter cgroup namespaces). */
  nsViewError?: Problem;
}

export interface TimeSection {
  /** timens_offsets lines: clock and offset. */
  offsets: { clock: string; seconds: number; nanoseconds: number }[];
}
