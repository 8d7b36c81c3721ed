import type { ReactNode } from 'react';
import type { ListDiff } from '../../../../shared/model/comparison';
import { isFailed, type Section } from '../../../../shared/model/problem';
import { ErrorBox, SideBadge } from '../../components/common';
import { useT } from '../../i18n';
import type { Names } from './Matrix';

export type PaneProps = {
  c: import('../../../../shared/model/comparison').Comparison;
  names: Names;
  shared: boolean | null;
};

/** Two columns, A and B, each with its title. */
export function Sides({ names, a, b }: { names: Names; a: ReactNode; b: ReactNode }) {
  return (
    <div className="sides">
      <div className="side" data-side="a">
        <div className="side-title">
          <SideBadge side="a" /> {names.a}
        </div>
        {a}
      </div>
      <div className="side" data-side="b">
        <div className="side-title">
          <SideBadge side={names.b === 'host' ? 'h' : 'b'} /> {names.b}
        </div>
        {b}
      </div>
    </div>
  );
}

/** A section's data, or why it could not be read. */
export function SectionOr<T>({ s, children }: { s: Section<T>; children: (v: T) => ReactNode }) {
  if (isFailed(s)) return <ErrorBox error={s.error} />;
  return <>{children(s)}</>;
}

/** The row class for a label on side A or B, from the engine's diff. */
export function diffClass(d: ListDiff, side: 'a' | 'b', label: string): string {
  if (side === 'a' && d.onlyA.includes(label)) return 'only-a';
  if (side === 'b' && d.onlyB.includes(label)) return 'only-b';
  if (d.changed.includes(label)) return 'changed';
  return '';
}

export function SharedNote({ shared, type }: { shared: boolean | null; type: string }) {
  const t = useT();
  if (!shared) return null;
  // The description keeps its own capitals: "System V IPC" is a name, not a phrase.
  return <div className="note">{t('cmp.sameNs', { type, what: t(`ns.${type}` as 'ns.net') })}</div>;
}

/**
 * What the pane compares is the contents (interfaces, processes, mounts…), not the
 * namespaces: two isolated namespaces may hold the same things, and the badge says so
 * rather than "no differences" next to a matrix that says "isolated".
 */
export function DiffSummary({ d, shared }: { d: ListDiff; shared: boolean | null }) {
  const t = useT();
  const n = d.onlyA.length + d.onlyB.length + d.changed.length;
  if (d.unreadable)
    return (
      <span className="tag bad" data-diff="unreadable">
        {t('cmp.contentsUnreadable')}
      </span>
    );
  if (n)
    return (
      <span className="tag warn" data-diff="differ">
        {t('cmp.contentsDiffer', { n })}
      </span>
    );
  if (shared)
    return (
      <span className="tag ok" data-diff="same-ns">
        {t('cmp.contentsSameNs')}
      </span>
    );
  return (
    <span className="tag accent" data-diff="equal">
      {t('cmp.contentsEqual')}
    </span>
  );
}
