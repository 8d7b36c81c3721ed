import type { ShellSession } from '../../../shared/api/shell';
import type { Container } from '../../../shared/model/container';
import { NS_TYPES, type NsType } from '../../../shared/model/nstype';
import type { MessageKey, T } from '../i18n';

/** What a shell runs with, in the reader's language (the CLI's banner says the same in English). */
export function confinementText(t: T, s: Pick<ShellSession, 'confinement' | 'namespaces' | 'missing'>): string {
  switch (s.confinement) {
    case 'container':
      return t('term.confinement.container');
    case 'host-root':
      return s.namespaces.length
        ? t('term.confinement.host-root', { namespaces: s.namespaces.join(', ') })
        : t('term.confinement.host-root.none');
    case 'unconfined':
      return t('term.confinement.unconfined', {
        missing: s.missing.length ? s.missing.map((m) => t(`term.missing.${m}` as MessageKey)).join(', ') : t('term.missing.all'),
      });
  }
}

/** A tab's tooltip: the program, the backend, what it runs with and what was not entered. */
export function tabTooltip(t: T, s: ShellSession): string {
  return [
    `${s.command.join(' ')} (${s.access})`,
    confinementText(t, s),
    ...(s.notEntered.length ? [t('term.notEntered', { types: s.notEntered.map((n) => n.type).join(', ') })] : []),
  ].join('\n');
}

/**
 * The container's own namespaces as its engine modes tell them (the dialog has no inodes of the
 * host): a guess for the dialog's notes only; the planner decides from the inodes.
 */
export function ownNamespacesOf(c: Pick<Container, 'modes'>): NsType[] {
  const own: Record<NsType, boolean> = {
    mnt: true,
    net: c.modes.network !== 'host',
    pid: c.modes.pid !== 'host',
    ipc: c.modes.ipc !== 'host',
    uts: c.modes.uts !== 'host',
    cgroup: c.modes.cgroupns === 'private',
    user: c.modes.userns !== 'host' && c.modes.userns !== '',
    // Docker gives no container a time namespace of its own.
    time: false,
  };
  return NS_TYPES.filter((t) => own[t]);
}
