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
  return <div className="note">{t('cmp.sameNs', { type, what: t(`ns.${type}` as 'ns.net').toLowerCase() })}</div>;
}

export function DiffSummary({ d }: { d: ListDiff }) {
  const t = useT();
  const n = d.onlyA.length + d.onlyB.length + d.changed.length;
  return <span className={`tag ${n ? 'warn' : 'ok'}`}>{n ? t('cmp.diffCount', { n }) : t('cmp.noDiff')}</span>;
}
