import type { EventEmitter } from 'node:events';
import type Docker from 'dockerode';
import type { Container, Endpoint, EngineKind, EngineState } from '../../../shared/model/index.js';
import type { EngineEvents } from './engine.js';
import type { EngineNetwork } from './networks.js';

/** What the service reads of an engine's inspection: Docker's inspect data has it, containerd's is made to. */
export interface EngineInspect {
  Id: string;
  State?: { Running?: boolean; Pid?: number; Status?: string };
  GraphDriver?: { Name?: string; Data?: Record<string, string> | null };
  /** Docker's volume and bind mounts, for `where` in a stopped container. */
  Mounts?: unknown[];
}

/**
 * A container engine as the service, the shells and the access selection use it: Docker's
 * (engine.ts, also Podman's Docker-compatible socket), containerd's (containerd/engine.ts), or
 * both at once (multi.ts).
 */
export interface ContainerEngine extends EventEmitter<EngineEvents> {
  readonly kind: EngineKind | 'all';
  readonly endpoint: Endpoint;
  readonly live: boolean;
  /** Away after a first load: the kept list answers, each container marked engineUnreachable. */
  readonly keptWhileAway: boolean;
  readonly state: EngineState;
  readonly timeoutMs: number;
  /** dockerode, for exec and helper containers; an error for engines without Docker's API. */
  readonly docker: Docker;
  start(): Promise<void>;
  list(): Container[];
  details(): Promise<void>;
  notes(): string[];
  resolve(ref: string): Promise<Container>;
  resolveRaw(ref: string): Promise<{ container: Container; raw: EngineInspect | null }>;
  inspectRaw(id: string): Promise<EngineInspect>;
  /** The engine's networks, for the names beside bridges; none where the engine has no network API. */
  networks(timeoutMs?: number): Promise<EngineNetwork[]>;
  stop(): Promise<void>;
}
