import type { ISearchOptions, SearchAddon } from '@xterm/addon-search';
import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { isDark } from '../store/ui';

/** Matches highlighted (the addon reports results only with decorations), in #RRGGBB as it requires. */
function searchOptions(incremental: boolean): ISearchOptions {
  const dark = isDark();
  return {
    incremental,
    decorations: {
      matchBackground: dark ? '#5b4a12' : '#fde68a',
      matchOverviewRuler: '#d4a017',
      activeMatchBackground: dark ? '#b45309' : '#f59e0b',
      activeMatchColorOverviewRuler: '#b45309',
    },
  };
}

/** The terminal's find bar: the term, previous/next, and where the current match is ("3 of 12"). */
export function FindBar({ search, onClose }: { search: SearchAddon | null; onClose: () => void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ index: number; count: number } | null>(null);

  useEffect(() => {
    if (!search) return;
    const sub = search.onDidChangeResults(({ resultIndex, resultCount }) => setResults({ index: resultIndex, count: resultCount }));
    return () => {
      sub.dispose();
      search.clearDecorations();
    };
  }, [search]);

  const next = (q = query) => {
    if (q) search?.findNext(q, searchOptions(false));
  };
  const previous = () => {
    if (query) search?.findPrevious(query, searchOptions(false));
  };

  const where =
    !query || !results
      ? ''
      : results.count === 0
        ? t('term.findNone')
        : results.index < 0
          ? t('term.findMore', { count: results.count })
          : t('term.findCount', { index: results.index + 1, count: results.count });

  return (
    <div className="term-tools findbar">
      <input
        className="input"
        autoFocus
        placeholder={t('term.find')}
        aria-label={t('term.find')}
        value={query}
        onChange={(e) => {
          const q = e.target.value;
          setQuery(q);
          if (q) search?.findNext(q, searchOptions(true));
          else {
            search?.clearDecorations();
            setResults(null);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.shiftKey) previous();
          else if (e.key === 'Enter') next();
          else if (e.key === 'Escape') onClose();
        }}
      />
      <span className="muted small mono" data-testid="find-count" aria-live="polite">
        {where}
      </span>
      <button type="button" className="btn small" onClick={previous}>
        ↑ {t('term.findPrev')}
      </button>
      <button type="button" className="btn small" onClick={() => next()}>
        ↓ {t('term.findNext')}
      </button>
      <button type="button" className="btn small ghost" aria-label={t('term.close')} onClick={onClose}>
        ✕
      </button>
    </div>
  );
}
