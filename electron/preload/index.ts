// The only bridge between the page and the main process: one typed function per
// API channel and an event subscription. No ipcRenderer, no Node, reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_ERROR_MARK, EVENT_CHANNELS, IPC_EVENT_CHANNEL, IPC_PREFIX, type EventChannel } from '../../shared/api/channels.js';
import type { ApiError } from '../../shared/api/error.js';
import { makeClient } from '../../shared/api/make-client.js';

type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiError };

const EVENTS: ReadonlySet<string> = new Set(EVENT_CHANNELS);
const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
ipcRenderer.on(IPC_EVENT_CHANNEL, (_e: IpcRendererEvent, msg: { event: EventChannel; payload: unknown }) => {
  for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
});

const bridge = {
  ...makeClient(async (channel, args) => {
    const env = (await ipcRenderer.invoke(IPC_PREFIX + channel, ...args)) as Envelope;
    if (env.ok) return env.result;
    // contextBridge keeps only an Error's message: the ApiError travels in it, marked.
    throw new Error(BRIDGE_ERROR_MARK + JSON.stringify(env.error));
  }),
  on(event: EventChannel, listener: (payload: unknown) => void): () => void {
    if (!EVENTS.has(event) || typeof listener !== 'function') throw new Error(`unknown event ${String(event)}`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
};

contextBridge.exposeInMainWorld('nsinspect', bridge);
