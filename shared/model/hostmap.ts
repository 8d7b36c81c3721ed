import type { Container, EngineKind } from './container.js';
import type { NsType } from './nstype.js';
import type { Problem } from './problem.js';

export interface MapContainerRef {
  id: string;
  name: string;
  /** The engine that holds it, when not Docker's API alone. */
  engine?: EngineKind;
  /** Its pod: the pod's name, whether it is the sandbox, and its own name in the pod. */
  pod?: { name: string; infra: boolean; container: string };
}

/** The label of a Kubernetes container inside its pod (kubelet's), else the container's name. */
const K8S_CONTAINER_NAME = 'io.kubernetes.container.name';

/** A container as the map and the network picture name it. */
export function mapRef(c: Container): MapContainerRef {
  return {
    id: c.id,
    name: c.name,
    ...(c.engine && c.engine !== 'docker' ? { engine: c.engine } : {}),
    ...(c.pod ? { pod: { name: c.pod.name, infra: c.pod.infra, container: c.labels[K8S_CONTAINER_NAME] ?? c.name } } : {}),
  };
}

/** "pod web-7f9 / container app", "pod web-7f9 / sandbox", or the container's name. */
export function attribution(r: MapContainerRef): string {
  if (!r.pod) return r.name;
  return `pod ${r.pod.name} / ${r.pod.infra ? 'sandbox' : `container ${r.pod.container}`}`;
}

/** One namespace on the host, as `lsns` lists it, plus the containers in it. */
export interface MappedNamespace {
  type: NsType;
  inode: number;
  /** Number of processes in it. */
  nprocs: number;
  /** Lowest PID in it, and its command (as lsns shows). */
  pid: number;
  command: string;
  /** Containers whose main process is in it. */
  containers: MapContainerRef[];
  /** It is the host's (the reference process is in it). */
  isHost: boolean;
}

export interface HostMap {
  namespaces: MappedNamespace[];
  /** Processes scanned, and those whose links could not be read. */
  scanned: number;
  unreadable: number;
  hostPid: number;
}

/** The host side of the network picture: bridges, veths, and which container sits behind each. */
export interface TopologyBridge {
  name: string;
  ifindex: number;
  addresses: string[];
  state: string;
  /** The engine's network on this bridge ("bridge" for docker0), when the engine named one. */
  network?: string;
}
/**
 * Where a host veth's other end is: in a container's network namespace (peerNetns set), on
 * the host itself (a host-only pair: unpaired as far as containers go), or in a namespace
 * of no container the engine knows (another engine's, or a bare `ip netns`).
 */
export type VethPeerPlace = 'container' | 'host' | 'elsewhere';
export interface TopologyVeth {
  name: string;
  ifindex: number;
  master: string | null;
  /** ifindex of the container-side end. */
  peerIfindex: number | null;
  /** Network namespace inode the peer lives in, when matched. */
  peerNetns: number | null;
  peerName: string | null;
  peerIn: VethPeerPlace;
}
/** A macvlan/ipvlan interface's parent (the kernel's iflink), as seen from the namespace holding it. */
export interface TopologyLinkParent {
  ifindex: number;
  /** Null when the parent is in a namespace that was not read. */
  name: string | null;
  /** On the host, or in the same namespace as the interface. */
  onHost: boolean;
  /** The engine's network whose parent it is (a Docker macvlan network), when known. */
  network?: string;
}
export interface TopologyNetns {
  inode: number;
  containers: MapContainerRef[];
  /** Empty when error is set: then they could not be read, which is not the same as none. */
  interfaces: {
    name: string;
    ifindex: number;
    addresses: string[];
    kind: string;
    linkIndex: number | null;
    /** macvlan, ipvlan and the like: the interface it sits on. */
    parent?: TopologyLinkParent;
  }[];
  /** Why the interfaces could not be read. */
  error?: Problem;
  isHost: boolean;
}
export interface Topology {
  bridges: TopologyBridge[];
  veths: TopologyVeth[];
  netns: TopologyNetns[];
  /** What is missing from the picture and why (e.g. the engine's network names did not come). */
  notes?: string[];
}

export type FileLayer = 'upper' | 'lower' | 'mount' | 'none';

/** Where a path inside a container lives on the host (the tutorial's step 6). */
export interface FileLocation {
  container: MapContainerRef;
  path: string;
  exists: boolean;
  /** upper: the container's own layer; lower: an image layer; mount: a volume or bind mount. */
  layer: FileLayer;
  /** 0 is the top-most lower layer. */
  lowerIndex: number | null;
  hostPath: string | null;
  /** The same file through the merged view, when the engine reports one. */
  mergedPath: string | null;
  /** Through the process's root, valid as long as it runs. */
  procPath: string;
  /** Deleted in the container by a whiteout in the upper layer. */
  whiteout: boolean;
  mount: { mountPoint: string; fsType: string; source: string } | null;
  note?: string;
}
