import { z } from 'zod';
import {
  describeZodError,
  requestSchemas,
  type ApiError,
  type ContainerAction,
  type HostsState,
  LOG_TAIL_DEFAULT,
  type RequestChannel,
  type ResponseTypes,
} from '../../../shared/index.js';
import { listContexts } from '../engine/contexts.js';
import { fail, NsInspectError } from '../errors.js';
import { describeHost } from '../hosts/host-set.js';
import type { NsInspectService } from '../service.js';
import type { ShellHost } from '../shell/host.js';
import type { AccessController } from '../access/controller.js';
import type { AskpassBroker } from './askpass-broker.js';
import type { LogFollows } from './log-follows.js';

export type Dispatch = (channel: string, args: unknown) => Promise<unknown>;

/**
 * The API contract served over any transport (Electron IPC, WebSocket): checks
 * the channel name and its arguments against the schema, then calls the
 * engine. Nothing from the caller reaches the engine unchecked.
 */
/** Settings and password prompts: served by the faces that own the access backend (Electron main, serve). */
export interface Control {
  settings: AccessController;
  askpass: AskpassBroker;
}

export function createDispatcher(service: NsInspectService, shells: ShellHost | null, control?: Control, logs?: LogFollows): Dispatch {
  const handlers: { [C in RequestChannel]: (...args: never[]) => Promise<ResponseTypes[C]> | ResponseTypes[C] } = {
    engineState: () => service.engineState(),
    listContainers: () => service.listContainers(),
    inspect: (ref: string) => service.inspect(ref),
    compare: (a: string, b: string) => service.compare(a, b),
    hostMap: () => service.hostMap(),
    topology: () => service.topology(),
    where: (ref: string, path: string) => service.where(ref, path),
    containerAction: (ref: string, action: ContainerAction) => service.containerAction(ref, action),
    upperLayer: (ref: string, limit?: number) => service.upperLayer(ref, limit),
    shellOpen: (req: Parameters<ShellHost['open']>[0]) => needShells(shells).open(req),
    shellInput: (id: string, data: string) => needShells(shells).input(id, data),
    shellResize: (id: string, cols: number, rows: number) => needShells(shells).resize(id, cols, rows),
    shellAck: (id: string, bytes: number) => needShells(shells).ack(id, bytes),
    shellClose: (id: string) => needShells(shells).close(id),
    settingsGet: () => needControl(control).settings.state(),
    settingsSet: (patch: unknown) => needControl(control).settings.update(patch),
    askpassReply: (id: string, password: string | null) => {
      // The password goes to the waiting askpass program and nowhere else: not logged, not kept.
      if (!needControl(control).askpass.reply(id, password)) {
        throw fail('askpass.ended');
      }
    },
    containerDetails: (ref: string) => service.containerDetails(ref),
    logsOpen: (ref: string, tail?: number) => needLogs(logs).open(ref, tail ?? LOG_TAIL_DEFAULT),
    logsClose: (id: string) => needLogs(logs).close(id),
    // One engine host (the desktop app, the CLI's faces): it is listed, and no other opens here.
    hostsList: () => oneHost(service),
    hostOpen: () => {
      throw fail('face.one-host');
    },
    hostClose: () => {
      throw fail('face.one-host');
    },
  };
  return async (channel, args) => {
    const parsed = checkRequest(channel, args);
    const handler = handlers[parsed.channel] as (...a: unknown[]) => unknown;
    return handler(...parsed.args);
  };
}

/** The channel and its arguments as the contract's schema has them, or the error that says why not. */
export function checkRequest(channel: string, args: unknown): { channel: RequestChannel; args: unknown[] } {
  if (!Object.hasOwn(requestSchemas, channel)) throw fail('api.bad-channel', { channel: String(channel).slice(0, 40) });
  const schema = requestSchemas[channel as RequestChannel] as z.ZodType<unknown[]>;
  const parsed = schema.safeParse(args);
  if (!parsed.success) throw fail('api.bad-arguments', { channel, detail: describeZodError(parsed.error) });
  return { channel: channel as RequestChannel, args: parsed.data };
}

function oneHost(service: NsInspectService): HostsState {
  const { contexts, current } = listContexts();
  const endpoint = service.engine.endpoint;
  const key = endpoint.context ?? current.name;
  return {
    open: [describeHost({ tag: { key, label: key, endpoint: endpoint.url }, primary: true, service })],
    contexts,
    canOpen: false,
  };
}

function needShells(shells: ShellHost | null): ShellHost {
  if (!shells) throw fail('face.no-terminals');
  return shells;
}

function needLogs(logs: LogFollows | undefined): LogFollows {
  if (!logs) throw fail('face.no-logs');
  return logs;
}

function needControl(control: Control | undefined): Control {
  if (!control) throw fail('face.no-settings');
  return control;
}

/** Any error, as the API hands it to the renderer: never a stack trace. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof NsInspectError)
    return {
      code: e.code,
      message: e.message,
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e.id ? { id: e.id, params: e.params ?? {} } : {}),
    };
  return { code: 'internal', message: `internal error: ${(e as Error)?.message ?? String(e)}` };
}
