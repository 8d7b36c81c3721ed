import { create } from 'zustand';
import type { Locale } from '../i18n/locale';

export type View = 'compare' | 'network' | 'hostmap' | 'terminals';
/** system: follow the OS (prefers-color-scheme); light or dark: fixed. */
export type Theme = 'system' | 'light' | 'dark';
/** B may be a container or the host itself. */
export const HOST = 'host';

export interface UiState {
  view: View;
  a: string | null;
  b: string | null;
  locale: Locale;
  theme: Theme;
  setView(v: View): void;
  /** Picks a container for side A or B; picking the other side's container swaps them. */
  pick(side: 'a' | 'b', name: string | null): void;
  swap(): void;
  setLocale(l: Locale): void;
  setTheme(t: Theme): void;
}

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem('nsinspect.theme');
    if (saved === 'light' || saved === 'dark' || saved === 'system') return saved;
  } catch {
    /* storage may be off */
  }
  return 'system';
}

/** The theme on <html data-theme>: the stylesheet's variables follow it (system: the media query). */
export function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return;
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  window.dispatchEvent(new Event('nsinspect-theme'));
}

/** Whether the page is dark now (for xterm's colours). */
export function isDark(): boolean {
  const t = typeof document !== 'undefined' ? document.documentElement.dataset.theme : undefined;
  if (t === 'dark') return true;
  if (t === 'light') return false;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
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
  theme: initialTheme(),
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
  setTheme(theme) {
    try {
      localStorage.setItem('nsinspect.theme', theme);
    } catch {
      /* storage may be off */
    }
    applyTheme(theme);
    set({ theme });
  },
}));
