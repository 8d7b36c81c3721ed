import { NS_TYPES, type NsType } from '../model/nstype.js';
import type { NotEntered, ShellConfinement } from './shell.js';

/**
 * How a shell is run, decided from the namespaces asked for and the ones the container has of
 * its own (D, those whose inode differs from the host's); the same rule for the planner and for
 * the Open-terminal dialog's notes:
 * - the container's filesystem and all of D: the engine's exec, which confines the program as
 *   `docker exec` does (nothing nsinspect could apply by hand would be as complete);
 * - the container's filesystem with some of the host's namespaces: no launcher can confine that
 *   like the container, so it is refused unless the user opted in (unconfined);
 * - no mount namespace: the host's program with nsinspect's privileges, said as such.
 */
export interface ShellRoute {
  route: 'engine' | 'nsenter';
  confinement: ShellConfinement;
  /** The namespaces entered that differ from the host's (for the engine: all of D). */
  enter: NsType[];
  notEntered: NotEntered[];
  /** D: the container's own namespaces. */
  own: NsType[];
  /** Partial with the container's filesystem, and not opted in. */
  refused: boolean;
}

export function routeFor(asked: readonly NsType[], own: readonly NsType[], unconfined: boolean): ShellRoute {
  // A remapped container's root is not the host's root: its user namespace always comes along.
  const wanted = new Set<NsType>(asked);
  if (own.includes('user')) wanted.add('user');
  const enter = NS_TYPES.filter((t) => wanted.has(t) && own.includes(t));
  const notEntered = NS_TYPES.filter((t) => wanted.has(t) && !own.includes(t)).map((type): NotEntered => ({
    type,
    why: 'shared-with-host',
  }));
  const base = { enter, notEntered, own: [...own] };
  if (!enter.includes('mnt')) return { ...base, route: 'nsenter', confinement: 'host-root', refused: false };
  if (own.every((t) => enter.includes(t))) return { ...base, route: 'engine', confinement: 'container', refused: false };
  return { ...base, route: 'nsenter', confinement: 'unconfined', refused: !unconfined };
}

/**
 * The same where the engine has no exec nsinspect can use (containerd): a whole-container shell
 * cannot be confined by the engine either, so it is what a partial one is, refused unless unconfined.
 */
export function withoutEngineExec(r: ShellRoute, unconfined: boolean): ShellRoute {
  return r.route === 'engine' ? { ...r, route: 'nsenter', confinement: 'unconfined', refused: !unconfined } : r;
}
