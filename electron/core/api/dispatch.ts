import { z } from 'zod';
import {
  describeZodError,
  requestSchemas,
  type ApiError,
  type RequestChannel,
  type ResponseTypes,
} from '../../../shared/index.js';
import { NsInspectError } from '../errors.js';
import type { NsInspectService } from '../service.js';
import type { ShellHost } from '../shell/host.js';

export type Dispatch = (channel: string, args: unknown) => Promise<unknown>;

/**
 * The API contract served over any transport (Electron IPC, WebSocket): checks
 * the channel name and its arguments against the schema, then calls the
 * engine. Nothing from the caller reaches the engine unchecked.
 */
export function createDispatcher(service: NsInspectService, shells: ShellHost | null): Dispatch {
  const handlers: { [C in RequestChannel]: (...args: never[]) => Promise<ResponseTypes[C]> | ResponseTypes[C] } = {
    engineState: () => service.engineState(),
    listContainers: () => service.listContainers(),
    inspect: (ref: string) => service.inspect(ref),
    compare: (a: string, b: string) => service.compare(a, b),
    hostMap: () => service.hostMap(),
    topology: () => service.topology(),
    where: (ref: string, path: string) => service.where(ref, path),
    shellOpen: (req: Parameters<ShellHost['open']>[0]) => needShells(shells).open(req),
    shellInput: (id: string, data: string) => needShells(shells).input(id, data),
    shellResize: (id: string, cols: number, rows: number) => needShells(shells).resize(id, cols, rows),
    shellAck: (id: string, bytes: number) => needShells(shells).ack(id, bytes),
    shellClose: (id: string) => needShells(shells).close(id),
  };
  return async (channel, args) => {
    if (!Object.hasOwn(requestSchemas, channel)) throw new NsInspectError('input', `unknown API channel "${String(channel).slice(0, 40)}"`);
    const schema = requestSchemas[channel as RequestChannel] as z.ZodType<unknown[]>;
    const parsed = schema.safeParse(args);
    if (!parsed.success) throw new NsInspectError('input', `invalid arguments for ${channel}: ${describeZodError(parsed.error)}`);
    const handler = handlers[channel as RequestChannel] as (...a: unknown[]) => unknown;
    return handler(...parsed.data);
  };
}

function needShells(shells: ShellHost | null): ShellHost {
  if (!shells) throw new NsInspectError('unsupported', 'terminals are not available in this face', 'use the desktop app or `nsinspect serve`');
  return shells;
}

/** Any error, as the API hands it to the renderer: never a stack trace. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof NsInspectError) return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  return { code: 'internal', message: `internal error: ${(e as Error)?.message ?? String(e)}` };
}
