import { useEffect, useState } from 'react';
import type { Container } from '../../../shared/model/container';
import type { Locale, T } from '../i18n';

/** The current time, again every `everyMs`: relative times stay true while the window is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "3 minutes ago", "3 phút trước": from a timestamp, at the moment it is drawn. */
export function ago(ms: number, now: number, locale: Locale): string {
  let v = Math.max(0, (now - ms) / 1000);
  for (const [unit, size] of STEPS) {
    if (v < size) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-Math.floor(v), unit);
    v /= size;
  }
  return '';
}

/** The state in words, with how long ago it began, as `docker ps` says it but never stale. */
export function describeContainer(c: Container, now: number, locale: Locale, t: T): string {
  const state = t(`state.${c.state}`);
  if ((c.state === 'running' || c.state === 'paused' || c.state === 'restarting') && c.startedAt) {
    return t('state.upAgo', { state, ago: ago(c.startedAt, now, locale) });
  }
  if ((c.state === 'exited' || c.state === 'dead') && c.finishedAt) {
    return t('state.exitedAgo', { state, code: c.exitCode ?? '?', ago: ago(c.finishedAt, now, locale) });
  }
  if (c.state === 'created') return t('state.createdAgo', { state, ago: ago(c.created * 1000, now, locale) });
  return state;
}
