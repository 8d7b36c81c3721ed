import type { MessageId, MessageParams } from '../messages.js';
import type { NsType } from './nstype.js';
import { NsInspectError } from '../errors.js';

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
  'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'docker-config' | 'rootless' | 'docker-desktop' | 'default' | 'podman' | 'option';

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
    throw new NsInspectError(
      'input',
      `${JSON.stringify(String(ref)).slice(0, 80)} is not a container name or ID`,
      'use a name or ID from `nsinspect ls`',
    );
  }
  return ref;
}
