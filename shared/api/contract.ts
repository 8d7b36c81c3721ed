import { z } from 'zod';
import type { Comparison } from '../model/comparison.js';
import { CONTAINER_ACTIONS, type ContainerActionResult } from '../model/actions.js';
import type { Container, ContainerEvent, EngineState } from '../model/container.js';
import type { HostsState } from '../model/host.js';
import { LOG_TAIL_MAX, type ContainerDetails, type LogEnd } from '../model/details.js';
import type { FileLocation, HostMap, Topology } from '../model/hostmap.js';
import type { Inspection } from '../model/inspection.js';
import { UPPER_MAX, type UpperLayer } from '../model/upper.js';
import type { EventChannel, RequestChannel } from './channels.js';
import type { SettingsState } from './settings.js';
import { askpassId, askpassPassword, settingsPatch } from './settings-schema.js';
import type { ShellEnd, ShellSession } from './shell.js';
import { shellOpenRequest } from './shell-request.js';
import { containerPath, containerRef, hostKey, targetRef } from './validate.js';

export { BRIDGE_ERROR_MARK, EVENT_CHANNELS, IPC_EVENT_CHANNEL, IPC_PREFIX, REQUEST_CHANNELS } from './channels.js';
export type { EventChannel, RequestChannel } from './channels.js';
export type { ApiError } from './error.js';

/**
 * The one API the renderer talks to, whichever face serves it: Electron IPC
 * (preload) or the browser mode's WebSocket. Each request channel has an
 * argument schema that the serving side checks before doing anything.
 */
export const requestSchemas = {
  engineState: z.tuple([]),
  listContainers: z.tuple([]),
  inspect: z.tuple([targetRef]),
  compare: z.tuple([targetRef, targetRef]),
  hostMap: z.tuple([]),
  topology: z.tuple([]),
  where: z.tuple([containerRef, containerPath]),
  /** Start, stop, restart or remove a container (remove is confirmed in the UI first). */
  containerAction: z.tuple([containerRef, z.enum(CONTAINER_ACTIONS)]),
  /** The container's own upper layer as `docker diff` lists it, at most `limit` changes (default 1000). */
  upperLayer: z.tuple([containerRef, z.number().int().min(1).max(UPPER_MAX).optional()]),
  shellOpen: z.tuple([shellOpenRequest]),
  shellInput: z.tuple([z.string().max(64), z.string().max(1 << 20)]),
  shellResize: z.tuple([z.string().max(64), z.number().int().min(2).max(1000), z.number().int().min(2).max(1000)]),
  /** Flow control: the renderer has consumed this many bytes of output. */
  shellAck: z.tuple([z.string().max(64), z.number().int().min(0)]),
  shellClose: z.tuple([z.string().max(64)]),
  /** The access settings, the backend serving now and why, and password prompts waiting. */
  settingsGet: z.tuple([]),
  /** Changes the access backend or helper image; the backend is rebuilt (see the `settings` event). */
  settingsSet: z.tuple([settingsPatch]),
  /** The answer to an `askpass` prompt: the password, or null to cancel. */
  askpassReply: z.tuple([askpassId, askpassPassword.nullable()]),
  /** Labels, env, ports, mounts and the inspect JSON of a container (running or not). */
  containerDetails: z.tuple([containerRef]),
  /** Follows a container's log: the last `tail` lines (default 500), then live, as `logsData` events. */
  logsOpen: z.tuple([containerRef, z.number().int().min(0).max(LOG_TAIL_MAX).optional()]),
  /** Stops a follow this connection opened (the panel closed). */
  logsClose: z.tuple([z.string().max(64)]),
  /** The engine hosts open (serve: one per docker context opened) and the contexts there are. */
  hostsList: z.tuple([]),
  /** Opens a docker context as one more host; its containers are then "KEY/…" (see qualifyRef). */
  hostOpen: z.tuple([hostKey]),
  /** Closes a host opened at run time (not the first one): its terminals and follows end. */
  hostClose: z.tuple([hostKey]),
} as const satisfies Record<RequestChannel, z.ZodType<unknown[]>>;

export interface ResponseTypes extends Record<RequestChannel, unknown> {
  engineState: EngineState;
  listContainers: Container[];
  inspect: Inspection;
  compare: Comparison;
  hostMap: HostMap;
  topology: Topology;
  where: FileLocation;
  containerAction: ContainerActionResult;
  upperLayer: UpperLayer;
  shellOpen: ShellSession;
  shellInput: void;
  shellResize: void;
  shellAck: void;
  shellClose: void;
  settingsGet: SettingsState;
  settingsSet: SettingsState;
  askpassReply: void;
  containerDetails: ContainerDetails;
  logsOpen: { id: string };
  logsClose: void;
  hostsList: HostsState;
  hostOpen: HostsState;
  hostClose: HostsState;
}

export type RequestArgs<C extends RequestChannel> = z.infer<(typeof requestSchemas)[C]>;

export interface EventTypes extends Record<EventChannel, unknown> {
  engine: EngineState;
  containers: ContainerEvent;
  /** Terminal output: bytes, base64-free on IPC (Uint8Array), base64 on the WebSocket. */
  shellData: { id: string; data: Uint8Array };
  shellEnd: { id: string; end: ShellEnd };
  /** The settings or the serving backend changed (also while it starts, waits for a password, fails). */
  settings: SettingsState;
  /** sudo asks for a password (the host helper is being started): show a dialog, answer with askpassReply. */
  askpass: { id: string; prompt: string };
  /** That prompt is over (answered, here or in another window; cancelled; timed out): close its dialog. */
  askpassEnd: { id: string; outcome: 'answered' | 'cancelled' | 'timeout' };
  /** A follow's text, as the container wrote it (escape sequences included: the UI makes them harmless). */
  logsData: { id: string; text: string };
  /** A follow ended: the container stopped, or it failed. */
  logsEnd: { id: string; end: LogEnd };
  /** A host was opened or closed, or its engine's state changed. */
  hosts: HostsState;
}

/** What the renderer sees, from `window.nsinspect` or the browser-mode client. */
export type NsInspectApi = {
  [C in RequestChannel]: (...args: RequestArgs<C>) => Promise<ResponseTypes[C]>;
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventTypes[E]) => void): () => void;
};
