import { useState, type ReactNode } from 'react';
import type { ApiError } from '../../../shared/api/contract';
import type { Problem } from '../../../shared/model/problem';
import { useT } from '../i18n';
import { useTell, type Told } from '../i18n/errors';
import { copyText } from '../lib/clipboard';
import { inodeColor } from '../lib/palette';

/** Copies a value on demand, and says so for a moment (copyText reports failure as false). */
function useCopy(): [boolean, (value: string) => void] {
  const [copied, setCopied] = useState(false);
  const copy = (value: string) => {
    void copyText(value).then((ok) => {
      if (!ok) return;
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    });
  };
  return [copied, copy];
}

/** An inode in its namespace colour (and pattern, past the palette's hues); a click copies it. */
export function InodeChip({
  inode,
  color,
  title,
  pattern = 0,
  host = false,
}: {
  inode: number | null | undefined;
  color?: string | undefined;
  title?: string | undefined;
  pattern?: number;
  host?: boolean;
}) {
  const t = useT();
  const [copied, copy] = useCopy();
  if (inode == null) return <span className="tag">?</span>;
  return (
    <button
      type="button"
      className={`inode${copied ? ' copied' : ''}${pattern ? ` ns-pat-${pattern}` : ''}${host ? ' host' : ''}`}
      style={{ background: color ?? inodeColor(inode) }}
      title={title ?? t('common.copy', { what: String(inode) })}
      data-inode={inode}
      onClick={() => copy(String(inode))}
    >
      {inode}
    </button>
  );
}

/** A small button that copies a value (an ID, a path). */
export function CopyButton({ value, label }: { value: string; label?: string }) {
  const t = useT();
  const [copied, copy] = useCopy();
  return (
    <button
      type="button"
      className="btn small ghost"
      title={t('common.copy', { what: label ?? value })}
      aria-label={t('common.copy', { what: label ?? value })}
      onClick={() => copy(value)}
    >
      {copied ? (
        '✓'
      ) : (
        <svg className="copy-ico" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden>
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h1" />
        </svg>
      )}
    </button>
  );
}

export function Loading({ text }: { text: string }) {
  return (
    <div className="loading" role="status">
      <div className="spinner" />
      {text}
    </div>
  );
}

export function ErrorBox({
  error,
  onRetry,
  prefix,
  hideHint,
}: {
  error: ApiError | Problem;
  onRetry?: (() => void) | undefined;
  /** Said before the message ("Settings are unavailable: …"). */
  prefix?: string | undefined;
  /** The view says what to do already, in its own words. */
  hideHint?: boolean | undefined;
}) {
  const t = useT();
  const told = useTell()(error);
  return (
    <div className="errorbox" role="alert" data-code={error.code} data-id={error.id ?? ''}>
      <div className="msg">
        {prefix ? `${prefix}: ` : ''}
        <Inline text={told.message} />
      </div>
      {told.hint && !hideHint && (
        <div className="hint">
          {t('common.hint')}: <Inline text={told.hint} />
        </div>
      )}
      <ErrorDetail told={told} />
      {onRetry && (
        <div style={{ marginTop: 8 }}>
          <button type="button" className="btn small" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </div>
      )}
    </div>
  );
}

/** The untranslated detail of an error (the OS's or the engine's words), folded away. */
export function ErrorDetail({ told }: { told: Told }) {
  const t = useT();
  if (!told.detail) return null;
  return (
    <details className="err-detail">
      <summary>{t('err.detail')}</summary>
      <code lang="en">{told.detail}</code>
    </details>
  );
}

/** Text whose `backticked` parts are commands: shown as code, without the backticks. */
export function Inline({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd count of backticks leaves the last one unpaired: then show the text as it is.
  if (parts.length % 2 === 0) return <span>{text}</span>;
  return parts.length === 1 ? <span>{text}</span> : <span>{parts.map((p, i) => (i % 2 ? <code key={i}>{p}</code> : p))}</span>;
}

export function EmptyState({ icon, title, children }: { icon: ReactNode; title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <div className="big" aria-hidden>
        {icon}
      </div>
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function SideBadge({ side }: { side: 'a' | 'b' | 'h' }) {
  return <span className={`side-badge ${side}`}>{side === 'h' ? 'H' : side.toUpperCase()}</span>;
}
