import type { ReactElement } from 'react';
import type { ContainerAction } from '../../../shared/model/actions';

/** Drawn, not typed: symbols like ⏻ or ⏹ are missing from many system fonts. */
const PATHS: Record<ContainerAction, ReactElement> = {
  start: <path d="M5 3.5v9l7-4.5z" fill="currentColor" stroke="none" />,
  stop: <rect x="4" y="4" width="8" height="8" rx="1" fill="currentColor" stroke="none" />,
  restart: (
    <>
      <path d="M12.5 8a4.5 4.5 0 1 1-1.3-3.2" />
      <path d="M12.5 2.8v2.4h-2.4" />
    </>
  ),
  remove: (
    <>
      <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5" />
      <path d="M7 7v4M9 7v4" />
    </>
  ),
};

export function ActionIcon({ action }: { action: ContainerAction }) {
  return (
    <svg
      className="action-ico"
      viewBox="0 0 16 16"
      width="13"
      height="13"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      {PATHS[action]}
    </svg>
  );
}
