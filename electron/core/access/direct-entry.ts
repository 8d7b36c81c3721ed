import { readlinkSync } from 'node:fs';
import type { NsType } from '../../../shared/model/index.js';

/**
 * Which of a process's namespaces this process must enter to run a probe command there itself.
 *
 * A namespace it already is in is left out: entering it changes nothing, yet needs the
 * capability over it (a rootless user cannot re-enter the host's cgroup namespace), and when
 * nothing is left the program runs without nsenter at all (the host's own interfaces).
 *
 * Without root, the target's user namespace (one the user owns: a rootless engine's) comes first,
 * and with --preserve-credentials: its capabilities are what let the user enter the net, uts and
 * ipc namespaces it owns, and the user keeps its own uid instead of becoming that namespace's root.
 */
export function directEntry(pid: number, asked: readonly NsType[]): { enter: NsType[]; preserveCredentials: boolean } {
  const link = (p: number | 'self', t: NsType): string | null => {
    try {
      return readlinkSync(`/proc/${p}/ns/${t}`);
    } catch {
      return null;
    }
  };
  // Unreadable links are entered all the same: nsenter then says why it could not.
  const enter = asked.filter((t) => {
    const theirs = link(pid, t);
    return theirs === null || theirs !== link('self', t);
  });
  const root = process.getuid?.() === 0;
  if (root || !enter.length || enter.includes('user')) return { enter, preserveCredentials: false };
  const user = link(pid, 'user');
  if (user === null || user === link('self', 'user')) return { enter, preserveCredentials: false };
  return { enter: ['user', ...enter], preserveCredentials: true };
}
