import { useEffect, type RefObject } from 'react';
import { useT } from '../i18n';
import { GROUP_KEYS, SORT_KEYS, STATUS_BUCKETS, type GroupKey, type SortKey, type StatusBucket } from '../lib/list-rows';
import { useListView } from '../store/list-view';

/** Typing somewhere a key means text (a field, a terminal): `/` is a character there. */
function typingIn(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || !!el.closest('.xterm');
}

/** `/` (outside text fields) and Ctrl+K or ⌘K (outside terminals, where the shell owns it) focus the filter. */
export function useFilterShortcut(input: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingIn(e.target);
      const ctrlK =
        e.key.toLowerCase() === 'k' &&
        (e.ctrlKey || e.metaKey) &&
        !e.altKey &&
        !(e.target instanceof HTMLElement && e.target.closest('.xterm'));
      if (!slash && !ctrlK) return;
      if (document.querySelector('[role="dialog"]')) return; // a dialog holds the focus
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}

/** Status chips with their counts, the table toggle, sorting and grouping. */
export function ListToolbar({ counts }: { counts: Record<StatusBucket, number> }) {
  const t = useT();
  const { mode, sort, group, statuses, setMode, setSort, setGroup, toggleStatus } = useListView();
  return (
    <div className="list-tools">
      <div className="chips" role="group" aria-label={t('list.statusChips')}>
        {STATUS_BUCKETS.map((b) => (
          <button
            key={b}
            type="button"
            className={`chip ${b}${statuses.has(b) ? ' on' : ''}`}
            aria-pressed={statuses.has(b)}
            data-status={b}
            title={t('list.chipTitle', { n: counts[b], state: t(`list.chip.${b}`) })}
            onClick={() => toggleStatus(b)}
          >
            {t(`list.chip.${b}`)} <span className="cnt">{counts[b]}</span>
          </button>
        ))}
      </div>
      <div className="tools-row">
        <button
          type="button"
          className={`btn small${mode === 'table' ? ' on' : ''}`}
          aria-pressed={mode === 'table'}
          data-action="table-mode"
          title={t('list.tableTitle')}
          onClick={() => setMode(mode === 'table' ? 'cards' : 'table')}
        >
          {t('list.table')}
        </button>
        <label className="tool-select">
          <span className="sr-only">{t('list.sort')}</span>
          <select aria-label={t('list.sort')} data-testid="list-sort" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            {SORT_KEYS.map((k) => (
              <option key={k} value={k}>
                {t('list.sort')}: {t(`list.sort.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="tool-select">
          <span className="sr-only">{t('list.group')}</span>
          <select
            aria-label={t('list.group')}
            data-testid="list-group"
            value={group}
            onChange={(e) => setGroup(e.target.value as GroupKey)}
          >
            {GROUP_KEYS.map((k) => (
              <option key={k} value={k}>
                {k === 'none' ? t('list.group.none') : `${t('list.group')}: ${t(`list.group.${k}`)}`}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
