import type { EventChannel, EventTypes, RequestChannel } from '../../shared/api/contract.js';
import { makeClient } from '../../shared/api/make-client.js';
import type { ApiClient, LinkState } from '../../renderer/src/api/types.js';
import type { Container } from '../../shared/model/container.js';

type Handler = (...args: unknown[]) => unknown;

/** An ApiClient whose answers the test sets, and which records calls and can push events. */
export function fakeApi(handlers: Partial<Record<RequestChannel, Handler>> = {}) {
  const calls: { channel: RequestChannel; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const client = {
    ...makeClient(async (channel, args) => {
      calls.push({ channel, args });
      const h = handlers[channel];
      return h ? h(...args) : undefined;
    }),
    face: 'test' as const,
    link: (): LinkState => 'open',
    onLink: () => () => undefined,
    on(event: string, l: (p: unknown) => void) {
      let s = listeners.get(event);
      if (!s) listeners.set(event, (s = new Set()));
      s.add(l);
      return () => void s.delete(l);
    },
  } as unknown as ApiClient;
  return {
    client,
    calls,
    emit<E extends EventChannel>(event: E, payload: EventTypes[E]) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
}

/** A running container as the list carries it. */
export function container(name: string, extra: Partial<Container> = {}): Container {
  return {
    id: name
      .padEnd(64, '0')
      .replace(/[^0-9a-f]/g, 'a')
      .slice(0, 64),
    name,
    image: 'busybox',
    state: 'running',
    status: 'Up',
    pid: 100,
    created: 0,
    hostname: name,
    modes: { network: 'default', pid: 'private', ipc: 'private', uts: 'private', userns: 'host', cgroupns: 'host' },
    networks: ['bridge'],
    labels: {},
    ...extra,
  };
}
