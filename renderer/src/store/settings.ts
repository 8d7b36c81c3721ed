import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/contract';
import type { AccessSettings, AskpassPrompt, SettingsState } from '../../../shared/api/settings';
import { api, asApiError } from '../api';

export interface SettingsStore {
  /** What the serving side says (null until the first answer). */
  state: SettingsState | null;
  /** settingsGet failed (e.g. an older serve without settings). */
  loadError: ApiError | null;
  /** The last settingsSet failed. */
  saveError: ApiError | null;
  saving: boolean;
  /** The Settings dialog is open. */
  open: boolean;
  /** sudo's password prompts waiting for an answer, oldest first. */
  prompts: AskpassPrompt[];
  /** The last answer was refused (the prompt had already ended). */
  replyError: ApiError | null;
  setOpen(open: boolean): void;
  refresh(): Promise<void>;
  save(patch: Partial<AccessSettings>): Promise<boolean>;
  /** Answers a prompt: the password, or null to cancel. The password is not stored anywhere. */
  reply(id: string, password: string | null): Promise<void>;
  start(): () => void;
}

export const useSettings = create<SettingsStore>((set, get) => {
  const addPrompts = (list: AskpassPrompt[]) => {
    const known = new Set(get().prompts.map((p) => p.id));
    const fresh = list.filter((p) => !known.has(p.id));
    if (fresh.length) set({ prompts: [...get().prompts, ...fresh] });
  };
  const dropPrompt = (id: string) => set({ prompts: get().prompts.filter((p) => p.id !== id) });
  // A settings event can overtake the answer to the request that caused it (a backend that starts
  // at once): an answer is taken only if no event came while it was on its way, or the page would
  // go back to "starting" after the event said "ready".
  let events = 0;
  return {
    state: null,
    loadError: null,
    saveError: null,
    saving: false,
    open: false,
    prompts: [],
    replyError: null,
    setOpen: (open) => set({ open, saveError: null }),

    async refresh() {
      try {
        const seen = events;
        const state = await api().settingsGet();
        set(seen === events ? { state, loadError: null } : { loadError: null });
        addPrompts(state.askpass);
      } catch (e) {
        set({ loadError: asApiError(e) });
      }
    },

    async save(patch) {
      set({ saving: true, saveError: null });
      try {
        const seen = events;
        const state = await api().settingsSet(patch);
        set(seen === events ? { state, saving: false } : { saving: false });
        return true;
      } catch (e) {
        set({ saving: false, saveError: asApiError(e) });
        return false;
      }
    },

    async reply(id, password) {
      dropPrompt(id);
      set({ replyError: null });
      try {
        await api().askpassReply(id, password);
      } catch (e) {
        set({ replyError: asApiError(e) });
        setTimeout(() => set({ replyError: null }), 5000);
      }
    },

    start() {
      const offs = [
        api().on('settings', (state) => {
          events++;
          set({ state });
        }),
        api().on('askpass', (p) => addPrompts([p])),
        api().on('askpassEnd', (p) => dropPrompt(p.id)),
        // A new link (serve restarted or reconnected): ask again, prompts included.
        api().onLink((s) => {
          if (s === 'open') void get().refresh();
        }),
      ];
      void get().refresh();
      return () => offs.forEach((off) => off());
    },
  };
});
