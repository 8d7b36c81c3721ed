import { create } from 'zustand';

const KEY = 'nsinspect.sidebar';

function initialFolded(): boolean {
  try {
    return localStorage.getItem(KEY) === 'folded';
  } catch {
    return false;
  }
}

/** Whether the container list is folded away (a small window needs the room); remembered. */
export const useLayout = create<{ sidebarFolded: boolean; toggleSidebar(): void }>((set, get) => ({
  sidebarFolded: initialFolded(),
  toggleSidebar() {
    const sidebarFolded = !get().sidebarFolded;
    try {
      localStorage.setItem(KEY, sidebarFolded ? 'folded' : 'open');
    } catch {
      /* storage may be off */
    }
    set({ sidebarFolded });
  },
}));
