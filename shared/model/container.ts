import type { NsType } from './nstype.js';

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
}

export type EndpointSource =
  | 'DOCKER_HOST'
  | 'DOCKER_CONTEXT'
  | 'docker-config'
  | 'rootless'
  | 'docker-desktop'
  | 'default'
  | 'podman'
  | 'option';

/** Which engine we talk to and why that one (as `docker context` would explain). */
export interface Endpoint {
  /** unix:///path, tcp://host:port, ssh://… */
  url: string;
  source: EndpointSource;
  reason: string;
}

export type EngineState =
  | { status: 'connecting'; endpoint: Endpoint }
  | { status: 'connected'; endpoint: Endpoint; version: string; apiVersion: string; os: string; storageDriver: string }
  | { status: 'unreachable'; endpoint: Endpoint; message: string; hint: string; retryInMs: number };

export type ContainerEvent =
  | { kind: 'added'; container: Container }
  | { kind: 'changed'; container: Container }
  | { kind: 'removed'; id: string };

/**
 * A container reference as a user may type it: a 64-hex ID, a prefix of one, or a name.
 * Docker names are [a-zA-Z0-9][a-zA-Z0-9_.-]+; anything else (slashes, NUL, spaces,
 * shell metacharacters, "..") is refused before it reaches the engine or a helper.
 */
export const CONTAINER_REF = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
