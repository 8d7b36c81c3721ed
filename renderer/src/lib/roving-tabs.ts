import type { KeyboardEvent } from 'react';

/**
 * Keys of a tab list (WAI-ARIA tabs pattern, automatic activation): ArrowLeft and
 * ArrowRight move to the previous or next tab, wrapping; Home and End to the first
 * or last. Only the selected tab is in the Tab order (tabIndex 0, the others -1).
 */
export function tabListKeys<T>(items: readonly T[], current: T, select: (item: T) => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const i = items.indexOf(current);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % items.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + items.length) % items.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? items.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    select(items[next]!);
    e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
}

export const tabIndexFor = (selected: boolean) => (selected ? 0 : -1);
