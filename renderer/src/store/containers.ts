import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/contract';
import type { Container, ContainerEvent, EngineState } from '../../../shared/model/container';
import type { HostMap } from '../../../shared/model/hostmap';
import type { NsType } from '../../../shared/model/nstype';
import { api, asApiError } from '../api';
import { matchesFilter } from '../lib/list-rows';

export interface ContainersState {
  engine: EngineState | null;
  list: Container[];
  /** The first load has answered (with a list or an error). */
  loaded: boolean;
  loading: boolean;
  error: ApiError | null;
  filter: string;
  /** The host's namespace inodes, to tell "the host's" from "its own" in the list. */
  hostNs: Partial<Record<NsType, number>>;
  setFilter(f: string): void;
  reload(): Promise<void>;
  applyEvent(e: ContainerEvent): void;
  setEngine(s: EngineState): void;
  /** Subscribes to the engine's events and loads the list; returns the unsubscribe. */
  start(): () => void;
}

let seq = 0;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

function sortList(list: Container[]): Container[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

export const useContainers = create<ContainersState>((set, get) => ({
  engine: null,
  list: [],
  loaded: false,
  loading: false,
  error: null,
  filter: '',
  hostNs: {},
  setFilter: (filter) => set({ filter }),

  async reload() {
    const my = ++seq;
    set({ loading: true });
    try {
      const [list, engine] = await Promise.all([api().listContainers(), api().engineState()]);
      if (my !== seq) return;
      set({ list: sortList(list), engine, loaded: true, loading: false, error: null });
    } catch (e) {
      if (my !== seq) return;
      const engine = await api()
        .engineState()
        .catch(() => get().engine);
      set({ error: asApiError(e), loaded: true, loading: false, engine });
    }
    if (Object.keys(get().hostNs).length === 0) void loadHostNs(set);
  },

  applyEvent(e) {
    const list = get().list;
    if (e.kind === 'removed') set({ list: list.filter((c) => c.id !== e.id) });
    else {
      const old = list.find((c) => c.id === e.container.id);
      // Events carry no namespace inodes: keep the old ones until the refresh brings new ones.
      const { namespaces: _fromEvent, ...rest } = e.container;
      const kept = e.container.pid === old?.pid ? old?.namespaces : undefined;
      const merged = kept ? { ...rest, namespaces: kept } : rest;
      set({ list: sortList([...list.filter((c) => c.id !== e.container.id), merged]) });
    }
    // Namespaces come with the full list: fetch it once things settle.
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void get().reload();
    }, 400);
  },

  setEngine(engine) {
    const was = get().engine?.status;
    set({ engine });
    if (engine.status === 'connected' && was !== 'connected') void get().reload();
  },

  start() {
    const offC = api().on('containers', (e) => get().applyEvent(e));
    const offE = api().on('engine', (s) => get().setEngine(s));
    const offL = api().onLink((s) => {
      if (s === 'open') void get().reload();
    });
    void get().reload();
    return () => {
      offC();
      offE();
      offL();
    };
  },
}));

async function loadHostNs(set: (p: Partial<ContainersState>) => void): Promise<void> {
  try {
    const map: HostMap = await api().hostMap();
    const hostNs: Partial<Record<NsType, number>> = {};
    for (const n of map.namespaces) if (n.isHost) hostNs[n.type] = n.inode;
    set({ hostNs });
  } catch {
    /* the list works without it */
  }
}

/** The list as the filter shows it: name, image, ID prefix, state or PID. */
export function filterContainers(list: Container[], filter: string): Container[] {
  return filter.trim() ? list.filter((c) => matchesFilter(c, filter)) : list;
}
