import type Docker from 'dockerode';
import { fail, NsInspectError } from '../../errors.js';
import { ExecSession, type ExecKiller } from '../exec-session.js';
import type { LaunchContext, LaunchedSession } from './context.js';

/**
 * The engine's exec in the target container: the program gets the container's capabilities,
 * seccomp filter, cgroups, user namespace, LSM label and no_new_privs exactly as with
 * `docker exec`, whichever access backend planned it. user: as docker exec takes it (the
 * container's configured user when absent).
 */
export async function launchEngineExec(
  ctx: LaunchContext,
  docker: Docker,
  container: { id: string; name: string },
  cmd: string[],
  user: string | undefined,
  killer: ExecKiller,
): Promise<LaunchedSession> {
  try {
    return await ExecSession.open(
      ctx.id,
      ctx.sink,
      docker,
      {
        containerId: container.id,
        where: `container ${container.name}`,
        cmd,
        env: { TERM: 'xterm-256color' },
        tty: ctx.tty,
        cols: ctx.cols,
        rows: ctx.rows,
        ...(user ? { user } : {}),
        ...(ctx.cwd ? { workingDir: ctx.cwd } : {}),
      },
      killer,
      ctx.flow,
    );
  } catch (e) {
    // A deadline passed: its message names the container and the hint says what to do.
    if (e instanceof NsInspectError) throw e;
    // The engine's own refusals (a paused container, an unknown user) are the user's to act on.
    const msg = ((e as { json?: { message?: string } }).json?.message ?? (e as Error).message ?? String(e)).split('\n')[0];
    throw fail('shell.engine-refused', { program: cmd[0] ?? '', container: container.name, detail: msg ?? '' });
  }
}
