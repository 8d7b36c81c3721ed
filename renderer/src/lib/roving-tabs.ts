import type { KeyboardEvent } from 'react';

/**
 * Keys of a tab list (WAI-ARIA tabs pattern, automatic activation): ArrowLeft and
 * ArrowRight move to the previous or next tab, wrapping; Home and End to the first
 * or last. Only the selected tab is in the Tab order (tabIndex 0, the others -1).
 */
export function tabListKeys<T>(items: readonly T[], current: T, select: (item: T) => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const next = rovingIndex(e.key, items.indexOf(current), items.length, 'horizontal');
    if (next === null) return;
    e.preventDefault();
    select(items[next]!);
    e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
}

/**
 * Where a key moves the focus in a list of n items: the orientation's arrows to the previous or
 * next (wrapping), Home and End to the first or last; null for any other key.
 */
export function rovingIndex(key: string, i: number, n: number, orientation: 'horizontal' | 'vertical'): number | null {
  const [prev, next] = orientation === 'horizontal' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  if (key === next) return (i + 1) % n;
  if (key === prev) return (i - 1 + n) % n;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return null;
}

export const tabIndexFor = (selected: boolean) => (selected ? 0 : -1);
