import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_PREFIX, requestSchemas, type RequestChannel } from '../../shared/api/contract.js';
import { openConnection, type Connection } from '../core/api/connection.js';
import { toApiError, type Control } from '../core/api/dispatch.js';
import { NsInspectError } from '../core/errors.js';
import type { NsInspectService } from '../core/service.js';
import type { ShellHost } from '../core/shell/host.js';

/** The one event channel; the payload says which event it is. */
export const EVENT_CHANNEL = `${IPC_PREFIX}event`;

export interface IpcDeps {
  service: NsInspectService;
  shells: ShellHost | null;
  /** Settings and the askpass relay. */
  control?: Control;
  isOurs(url: string): boolean;
  windows(): BrowserWindow[];
}

/**
 * One handler per contract channel. Each checks that the call comes from the
 * main frame of one of our windows showing our own page, then validates the
 * arguments (in the dispatcher) before the engine sees them. Answers are
 * envelopes, so that an error reaches the renderer with its code and hint.
 */
export function registerIpc(deps: IpcDeps): void {
  const connections = new Map<number, Connection>();

  const connectionFor = (wc: WebContents): Connection => {
    let c = connections.get(wc.id);
    if (c) return c;
    c = openConnection(deps.service, deps.shells, (event, payload) => {
      if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, { event, payload });
    }, deps.control ? { control: deps.control } : {});
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

  const senderOk = (e: IpcMainInvokeEvent): boolean => {
    const frame = e.senderFrame;
    if (!frame || frame !== e.sender.mainFrame) return false;
    if (!deps.windows().some((w) => w.webContents === e.sender)) return false;
    return deps.isOurs(frame.url);
  };

  for (const channel of Object.keys(requestSchemas) as RequestChannel[]) {
    ipcMain.handle(`${IPC_PREFIX}${channel}`, async (e, ...args: unknown[]) => {
      try {
        if (!senderOk(e)) throw new NsInspectError('permission', 'request from an unexpected frame refused');
        return { ok: true, result: await connectionFor(e.sender).call(channel, args) };
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    });
  }
}
