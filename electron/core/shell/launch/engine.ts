import type Docker from 'dockerode';
import { ExecSession, type ExecKiller } from '../exec-session.js';
import type { LaunchContext, LaunchedSession } from './context.js';

/**
 * The engine's exec in the target container: the program gets the container's capabilities,
 * seccomp filter, cgroups, user namespace, LSM label and no_new_privs exactly as with
 * `docker exec`, whichever access backend planned it. user: as docker exec takes it (the
 * container's configured user when absent).
 */
export function launchEngineExec(ctx: LaunchContext, docker: Docker, containerId: string, cmd: string[], user: string | undefined, killer: ExecKiller): Promise<LaunchedSession> {
  return ExecSession.open(
    ctx.id, ctx.sink, docker,
    { containerId, cmd, env: { TERM: 'xterm-256color' }, tty: ctx.tty, cols: ctx.cols, rows: ctx.rows, ...(user ? { user } : {}), ...(ctx.cwd ? { workingDir: ctx.cwd } : {}) },
    killer, ctx.flow,
  );
}
