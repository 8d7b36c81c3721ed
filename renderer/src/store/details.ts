import { create } from 'zustand';

export type DetailsTab = 'overview' | 'env' | 'inspect' | 'logs';
export const DETAILS_TABS: readonly DetailsTab[] = ['overview', 'env', 'inspect', 'logs'];

/** The details panel: which container it shows (by name), and which of its tabs. */
export const useDetails = create<{
  name: string | null;
  tab: DetailsTab;
  open(name: string, tab?: DetailsTab): void;
  close(): void;
  setTab(tab: DetailsTab): void;
}>((set) => ({
  name: null,
  tab: 'overview',
  open: (name, tab) => set((s) => ({ name, tab: tab ?? s.tab })),
  close: () => set({ name: null }),
  setTab: (tab) => set({ tab }),
}));
