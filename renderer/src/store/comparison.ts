import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/contract';
import type { Comparison } from '../../../shared/model/comparison';
import { api, asApiError } from '../api';

export interface ComparisonState {
  /** "a|b" of what data (or the pending load) is for. */
  key: string | null;
  data: Comparison | null;
  loading: boolean;
  error: ApiError | null;
  at: number | null;
  load(a: string, b: string, force?: boolean): Promise<void>;
  clear(): void;
}

let seq = 0;

export const useComparison = create<ComparisonState>((set, get) => ({
  key: null,
  data: null,
  loading: false,
  error: null,
  at: null,
  async load(a, b, force = false) {
    const key = `${a}|${b}`;
    if (!force && get().key === key && (get().data || get().loading)) return;
    const my = ++seq;
    set({ key, loading: true, error: null, ...(get().key === key ? {} : { data: null }) });
    try {
      const data = await api().compare(a, b);
      if (my === seq) set({ data, loading: false, at: Date.now() });
    } catch (e) {
      if (my === seq) set({ error: asApiError(e), loading: false, data: null });
    }
  },
  clear: () => {
    seq++;
    set({ key: null, data: null, loading: false, error: null, at: null });
  },
}));
