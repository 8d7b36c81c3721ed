// The only bridge between the page and the main process: one typed function per
// API channel and an event subscription. No ipcRenderer, no Node, reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiError, EventChannel, NsInspectApi, RequestChannel } from '../../shared/api/contract.js';

const PREFIX = 'nsinspect:';
const CHANNELS: Record<RequestChannel, true> = {
  engineState: true,
  listContainers: true,
  inspect: true,
  compare: true,
  hostMap: true,
  topology: true,
  where: true,
  containerAction: true,
  upperLayer: true,
  shellOpen: true,
  shellInput: true,
  shellResize: true,
  shellAck: true,
  shellClose: true,
  settingsGet: true,
  settingsSet: true,
  askpassReply: true,
};
const EVENTS: ReadonlySet<EventChannel> = new Set<EventChannel>(['engine', 'containers', 'shellData', 'shellEnd', 'settings', 'askpass', 'askpassEnd']);

type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiError };

/** contextBridge keeps only an Error's message: the ApiError travels in it, marked. */
export const BRIDGE_ERROR_MARK = 'nsinspect-api-error:';

async function call(channel: RequestChannel, args: unknown[]): Promise<unknown> {
  const env = (await ipcRenderer.invoke(PREFIX + channel, ...args)) as Envelope;
  if (env.ok) return env.result;
  throw new Error(BRIDGE_ERROR_MARK + JSON.stringify(env.error));
}

const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
ipcRenderer.on(`${PREFIX}event`, (_e: IpcRendererEvent, msg: { event: EventChannel; payload: unknown }) => {
  for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
});

const api = Object.fromEntries(
  (Object.keys(CHANNELS) as RequestChannel[]).map((c) => [c, (...args: unknown[]) => call(c, args)]),
) as Record<RequestChannel, (...args: unknown[]) => Promise<unknown>>;

const bridge = {
  ...api,
  on(event: EventChannel, listener: (payload: unknown) => void): () => void {
    if (!EVENTS.has(event) || typeof listener !== 'function') throw new Error(`unknown event ${String(event)}`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
} as unknown as NsInspectApi;

contextBridge.exposeInMainWorld('nsinspect', bridge);
