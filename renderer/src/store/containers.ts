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
/** Events that came while a reload was on its way: its answer may predate them, so they are applied again on top. */
let during: ContainerEvent[] | null = null;

function byName(a: Container, b: Container): number {
  return a.name.localeCompare(b.name);
}

function sortList(list: Container[]): Container[] {
  return [...list].sort(byName);
}

/** The sorted list with c in its place. */
function insertSorted(list: Container[], c: Container): Container[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byName(list[mid]!, c) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return [...list.slice(0, lo), c, ...list.slice(lo)];
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
    during = [];
    try {
      const [list, engine] = await Promise.all([api().listContainers(), api().engineState()]);
      if (my !== seq) return;
      const late = during ?? [];
      during = null;
      set({ list: sortList(list), engine, loaded: true, loading: false, error: null });
      for (const e of late) get().applyEvent(e);
    } catch (e) {
      if (my !== seq) return;
      during = null;
      const engine = await api()
        .engineState()
        .catch(() => get().engine);
      set({ error: asApiError(e), loaded: true, loading: false, engine });
    }
    if (Object.keys(get().hostNs).length === 0) void loadHostNs(set);
  },

  applyEvent(e) {
    during?.push(e);
    const list = get().list;
    if (e.kind === 'removed') {
      if (list.some((c) => c.id === e.id)) set({ list: list.filter((c) => c.id !== e.id) });
      return;
    }
    const c = e.container;
    const at = list.findIndex((x) => x.id === c.id);
    const old = at < 0 ? undefined : list[at];
    // The serving side sends a running container's namespace inodes with its event; an event
    // without them (not readable just now) keeps the old ones while the PID is the same.
    const merged = c.namespaces || c.pid === null || c.pid !== old?.pid || !old.namespaces ? c : { ...c, namespaces: old.namespaces };
    // Applied in place: no refetch of the whole list for one container's change.
    if (old && old.name === merged.name) {
      const next = list.slice();
      next[at] = merged;
      set({ list: next });
    } else set({ list: insertSorted(at < 0 ? list : list.filter((x) => x.id !== c.id), merged) });
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
