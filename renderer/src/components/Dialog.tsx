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
