import { create } from 'zustand';
import type { Locale } from '../i18n';

export type View = 'compare' | 'network' | 'hostmap' | 'terminals';
/** B may be a container or the host itself. */
export const HOST = 'host';

export interface UiState {
  view: View;
  a: string | null;
  b: string | null;
  locale: Locale;
  setView(v: View): void;
  /** Picks a container for side A or B; picking the other side's container swaps them. */
  pick(side: 'a' | 'b', name: string | null): void;
  swap(): void;
  setLocale(l: Locale): void;
}

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem('nsinspect.locale');
    if (saved === 'en' || saved === 'vi') return saved;
  } catch {
    /* storage may be off */
  }
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

export const useUi = create<UiState>((set, get) => ({
  view: 'compare',
  a: null,
  b: null,
  locale: initialLocale(),
  setView: (view) => set({ view }),
  pick(side, name) {
    const other = side === 'a' ? get().b : get().a;
    if (name !== null && name === other) {
      set({ a: get().b, b: get().a });
      return;
    }
    set(side === 'a' ? { a: name } : { b: name });
  },
  swap: () => set({ a: get().b === HOST ? get().a : get().b, b: get().b === HOST ? HOST : get().a }),
  setLocale(locale) {
    try {
      localStorage.setItem('nsinspect.locale', locale);
    } catch {
      /* storage may be off */
    }
    document.documentElement.lang = locale;
    set({ locale });
  },
}));
