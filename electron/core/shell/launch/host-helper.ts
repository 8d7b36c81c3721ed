import type { NotEntered, Restriction, ShellConfinement } from '../../../../shared/api/shell.js';
import type { NsType } from '../../../../shared/model/index.js';
import type { HostHelperClient } from '../../access/host-helper/client.js';
import { HelperSession } from '../helper-session.js';
import type { LaunchContext, LaunchedSession } from './context.js';

export interface HostHelperShell {
  command?: string[];
  user?: string;
  namespaces: NsType[];
  unconfined: boolean;
  /** The engine socket the client uses, for the helper to ask (and check) instead of the system's. */
  engine?: string;
}

/** What the helper planned (it plans again itself: the client's plan is not trusted). */
export interface HostHelperPlan {
  namespaces: NsType[];
  notEntered: NotEntered[];
  confinement: ShellConfinement;
  missing: Restriction[];
  command: string[];
}

/** The host-helper backend: one channel of the root helper's protocol. */
export async function launchHostHelper(
  ctx: LaunchContext,
  client: HostHelperClient,
  container: { id: string; pid: number },
  shell: HostHelperShell,
): Promise<{ session: LaunchedSession; plan: HostHelperPlan }> {
  const r = (await client.request('shell.open', {
    container: container.id,
    namespaces: shell.namespaces,
    command: shell.command,
    cwd: ctx.cwd,
    user: shell.user,
    unconfined: shell.unconfined,
    cols: ctx.cols,
    rows: ctx.rows,
    tty: ctx.tty,
    pid: container.pid,
    ...(shell.engine ? { engine: shell.engine } : {}),
  })) as { ch: number } & HostHelperPlan;
  const { ch, namespaces, notEntered, confinement, missing, command } = r;
  return {
    session: new HelperSession(ctx.id, ctx.sink, client, ch, ctx.flow),
    plan: { namespaces, notEntered, confinement, missing, command },
  };
}
