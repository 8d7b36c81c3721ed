import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/contract';
import type { ContainerAction } from '../../../shared/model/actions';
import { api, asApiError } from '../api';

export interface ActionsState {
  /** Container name → the action under way; its buttons wait meanwhile. */
  busy: Record<string, ContainerAction>;
  /** The last action that failed, with the container it was for. */
  failed: { name: string; action: ContainerAction; error: ApiError } | null;
  /** Remove asks first: the container whose removal waits for an answer. */
  confirmRemove: string | null;
  run(name: string, action: ContainerAction): Promise<boolean>;
  askRemove(name: string | null): void;
  dismiss(): void;
}

/**
 * Start, stop, restart and remove. The list itself follows the engine's events,
 * so this only tracks what is under way and what failed.
 */
export const useActions = create<ActionsState>((set, get) => ({
  busy: {},
  failed: null,
  confirmRemove: null,

  async run(name, action) {
    if (get().busy[name]) return false;
    set({ busy: { ...get().busy, [name]: action }, failed: get().failed?.name === name ? null : get().failed });
    try {
      await api().containerAction(name, action);
      return true;
    } catch (e) {
      set({ failed: { name, action, error: asApiError(e) } });
      return false;
    } finally {
      const { [name]: _done, ...rest } = get().busy;
      set({ busy: rest });
    }
  },

  askRemove: (confirmRemove) => set({ confirmRemove }),
  dismiss: () => set({ failed: null }),
}));
