import type Docker from 'dockerode';
import type { DockerHelper } from '../../access/docker-helper.js';
import { ExecSession } from '../exec-session.js';
import { shellEnv } from '../plan.js';
import type { ShellPlan } from '../planner.js';
import type { LaunchContext, LaunchedSession } from './context.js';

/** Fixed sh line: size the TTY, then run the argv given as arguments. */
const SIZED = 'stty rows "$1" cols "$2" 2>/dev/null; shift 2; exec "$@"';

/** The docker-helper backend: a TTY exec of nsenter in the helper container. */
export function launchDockerHelper(
  ctx: LaunchContext,
  docker: Docker,
  helper: DockerHelper,
  pid: number,
  plan: ShellPlan,
): Promise<LaunchedSession> {
  const { user } = plan;
  const argv = helper.nsenter(pid, plan.enter, plan.program, {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    ...(ctx.cwd ? { cwd: ctx.cwd } : {}),
  });
  return ExecSession.open(
    ctx.id,
    ctx.sink,
    docker,
    // The engine (API < 1.42) sizes an exec's TTY only after it starts; sized here before nsenter runs.
    {
      containerId: helper.containerId,
      cmd: ctx.tty ? ['sh', '-c', SIZED, 'sh', String(ctx.rows), String(ctx.cols), ...argv] : argv,
      env: shellEnv(user?.home),
      tty: ctx.tty,
      cols: ctx.cols,
      rows: ctx.rows,
      where: `the helper container ${helper.name}`,
    },
    (p) => helper.killTree(p),
    ctx.flow,
  );
}
