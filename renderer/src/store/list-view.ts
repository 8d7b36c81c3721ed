import { create } from 'zustand';
import { GROUP_KEYS, SORT_KEYS, type GroupKey, type SortKey, type StatusBucket } from '../lib/list-rows';

export type ListMode = 'cards' | 'table';

/** How the container list is drawn; the mode, sort and grouping outlive a reload. */
export interface ListViewState {
  mode: ListMode;
  sort: SortKey;
  group: GroupKey;
  /** The status chips that are on; none on = all shown. */
  statuses: ReadonlySet<StatusBucket>;
  collapsed: ReadonlySet<string>;
  /** Only this host's containers (its key); null: every host's. */
  host: string | null;
  setMode(m: ListMode): void;
  setSort(s: SortKey): void;
  setGroup(g: GroupKey): void;
  toggleStatus(s: StatusBucket): void;
  toggleGroup(key: string): void;
  /** Shows only this host's containers; the same host again shows every host's. */
  toggleHost(key: string | null): void;
}

const KEY = 'nsinspect.list';

interface Saved {
  mode: ListMode;
  sort: SortKey;
  group: GroupKey;
}

function load(): Saved {
  const fallback: Saved = { mode: 'cards', sort: 'name', group: 'none' };
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<keyof Saved, unknown>>;
    return {
      mode: raw.mode === 'table' ? 'table' : 'cards',
      sort: SORT_KEYS.includes(raw.sort as SortKey) ? (raw.sort as SortKey) : fallback.sort,
      group: GROUP_KEYS.includes(raw.group as GroupKey) ? (raw.group as GroupKey) : fallback.group,
    };
  } catch {
    return fallback; // storage off, or a value from elsewhere
  }
}

function save(s: Saved): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    /* storage may be off */
  }
}

const toggled = <T>(set: ReadonlySet<T>, v: T): Set<T> => {
  const next = new Set(set);
  if (!next.delete(v)) next.add(v);
  return next;
};

export const useListView = create<ListViewState>((set, get) => {
  const persist = (patch: Partial<Saved>) => {
    set(patch);
    const { mode, sort, group } = get();
    save({ mode, sort, group });
  };
  return {
    ...load(),
    statuses: new Set(),
    collapsed: new Set(),
    host: null,
    setMode: (mode) => persist({ mode }),
    setSort: (sort) => persist({ sort }),
    setGroup: (group) => {
      set({ collapsed: new Set() });
      persist({ group });
    },
    toggleStatus: (s) => set({ statuses: toggled(get().statuses, s) }),
    toggleGroup: (key) => set({ collapsed: toggled(get().collapsed, key) }),
    toggleHost: (key) => set({ host: key === null || get().host === key ? null : key }),
  };
});
