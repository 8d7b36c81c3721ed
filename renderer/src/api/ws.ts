import type { EventChannel, EventTypes, RequestChannel } from '../../../shared/api/contract';
import { makeClient } from '../../../shared/api/make-client';
import { decodeShellData, socketProtocols, WS_PATH, type WireEvent, type WireResponse } from '../../../shared/api/wire';
import { currentToken } from './token';
import { ApiFailure, localFailure, type ApiClient, type LinkState } from './types';

/**
 * The browser mode's client: the typed API over one WebSocket to `nsinspect
 * serve` (the page's own origin), the token offered as a subprotocol before
 * anything is served. Reconnects with backoff; requests made while the link is
 * down fail at once with a cause. Without a token it does not try at all.
 */
export function createWsClient(url = defaultUrl(), token = currentToken()): ApiClient {
  let ws: WebSocket | null = null;
  let state: LinkState = token ? 'connecting' : 'no-token';
  let nextId = 1;
  let retryMs = 500;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<EventChannel, Set<(p: unknown) => void>>();
  const linkListeners = new Set<(s: LinkState) => void>();

  const setState = (s: LinkState) => {
    if (s === state) return;
    state = s;
    for (const l of linkListeners) l(s);
  };

  const connect = (key: string) => {
    const sock = new WebSocket(url, socketProtocols(key));
    sock.binaryType = 'arraybuffer';
    ws = sock;
    sock.onopen = () => {
      retryMs = 500;
      setState('open');
    };
    sock.onmessage = (ev) => {
      if (ev.data instanceof ArrayBuffer) {
        const shell = decodeShellData(new Uint8Array(ev.data));
        if (shell) for (const l of listeners.get('shellData') ?? []) l(shell);
        return;
      }
      let msg: WireResponse | WireEvent;
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if ('event' in msg) {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if ('error' in msg) p.reject(new ApiFailure(msg.error));
      else p.resolve(msg.result ?? undefined);
    };
    sock.onclose = () => {
      if (ws !== sock) return;
      ws = null;
      for (const [, p] of pending) {
        p.reject(localFailure('link.lost'));
      }
      pending.clear();
      setState('lost');
      setTimeout(() => connect(key), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };

  const request = (channel: RequestChannel, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (state === 'no-token') {
        reject(localFailure('link.no-token'));
        return;
      }
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        // Wait for the first connection; afterwards, say the link is down.
        if (state === 'connecting' && ws) {
          const off = client.onLink((s) => {
            off();
            if (s === 'open') request(channel, args).then(resolve, reject);
            else reject(localFailure('link.down'));
          });
          return;
        }
        reject(localFailure('link.down'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, channel, args }));
    });

  const client: ApiClient = {
    ...makeClient(request),
    face: 'browser' as const,
    link: () => state,
    onLink(l: (s: LinkState) => void) {
      linkListeners.add(l);
      return () => linkListeners.delete(l);
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventTypes[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => void set.delete(l);
    },
  };
  if (token) connect(token);
  return client;
}

function defaultUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
}
