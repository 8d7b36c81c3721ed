import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/contract';
import type { HostsState } from '../../../shared/model/host';
import { api, asApiError } from '../api';
import { useContainers } from './containers';

/** The engine hosts the serving side has open, and the docker contexts it could open. */
export interface HostsStoreState {
  state: HostsState | null;
  /** A host being opened or closed: its key. */
  busy: string | null;
  error: ApiError | null;
  load(): Promise<void>;
  open(key: string): Promise<void>;
  close(key: string): Promise<void>;
  /** Follows the `hosts` event; returns the unsubscribe. */
  start(): () => void;
}

const openKeys = (s: HostsState | null) => (s?.open ?? []).map((h) => h.tag.key).join('\n');

export const useHosts = create<HostsStoreState>((set, get) => {
  /** A new state; when the open hosts changed, the list is read again (their containers come or go). */
  const take = (next: HostsState) => {
    const changed = get().state !== null && openKeys(get().state) !== openKeys(next);
    set({ state: next });
    if (changed) void useContainers.getState().reload();
  };
  const change = async (key: string, how: 'hostOpen' | 'hostClose') => {
    set({ busy: key, error: null });
    try {
      take(await api()[how](key));
    } catch (e) {
      set({ error: asApiError(e) });
    } finally {
      set({ busy: null });
    }
  };
  return {
    state: null,
    busy: null,
    error: null,
    async load() {
      try {
        take(await api().hostsList());
      } catch {
        /* an older server: one host, none to pick */
      }
    },
    open: (key) => change(key, 'hostOpen'),
    close: (key) => change(key, 'hostClose'),
    start() {
      const off = api().on('hosts', take);
      const offLink = api().onLink((s) => s === 'open' && void get().load());
      void get().load();
      return () => {
        off();
        offLink();
      };
    },
  };
});

/** Whether more than one host is open: only then does the list say which host each container is on. */
export function useSeveralHosts(): boolean {
  return useHosts((s) => (s.state?.open.length ?? 0) > 1);
}
