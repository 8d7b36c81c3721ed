import { useEffect, useRef } from 'react';
import type { T } from '../i18n';
import { rovingIndex } from '../lib/roving-tabs';

export type TermAction = 'copy' | 'paste' | 'selectAll' | 'clear' | 'find';

/**
 * The terminal's right-click menu. It takes the focus when it opens (arrow keys move through it),
 * closes on Escape, on a click elsewhere or when the window loses focus, and gives the focus back
 * to the terminal after Escape or an action (refocus).
 */
export function TermMenu({
  at,
  onClose,
  refocus,
  t,
  actions,
  hasSelection,
}: {
  at: { x: number; y: number };
  onClose: () => void;
  refocus: () => void;
  t: T;
  actions: Record<TermAction, () => void>;
  hasSelection: boolean;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];

  useEffect(() => {
    items()[0]?.focus();
    const close = () => onClose();
    // In the capture phase: were the focus still in the terminal, its Escape must not reach the shell.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      onClose();
      refocus();
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('blur', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('blur', close);
    };
  }, [onClose, refocus]);

  const move = (e: React.KeyboardEvent) => {
    const list = items();
    const to = rovingIndex(e.key, list.indexOf(document.activeElement as HTMLButtonElement), list.length, 'vertical');
    if (to !== null) {
      e.preventDefault();
      list[to]?.focus();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      onClose();
      refocus();
    }
  };

  const item = (label: string, kbd: string, fn: () => void, disabled = false) => (
    <button
      type="button"
      role="menuitem"
      disabled={disabled}
      onMouseDown={(e) => e.stopPropagation()}
      onClick={() => {
        onClose();
        refocus();
        fn();
      }}
    >
      {label} <kbd>{kbd}</kbd>
    </button>
  );
  return (
    <div ref={menu} className="ctxmenu" role="menu" aria-label={t('term.menu')} style={{ left: at.x, top: at.y }} onKeyDown={move}>
      {item(t('term.copy'), 'Ctrl+Shift+C', actions.copy, !hasSelection)}
      {item(t('term.paste'), 'Ctrl+Shift+V', actions.paste)}
      {item(t('term.selectAll'), '', actions.selectAll)}
      {item(t('term.find'), 'Ctrl+Shift+F', actions.find)}
      {item(t('term.clear'), '', actions.clear)}
    </div>
  );
}
