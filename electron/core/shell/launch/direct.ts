import { nsenterArgv } from '../../nsenter/argv.js';
import { shellEnv } from '../plan.js';
import type { ShellPlan } from '../planner.js';
import { ProcessSession } from '../process-session.js';
import { PtySession } from '../pty-session.js';
import type { LaunchContext, LaunchedSession } from './context.js';

/** The direct backend: the host's nsenter in a local pty (or pipes without a terminal). */
export function launchDirect(ctx: LaunchContext, pid: number, plan: ShellPlan): LaunchedSession {
  const { user } = plan;
  const argv = nsenterArgv({
    pid,
    enter: plan.enter,
    argv: plan.program,
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    ...(ctx.cwd ? { cwd: ctx.cwd } : {}),
  });
  const env = shellEnv(user?.home);
  return ctx.tty
    ? new PtySession(ctx.id, ctx.sink, { argv, env, cols: ctx.cols, rows: ctx.rows }, ctx.flow)
    : new ProcessSession(ctx.id, ctx.sink, argv, env, ctx.flow);
}
