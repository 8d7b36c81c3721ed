import { IPC_EVENT_CHANNEL, IPC_PREFIX, REQUEST_CHANNELS } from '../../shared/api/channels.js';
import { openConnection, type Connection, type Emit } from '../core/api/connection.js';
import { openHostsConnection } from '../core/hosts/connection.js';
import type { HostSet } from '../core/hosts/host-set.js';
import { toApiError, type Control } from '../core/api/dispatch.js';
import { fail } from '../core/errors.js';
import type { NsInspectService } from '../core/service.js';
import type { ShellHost } from '../core/shell/host.js';

/** The part of a WebContents the handlers use (Electron's satisfies it; a test fakes it). */
export interface IpcSender {
  readonly id: number;
  readonly mainFrame: unknown;
  isDestroyed(): boolean;
  send(channel: string, message: unknown): void;
  once(event: 'did-start-navigation' | 'destroyed', listener: () => void): unknown;
}

export interface IpcInvokeEvent {
  readonly sender: IpcSender;
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of ipcMain the handlers need. */
export interface IpcPort {
  handle(channel: string, listener: (e: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export interface IpcDeps {
  ipc: IpcPort;
  service: NsInspectService;
  shells: ShellHost | null;
  /** Settings and the askpass relay. */
  control?: Control;
  /**
   * The engine hosts the window may open (docker contexts), the first one's service and shells
   * being those above; without it, the window serves that one engine.
   */
  hosts?: HostSet;
  isOurs(url: string): boolean;
  windows(): { readonly webContents: unknown }[];
}

export type IpcEnvelope = { ok: true; result: unknown } | { ok: false; error: ReturnType<typeof toApiError> };

/**
 * One handler per contract channel. Each checks that the call comes from the
 * main frame of one of our windows showing our own page, then validates the
 * arguments (in the dispatcher) before the engine sees them. Answers are
 * envelopes, so that an error reaches the renderer with its code and hint.
 */
export function registerIpc(deps: IpcDeps): void {
  const connections = new Map<number, Connection>();

  const connectionFor = (wc: IpcSender): Connection => {
    let c = connections.get(wc.id);
    if (c) return c;
    const emit: Emit = (event, payload) => {
      if (!wc.isDestroyed()) wc.send(IPC_EVENT_CHANNEL, { event, payload });
    };
    c =
      deps.hosts && deps.control
        ? openHostsConnection(deps.hosts, emit, deps.control.askpass)
        : openConnection(deps.service, deps.shells, emit, deps.control ? { control: deps.control } : {});
    connections.set(wc.id, c);
    const drop = () => {
      void connections.get(wc.id)?.close();
      connections.delete(wc.id);
    };
    // A reload is a new page: its terminals and subscriptions start over.
    wc.once('did-start-navigation', drop);
    wc.once('destroyed', drop);
    return c;
  };

  const senderOk = (e: IpcInvokeEvent): boolean => {
    const frame = e.senderFrame;
    if (!frame || frame !== e.sender.mainFrame) return false;
    if (!deps.windows().some((w) => w.webContents === e.sender)) return false;
    return deps.isOurs(frame.url);
  };

  for (const channel of REQUEST_CHANNELS) {
    deps.ipc.handle(`${IPC_PREFIX}${channel}`, async (e, ...args): Promise<IpcEnvelope> => {
      try {
        if (!senderOk(e)) throw fail('api.bad-frame');
        return { ok: true, result: await connectionFor(e.sender).call(channel, args) };
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    });
  }
}
