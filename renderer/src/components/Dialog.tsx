import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  testId: string;
  /** Extra classes on the dialog (e.g. "narrow") and on its backdrop. */
  className?: string;
  backdropClassName?: string;
  /** Escape; and a click on the backdrop unless dismissOnBackdrop is false (a question that needs an answer). */
  onDismiss: () => void;
  dismissOnBackdrop?: boolean;
  onSubmit: () => void;
  footer: ReactNode;
  children: ReactNode;
}

/** The frame every modal shares: backdrop, a labelled form, head, body and footer buttons. */
export function Dialog({
  title,
  testId,
  className,
  backdropClassName,
  onDismiss,
  dismissOnBackdrop = true,
  onSubmit,
  footer,
  children,
}: DialogProps) {
  const form = useRef<HTMLFormElement>(null);
  // A modal takes the focus when it opens (its first field, so Escape and typing reach it) and
  // gives it back to what had it when it closes, as long as nothing else has taken it meanwhile.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const el = form.current;
    const body = el?.querySelector<HTMLElement>('.card-body');
    const first = body?.querySelector<HTMLElement>(
      'input:not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled)',
    );
    if (!el?.contains(document.activeElement)) (first ?? el)?.focus();
    return () => {
      const now = document.activeElement;
      if (before?.isConnected && (!now || now === document.body || el?.contains(now))) before.focus();
    };
  }, []);
  useEffect(() => {
    // Escape from within this dialog, or from nowhere in particular; not from another dialog's form.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const target = e.target as Node | null;
      if (target === document.body || !target || form.current?.contains(target)) {
        e.preventDefault();
        onDismiss();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onDismiss]);

  return (
    <div
      className={`backdrop${backdropClassName ? ` ${backdropClassName}` : ''}`}
      onMouseDown={(e) => dismissOnBackdrop && e.target === e.currentTarget && onDismiss()}
    >
      <form
        ref={form}
        className={`dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        tabIndex={-1}
        aria-label={title}
        data-testid={testId}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <div className="card-head">
          <h2>{title}</h2>
        </div>
        <div className="card-body">{children}</div>
        <div className="dialog-foot">{footer}</div>
      </form>
    </div>
  );
}
