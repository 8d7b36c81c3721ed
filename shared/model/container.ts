import type { MessageId, MessageParams, Said } from '../messages.js';
import type { HostTag } from './host.js';
import type { NsType } from './nstype.js';
import { fail } from '../errors.js';

/** Which engine holds a container. */
export type EngineKind = 'docker' | 'podman' | 'containerd';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** A container as the list shows it; kept live from the engine's event stream. */
export interface Container {
  id: string; // 64 hex
  name: string; // without the leading '/'
  image: string;
  state: ContainerState;
  status: string; // the engine's human text, e.g. "Up 3 minutes"
  /** Unix milliseconds of the last start and the last exit (absent: never), and that exit's code. */
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** Host PID of the main process; null when not running. */
  pid: number | null;
  /** Unix seconds. */
  created: number;
  hostname: string;
  /** The engine's modes, e.g. "default", "host", "container:<id>", "none", "bridge", "shareable". */
  modes: { network: string; pid: string; ipc: string; uts: string; userns: string; cgroupns: string };
  networks: string[];
  labels: Record<string, string>;
  /** Namespace inodes of the main process, when readable. */
  namespaces?: Partial<Record<NsType, number>>;
  /** The engine that holds it (absent: Docker's API, as before engines were told apart). */
  engine?: EngineKind;
  /**
   * The pod it belongs to: a Kubernetes pod (containerd, from the io.kubernetes.pod.* labels) or a
   * Podman pod. infra: it is the pod's sandbox (pause) or infra container, whose namespaces the others join.
   */
  pod?: { id: string; name: string; namespace?: string; infra: boolean };
  /** containerd's own: its namespace (k8s.io, default, …), snapshotter and snapshot, runtime. */
  containerd?: { namespace: string; snapshotter: string; snapshotKey: string; runtime: string };
  /**
   * The engine stopped answering (a daemon stop or restart): the container is kept as last seen,
   * not reported removed, until the engine is back and the list is reconciled.
   */
  engineUnreachable?: true;
  /**
   * The engine host it is on, when serve has several open. Its `id` is then qualified by the
   * host's key on every host but the first (see qualifyRef), so that IDs stay unique.
   */
  host?: HostTag;
}

/** A container's pod, as each of its containers names it. */
export type PodRef = NonNullable<Container['pod']>;

export type EndpointSource =
  | 'DOCKER_HOST'
  | 'DOCKER_CONTEXT'
  | 'docker-config'
  | 'rootless'
  | 'docker-desktop'
  | 'default'
  | 'podman'
  | 'option'
  | 'CONTAINERD_ADDRESS'
  | 'containerd';

/** Which engine we talk to and why that one (as `docker context` would explain). */
export interface Endpoint {
  /** unix:///path, tcp://host:port, ssh://… */
  url: string;
  source: EndpointSource;
  /** In English (the CLI prints it); reasonSaid is the same by catalogue key, for a face to translate. */
  reason: string;
  reasonSaid?: Said;
  /** The docker context it came from, when one named it. */
  context?: string;
  /** tcp:// with TLS: the directory of ca.pem, cert.pem and key.pem, and whether the daemon is verified. */
  tls?: { dir: string; verify: boolean; from: string };
}

export type EngineState =
  | { status: 'connecting'; endpoint: Endpoint }
  | { status: 'connected'; endpoint: Endpoint; version: string; apiVersion: string; os: string; storageDriver: string }
  | {
      status: 'unreachable';
      endpoint: Endpoint;
      message: string;
      hint: string;
      retryInMs: number;
      /** The catalogued message (shared/messages.ts), for the UI to translate. */
      id?: MessageId;
      params?: MessageParams;
    };

export type ContainerEvent =
  { kind: 'added'; container: Container } | { kind: 'changed'; container: Container } | { kind: 'removed'; id: string };

/**
 * A container reference as a user may type it: a 64-hex ID, a prefix of one, or a name.
 * Docker names are [a-zA-Z0-9][a-zA-Z0-9_.-]+; anything else (slashes, NUL, spaces,
 * shell metacharacters, "..") is refused before it reaches the engine or a helper.
 */
export const CONTAINER_REF = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

/** A full container ID, as the engine gives it. */
export const ID64 = /^[0-9a-f]{64}$/;

/** A user for a shell: name or uid, optionally :group or :gid. */
export const USER_SPEC = /^[a-zA-Z0-9_.-]{1,64}(:[a-zA-Z0-9_.-]{1,64})?$/;

/** The container reference check every face applies before the engine or a helper sees it. */
export function checkContainerRef(ref: unknown): string {
  if (typeof ref !== 'string' || !CONTAINER_REF.test(ref)) {
    throw fail('container.bad-name', { ref: JSON.stringify(String(ref)).slice(0, 80) });
  }
  return ref;
}

/**
 * Pods together, each pod's sandbox first, then the containers in no pod: a pod's containers
 * share its sandbox's net, ipc and uts, which the NET column then shows side by side.
 */
export function groupByPod(list: Container[]): Container[] {
  const podKey = (c: Container) => (c.pod ? `${c.pod.namespace ?? ''}/${c.pod.name}/${c.pod.id}` : null);
  const order = new Map<string, number>();
  list.forEach((c, i) => {
    const k = podKey(c);
    if (k !== null && !order.has(k)) order.set(k, i);
  });
  return list
    .map((c, i) => ({ c, i }))
    .sort((x, y) => {
      const kx = podKey(x.c);
      const ky = podKey(y.c);
      if (kx !== ky) return (kx === null ? Infinity : order.get(kx)!) - (ky === null ? Infinity : order.get(ky)!) || x.i - y.i;
      return Number(y.c.pod?.infra ?? false) - Number(x.c.pod?.infra ?? false) || x.i - y.i;
    })
    .map((x) => x.c);
}

/** How to start a container again, in its engine's own tool. */
export function startHint(c: Pick<Container, 'name' | 'id' | 'engine' | 'containerd'>): string {
  if (c.engine === 'containerd') return `start its task: ctr -n ${c.containerd?.namespace ?? 'default'} tasks start -d ${c.id}`;
  return `start it: ${c.engine === 'podman' ? 'podman' : 'docker'} start ${c.name}`;
}
